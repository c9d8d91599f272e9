-- schemaforge migration 0001_init (mysql, up)

-- create table mailboxes
CREATE TABLE IF NOT EXISTS mailboxes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Surrogate primary key.',
  address VARCHAR(320) NOT NULL COMMENT 'The address mail is sent to.',
  display_name VARCHAR(100) COMMENT 'Shown beside the address.',
  sent_count INT NOT NULL DEFAULT 0 COMMENT 'Deliveries made, counted by the worker in the delivery''s own transaction.',
  PRIMARY KEY (id),
  UNIQUE KEY uq_mailboxes_address (address)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Where deliveries go.';

-- create table email_deliveries
CREATE TABLE IF NOT EXISTS email_deliveries (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  mailbox_id BIGINT UNSIGNED NOT NULL,
  subject VARCHAR(200) NOT NULL,
  state ENUM('queued','sending','delivered','bounced') NOT NULL DEFAULT 'queued',
  attempt_count INT NOT NULL DEFAULT 0,
  run_at DATETIME(6),
  claimed_at DATETIME(6),
  delivered_at DATETIME(6),
  failure_reason TEXT,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='One email to send to a mailbox.';
-- MySQL 8.0 has no CREATE INDEX IF NOT EXISTS: apply this file once, to a
-- database created from 001_tables.sql (or let `schemaforge migrate` do it).
CREATE INDEX idx_email_deliveries_claim ON email_deliveries (state, run_at);

-- add foreign key email_deliveries.fk_email_deliveries_mailbox
ALTER TABLE email_deliveries ADD CONSTRAINT fk_email_deliveries_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailboxes (id) ON DELETE CASCADE;

-- create views mailboxes
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_mailboxes AS
SELECT
  id,
  address,
  display_name,
  sent_count
FROM mailboxes;

-- create views email_deliveries
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_email_deliveries AS
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

CREATE OR REPLACE ALGORITHM=TEMPTABLE SQL SECURITY INVOKER VIEW vw_email_deliveries_status AS
SELECT
  s.status AS state,
  COUNT(t.state) AS jobs,
  MIN(t.run_at) AS oldest_scheduled_at,
  AVG(TIMESTAMPDIFF(MICROSECOND, t.claimed_at, t.delivered_at) / 1000000) AS avg_run_seconds
FROM (
  SELECT 'queued' AS status
  UNION ALL SELECT 'sending' AS status
  UNION ALL SELECT 'delivered' AS status
  UNION ALL SELECT 'bounced' AS status
) AS s
LEFT JOIN email_deliveries AS t ON t.state = s.status
GROUP BY s.status;

