-- schemaforge migration 0002_kms_key_ref_collation (sqlite, up)

-- Nothing changes on this engine: the change concerns another engine's types or collations.
