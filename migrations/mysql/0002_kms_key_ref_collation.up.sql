-- schemaforge migration 0002_kms_key_ref_collation (mysql, up)

-- drop views kms_keys
DROP VIEW IF EXISTS vw_kms_keys;

-- drop unique key kms_keys.uq_kms_keys_ref
ALTER TABLE kms_keys DROP INDEX uq_kms_keys_ref;

-- alter column kms_keys.key_ref varchar(255) NOT NULL COLLATE utf8mb4_bin (mysql)
ALTER TABLE kms_keys MODIFY COLUMN key_ref VARCHAR(255) COLLATE utf8mb4_bin NOT NULL COMMENT 'Provider''s identifier for the key (ARN, resource name, path).';

-- add unique key kms_keys.uq_kms_keys_ref
ALTER TABLE kms_keys ADD CONSTRAINT uq_kms_keys_ref UNIQUE (provider, key_ref);

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

