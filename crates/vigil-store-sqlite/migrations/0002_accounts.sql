-- Accounts, API tokens and login sessions. Secrets are never stored: an
-- argon2 hash of each password, a SHA-256 of each token and session id.

CREATE TABLE accounts (
    name          TEXT PRIMARY KEY NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'confidential_reader', 'reader')),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE api_tokens (
    token_hash   TEXT PRIMARY KEY NOT NULL,
    account_name TEXT NOT NULL REFERENCES accounts (name),
    created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
    session_hash TEXT PRIMARY KEY NOT NULL,
    account_name TEXT NOT NULL REFERENCES accounts (name),
    csrf_token   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
) STRICT;

CREATE INDEX sessions_by_account ON sessions (account_name);
