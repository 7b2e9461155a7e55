-- The case file: each record's current state as JSON, with the few columns
-- lists filter and sort on; names and references in side tables; and the
-- append-only history of every write.
--
-- `data` holds what the public may see (NULL for a wholly confidential
-- record); `sealed` holds the whole record encrypted when it has
-- confidential content (see vigil_store::seal). Names and sort keys come
-- from the public form only.

CREATE TABLE records (
    id            TEXT PRIMARY KEY NOT NULL,
    kind          TEXT NOT NULL,
    data          TEXT,
    sealed        BLOB,
    sort_key      TEXT NOT NULL,
    confidential  INTEGER NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    event_type    TEXT,
    date_earliest TEXT,
    date_latest   TEXT
) STRICT;

CREATE INDEX records_by_kind ON records (kind, deleted, sort_key, id);
CREATE INDEX records_by_date ON records (kind, deleted, date_earliest);

-- Every name and alias of a live person or organisation, folded.
CREATE TABLE record_names (
    record_id TEXT NOT NULL REFERENCES records (id),
    folded    TEXT NOT NULL
) STRICT;

CREATE INDEX record_names_by_record ON record_names (record_id);

-- Every reference from a live record to another: participants, excerpts'
-- sources, affiliations, parents, cases' events and persons. `public` is 0
-- when the public may not see it (a withheld field).
CREATE TABLE links (
    from_id TEXT NOT NULL REFERENCES records (id),
    to_id   TEXT NOT NULL,
    field   TEXT NOT NULL,
    public  INTEGER NOT NULL
) STRICT;

CREATE INDEX links_by_target ON links (to_id, from_id);
CREATE INDEX links_by_origin ON links (from_id);

CREATE TABLE revisions (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id TEXT NOT NULL,
    kind      TEXT NOT NULL,
    operation TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete', 'restore')),
    author    TEXT NOT NULL,
    at        TEXT NOT NULL,
    reason    TEXT,
    data      TEXT,
    sealed    BLOB
) STRICT;

CREATE INDEX revisions_by_record ON revisions (record_id, seq);
