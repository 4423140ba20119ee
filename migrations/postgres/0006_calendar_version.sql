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
