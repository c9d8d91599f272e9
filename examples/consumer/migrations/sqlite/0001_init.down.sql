-- schemaforge migration 0001_init (sqlite, down)
-- WARNING: this down migration cannot restore data the up migration created or changed
-- (see DESTRUCTIVE below); take a backup before running it.

-- drop views mailboxes
DROP VIEW IF EXISTS vw_mailboxes;

-- drop views email_deliveries
DROP VIEW IF EXISTS vw_email_deliveries;
DROP VIEW IF EXISTS vw_email_deliveries_status;

-- drop table mailboxes
-- DESTRUCTIVE: drops table mailboxes and every row in it
DROP TABLE mailboxes;

-- drop table email_deliveries
-- DESTRUCTIVE: drops table email_deliveries and every row in it
DROP TABLE email_deliveries;

