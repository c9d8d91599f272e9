-- schemaforge migration 0003_on_update_triggers (postgres, down)
-- Back to the runtime alone keeping ON UPDATE columns.
DROP TRIGGER IF EXISTS on_update_encryption_policies_updated_at ON encryption_policies;
DROP FUNCTION IF EXISTS on_update_encryption_policies_updated_at();
DROP TRIGGER IF EXISTS on_update_jobs_updated_at ON jobs;
DROP FUNCTION IF EXISTS on_update_jobs_updated_at();
DROP TRIGGER IF EXISTS on_update_users_updated_at ON users;
DROP FUNCTION IF EXISTS on_update_users_updated_at();
