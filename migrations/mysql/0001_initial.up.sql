-- schemaforge migration 0001_initial (mysql, up)

-- create table crypto_algorithms
CREATE TABLE IF NOT EXISTS crypto_algorithms (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Surrogate primary key.',
  name VARCHAR(64) NOT NULL COMMENT 'Canonical algorithm name, e.g. ML-KEM-768, AES-256-GCM, SHA3-256.',
  family ENUM('hash','kem','signature','symmetric') NOT NULL COMMENT 'What the algorithm is for.',
  pq_safe TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'Whether it resists known quantum attacks.',
  nist_level SMALLINT COMMENT 'NIST security category (1..5), where one applies.',
  deprecated_at DATETIME(6) COMMENT 'When new use was forbidden; NULL while allowed.',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'Creation timestamp (UTC).',
  PRIMARY KEY (id),
  UNIQUE KEY uq_crypto_algorithms_name (name),
  CONSTRAINT ck_crypto_algorithms_nist_level CHECK (nist_level IS NULL OR nist_level BETWEEN 1 AND 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Cryptographic algorithms known to the system, with their post-quantum status.';
-- MySQL 8.0 has no CREATE INDEX IF NOT EXISTS: apply this file once, to a
-- database created from 001_tables.sql (or let `schemaforge migrate` do it).;

-- create table encryption_policies
CREATE TABLE IF NOT EXISTS encryption_policies (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Surrogate primary key.',
  name VARCHAR(100) NOT NULL COMMENT 'Policy name, unique.',
  description TEXT COMMENT 'What the policy is for.',
  hash_algo_id BIGINT UNSIGNED NOT NULL COMMENT 'Hash algorithm (FK crypto_algorithms.id).',
  kem_algo_id BIGINT UNSIGNED NOT NULL COMMENT 'Key-encapsulation algorithm (FK crypto_algorithms.id).',
  symmetric_algo_id BIGINT UNSIGNED NOT NULL COMMENT 'Data-encryption algorithm (FK crypto_algorithms.id).',
  is_default TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'Whether new data uses this policy.',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'Creation timestamp (UTC).',
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6) COMMENT 'Last change (UTC).',
  PRIMARY KEY (id),
  UNIQUE KEY uq_encryption_policies_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Named policies choosing the hash, KEM and symmetric algorithms for a class of data.';
-- MySQL 8.0 has no CREATE INDEX IF NOT EXISTS: apply this file once, to a
-- database created from 001_tables.sql (or let `schemaforge migrate` do it).;

-- create table jobs
CREATE TABLE IF NOT EXISTS jobs (
  job_id VARCHAR(36) NOT NULL COMMENT 'UUID primary key',
  type ENUM('clone','restore','delete') NOT NULL COMMENT 'Job type: clone, restore, or delete',
  status ENUM('pending','running','completed','failed','cancelled') NOT NULL DEFAULT 'pending' COMMENT 'Current status: pending, running, completed, failed, cancelled',
  progress INT DEFAULT 0 COMMENT 'Progress percentage (0-100)',
  request_payload JSON NOT NULL COMMENT 'Original request data',
  result JSON COMMENT 'Job result data (if completed)',
  error TEXT COMMENT 'Error message (if failed)',
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP COMMENT 'Job creation time',
  updated_at DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP COMMENT 'Last update time',
  completed_at DATETIME COMMENT 'Completion time (if finished)',
  ttl_expires_at DATETIME COMMENT 'TTL expiration for cleanup',
  PRIMARY KEY (job_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Jobs Database Table';
-- MySQL 8.0 has no CREATE INDEX IF NOT EXISTS: apply this file once, to a
-- database created from 001_tables.sql (or let `schemaforge migrate` do it).
CREATE INDEX idx_status ON jobs (status);
CREATE INDEX idx_type ON jobs (type);
CREATE INDEX idx_created_at ON jobs (created_at);
CREATE INDEX idx_ttl_expires_at ON jobs (ttl_expires_at);

-- create table key_wrappers
CREATE TABLE IF NOT EXISTS key_wrappers (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Surrogate primary key.',
  policy_id BIGINT UNSIGNED NOT NULL COMMENT 'Policy the wrapping follows (FK encryption_policies.id).',
  purpose VARCHAR(64) NOT NULL COMMENT 'What the wrapped key protects, e.g. backups, pii.',
  version INT NOT NULL DEFAULT 1 COMMENT 'Incremented on every rewrap.',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'Creation timestamp (UTC).',
  rotated_at DATETIME(6) COMMENT 'Last rewrap, if any.',
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Wrapped data keys; each is made of ordered layers in key_wrapper_layers.';
-- MySQL 8.0 has no CREATE INDEX IF NOT EXISTS: apply this file once, to a
-- database created from 001_tables.sql (or let `schemaforge migrate` do it).
CREATE INDEX idx_key_wrappers_policy ON key_wrappers (policy_id);

-- create table kms_keys
CREATE TABLE IF NOT EXISTS kms_keys (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Surrogate primary key.',
  provider ENUM('aws','gcp','azure','vault','local') NOT NULL COMMENT 'KMS that holds the key.',
  key_ref VARCHAR(255) NOT NULL COMMENT 'Provider''s identifier for the key (ARN, resource name, path).',
  algo_id BIGINT UNSIGNED NOT NULL COMMENT 'Algorithm of the key (FK crypto_algorithms.id).',
  state ENUM('active','disabled','destroyed') NOT NULL DEFAULT 'active' COMMENT 'Lifecycle state.',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'Creation timestamp (UTC).',
  rotated_at DATETIME(6) COMMENT 'Last rotation, if any.',
  PRIMARY KEY (id),
  UNIQUE KEY uq_kms_keys_ref (provider, key_ref)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Keys held by a key-management service, addressed by provider and key reference.';
-- MySQL 8.0 has no CREATE INDEX IF NOT EXISTS: apply this file once, to a
-- database created from 001_tables.sql (or let `schemaforge migrate` do it).;

-- create table key_wrapper_layers
CREATE TABLE IF NOT EXISTS key_wrapper_layers (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Surrogate primary key.',
  key_wrapper_id BIGINT UNSIGNED NOT NULL COMMENT 'Parent key wrapper (FK key_wrappers.id).',
  layer_no SMALLINT NOT NULL COMMENT 'Layer order (1..N).',
  kms_key_id BIGINT UNSIGNED COMMENT 'KMS key used for the layer, if any.',
  kem_algo_id BIGINT UNSIGNED NOT NULL COMMENT 'KEM algorithm used for wrapping (FK crypto_algorithms.id).',
  kem_ciphertext LONGBLOB NOT NULL COMMENT 'Ciphertext blob for the wrapped key material.',
  encap_pubkey LONGBLOB COMMENT 'Optional encapsulated public key.',
  aad JSON COMMENT 'JSON AAD metadata used during wrapping.',
  meta JSON COMMENT 'Additional JSON metadata.',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'Creation timestamp (UTC).',
  PRIMARY KEY (id),
  UNIQUE KEY uq_kwl (key_wrapper_id, layer_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Individual layers that compose a key wrapper.';
-- MySQL 8.0 has no CREATE INDEX IF NOT EXISTS: apply this file once, to a
-- database created from 001_tables.sql (or let `schemaforge migrate` do it).
CREATE INDEX idx_kwl_algo ON key_wrapper_layers (kem_algo_id);
CREATE INDEX idx_kwl_kw ON key_wrapper_layers (key_wrapper_id);

-- create table rewrap_jobs
CREATE TABLE IF NOT EXISTS rewrap_jobs (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Surrogate primary key.',
  attempts INT NOT NULL DEFAULT 0 COMMENT 'Retry counter.',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'Creation timestamp (UTC).',
  finished_at DATETIME(6) COMMENT 'Processing completion timestamp.',
  key_wrapper_id BIGINT UNSIGNED NOT NULL COMMENT 'Wrapper being rewrapped (FK key_wrappers.id).',
  last_error TEXT COMMENT 'Last error message observed.',
  scheduled_at DATETIME(6) COMMENT 'Scheduled start time.',
  started_at DATETIME(6) COMMENT 'Processing start timestamp.',
  status ENUM('pending','running','done','failed') NOT NULL DEFAULT 'pending' COMMENT 'Job status flag. (enum: pending, running, done, failed)',
  target_kms1_key_id BIGINT UNSIGNED COMMENT 'Target primary KMS key.',
  target_kms2_key_id BIGINT UNSIGNED COMMENT 'Target secondary KMS key.',
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Key rewrap tasks that move ciphertexts to new key wrappers/KMS keys.';
-- MySQL 8.0 has no CREATE INDEX IF NOT EXISTS: apply this file once, to a
-- database created from 001_tables.sql (or let `schemaforge migrate` do it).
CREATE INDEX idx_rewrap_kw ON rewrap_jobs (key_wrapper_id);
CREATE INDEX idx_rewrap_status_sched ON rewrap_jobs (status, scheduled_at);

-- create table users
CREATE TABLE IF NOT EXISTS users (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Surrogate primary key.',
  email VARCHAR(320) NOT NULL COMMENT 'Login e-mail address, stored lower-cased.',
  display_name VARCHAR(200) NOT NULL COMMENT 'Name shown in the UI.',
  role ENUM('admin','operator','viewer') NOT NULL DEFAULT 'viewer' COMMENT 'Access role.',
  is_active TINYINT(1) NOT NULL DEFAULT 1 COMMENT 'Whether the account may sign in.',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'Creation timestamp (UTC).',
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6) COMMENT 'Last change (UTC).',
  deleted_at DATETIME(6) COMMENT 'Soft-deletion timestamp; NULL while the account exists.',
  PRIMARY KEY (id),
  UNIQUE KEY uq_users_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='People and service accounts that use the system; referenced as the creator of jobs.';
-- MySQL 8.0 has no CREATE INDEX IF NOT EXISTS: apply this file once, to a
-- database created from 001_tables.sql (or let `schemaforge migrate` do it).
CREATE INDEX idx_users_deleted_at ON users (deleted_at);

-- create table deletion_jobs
CREATE TABLE IF NOT EXISTS deletion_jobs (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Surrogate primary key.',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'Creation timestamp (UTC).',
  created_by BIGINT UNSIGNED COMMENT 'User/admin that created the job.',
  entity_pk VARCHAR(64) NOT NULL COMMENT 'Primary key of the row to delete.',
  entity_table VARCHAR(64) NOT NULL COMMENT 'Target table for the deletion.',
  error TEXT COMMENT 'Failure description, if any.',
  finished_at DATETIME(6) COMMENT 'Completion timestamp (UTC).',
  hard_delete TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'Whether to permanently delete the row.',
  reason TEXT COMMENT 'Reason the deletion was requested.',
  scheduled_at DATETIME(6) COMMENT 'When the job should start.',
  started_at DATETIME(6) COMMENT 'Processing start timestamp (UTC).',
  status ENUM('pending','running','done','failed','cancelled') NOT NULL DEFAULT 'pending' COMMENT 'Job status flag. (enum: pending, running, done, failed, cancelled)',
  PRIMARY KEY (id),
  UNIQUE KEY uq_deletion_jobs (entity_table, entity_pk)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Asynchronous deletion workflows coordinating cascading cleanup.';
-- MySQL 8.0 has no CREATE INDEX IF NOT EXISTS: apply this file once, to a
-- database created from 001_tables.sql (or let `schemaforge migrate` do it).
CREATE INDEX idx_dj_status_sched ON deletion_jobs (status, scheduled_at);

-- create table pq_migration_jobs
CREATE TABLE IF NOT EXISTS pq_migration_jobs (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Surrogate primary key.',
  scope ENUM('hashes','wrappers','signatures') NOT NULL COMMENT 'What is being migrated (hashes, wrappers, signatures).',
  target_policy_id BIGINT UNSIGNED COMMENT 'Target encryption policy id, optional.',
  target_algo_id BIGINT UNSIGNED COMMENT 'Target crypto algorithm id, optional.',
  selection JSON COMMENT 'JSON selector describing the affected dataset.',
  scheduled_at DATETIME(6) COMMENT 'Scheduled start time.',
  started_at DATETIME(6) COMMENT 'When the job started.',
  finished_at DATETIME(6) COMMENT 'Completion timestamp.',
  status ENUM('pending','running','done','failed','cancelled') NOT NULL DEFAULT 'pending' COMMENT 'Execution status. (enum: pending, running, done, failed, cancelled)',
  processed_count BIGINT NOT NULL DEFAULT 0 COMMENT 'How many records were processed.',
  error TEXT COMMENT 'Failure cause, if any.',
  created_by BIGINT UNSIGNED COMMENT 'User who enqueued the job.',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'Creation timestamp (UTC).',
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Jobs that migrate stored data to PQ-safe hashing/encryption policies.';
-- MySQL 8.0 has no CREATE INDEX IF NOT EXISTS: apply this file once, to a
-- database created from 001_tables.sql (or let `schemaforge migrate` do it).
CREATE INDEX idx_pq_mig_status_sched ON pq_migration_jobs (status, scheduled_at);

-- add foreign key encryption_policies.fk_ep_hash_algo
ALTER TABLE encryption_policies ADD CONSTRAINT fk_ep_hash_algo FOREIGN KEY (hash_algo_id) REFERENCES crypto_algorithms (id) ON DELETE RESTRICT;

-- add foreign key encryption_policies.fk_ep_kem_algo
ALTER TABLE encryption_policies ADD CONSTRAINT fk_ep_kem_algo FOREIGN KEY (kem_algo_id) REFERENCES crypto_algorithms (id) ON DELETE RESTRICT;

-- add foreign key encryption_policies.fk_ep_sym_algo
ALTER TABLE encryption_policies ADD CONSTRAINT fk_ep_sym_algo FOREIGN KEY (symmetric_algo_id) REFERENCES crypto_algorithms (id) ON DELETE RESTRICT;

-- add foreign key key_wrappers.fk_key_wrappers_policy
ALTER TABLE key_wrappers ADD CONSTRAINT fk_key_wrappers_policy FOREIGN KEY (policy_id) REFERENCES encryption_policies (id) ON DELETE RESTRICT;

-- add foreign key kms_keys.fk_kms_keys_algo
ALTER TABLE kms_keys ADD CONSTRAINT fk_kms_keys_algo FOREIGN KEY (algo_id) REFERENCES crypto_algorithms (id) ON DELETE RESTRICT;

-- add foreign key key_wrapper_layers.fk_kwl_algo
ALTER TABLE key_wrapper_layers ADD CONSTRAINT fk_kwl_algo FOREIGN KEY (kem_algo_id) REFERENCES crypto_algorithms (id) ON DELETE RESTRICT;

-- add foreign key key_wrapper_layers.fk_kwl_kms
ALTER TABLE key_wrapper_layers ADD CONSTRAINT fk_kwl_kms FOREIGN KEY (kms_key_id) REFERENCES kms_keys (id) ON DELETE SET NULL;

-- add foreign key key_wrapper_layers.fk_kwl_kw
ALTER TABLE key_wrapper_layers ADD CONSTRAINT fk_kwl_kw FOREIGN KEY (key_wrapper_id) REFERENCES key_wrappers (id) ON DELETE CASCADE;

-- add foreign key rewrap_jobs.fk_rewrap_kw
ALTER TABLE rewrap_jobs ADD CONSTRAINT fk_rewrap_kw FOREIGN KEY (key_wrapper_id) REFERENCES key_wrappers (id) ON DELETE CASCADE;

-- add foreign key rewrap_jobs.fk_rewrap_tk1
ALTER TABLE rewrap_jobs ADD CONSTRAINT fk_rewrap_tk1 FOREIGN KEY (target_kms1_key_id) REFERENCES kms_keys (id) ON DELETE SET NULL;

-- add foreign key rewrap_jobs.fk_rewrap_tk2
ALTER TABLE rewrap_jobs ADD CONSTRAINT fk_rewrap_tk2 FOREIGN KEY (target_kms2_key_id) REFERENCES kms_keys (id) ON DELETE SET NULL;

-- add foreign key deletion_jobs.fk_dj_user
ALTER TABLE deletion_jobs ADD CONSTRAINT fk_dj_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL;

-- add foreign key pq_migration_jobs.fk_pq_mig_algo
ALTER TABLE pq_migration_jobs ADD CONSTRAINT fk_pq_mig_algo FOREIGN KEY (target_algo_id) REFERENCES crypto_algorithms (id) ON DELETE SET NULL;

-- add foreign key pq_migration_jobs.fk_pq_mig_policy
ALTER TABLE pq_migration_jobs ADD CONSTRAINT fk_pq_mig_policy FOREIGN KEY (target_policy_id) REFERENCES encryption_policies (id) ON DELETE SET NULL;

-- add foreign key pq_migration_jobs.fk_pq_mig_user
ALTER TABLE pq_migration_jobs ADD CONSTRAINT fk_pq_mig_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL;

-- create views crypto_algorithms
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_crypto_algorithms AS
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
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_encryption_policies AS
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
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_jobs AS
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

CREATE OR REPLACE ALGORITHM=TEMPTABLE SQL SECURITY INVOKER VIEW vw_jobs_status AS
SELECT
  s.status AS status,
  COUNT(t.status) AS jobs,
  MIN(t.created_at) AS oldest_scheduled_at,
  AVG(CAST(NULL AS DOUBLE)) AS avg_run_seconds
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
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_key_wrappers AS
SELECT
  id,
  policy_id,
  purpose,
  version,
  created_at,
  rotated_at
FROM key_wrappers;

-- create views kms_keys
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_kms_keys AS
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
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_key_wrapper_layers AS
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
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_rewrap_jobs AS
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

CREATE OR REPLACE ALGORITHM=TEMPTABLE SQL SECURITY INVOKER VIEW vw_rewrap_jobs_status AS
SELECT
  s.status AS status,
  COUNT(t.status) AS jobs,
  MIN(t.scheduled_at) AS oldest_scheduled_at,
  AVG(TIMESTAMPDIFF(MICROSECOND, t.started_at, t.finished_at) / 1000000) AS avg_run_seconds
FROM (
  SELECT 'pending' AS status
  UNION ALL SELECT 'running' AS status
  UNION ALL SELECT 'done' AS status
  UNION ALL SELECT 'failed' AS status
) AS s
LEFT JOIN rewrap_jobs AS t ON t.status = s.status
GROUP BY s.status;

-- create views users
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_users AS
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
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_deletion_jobs AS
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

CREATE OR REPLACE ALGORITHM=TEMPTABLE SQL SECURITY INVOKER VIEW vw_deletion_jobs_status AS
SELECT
  s.status AS status,
  COUNT(t.status) AS jobs,
  MIN(t.scheduled_at) AS oldest_scheduled_at,
  AVG(TIMESTAMPDIFF(MICROSECOND, t.started_at, t.finished_at) / 1000000) AS avg_run_seconds
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
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_pq_migration_jobs AS
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

CREATE OR REPLACE ALGORITHM=TEMPTABLE SQL SECURITY INVOKER VIEW vw_pq_migration_jobs_status AS
SELECT
  s.status AS status,
  COUNT(t.status) AS jobs,
  MIN(t.scheduled_at) AS oldest_scheduled_at,
  AVG(TIMESTAMPDIFF(MICROSECOND, t.started_at, t.finished_at) / 1000000) AS avg_run_seconds
FROM (
  SELECT 'pending' AS status
  UNION ALL SELECT 'running' AS status
  UNION ALL SELECT 'done' AS status
  UNION ALL SELECT 'failed' AS status
  UNION ALL SELECT 'cancelled' AS status
) AS s
LEFT JOIN pq_migration_jobs AS t ON t.status = s.status
GROUP BY s.status;

CREATE OR REPLACE ALGORITHM=TEMPTABLE SQL SECURITY INVOKER VIEW vw_pq_migration_jobs_metrics AS
SELECT status, COUNT(*) AS jobs, SUM(processed_count) AS processed_count, MIN(scheduled_at) AS oldest_scheduled_at, MAX(finished_at) AS last_finished_at FROM pq_migration_jobs GROUP BY status;

