-- Issue 16, item 4: API tokens run out (90 days unless chosen at creation),
-- may be read-only, and name who issued them (created_by, already there).
-- Tokens made before this version run out 90 days from now.
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0;
UPDATE api_tokens SET expires_at = CAST(strftime('%s', 'now') AS INTEGER) + 90 * 86400;
