-- A group's calendar version rises with every change to one of its meetings
-- and to its name: everything a calendar shows of the group. A calendar (page
-- or feed) is then known unchanged from its groups' versions alone, without
-- reading its meetings. Triggers keep the rule, so no later code can forget it.
ALTER TABLE club_groups ADD COLUMN calendar_version BIGINT NOT NULL DEFAULT 0;

CREATE TRIGGER meetings_calendar_insert AFTER INSERT ON meetings
BEGIN
    UPDATE club_groups SET calendar_version = calendar_version + 1 WHERE id = NEW.group_id;
END;

CREATE TRIGGER meetings_calendar_update AFTER UPDATE ON meetings
BEGIN
    UPDATE club_groups SET calendar_version = calendar_version + 1
     WHERE id IN (NEW.group_id, OLD.group_id);
END;

CREATE TRIGGER meetings_calendar_delete AFTER DELETE ON meetings
BEGIN
    UPDATE club_groups SET calendar_version = calendar_version + 1 WHERE id = OLD.group_id;
END;

CREATE TRIGGER club_groups_calendar_name AFTER UPDATE OF name ON club_groups
WHEN NEW.name IS NOT OLD.name
BEGIN
    UPDATE club_groups SET calendar_version = calendar_version + 1 WHERE id = NEW.id;
END;

-- A user's calendar version rises with every change to what their calendar
-- shows: a change in one of their groups (above), their groups themselves
-- (facilitating, being enrolled, being a coordinator of the owner), and their
-- feed's token. With it in the signed-in user's row, an unchanged calendar
-- page or feed is known without another query.
ALTER TABLE users ADD COLUMN calendar_version BIGINT NOT NULL DEFAULT 0;

CREATE TRIGGER club_groups_calendar_users AFTER UPDATE OF calendar_version ON club_groups
WHEN NEW.calendar_version IS NOT OLD.calendar_version
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1
     WHERE id IN (SELECT f.user_id FROM group_facilitators f WHERE f.group_id = NEW.id
                  UNION SELECT e.participant_id FROM enrolments e WHERE e.group_id = NEW.id AND e.status = 'enrolled'
                  UNION SELECT r.user_id FROM user_roles r JOIN users c ON c.id = r.user_id
                         WHERE r.role = 'coordinator' AND c.organisation_id = NEW.organisation_id);
END;

CREATE TRIGGER group_facilitators_calendar_insert AFTER INSERT ON group_facilitators
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1 WHERE id = NEW.user_id;
END;

CREATE TRIGGER group_facilitators_calendar_delete AFTER DELETE ON group_facilitators
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1 WHERE id = OLD.user_id;
END;

CREATE TRIGGER enrolments_calendar_insert AFTER INSERT ON enrolments
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1 WHERE id = NEW.participant_id;
END;

CREATE TRIGGER enrolments_calendar_update AFTER UPDATE ON enrolments
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1
     WHERE id IN (NEW.participant_id, OLD.participant_id);
END;

CREATE TRIGGER enrolments_calendar_delete AFTER DELETE ON enrolments
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1 WHERE id = OLD.participant_id;
END;

CREATE TRIGGER user_roles_calendar_insert AFTER INSERT ON user_roles
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1 WHERE id = NEW.user_id;
END;

CREATE TRIGGER user_roles_calendar_delete AFTER DELETE ON user_roles
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1 WHERE id = OLD.user_id;
END;

CREATE TRIGGER users_calendar_membership AFTER UPDATE OF organisation_id, kind ON users
WHEN NEW.organisation_id IS NOT OLD.organisation_id OR NEW.kind IS NOT OLD.kind
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER calendar_feeds_calendar_insert AFTER INSERT ON calendar_feeds
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1 WHERE id = NEW.user_id;
END;

CREATE TRIGGER calendar_feeds_calendar_update AFTER UPDATE ON calendar_feeds
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1
     WHERE id IN (NEW.user_id, OLD.user_id);
END;

CREATE TRIGGER calendar_feeds_calendar_delete AFTER DELETE ON calendar_feeds
BEGIN
    UPDATE users SET calendar_version = calendar_version + 1 WHERE id = OLD.user_id;
END;
