-- Step 4 of docs/deploy/postgresql.md: run as klubi_owner (or a superuser)
-- after `klubi migrate`; running it again changes nothing:
--   psql -v ON_ERROR_STOP=1 -d klubi -f docs/deploy/postgresql-audit.sql
-- The audit log and its hash chain take rows and never give them back: the
-- app may INSERT and SELECT only (its triggers refuse the rest too, but an
-- owner can drop triggers; the app cannot). Which migrations ran is the
-- owner's business alone.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_chain FROM klubi_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON _sqlx_migrations FROM klubi_app;
