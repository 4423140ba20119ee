-- Step 2 of docs/deploy/postgresql.md: run as a PostgreSQL superuser,
-- connected to the new database, before the first `klubi migrate`:
--   psql -v ON_ERROR_STOP=1 -d klubi -f docs/deploy/postgresql-privileges.sql
-- The owner alone creates in the schema; whatever it creates (every table and
-- sequence of every migration, now and later) the app may read and write.
ALTER SCHEMA public OWNER TO klubi_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO klubi_app;
ALTER DEFAULT PRIVILEGES FOR ROLE klubi_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO klubi_app;
ALTER DEFAULT PRIVILEGES FOR ROLE klubi_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO klubi_app;
-- Tables that exist already (a database migrated before these steps).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO klubi_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO klubi_app;
