-- schemaforge migration 0001_initial (sqlite, up)

-- create table crypto_algorithms
CREATE TABLE IF NOT EXISTS crypto_algorithms (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  family TEXT NOT NULL,
  pq_safe INTEGER NOT NULL DEFAULT 0,
  nist_level INTEGER,
  deprecated_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  CONSTRAINT uq_crypto_algorithms_name UNIQUE (name),
  CONSTRAINT ck_crypto_algorithms_family CHECK (family IN ('hash', 'kem', 'signature', 'symmetric')),
  CONSTRAINT ck_crypto_algorithms_pq_safe CHECK (pq_safe IN (0, 1)),
  CONSTRAINT ck_crypto_algorithms_nist_level CHECK (nist_level IS NULL OR nist_level BETWEEN 1 AND 5)
);

-- create table encryption_policies
-- SQLite has no ON UPDATE; the schemaforge runtime sets updated_at on every update
CREATE TABLE IF NOT EXISTS encryption_policies (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  description TEXT,
  hash_algo_id INTEGER NOT NULL,
  kem_algo_id INTEGER NOT NULL,
  symmetric_algo_id INTEGER NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  CONSTRAINT uq_encryption_policies_name UNIQUE (name),
  CONSTRAINT ck_encryption_policies_is_default CHECK (is_default IN (0, 1)),
  CONSTRAINT fk_ep_hash_algo FOREIGN KEY (hash_algo_id) REFERENCES crypto_algorithms (id) ON DELETE RESTRICT,
  CONSTRAINT fk_ep_kem_algo FOREIGN KEY (kem_algo_id) REFERENCES crypto_algorithms (id) ON DELETE RESTRICT,
  CONSTRAINT fk_ep_sym_algo FOREIGN KEY (symmetric_algo_id) REFERENCES crypto_algorithms (id) ON DELETE RESTRICT
);

-- create table jobs
-- SQLite has no ON UPDATE; the schemaforge runtime sets updated_at on every update
CREATE TABLE IF NOT EXISTS jobs (
  job_id TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  progress INTEGER DEFAULT 0,
  request_payload TEXT NOT NULL,
  result TEXT,
  error TEXT,
  created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  completed_at TEXT,
  ttl_expires_at TEXT,
  PRIMARY KEY (job_id),
  CONSTRAINT ck_jobs_type CHECK (type IN ('clone', 'restore', 'delete')),
  CONSTRAINT ck_jobs_status CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  CONSTRAINT ck_jobs_request_payload CHECK (json_valid(request_payload)),
  CONSTRAINT ck_jobs_result CHECK (result IS NULL OR json_valid(result))
);
CREATE INDEX IF NOT EXISTS idx_status ON jobs (status);
CREATE INDEX IF NOT EXISTS idx_type ON jobs (type);
CREATE INDEX IF NOT EXISTS idx_created_at ON jobs (created_at);
CREATE INDEX IF NOT EXISTS idx_ttl_expires_at ON jobs (ttl_expires_at);

-- create table key_wrappers
CREATE TABLE IF NOT EXISTS key_wrappers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  policy_id INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  rotated_at TEXT,
  CONSTRAINT fk_key_wrappers_policy FOREIGN KEY (policy_id) REFERENCES encryption_policies (id) ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS idx_key_wrappers_policy ON key_wrappers (policy_id);

-- create table kms_keys
CREATE TABLE IF NOT EXISTS kms_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  provider TEXT NOT NULL,
  key_ref TEXT NOT NULL,
  algo_id INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'active',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  rotated_at TEXT,
  CONSTRAINT uq_kms_keys_ref UNIQUE (provider, key_ref),
  CONSTRAINT ck_kms_keys_provider CHECK (provider IN ('aws', 'gcp', 'azure', 'vault', 'local')),
  CONSTRAINT ck_kms_keys_state CHECK (state IN ('active', 'disabled', 'destroyed')),
  CONSTRAINT fk_kms_keys_algo FOREIGN KEY (algo_id) REFERENCES crypto_algorithms (id) ON DELETE RESTRICT
);

-- create table key_wrapper_layers
CREATE TABLE IF NOT EXISTS key_wrapper_layers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key_wrapper_id INTEGER NOT NULL,
  layer_no INTEGER NOT NULL,
  kms_key_id INTEGER,
  kem_algo_id INTEGER NOT NULL,
  kem_ciphertext BLOB NOT NULL,
  encap_pubkey BLOB,
  aad TEXT,
  meta TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  CONSTRAINT uq_kwl UNIQUE (key_wrapper_id, layer_no),
  CONSTRAINT ck_key_wrapper_layers_aad CHECK (aad IS NULL OR json_valid(aad)),
  CONSTRAINT ck_key_wrapper_layers_meta CHECK (meta IS NULL OR json_valid(meta)),
  CONSTRAINT fk_kwl_algo FOREIGN KEY (kem_algo_id) REFERENCES crypto_algorithms (id) ON DELETE RESTRICT,
  CONSTRAINT fk_kwl_kms FOREIGN KEY (kms_key_id) REFERENCES kms_keys (id) ON DELETE SET NULL,
  CONSTRAINT fk_kwl_kw FOREIGN KEY (key_wrapper_id) REFERENCES key_wrappers (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS idx_kwl_algo ON key_wrapper_layers (kem_algo_id);
CREATE INDEX IF NOT EXISTS idx_kwl_kw ON key_wrapper_layers (key_wrapper_id);

-- create table rewrap_jobs
CREATE TABLE IF NOT EXISTS rewrap_jobs (
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
  CONSTRAINT ck_rewrap_jobs_status CHECK (status IN ('pending', 'running', 'done', 'failed')),
  CONSTRAINT fk_rewrap_kw FOREIGN KEY (key_wrapper_id) REFERENCES key_wrappers (id) ON DELETE CASCADE,
  CONSTRAINT fk_rewrap_tk1 FOREIGN KEY (target_kms1_key_id) REFERENCES kms_keys (id) ON DELETE SET NULL,
  CONSTRAINT fk_rewrap_tk2 FOREIGN KEY (target_kms2_key_id) REFERENCES kms_keys (id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS idx_rewrap_kw ON rewrap_jobs (key_wrapper_id);
CREATE INDEX IF NOT EXISTS idx_rewrap_status_sched ON rewrap_jobs (status, scheduled_at);

-- create table users
-- SQLite has no ON UPDATE; the schemaforge runtime sets updated_at on every update
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'viewer',
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
  deleted_at TEXT,
  CONSTRAINT uq_users_email UNIQUE (email),
  CONSTRAINT ck_users_role CHECK (role IN ('admin', 'operator', 'viewer')),
  CONSTRAINT ck_users_is_active CHECK (is_active IN (0, 1))
);
CREATE INDEX IF NOT EXISTS idx_users_deleted_at ON users (deleted_at);

-- create table deletion_jobs
CREATE TABLE IF NOT EXISTS deletion_jobs (
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
  CONSTRAINT ck_deletion_jobs_hard_delete CHECK (hard_delete IN (0, 1)),
  CONSTRAINT ck_deletion_jobs_status CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
  CONSTRAINT fk_dj_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS idx_dj_status_sched ON deletion_jobs (status, scheduled_at);

-- create table pq_migration_jobs
CREATE TABLE IF NOT EXISTS pq_migration_jobs (
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
  CONSTRAINT ck_pq_migration_jobs_scope CHECK (scope IN ('hashes', 'wrappers', 'signatures')),
  CONSTRAINT ck_pq_migration_jobs_selection CHECK (selection IS NULL OR json_valid(selection)),
  CONSTRAINT ck_pq_migration_jobs_status CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
  CONSTRAINT fk_pq_mig_algo FOREIGN KEY (target_algo_id) REFERENCES crypto_algorithms (id) ON DELETE SET NULL,
  CONSTRAINT fk_pq_mig_policy FOREIGN KEY (target_policy_id) REFERENCES encryption_policies (id) ON DELETE SET NULL,
  CONSTRAINT fk_pq_mig_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS idx_pq_mig_status_sched ON pq_migration_jobs (status, scheduled_at);

-- create views crypto_algorithms
CREATE VIEW IF NOT EXISTS vw_crypto_algorithms AS
SELECT
  id,
  name,
  family,
  pq_safe,
  nist_level,
  deprecated_at,
  created_at
FROM crypto_algorithms;

-- create views encryption_policies
CREATE VIEW IF NOT EXISTS vw_encryption_policies AS
SELECT
  id,
  name,
  description,
  hash_algo_id,
  kem_algo_id,
  symmetric_algo_id,
  is_default,
  created_at,
  updated_at
FROM encryption_policies;

-- create views jobs
CREATE VIEW IF NOT EXISTS vw_jobs AS
SELECT
  job_id,
  type,
  status,
  progress,
  request_payload,
  result,
  error,
  created_at,
  updated_at,
  completed_at,
  ttl_expires_at,
  (status = 'completed') AS is_completed,
  (status = 'running') AS is_running,
  (status = 'failed') AS is_failed
FROM jobs;

CREATE VIEW IF NOT EXISTS vw_jobs_status AS
SELECT
  s.status AS status,
  COUNT(t.status) AS jobs,
  MIN(t.created_at) AS oldest_scheduled_at,
  AVG(CAST(NULL AS REAL)) AS avg_run_seconds
FROM (
  SELECT 'pending' AS status
  UNION ALL SELECT 'running' AS status
  UNION ALL SELECT 'completed' AS status
  UNION ALL SELECT 'failed' AS status
  UNION ALL SELECT 'cancelled' AS status
) AS s
LEFT JOIN jobs AS t ON t.status = s.status
GROUP BY s.status;

-- create views key_wrappers
CREATE VIEW IF NOT EXISTS vw_key_wrappers AS
SELECT
  id,
  policy_id,
  purpose,
  version,
  created_at,
  rotated_at
FROM key_wrappers;

-- create views kms_keys
CREATE VIEW IF NOT EXISTS vw_kms_keys AS
SELECT
  id,
  provider,
  key_ref,
  algo_id,
  state,
  created_at,
  rotated_at
FROM kms_keys;

-- create views key_wrapper_layers
CREATE VIEW IF NOT EXISTS vw_key_wrapper_layers AS
SELECT
  id,
  key_wrapper_id,
  layer_no,
  kms_key_id,
  kem_algo_id,
  kem_ciphertext,
  encap_pubkey,
  aad,
  meta,
  created_at
FROM key_wrapper_layers;

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

-- create views users
CREATE VIEW IF NOT EXISTS vw_users AS
SELECT
  id,
  email,
  display_name,
  role,
  is_active,
  created_at,
  updated_at,
  deleted_at
FROM users;

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

