-- A second factor for staff (TOTP, RFC 6238) with recovery codes.

-- Who of the organisation's staff must have one: 'roles' (administrators,
-- case managers, specialists), 'all_staff' or 'none'; NULL follows the
-- installation's choice (settings 'second_factor_default', else 'roles').
ALTER TABLE organisations ADD COLUMN second_factor TEXT
    CHECK (second_factor IN ('roles', 'all_staff', 'none'));

-- A login session whose password was right but whose code is still to come:
-- no page but the code page accepts it, and it lasts 5 minutes.
ALTER TABLE login_sessions ADD COLUMN second_factor_pending INTEGER NOT NULL DEFAULT 0;

-- One row per account that has (or is setting up) a second factor. Secrets
-- are sealed with the instance key kept outside the database (klubi_ops::keys,
-- purpose 'totp:<user id>'), never stored in clear.
CREATE TABLE second_factors (
    user_id            TEXT PRIMARY KEY REFERENCES users (id),
    -- The secret in force, and since when (NULL: not in use yet).
    secret_sealed      TEXT,
    enabled_at         BIGINT,
    -- The last TOTP time step accepted: a code is used once, never an older one after it.
    last_step          BIGINT,
    -- A setting-up begun but not yet confirmed with a code (the old secret stays in force).
    new_secret_sealed  TEXT,
    new_secret_at      BIGINT,
    CHECK ((secret_sealed IS NULL) = (enabled_at IS NULL))
);

-- Recovery codes: SHA-256 hashes only, each usable once; a new set replaces the old.
CREATE TABLE recovery_codes (
    user_id     TEXT NOT NULL REFERENCES users (id),
    code_hash   TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    used_at     BIGINT,
    PRIMARY KEY (user_id, code_hash)
);
