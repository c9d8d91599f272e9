-- schemaforge migration 0001_initial (mysql, down)
-- WARNING: this down migration cannot restore data the up migration created or changed
-- (see DESTRUCTIVE below); take a backup before running it.

-- drop views crypto_algorithms
DROP VIEW IF EXISTS vw_crypto_algorithms;

-- drop views encryption_policies
DROP VIEW IF EXISTS vw_encryption_policies;

-- drop views jobs
DROP VIEW IF EXISTS vw_jobs;
DROP VIEW IF EXISTS vw_jobs_status;

-- drop views key_wrappers
DROP VIEW IF EXISTS vw_key_wrappers;

-- drop views kms_keys
DROP VIEW IF EXISTS vw_kms_keys;

-- drop views key_wrapper_layers
DROP VIEW IF EXISTS vw_key_wrapper_layers;

-- drop views rewrap_jobs
DROP VIEW IF EXISTS vw_rewrap_jobs;
DROP VIEW IF EXISTS vw_rewrap_jobs_status;

-- drop views users
DROP VIEW IF EXISTS vw_users;

-- drop views deletion_jobs
DROP VIEW IF EXISTS vw_deletion_jobs;
DROP VIEW IF EXISTS vw_deletion_jobs_status;

-- drop views pq_migration_jobs
DROP VIEW IF EXISTS vw_pq_migration_jobs;
DROP VIEW IF EXISTS vw_pq_migration_jobs_status;
DROP VIEW IF EXISTS vw_pq_migration_jobs_metrics;

-- drop foreign key encryption_policies.fk_ep_hash_algo
ALTER TABLE encryption_policies DROP FOREIGN KEY fk_ep_hash_algo;

-- drop foreign key encryption_policies.fk_ep_kem_algo
ALTER TABLE encryption_policies DROP FOREIGN KEY fk_ep_kem_algo;

-- drop foreign key encryption_policies.fk_ep_sym_algo
ALTER TABLE encryption_policies DROP FOREIGN KEY fk_ep_sym_algo;

-- drop foreign key key_wrappers.fk_key_wrappers_policy
ALTER TABLE key_wrappers DROP FOREIGN KEY fk_key_wrappers_policy;

-- drop foreign key kms_keys.fk_kms_keys_algo
ALTER TABLE kms_keys DROP FOREIGN KEY fk_kms_keys_algo;

-- drop foreign key key_wrapper_layers.fk_kwl_algo
ALTER TABLE key_wrapper_layers DROP FOREIGN KEY fk_kwl_algo;

-- drop foreign key key_wrapper_layers.fk_kwl_kms
ALTER TABLE key_wrapper_layers DROP FOREIGN KEY fk_kwl_kms;

-- drop foreign key key_wrapper_layers.fk_kwl_kw
ALTER TABLE key_wrapper_layers DROP FOREIGN KEY fk_kwl_kw;

-- drop foreign key rewrap_jobs.fk_rewrap_kw
ALTER TABLE rewrap_jobs DROP FOREIGN KEY fk_rewrap_kw;

-- drop foreign key rewrap_jobs.fk_rewrap_tk1
ALTER TABLE rewrap_jobs DROP FOREIGN KEY fk_rewrap_tk1;

-- drop foreign key rewrap_jobs.fk_rewrap_tk2
ALTER TABLE rewrap_jobs DROP FOREIGN KEY fk_rewrap_tk2;

-- drop foreign key deletion_jobs.fk_dj_user
ALTER TABLE deletion_jobs DROP FOREIGN KEY fk_dj_user;

-- drop foreign key pq_migration_jobs.fk_pq_mig_algo
ALTER TABLE pq_migration_jobs DROP FOREIGN KEY fk_pq_mig_algo;

-- drop foreign key pq_migration_jobs.fk_pq_mig_policy
ALTER TABLE pq_migration_jobs DROP FOREIGN KEY fk_pq_mig_policy;

-- drop foreign key pq_migration_jobs.fk_pq_mig_user
ALTER TABLE pq_migration_jobs DROP FOREIGN KEY fk_pq_mig_user;

-- drop table crypto_algorithms
-- DESTRUCTIVE: drops table crypto_algorithms and every row in it
DROP TABLE crypto_algorithms;

-- drop table encryption_policies
-- DESTRUCTIVE: drops table encryption_policies and every row in it
DROP TABLE encryption_policies;

-- drop table jobs
-- DESTRUCTIVE: drops table jobs and every row in it
DROP TABLE jobs;

-- drop table key_wrappers
-- DESTRUCTIVE: drops table key_wrappers and every row in it
DROP TABLE key_wrappers;

-- drop table kms_keys
-- DESTRUCTIVE: drops table kms_keys and every row in it
DROP TABLE kms_keys;

-- drop table key_wrapper_layers
-- DESTRUCTIVE: drops table key_wrapper_layers and every row in it
DROP TABLE key_wrapper_layers;

-- drop table rewrap_jobs
-- DESTRUCTIVE: drops table rewrap_jobs and every row in it
DROP TABLE rewrap_jobs;

-- drop table users
-- DESTRUCTIVE: drops table users and every row in it
DROP TABLE users;

-- drop table deletion_jobs
-- DESTRUCTIVE: drops table deletion_jobs and every row in it
DROP TABLE deletion_jobs;

-- drop table pq_migration_jobs
-- DESTRUCTIVE: drops table pq_migration_jobs and every row in it
DROP TABLE pq_migration_jobs;

