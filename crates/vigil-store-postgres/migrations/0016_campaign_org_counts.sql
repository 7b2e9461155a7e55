-- Confirmed, valid signatures of a campaign by the organisation their
-- signers gave, kept as confirmations, invalidations and their reverts
-- commit, so that the partner's view reads a row per organisation rather
-- than opening every signature's sealed data (issue 23). The organisation
-- itself is personal data: a row is keyed by an HMAC of it under a key
-- derived from the case file's (`org_key`, hex; "" for none) and holds
-- it sealed. Each organisation's count is split over a few `shard` rows
-- (a batch adds to one, at random), so that concurrent confirmations on
-- several servers do not all wait for one row. The row `org_key = '*'`
-- marks a campaign as counted: campaigns signed before this migration are
-- counted from their sealed data the first time their partner's view is
-- read (their sealed data cannot be opened by SQL).
CREATE TABLE campaign_org_counts (
    campaign TEXT NOT NULL REFERENCES campaigns (slug),
    org_key TEXT NOT NULL,
    shard INTEGER NOT NULL,
    sealed BYTEA,
    n BIGINT NOT NULL,
    PRIMARY KEY (campaign, org_key, shard)
);

-- The signers who chose to be named, for the partner's view and the
-- digests: read by themselves, not found among all the signatures.
CREATE INDEX signatures_named ON signatures (campaign, confirmed_at) WHERE named AND confirmed_at IS NOT NULL;
