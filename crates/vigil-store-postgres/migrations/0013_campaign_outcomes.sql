-- What a campaign achieved and who may follow it: one log per campaign of
-- targets' responses (`response`), its result (`result`, the last one
-- counts), milestones that queued updates to signers (`milestone`, its
-- `unique_key` "<slug>:<milestone>" so that each is reached once, its data
-- listing the queued messages so that anonymisation can remove them) and
-- partners' links (`partner`, its `unique_key` the hex SHA-256 of the
-- link's token; revocable). `data` is JSON; times are microseconds since
-- the epoch, as in the other campaign tables.

CREATE TABLE campaign_outcomes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign TEXT NOT NULL REFERENCES campaigns (slug),
    kind TEXT NOT NULL,
    unique_key TEXT,
    data TEXT NOT NULL,
    at BIGINT NOT NULL,
    author TEXT NOT NULL,
    revoked_at BIGINT,
    revoked_by TEXT
);
CREATE UNIQUE INDEX campaign_outcomes_unique ON campaign_outcomes (kind, unique_key);
CREATE INDEX campaign_outcomes_by_campaign ON campaign_outcomes (campaign, kind, id);
