-- schemaforge migration 0004_job_leases (postgres, down)
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

-- drop column rewrap_jobs.locked_until
-- DESTRUCTIVE: drops column rewrap_jobs.locked_until and its data
ALTER TABLE rewrap_jobs DROP COLUMN locked_until;

-- drop column deletion_jobs.locked_until
-- DESTRUCTIVE: drops column deletion_jobs.locked_until and its data
ALTER TABLE deletion_jobs DROP COLUMN locked_until;

-- drop column pq_migration_jobs.locked_until
-- DESTRUCTIVE: drops column pq_migration_jobs.locked_until and its data
ALTER TABLE pq_migration_jobs DROP COLUMN locked_until;

-- create views rewrap_jobs
CREATE OR REPLACE VIEW vw_rewrap_jobs AS
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

CREATE OR REPLACE VIEW vw_rewrap_jobs_status AS
SELECT
  s.status AS status,
  COUNT(t.status) AS jobs,
  MIN(t.scheduled_at) AS oldest_scheduled_at,
  AVG(EXTRACT(EPOCH FROM (t.finished_at - t.started_at))) AS avg_run_seconds
FROM (
  SELECT 'pending' AS status
  UNION ALL SELECT 'running' AS status
  UNION ALL SELECT 'done' AS status
  UNION ALL SELECT 'failed' AS status
) AS s
LEFT JOIN rewrap_jobs AS t ON t.status = s.status
GROUP BY s.status;

-- create views deletion_jobs
CREATE OR REPLACE VIEW vw_deletion_jobs AS
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

CREATE OR REPLACE VIEW vw_deletion_jobs_status AS
SELECT
  s.status AS status,
  COUNT(t.status) AS jobs,
  MIN(t.scheduled_at) AS oldest_scheduled_at,
  AVG(EXTRACT(EPOCH FROM (t.finished_at - t.started_at))) AS avg_run_seconds
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
CREATE OR REPLACE VIEW vw_pq_migration_jobs AS
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

CREATE OR REPLACE VIEW vw_pq_migration_jobs_status AS
SELECT
  s.status AS status,
  COUNT(t.status) AS jobs,
  MIN(t.scheduled_at) AS oldest_scheduled_at,
  AVG(EXTRACT(EPOCH FROM (t.finished_at - t.started_at))) AS avg_run_seconds
FROM (
  SELECT 'pending' AS status
  UNION ALL SELECT 'running' AS status
  UNION ALL SELECT 'done' AS status
  UNION ALL SELECT 'failed' AS status
  UNION ALL SELECT 'cancelled' AS status
) AS s
LEFT JOIN pq_migration_jobs AS t ON t.status = s.status
GROUP BY s.status;

CREATE OR REPLACE VIEW vw_pq_migration_jobs_metrics AS
SELECT status, COUNT(*) AS jobs, SUM(processed_count) AS processed_count, MIN(scheduled_at) AS oldest_scheduled_at, MAX(finished_at) AS last_finished_at FROM pq_migration_jobs GROUP BY status;

