-- Issue 16, item 2 (no enumeration) and issue 17 (erasure):
-- users.pending_email holds an address a member of staff typed that belongs
-- to an account they may not see: it is shown back to them and mailed only a
-- notice without a link, never signed in with; users.erased_at marks an
-- erased person, who keeps neither an address nor a phone. An account now
-- needs an address, a phone, a pending address, or to be erased.
ALTER TABLE users ADD COLUMN pending_email TEXT;
ALTER TABLE users ADD COLUMN erased_at BIGINT;
ALTER TABLE users DROP CONSTRAINT users_email_or_phone;
ALTER TABLE users ADD CONSTRAINT users_reachable_or_erased
    CHECK (email IS NOT NULL OR phone IS NOT NULL OR pending_email IS NOT NULL OR erased_at IS NOT NULL);
CREATE INDEX users_pending_email ON users (pending_email);
