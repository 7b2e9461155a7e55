-- Proposals made by ingest, waiting for (or carrying) a person's decision,
-- and what ingest knows of each source's text. None of this is the case
-- file: accepting a proposal writes records through the ordinary writes,
-- so these tables do not take the case file's write lock.

CREATE TABLE proposals (
    id         TEXT COLLATE "C" PRIMARY KEY,
    seq        BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    source_id  TEXT COLLATE "C" NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'event', 'alias')),
    label      TEXT NOT NULL,
    body       TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
    decided_by TEXT,
    decided_at TIMESTAMPTZ,
    record_id  TEXT COLLATE "C"
);

CREATE INDEX proposals_by_source ON proposals (source_id, state, seq);
CREATE INDEX proposals_by_state ON proposals (state, seq);

CREATE TABLE source_fingerprints (
    source_id    TEXT COLLATE "C" PRIMARY KEY,
    content_hash TEXT COLLATE "C" NOT NULL,
    -- MinHash values are u64: kept as JSON, as in SQLite.
    signature    TEXT NOT NULL
);

CREATE INDEX source_fingerprints_by_hash ON source_fingerprints (content_hash);

CREATE TABLE source_links (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id  TEXT COLLATE "C" NOT NULL,
    other_id   TEXT COLLATE "C",
    relation   TEXT NOT NULL CHECK (relation IN ('duplicate', 'near_duplicate')),
    similarity DOUBLE PRECISION NOT NULL,
    document   TEXT NOT NULL,
    by_name    TEXT NOT NULL,
    at         TIMESTAMPTZ NOT NULL
);

CREATE INDEX source_links_by_source ON source_links (source_id);
CREATE INDEX source_links_by_other ON source_links (other_id);
