-- Accounts, API tokens and login sessions. Secrets are never stored: an
-- argon2 hash of each password, a SHA-256 of each token and session id.

CREATE TABLE accounts (
    name          TEXT COLLATE "C" PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'confidential_reader', 'reader')),
    password_hash TEXT NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT false,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_tokens (
    token_hash   TEXT COLLATE "C" PRIMARY KEY,
    account_name TEXT COLLATE "C" NOT NULL REFERENCES accounts (name),
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE sessions (
    session_hash TEXT COLLATE "C" PRIMARY KEY,
    account_name TEXT COLLATE "C" NOT NULL REFERENCES accounts (name),
    csrf_token   TEXT NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX sessions_by_account ON sessions (account_name);
