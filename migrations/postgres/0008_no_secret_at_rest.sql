-- Issue 16: no usable secret at rest.
--
-- A calendar feed's secret is no longer stored. The URL's token is derived
-- from the instance's secret key (kept outside the database: klubi_ops::keys)
-- and this row's nonce; only the token's SHA-256 is kept, to find the feed,
-- as for login sessions and API tokens. Rotating draws a new nonce. Links made
-- before this version cannot be derived again (their tokens were random and
-- stored as they were): they stop working and their owners make new ones.
DELETE FROM calendar_feeds;
ALTER TABLE calendar_feeds RENAME COLUMN token TO token_hash;
ALTER TABLE calendar_feeds ADD COLUMN nonce TEXT NOT NULL DEFAULT '';

-- A sent mail's body is dropped (it may hold a sign-in link and the recipient
-- has it now); bodies of mail not yet sent are sealed with the instance's key
-- from now on.
UPDATE mail_outbox SET body_text = '' WHERE status = 'sent';

-- Nothing learnt across organisations. A referral keeps the participant's
-- details as its referrer typed them, and the referrer's views show those:
-- a case manager who types the address of someone another organisation
-- referred learns nothing Klubi holds of them, and no staff action writes
-- contact data onto an account the caller cannot see. (NULL for referrals
-- made before: their views show the account's details as before.)
ALTER TABLE referrals ADD COLUMN participant_name TEXT;
ALTER TABLE referrals ADD COLUMN participant_email TEXT;
ALTER TABLE referrals ADD COLUMN participant_phone TEXT;
-- One live referral of a person to a group per referring organisation: a
-- second organisation's referral is taken like any other (the coordinator,
-- who sees both, decides), so the 409 tells only of the caller's own.
DROP INDEX referrals_live;
CREATE UNIQUE INDEX referrals_live ON referrals (group_id, participant_id, organisation_id)
    WHERE status <> 'withdrawn';

-- Throttling counted atomically: one row per key (an address, an account at
-- an address, an account) whose count is raised by one statement that also
-- answers with the new count, so that two hundred attempts at once cannot
-- all read "four so far" before any is written. Replaces login_failures.
CREATE TABLE login_throttle (
    key           TEXT PRIMARY KEY,
    window_start  BIGINT NOT NULL,
    hits          BIGINT NOT NULL
);
DROP TABLE login_failures;
