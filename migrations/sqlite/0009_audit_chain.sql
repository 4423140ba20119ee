-- The audit log's hash chain (klubi_domain::audit_chain; ARCHITECTURE.md,
-- "The audit log holds against its own application"). A sealer links the
-- audit rows older than a margin, in id order, one row here per audit row;
-- `klubi audit verify` recomputes every hash. audit_log itself stays as it is
-- (INSERT only), and so is this table.
--
-- `prev_id` is the row linked before (0 before the first): UNIQUE, so two
-- sealers that raced could never leave two successors of one link (a fork);
-- the loser's insert fails and changes nothing. The chain hashes the details
-- through `details_hash`, so that erasing a person's details later leaves the
-- chain verifiable.
CREATE TABLE audit_chain (
    audit_id      INTEGER PRIMARY KEY,
    prev_id       BIGINT NOT NULL UNIQUE,
    prev_hash     TEXT NOT NULL,
    details_hash  TEXT NOT NULL,
    hash          TEXT NOT NULL,
    sealed_at     BIGINT NOT NULL,
    CHECK (audit_id > prev_id)
);
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;
