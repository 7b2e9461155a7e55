-- Proposals keyed by their number. Ingest stores dozens a source, and each
-- index is one more B-tree insert a proposal: with `seq` as the row's own
-- key, a new proposal is appended at the end of the table, and two indexes
-- remain (the id, and the source with the number implied). Listing by
-- state alone reads the table in order, as listing everything does.

CREATE TABLE proposals_new (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    source_id  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'event', 'alias')),
    label      TEXT NOT NULL,
    body       TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
    decided_by TEXT,
    decided_at TEXT,
    record_id  TEXT
) STRICT;

INSERT INTO proposals_new (seq, id, source_id, kind, label, body, state, decided_by, decided_at, record_id)
SELECT seq, id, source_id, kind, label, body, state, decided_by, decided_at, record_id
FROM proposals ORDER BY seq;

DROP TABLE proposals;
ALTER TABLE proposals_new RENAME TO proposals;

CREATE INDEX proposals_by_source ON proposals (source_id);
