-- Tells every serving process that a user, their roles or a login session
-- changed, so that none keeps an old copy of a signed-in caller in memory
-- (klubi_db::changes). One notification per statement is enough: a listener
-- forgets every copy it has on any of them. SQLite needs nothing of the kind:
-- there the caller is not kept (nothing would tell of another process's writes).
CREATE FUNCTION auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('klubi_auth', '');
    RETURN NULL;
END $$;

CREATE TRIGGER users_auth_changed AFTER UPDATE OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
CREATE TRIGGER user_roles_auth_changed AFTER INSERT OR UPDATE OR DELETE ON user_roles
    FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
CREATE TRIGGER login_sessions_auth_changed AFTER UPDATE OR DELETE ON login_sessions
    FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
