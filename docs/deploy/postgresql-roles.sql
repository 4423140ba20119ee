-- Step 1 of docs/deploy/postgresql.md: run as a PostgreSQL superuser,
-- connected to any database (e.g. `postgres`):
--   psql -v ON_ERROR_STOP=1 -d postgres -f docs/deploy/postgresql-roles.sql
-- Two roles: klubi_owner owns the schema and runs `klubi migrate`; klubi_app
-- runs `klubi serve` and may only read and write rows. Choose the passwords
-- (or use another authentication method in pg_hba.conf).
CREATE ROLE klubi_owner LOGIN PASSWORD 'change-me-owner';
CREATE ROLE klubi_app LOGIN PASSWORD 'change-me-app';
CREATE DATABASE klubi OWNER klubi_owner;
REVOKE ALL ON DATABASE klubi FROM PUBLIC;
GRANT CONNECT ON DATABASE klubi TO klubi_app;
