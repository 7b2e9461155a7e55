-- Device accounts (issue 22): phones that send reports over OpenRosa and
-- do nothing else. SQLite cannot change a CHECK constraint in place, so
-- the accounts table is rebuilt with 'device' among the roles. The tokens
-- and sessions that refer to it are set aside while it is replaced (the
-- migration runs in a transaction, where foreign keys cannot be turned
-- off), and put back.
CREATE TEMP TABLE tokens_kept AS SELECT * FROM api_tokens;
CREATE TEMP TABLE sessions_kept AS SELECT * FROM sessions;
DELETE FROM api_tokens;
DELETE FROM sessions;

CREATE TABLE accounts_new (
    name          TEXT PRIMARY KEY NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'confidential_reader', 'reader', 'device')),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
) STRICT;

INSERT INTO accounts_new (name, role, password_hash, disabled, created_at)
    SELECT name, role, password_hash, disabled, created_at FROM accounts;

DROP TABLE accounts;

ALTER TABLE accounts_new RENAME TO accounts;

INSERT INTO api_tokens (token_hash, account_name, created_at)
    SELECT token_hash, account_name, created_at FROM tokens_kept;
INSERT INTO sessions (session_hash, account_name, csrf_token, expires_at)
    SELECT session_hash, account_name, csrf_token, expires_at FROM sessions_kept;
DROP TABLE tokens_kept;
DROP TABLE sessions_kept;
