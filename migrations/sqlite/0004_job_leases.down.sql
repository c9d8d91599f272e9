-- schemaforge migration 0004_job_leases (sqlite, down)
-- WARNING: this down migration cannot restore data the up migration created or changed
-- (see DESTRUCTIVE below); take a backup before running it.

-- drop views rewrap_jobs
DROP VIEW IF EXISTS vw_rewrap_jobs;
DROP VIEW IF EXISTS vw_rewrap_jobs_status;

-- drop views deletion_jobs
DROP VIEW IF EXISTS vw_deletion_jobs;
DROP VIEW IF EXISTS vw_deletion_jobs_status;

-- drop views pq_migration_jobs
DROP VIEW IF EXISTS vw_pq_migration_jobs;
DROP VIEW IF EXISTS vw_pq_migration_jobs_status;
DROP VIEW IF EXISTS vw_pq_migration_jobs_metrics;

-- rebuild table rewrap_jobs (drop column rewrap_jobs.locked_until)
-- DESTRUCTIVE: drops column rewrap_jobs.locked_until and its data
CREATE TABLE IF NOT EXISTS _sf_new_rewrap_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  finished_at TEXT,
  key_wrapper_id INTEGER NOT NULL,
  last_error TEXT,
  scheduled_at TEXT,
  started_at TEXT,
  status TEXT NOT NULL DEFAULT 'pending',
  target_kms1_key_id INTEGER,
  target_kms2_key_id INTEGER,
  CONSTRAINT ck__sf_new_rewrap_jobs_status CHECK (status IN ('pending', 'running', 'done', 'failed')),
  CONSTRAINT fk_rewrap_kw FOREIGN KEY (key_wrapper_id) REFERENCES key_wrappers (id) ON DELETE CASCADE,
  CONSTRAINT fk_rewrap_tk1 FOREIGN KEY (target_kms1_key_id) REFERENCES kms_keys (id) ON DELETE SET NULL,
  CONSTRAINT fk_rewrap_tk2 FOREIGN KEY (target_kms2_key_id) REFERENCES kms_keys (id) ON DELETE SET NULL
);
INSERT INTO _sf_new_rewrap_jobs (id, attempts, created_at, finished_at, key_wrapper_id, last_error, scheduled_at, started_at, status, target_kms1_key_id, target_kms2_key_id) SELECT id, attempts, created_at, finished_at, key_wrapper_id, last_error, scheduled_at, started_at, status, target_kms1_key_id, target_kms2_key_id FROM rewrap_jobs;
DROP TABLE rewrap_jobs;
ALTER TABLE _sf_new_rewrap_jobs RENAME TO rewrap_jobs;
CREATE INDEX IF NOT EXISTS idx_rewrap_kw ON rewrap_jobs (key_wrapper_id);
CREATE INDEX IF NOT EXISTS idx_rewrap_status_sched ON rewrap_jobs (status, scheduled_at);

-- rebuild table deletion_jobs (drop column deletion_jobs.locked_until)
-- DESTRUCTIVE: drops column deletion_jobs.locked_until and its data
CREATE TABLE IF NOT EXISTS _sf_new_deletion_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  created_by INTEGER,
  entity_pk TEXT NOT NULL,
  entity_table TEXT NOT NULL,
  error TEXT,
  finished_at TEXT,
  hard_delete INTEGER NOT NULL DEFAULT 0,
  reason TEXT,
  scheduled_at TEXT,
  started_at TEXT,
  status TEXT NOT NULL DEFAULT 'pending',
  CONSTRAINT uq_deletion_jobs UNIQUE (entity_table, entity_pk),
  CONSTRAINT ck__sf_new_deletion_jobs_hard_delete CHECK (hard_delete IN (0, 1)),
  CONSTRAINT ck__sf_new_deletion_jobs_status CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
  CONSTRAINT fk_dj_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
);
INSERT INTO _sf_new_deletion_jobs (id, created_at, created_by, entity_pk, entity_table, error, finished_at, hard_delete, reason, scheduled_at, started_at, status) SELECT id, created_at, created_by, entity_pk, entity_table, error, finished_at, hard_delete, reason, scheduled_at, started_at, status FROM deletion_jobs;
DROP TABLE deletion_jobs;
ALTER TABLE _sf_new_deletion_jobs RENAME TO deletion_jobs;
CREATE INDEX IF NOT EXISTS idx_dj_status_sched ON deletion_jobs (status, scheduled_at);

-- rebuild table pq_migration_jobs (drop column pq_migration_jobs.locked_until)
-- DESTRUCTIVE: drops column pq_migration_jobs.locked_until and its data
CREATE TABLE IF NOT EXISTS _sf_new_pq_migration_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  scope TEXT NOT NULL,
  target_policy_id INTEGER,
  target_algo_id INTEGER,
  selection TEXT,
  scheduled_at TEXT,
  started_at TEXT,
  finished_at TEXT,
  status TEXT NOT NULL DEFAULT 'pending',
  processed_count INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_by INTEGER,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  CONSTRAINT ck__sf_new_pq_migration_jobs_scope CHECK (scope IN ('hashes', 'wrappers', 'signatures')),
  CONSTRAINT ck__sf_new_pq_migration_jobs_selection CHECK (selection IS NULL OR json_valid(selection)),
  CONSTRAINT ck__sf_new_pq_migration_jobs_status CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
  CONSTRAINT fk_pq_mig_algo FOREIGN KEY (target_algo_id) REFERENCES crypto_algorithms (id) ON DELETE SET NULL,
  CONSTRAINT fk_pq_mig_policy FOREIGN KEY (target_policy_id) REFERENCES encryption_policies (id) ON DELETE SET NULL,
  CONSTRAINT fk_pq_mig_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
);
INSERT INTO _sf_new_pq_migration_jobs (id, scope, target_policy_id, target_algo_id, selection, scheduled_at, started_at, finished_at, status, processed_count, error, created_by, created_at) SELECT id, scope, target_policy_id, target_algo_id, selection, scheduled_at, started_at, finished_at, status, processed_count, error, created_by, created_at FROM pq_migration_jobs;
DROP TABLE pq_migration_jobs;
ALTER TABLE _sf_new_pq_migration_jobs RENAME TO pq_migration_jobs;
CREATE INDEX IF NOT EXISTS idx_pq_mig_status_sched ON pq_migration_jobs (status, scheduled_at);

-- create views rewrap_jobs
CREATE VIEW IF NOT EXISTS vw_rewrap_jobs AS
SELECT
  id,
  attempts,
  created_at,
  finished_at,
  key_wrapper_id,
  last_error,
  scheduled_at,
  started_at,
  status,
  target_kms1_key_id,
  target_kms2_key_id,
  (status = 'done') AS is_done,
  (status = 'running') AS is_running,
  (status = 'failed') AS is_failed
FROM rewrap_jobs;

CREATE VIEW IF NOT EXISTS vw_rewrap_jobs_status AS
SELECT
  s.status AS status,
  COUNT(t.status) AS jobs,
  MIN(t.scheduled_at) AS oldest_scheduled_at,
  AVG((julianday(t.finished_at) - julianday(t.started_at)) * 86400.0) AS avg_run_seconds
FROM (
  SELECT 'pending' AS status
  UNION ALL SELECT 'running' AS status
  UNION ALL SELECT 'done' AS status
  UNION ALL SELECT 'failed' AS status
) AS s
LEFT JOIN rewrap_jobs AS t ON t.status = s.status
GROUP BY s.status;

-- create views deletion_jobs
CREATE VIEW IF NOT EXISTS vw_deletion_jobs AS
SELECT
  id,
  created_at,
  created_by,
  entity_pk,
  entity_table,
  error,
  finished_at,
  hard_delete,
  reason,
  scheduled_at,
  started_at,
  status,
  (status = 'done') AS is_done,
  (status = 'running') AS is_running,
  (status = 'failed') AS is_failed
FROM deletion_jobs;

CREATE VIEW IF NOT EXISTS vw_deletion_jobs_status AS
SELECT
  s.status AS status,
  COUNT(t.status) AS jobs,
  MIN(t.scheduled_at) AS oldest_scheduled_at,
  AVG((julianday(t.finished_at) - julianday(t.started_at)) * 86400.0) AS avg_run_seconds
FROM (
  SELECT 'pending' AS status
  UNION ALL SELECT 'running' AS status
  UNION ALL SELECT 'done' AS status
  UNION ALL SELECT 'failed' AS status
  UNION ALL SELECT 'cancelled' AS status
) AS s
LEFT JOIN deletion_jobs AS t ON t.status = s.status
GROUP BY s.status;

-- create views pq_migration_jobs
CREATE VIEW IF NOT EXISTS vw_pq_migration_jobs AS
SELECT
  id,
  scope,
  target_policy_id,
  target_algo_id,
  selection,
  scheduled_at,
  started_at,
  finished_at,
  status,
  processed_count,
  error,
  created_by,
  created_at,
  (status = 'done') AS is_done,
  (status = 'running') AS is_running,
  (status = 'failed') AS is_failed
FROM pq_migration_jobs;

CREATE VIEW IF NOT EXISTS vw_pq_migration_jobs_status AS
SELECT
  s.status AS status,
  COUNT(t.status) AS jobs,
  MIN(t.scheduled_at) AS oldest_scheduled_at,
  AVG((julianday(t.finished_at) - julianday(t.started_at)) * 86400.0) AS avg_run_seconds
FROM (
  SELECT 'pending' AS status
  UNION ALL SELECT 'running' AS status
  UNION ALL SELECT 'done' AS status
  UNION ALL SELECT 'failed' AS status
  UNION ALL SELECT 'cancelled' AS status
) AS s
LEFT JOIN pq_migration_jobs AS t ON t.status = s.status
GROUP BY s.status;

CREATE VIEW IF NOT EXISTS vw_pq_migration_jobs_metrics AS
SELECT status, COUNT(*) AS jobs, SUM(processed_count) AS processed_count, MIN(scheduled_at) AS oldest_scheduled_at, MAX(finished_at) AS last_finished_at FROM pq_migration_jobs GROUP BY status;

