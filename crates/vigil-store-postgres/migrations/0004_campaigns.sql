-- Campaigns, their signatures, the mail queue and deliveries to targets.
-- Times are microseconds since the epoch (the same SQL runs on both
-- backends). Signers' personal data is sealed (`personal`); the
-- one-signature-per-person rule is a unique index over a keyed hash of the
-- normalised address. Anonymisation sets the personal columns to NULL.

CREATE TABLE campaigns (
    slug TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    closed_at BIGINT,
    anonymised_at BIGINT
);

CREATE TABLE campaign_audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign TEXT NOT NULL REFERENCES campaigns (slug),
    at BIGINT NOT NULL,
    author TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX campaign_audit_by_campaign ON campaign_audit (campaign, id);

CREATE TABLE invalidations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign TEXT NOT NULL REFERENCES campaigns (slug),
    filter TEXT NOT NULL,
    author TEXT NOT NULL,
    at BIGINT NOT NULL,
    removed BIGINT NOT NULL,
    reverted_at BIGINT,
    reverted_by TEXT
);

CREATE TABLE signatures (
    id TEXT PRIMARY KEY,
    campaign TEXT NOT NULL REFERENCES campaigns (slug),
    email_hash BYTEA,
    personal BYTEA,
    email_domain TEXT,
    ip_hex TEXT,
    country TEXT NOT NULL,
    language TEXT NOT NULL,
    opt_in_at BIGINT,
    opt_in_wording TEXT,
    named BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    token_hash BYTEA,
    token_expires_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    invalidated_by BIGINT REFERENCES invalidations (id)
);
CREATE UNIQUE INDEX signatures_one_per_person ON signatures (campaign, email_hash);
CREATE INDEX signatures_by_campaign ON signatures (campaign, created_at);
CREATE INDEX signatures_invalidated ON signatures (invalidated_by) WHERE invalidated_by IS NOT NULL;

CREATE TABLE mail_queue (
    id TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    sent_at BIGINT,
    failed_at BIGINT,
    last_error TEXT,
    sealed BYTEA NOT NULL
);
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

CREATE TABLE deliveries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign TEXT NOT NULL REFERENCES campaigns (slug),
    target TEXT NOT NULL,
    at BIGINT NOT NULL,
    signatures BIGINT NOT NULL,
    mail TEXT NOT NULL REFERENCES mail_queue (id)
);
