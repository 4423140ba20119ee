-- A group's calendar version rises with every change to one of its meetings
-- and to its name: everything a calendar shows of the group. A calendar (page
-- or feed) is then known unchanged from its groups' versions alone, without
-- reading its meetings. Triggers keep the rule, so no later code can forget it.
ALTER TABLE club_groups ADD COLUMN calendar_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION meetings_calendar_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE club_groups SET calendar_version = calendar_version + 1 WHERE id = NEW.group_id;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE club_groups SET calendar_version = calendar_version + 1
         WHERE id IN (NEW.group_id, OLD.group_id);
    ELSE
        UPDATE club_groups SET calendar_version = calendar_version + 1 WHERE id = OLD.group_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER meetings_calendar AFTER INSERT OR UPDATE OR DELETE ON meetings
FOR EACH ROW EXECUTE FUNCTION meetings_calendar_bump();

CREATE FUNCTION club_groups_calendar_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.name IS DISTINCT FROM OLD.name THEN
        NEW.calendar_version := OLD.calendar_version + 1;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER club_groups_calendar_name BEFORE UPDATE OF name ON club_groups
FOR EACH ROW EXECUTE FUNCTION club_groups_calendar_name();

-- A user's calendar version rises with every change to what their calendar
-- shows: a change in one of their groups (above), their groups themselves
-- (facilitating, being enrolled, being a coordinator of the owner), and their
-- feed's token. With it in the signed-in user's row, an unchanged calendar
-- page or feed is known without another query.
ALTER TABLE users ADD COLUMN calendar_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION club_groups_calendar_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.calendar_version IS DISTINCT FROM OLD.calendar_version THEN
        UPDATE users SET calendar_version = calendar_version + 1
         WHERE id IN (SELECT f.user_id FROM group_facilitators f WHERE f.group_id = NEW.id
                      UNION SELECT e.participant_id FROM enrolments e WHERE e.group_id = NEW.id AND e.status = 'enrolled'
                      UNION SELECT r.user_id FROM user_roles r JOIN users c ON c.id = r.user_id
                             WHERE r.role = 'coordinator' AND c.organisation_id = NEW.organisation_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER club_groups_calendar_users AFTER UPDATE OF calendar_version, name ON club_groups
FOR EACH ROW EXECUTE FUNCTION club_groups_calendar_users();

-- Bumps the users named in the changed row's column (TG_ARGV[0]).
CREATE FUNCTION calendar_users_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_id TEXT;
    new_id TEXT;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_id := to_jsonb(OLD) ->> TG_ARGV[0];
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_id := to_jsonb(NEW) ->> TG_ARGV[0];
    END IF;
    UPDATE users SET calendar_version = calendar_version + 1 WHERE id IN (old_id, new_id);
    RETURN NULL;
END;
$$;

CREATE TRIGGER group_facilitators_calendar AFTER INSERT OR UPDATE OR DELETE ON group_facilitators
FOR EACH ROW EXECUTE FUNCTION calendar_users_bump('user_id');
CREATE TRIGGER enrolments_calendar AFTER INSERT OR UPDATE OR DELETE ON enrolments
FOR EACH ROW EXECUTE FUNCTION calendar_users_bump('participant_id');
CREATE TRIGGER user_roles_calendar AFTER INSERT OR UPDATE OR DELETE ON user_roles
FOR EACH ROW EXECUTE FUNCTION calendar_users_bump('user_id');
CREATE TRIGGER calendar_feeds_calendar AFTER INSERT OR UPDATE OR DELETE ON calendar_feeds
FOR EACH ROW EXECUTE FUNCTION calendar_users_bump('user_id');

CREATE FUNCTION users_calendar_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.organisation_id IS DISTINCT FROM OLD.organisation_id OR NEW.kind IS DISTINCT FROM OLD.kind THEN
        NEW.calendar_version := OLD.calendar_version + 1;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER users_calendar_membership BEFORE UPDATE OF organisation_id, kind ON users
FOR EACH ROW EXECUTE FUNCTION users_calendar_membership();
