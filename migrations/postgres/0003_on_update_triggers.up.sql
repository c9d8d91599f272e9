-- schemaforge migration 0003_on_update_triggers (postgres, up)
-- PostgreSQL and SQLite have no ON UPDATE: a trigger now keeps each ON UPDATE column for every writer, as generate writes it (020_indexes.sql).
CREATE OR REPLACE FUNCTION on_update_encryption_policies_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP(6);
  RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER on_update_encryption_policies_updated_at BEFORE UPDATE ON encryption_policies FOR EACH ROW WHEN (NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at) EXECUTE FUNCTION on_update_encryption_policies_updated_at();
CREATE OR REPLACE FUNCTION on_update_jobs_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP;
  RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER on_update_jobs_updated_at BEFORE UPDATE ON jobs FOR EACH ROW WHEN (NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at) EXECUTE FUNCTION on_update_jobs_updated_at();
CREATE OR REPLACE FUNCTION on_update_users_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP(6);
  RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER on_update_users_updated_at BEFORE UPDATE ON users FOR EACH ROW WHEN (NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at) EXECUTE FUNCTION on_update_users_updated_at();
