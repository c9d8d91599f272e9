-- schemaforge migration 0001_init (sqlite, up)

-- create table mailboxes
CREATE TABLE IF NOT EXISTS mailboxes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  address TEXT NOT NULL,
  display_name TEXT,
  sent_count INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT uq_mailboxes_address UNIQUE (address)
);

-- create table email_deliveries
CREATE TABLE IF NOT EXISTS email_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  mailbox_id INTEGER NOT NULL,
  subject TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued',
  attempt_count INTEGER NOT NULL DEFAULT 0,
  run_at TEXT,
  claimed_at TEXT,
  delivered_at TEXT,
  failure_reason TEXT,
  CONSTRAINT ck_email_deliveries_state CHECK (state IN ('queued', 'sending', 'delivered', 'bounced')),
  CONSTRAINT fk_email_deliveries_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailboxes (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS idx_email_deliveries_claim ON email_deliveries (state, run_at);

-- create views mailboxes
CREATE VIEW IF NOT EXISTS vw_mailboxes AS
SELECT
  id,
  address,
  display_name,
  sent_count
FROM mailboxes;

-- create views email_deliveries
CREATE VIEW IF NOT EXISTS vw_email_deliveries AS
SELECT
  id,
  mailbox_id,
  subject,
  state,
  attempt_count,
  run_at,
  claimed_at,
  delivered_at,
  failure_reason,
  (state = 'delivered') AS is_delivered,
  (state = 'sending') AS is_sending,
  (state = 'bounced') AS is_bounced
FROM email_deliveries;

CREATE VIEW IF NOT EXISTS vw_email_deliveries_status AS
SELECT
  s.status AS state,
  COUNT(t.state) AS jobs,
  MIN(t.run_at) AS oldest_scheduled_at,
  AVG((julianday(t.delivered_at) - julianday(t.claimed_at)) * 86400.0) AS avg_run_seconds
FROM (
  SELECT 'queued' AS status
  UNION ALL SELECT 'sending' AS status
  UNION ALL SELECT 'delivered' AS status
  UNION ALL SELECT 'bounced' AS status
) AS s
LEFT JOIN email_deliveries AS t ON t.state = s.status
GROUP BY s.status;

