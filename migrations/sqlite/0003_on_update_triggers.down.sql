-- schemaforge migration 0003_on_update_triggers (sqlite, down)
-- Back to the runtime alone keeping ON UPDATE columns.
DROP TRIGGER IF EXISTS on_update_encryption_policies_updated_at;
DROP TRIGGER IF EXISTS on_update_jobs_updated_at;
DROP TRIGGER IF EXISTS on_update_users_updated_at;
