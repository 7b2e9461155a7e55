-- Proposals made by ingest, waiting for (or carrying) a person's decision,
-- and what ingest knows of each source's text. None of this is the case
-- file: accepting a proposal writes records through the ordinary writes.

CREATE TABLE proposals (
    id         TEXT PRIMARY KEY NOT NULL,
    seq        INTEGER NOT NULL,
    source_id  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'event', 'alias')),
    label      TEXT NOT NULL,
    body       TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
    decided_by TEXT,
    decided_at TEXT,
    record_id  TEXT
) STRICT;

CREATE INDEX proposals_by_source ON proposals (source_id, state, seq);
CREATE INDEX proposals_by_state ON proposals (state, seq);
CREATE UNIQUE INDEX proposals_by_seq ON proposals (seq);

CREATE TABLE source_fingerprints (
    source_id    TEXT PRIMARY KEY NOT NULL,
    content_hash TEXT NOT NULL,
    signature    TEXT NOT NULL
) STRICT;

CREATE INDEX source_fingerprints_by_hash ON source_fingerprints (content_hash);

CREATE TABLE source_links (
    source_id  TEXT NOT NULL,
    other_id   TEXT,
    relation   TEXT NOT NULL CHECK (relation IN ('duplicate', 'near_duplicate')),
    similarity REAL NOT NULL,
    document   TEXT NOT NULL,
    by         TEXT NOT NULL,
    at         TEXT NOT NULL
) STRICT;

CREATE INDEX source_links_by_source ON source_links (source_id);
CREATE INDEX source_links_by_other ON source_links (other_id);
