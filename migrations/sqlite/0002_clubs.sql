-- Clubs: formats (with the shipped read-only templates, organisation_id NULL),
-- groups with partner organisations and facilitators, their meetings, the
-- enrolments that capacity counts, and per-user calendar feeds.

CREATE TABLE formats (
    id                  TEXT PRIMARY KEY,
    organisation_id     TEXT REFERENCES organisations (id),
    template_key        TEXT UNIQUE,
    name                TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    capacity            BIGINT NOT NULL,
    min_attendance      BIGINT NOT NULL,
    facilitators        BIGINT NOT NULL,
    compensation_cents  BIGINT,
    default_start_time  TEXT NOT NULL,
    meetings            TEXT NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX formats_organisation ON formats (organisation_id, name);

CREATE TABLE club_groups (
    id                  TEXT PRIMARY KEY,
    organisation_id     TEXT NOT NULL REFERENCES organisations (id),
    format_id           TEXT NOT NULL REFERENCES formats (id),
    name                TEXT NOT NULL,
    location            TEXT NOT NULL DEFAULT '',
    capacity            BIGINT NOT NULL,
    min_attendance      BIGINT NOT NULL,
    compensation_cents  BIGINT,
    status              TEXT NOT NULL CHECK (status IN ('planned', 'open', 'running', 'finished', 'cancelled')),
    default_start_time  TEXT NOT NULL,
    -- The format's meeting plan as it was when the group was made: editing the
    -- format later never changes the group.
    plan                TEXT NOT NULL,
    created_by          TEXT REFERENCES users (id),
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX club_groups_organisation ON club_groups (organisation_id, status, name);
CREATE INDEX club_groups_name ON club_groups (name, id);

CREATE TABLE group_partners (
    group_id         TEXT NOT NULL REFERENCES club_groups (id),
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (group_id, organisation_id)
);
CREATE INDEX group_partners_organisation ON group_partners (organisation_id, group_id);

CREATE TABLE group_facilitators (
    group_id  TEXT NOT NULL REFERENCES club_groups (id),
    user_id   TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_facilitators_user ON group_facilitators (user_id, group_id);

CREATE TABLE meetings (
    id                  TEXT PRIMARY KEY,
    group_id            TEXT NOT NULL REFERENCES club_groups (id),
    starts_at           BIGINT NOT NULL,
    ends_at             BIGINT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('regular', 'guest_visit', 'excursion', 'online')),
    theme               TEXT NOT NULL,
    title               TEXT,
    location            TEXT NOT NULL DEFAULT '',
    agenda              TEXT NOT NULL DEFAULT '',
    guest_organisation  TEXT,
    guest_purpose       TEXT,
    online_url          TEXT,
    cancelled           INTEGER NOT NULL DEFAULT 0,
    cancel_reason       TEXT,
    -- The last move: who and why (every change is also in the audit log).
    change_reason       TEXT,
    changed_by          TEXT REFERENCES users (id),
    changed_at          BIGINT,
    -- iCalendar SEQUENCE: raised on every change.
    sequence            BIGINT NOT NULL DEFAULT 0,
    created_at          BIGINT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX meetings_group ON meetings (group_id, starts_at);
CREATE INDEX meetings_starts ON meetings (starts_at);

CREATE TABLE enrolments (
    id              TEXT PRIMARY KEY,
    group_id        TEXT NOT NULL REFERENCES club_groups (id),
    participant_id  TEXT NOT NULL REFERENCES users (id),
    status          TEXT NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'withdrawn')),
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (group_id, participant_id)
);
CREATE INDEX enrolments_group ON enrolments (group_id, status);
CREATE INDEX enrolments_participant ON enrolments (participant_id);

-- The secret of a user's calendar URL. Kept as it is (unlike API tokens) because
-- the user is shown the same URL again to subscribe on another device; it grants
-- reading that one calendar, and rotating it revokes the old URL.
CREATE TABLE calendar_feeds (
    user_id     TEXT PRIMARY KEY REFERENCES users (id),
    token       TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);
