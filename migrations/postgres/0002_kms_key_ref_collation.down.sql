-- schemaforge migration 0002_kms_key_ref_collation (postgres, down)

-- drop views kms_keys
DROP VIEW IF EXISTS vw_kms_keys;

-- drop unique key kms_keys.uq_kms_keys_ref
ALTER TABLE kms_keys DROP CONSTRAINT uq_kms_keys_ref;

-- alter column kms_keys.key_ref varchar(255) NOT NULL
ALTER TABLE kms_keys ALTER COLUMN key_ref TYPE VARCHAR(255) USING key_ref::VARCHAR(255);

-- add unique key kms_keys.uq_kms_keys_ref
ALTER TABLE kms_keys ADD CONSTRAINT uq_kms_keys_ref UNIQUE (provider, key_ref);

-- create views kms_keys
CREATE OR REPLACE VIEW vw_kms_keys AS
SELECT
  id,
  provider,
  key_ref,
  algo_id,
  state,
  created_at,
  rotated_at
FROM kms_keys;

