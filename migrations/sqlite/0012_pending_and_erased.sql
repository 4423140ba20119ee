-- no-transaction
-- Issue 16, item 2 (no enumeration) and issue 17 (erasure):
-- users.pending_email holds an address a member of staff typed that belongs
-- to an account they may not see: it is shown back to them and mailed only a
-- notice without a link, never signed in with; users.erased_at marks an
-- erased person, who keeps neither an address nor a phone. An account now
-- needs an address, a phone, a pending address, or to be erased.
--
-- SQLite cannot change a CHECK in place: the users table is rebuilt as in
-- 0003 (foreign keys off for the swap), and its trigger and indexes made again.
-- Other tables' triggers name users (0006): legacy_alter_table lets the
-- rename leave them as they are (still naming users, which is what they mean).
PRAGMA foreign_keys = OFF;
PRAGMA legacy_alter_table = ON;
BEGIN;
CREATE TABLE users_new (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT REFERENCES organisations (id),
    kind             TEXT NOT NULL CHECK (kind IN ('staff', 'participant')),
    email            TEXT UNIQUE,
    phone            TEXT,
    name             TEXT NOT NULL,
    language         TEXT NOT NULL DEFAULT 'fi',
    password_hash    TEXT,
    active           INTEGER NOT NULL DEFAULT 1,
    created_at       BIGINT NOT NULL,
    deactivated_at   BIGINT,
    calendar_version BIGINT NOT NULL DEFAULT 0,
    pending_email    TEXT,
    erased_at        BIGINT,
    CHECK (email IS NOT NULL OR phone IS NOT NULL OR pending_email IS NOT NULL OR erased_at IS NOT NULL)
);
INSERT INTO users_new (id, organisation_id, kind, email, phone, name, language, password_hash, active,
                       created_at, deactivated_at, calendar_version)
    SELECT id, organisation_id, kind, email, phone, name, language, password_hash, active,
           created_at, deactivated_at, calendar_version FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_organisation ON users (organisation_id, name);
CREATE INDEX users_phone ON users (phone);
CREATE INDEX users_pending_email ON users (pending_email);
CREATE TRIGGER users_calendar_membership AFTER UPDATE OF organisation_id, kind ON users
WHEN NEW.organisation_id IS NOT OLD.organisation_id OR NEW.kind IS NOT OLD.kind
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1 WHERE id = NEW.id;
END;
COMMIT;
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_keys = ON;
