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
