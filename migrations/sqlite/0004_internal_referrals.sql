-- Internal referrals: a coach refers an enrolled participant to a specialist of
-- the same organisation or partnership (e.g. mental coaching), with the
-- participant's consent recorded. Only the coach, the specialist and the
-- participant see it; the specialist's session notes are the specialist's alone.

CREATE TABLE internal_referrals (
    id               TEXT PRIMARY KEY,
    participant_id   TEXT NOT NULL REFERENCES users (id),
    -- The group in which the coach works with the participant.
    group_id         TEXT NOT NULL REFERENCES club_groups (id),
    referred_by      TEXT NOT NULL REFERENCES users (id),
    specialist_id    TEXT NOT NULL REFERENCES users (id),
    reason           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'closed')),
    consent_version  TEXT NOT NULL,
    consent_by       TEXT NOT NULL REFERENCES users (id),
    consent_at       BIGINT NOT NULL,
    accepted_at      BIGINT,
    closed_at        BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX internal_referrals_specialist ON internal_referrals (specialist_id, status, created_at);
CREATE INDEX internal_referrals_referrer ON internal_referrals (referred_by, created_at);
CREATE INDEX internal_referrals_participant ON internal_referrals (participant_id, created_at);

CREATE TABLE specialist_sessions (
    id                    TEXT PRIMARY KEY,
    internal_referral_id  TEXT NOT NULL REFERENCES internal_referrals (id),
    held_on               TEXT NOT NULL,
    note                  TEXT NOT NULL DEFAULT '',
    created_by            TEXT NOT NULL REFERENCES users (id),
    created_at            BIGINT NOT NULL
);
CREATE INDEX specialist_sessions_referral ON specialist_sessions (internal_referral_id, held_on);
