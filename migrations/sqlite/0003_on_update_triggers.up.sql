-- schemaforge migration 0003_on_update_triggers (sqlite, up)
-- PostgreSQL and SQLite have no ON UPDATE: a trigger now keeps each ON UPDATE column for every writer, as generate writes it (020_indexes.sql).
CREATE TRIGGER IF NOT EXISTS on_update_encryption_policies_updated_at AFTER UPDATE ON encryption_policies FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE encryption_policies SET updated_at = (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER IF NOT EXISTS on_update_jobs_updated_at AFTER UPDATE ON jobs FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE jobs SET updated_at = (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER IF NOT EXISTS on_update_users_updated_at AFTER UPDATE ON users FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE users SET updated_at = (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) WHERE rowid = NEW.rowid;
END;
