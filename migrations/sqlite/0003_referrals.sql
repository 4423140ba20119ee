-- no-transaction
-- Referrals and enrolment: participants may have a phone instead of an email
-- address (users.email becomes optional, users.phone is new), case managers'
-- referrals with the consent recorded, and the waiting-list order on enrolments.
--
-- SQLite cannot drop NOT NULL in place: the users table is rebuilt as SQLite's
-- documented procedure says, with foreign keys off for the swap (which is why
-- this migration manages its own transaction).
PRAGMA foreign_keys = OFF;
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
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
INSERT INTO users_new (id, organisation_id, kind, email, name, language, password_hash, active, created_at, deactivated_at)
    SELECT id, organisation_id, kind, email, name, language, password_hash, active, created_at, deactivated_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_organisation ON users (organisation_id, name);
CREATE INDEX users_phone ON users (phone);

CREATE TABLE referrals (
    id               TEXT PRIMARY KEY,
    group_id         TEXT NOT NULL REFERENCES club_groups (id),
    participant_id   TEXT NOT NULL REFERENCES users (id),
    -- The case manager who referred, and their organisation at the time.
    referred_by      TEXT NOT NULL REFERENCES users (id),
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    needs            TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'enrolled', 'waitlisted', 'declined', 'withdrawn')),
    -- The participant's consent as recorded: which text, by whom, when.
    consent_version  TEXT NOT NULL,
    consent_by       TEXT NOT NULL REFERENCES users (id),
    consent_at       BIGINT NOT NULL,
    decided_by       TEXT REFERENCES users (id),
    decided_at       BIGINT,
    decline_reason   TEXT,
    withdrawn_by     TEXT REFERENCES users (id),
    withdrawn_at     BIGINT,
    withdraw_reason  TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX referrals_queue ON referrals (group_id, status, created_at);
CREATE INDEX referrals_referrer ON referrals (referred_by, created_at);
CREATE INDEX referrals_participant ON referrals (participant_id);
CREATE INDEX referrals_pending ON referrals (status, created_at, id);
-- One live referral per person and group: a second is refused (409) until the
-- first is withdrawn. The application names the existing one; this is the backstop.
CREATE UNIQUE INDEX referrals_live ON referrals (group_id, participant_id) WHERE status <> 'withdrawn';

-- The seat: which referral holds it, and the waiting-list order (acceptance
-- time, or a coordinator's move up with a reason).
ALTER TABLE enrolments ADD COLUMN referral_id TEXT REFERENCES referrals (id);
ALTER TABLE enrolments ADD COLUMN accepted_at BIGINT;
ALTER TABLE enrolments ADD COLUMN moved_up_at BIGINT;
ALTER TABLE enrolments ADD COLUMN moved_up_by TEXT REFERENCES users (id);
ALTER TABLE enrolments ADD COLUMN moved_up_reason TEXT;
ALTER TABLE enrolments ADD COLUMN withdrawn_at BIGINT;
ALTER TABLE enrolments ADD COLUMN withdrawn_by TEXT REFERENCES users (id);
CREATE INDEX enrolments_waiting ON enrolments (group_id, status, moved_up_at, accepted_at);

COMMIT;
PRAGMA foreign_keys = ON;
