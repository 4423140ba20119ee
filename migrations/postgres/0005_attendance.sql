-- Attendance, advance notices, no-show alerts, compensation rates with
-- effective dates, and approved (locked) payment reports with their versions.

-- One row per participant and meeting. `status` is the coach's mark (NULL
-- until marked); an advance notice from the participant is kept beside it, so
-- a coach's later mark never loses what the participant said.
CREATE TABLE attendance (
    meeting_id      TEXT NOT NULL REFERENCES meetings (id),
    participant_id  TEXT NOT NULL REFERENCES users (id),
    -- Copied from the meeting: reports and statements read a group's rows
    -- without joining every meeting.
    group_id        TEXT NOT NULL REFERENCES club_groups (id),
    status          TEXT CHECK (status IN ('present', 'late', 'excused', 'absent')),
    marked_by       TEXT REFERENCES users (id),
    marked_at       BIGINT,
    notice_at       BIGINT,
    notice_reason   TEXT,
    PRIMARY KEY (meeting_id, participant_id),
    CHECK (status IS NOT NULL OR notice_at IS NOT NULL)
);
CREATE INDEX attendance_group ON attendance (group_id, participant_id);
CREATE INDEX attendance_participant ON attendance (participant_id, group_id);

-- Who hears of a missed meeting: the referring case manager's organisation chooses.
ALTER TABLE organisations ADD COLUMN no_show_alerts TEXT NOT NULL DEFAULT 'every_miss'
    CHECK (no_show_alerts IN ('off', 'every_miss', 'two_in_a_row'));

CREATE TABLE no_show_alerts (
    id               TEXT PRIMARY KEY,
    group_id         TEXT NOT NULL REFERENCES club_groups (id),
    meeting_id       TEXT NOT NULL REFERENCES meetings (id),
    participant_id   TEXT NOT NULL REFERENCES users (id),
    case_manager_id  TEXT REFERENCES users (id),
    escalated        INTEGER NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    UNIQUE (meeting_id, participant_id)
);
CREATE INDEX no_show_alerts_case_manager ON no_show_alerts (case_manager_id, created_at);
CREATE INDEX no_show_alerts_group ON no_show_alerts (group_id, participant_id);

-- A rate (cents per attended meeting, NULL for none) for meetings on or after
-- a local date; before the first change the group's own rate applies.
CREATE TABLE compensation_rates (
    group_id        TEXT NOT NULL REFERENCES club_groups (id),
    effective_from  TEXT NOT NULL,
    rate_cents      BIGINT CHECK (rate_cents IS NULL OR rate_cents >= 0),
    created_by      TEXT REFERENCES users (id),
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (group_id, effective_from)
);

-- An approved payment report: an immutable snapshot of the lines and total.
-- While a version is not reopened the group's attendance is locked; reopening
-- (with a reason) keeps the version for download and lets a new one be approved.
CREATE TABLE compensation_reports (
    id             TEXT PRIMARY KEY,
    group_id       TEXT NOT NULL REFERENCES club_groups (id),
    version        BIGINT NOT NULL,
    approved_by    TEXT NOT NULL REFERENCES users (id),
    approved_at    BIGINT NOT NULL,
    snapshot       TEXT NOT NULL,
    total_cents    BIGINT NOT NULL,
    reopened_by    TEXT REFERENCES users (id),
    reopened_at    BIGINT,
    reopen_reason  TEXT,
    UNIQUE (group_id, version)
);
-- At most one locking version per group, whatever races.
CREATE UNIQUE INDEX compensation_reports_locked ON compensation_reports (group_id) WHERE reopened_at IS NULL;
