-- Issue 17: every list's filter and order is indexed, and the counts of
-- live records are kept by the database itself on every write, in the
-- same transaction (triggers), so no page counts or scans the whole case
-- file.

-- The ids the public may not even see referred to, read on every public
-- request.
CREATE INDEX records_hidden ON records (id) WHERE confidential AND NOT deleted;

-- Events in their list order (earliest reading first), all of them or of
-- one type; read backwards for the latest.
DROP INDEX records_by_date;
CREATE INDEX records_events_by_date ON records (kind, date_earliest, date_latest DESC, id);
CREATE INDEX records_events_by_type ON records (event_type, date_earliest, date_latest DESC, id)
    WHERE event_type IS NOT NULL;

-- Live records by kind and by whether wholly confidential: the public
-- counts those with confidential = 0, those with the right all of them.
CREATE TABLE record_counts (
    kind         TEXT NOT NULL,
    confidential INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (kind, confidential)
) STRICT;

INSERT INTO record_counts (kind, confidential, n)
    SELECT kind, confidential, COUNT(*) FROM records WHERE NOT deleted GROUP BY kind, confidential;

CREATE TRIGGER record_counts_on_insert AFTER INSERT ON records WHEN NOT NEW.deleted
BEGIN
    INSERT INTO record_counts (kind, confidential, n) VALUES (NEW.kind, NEW.confidential, 1)
        ON CONFLICT (kind, confidential) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER record_counts_on_update AFTER UPDATE OF kind, confidential, deleted ON records
BEGIN
    UPDATE record_counts SET n = n - 1
        WHERE NOT OLD.deleted AND kind = OLD.kind AND confidential = OLD.confidential;
    INSERT INTO record_counts (kind, confidential, n)
        SELECT NEW.kind, NEW.confidential, 1 WHERE NOT NEW.deleted
        ON CONFLICT (kind, confidential) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER record_counts_on_delete AFTER DELETE ON records WHEN NOT OLD.deleted
BEGIN
    UPDATE record_counts SET n = n - 1 WHERE kind = OLD.kind AND confidential = OLD.confidential;
END;

-- Each person's status on every day, as the stretches of days over which
-- it stays the same and the person is not at liberty
-- (vigil_core::stretches), once as the public sees the case file
-- (public = 1) and once as those with the right do (public = 0).
-- Recomputed, in the write's transaction, for the persons a write
-- touches; `vigil rebuild-derived` recomputes them all. The public's
-- stretch is in the clear in `data` (JSON: name and restraints); the whole
-- case file's is sealed in `sealed`. Days are ISO text; `to_day` is the
-- first day after the stretch (NULL: open); `kinds` lists the kinds of
-- restraint in force, space-separated and -surrounded, for the kind filter.
CREATE TABLE status_stretches (
    public      INTEGER NOT NULL,
    person_id   TEXT NOT NULL,
    from_day    TEXT NOT NULL,
    to_day      TEXT,
    kinds       TEXT NOT NULL,
    sort_key    TEXT NOT NULL,
    first_start TEXT,
    last_end    TEXT,
    data        TEXT,
    sealed      BLOB
) STRICT;

CREATE INDEX status_stretches_by_person ON status_stretches (person_id);
CREATE INDEX status_stretches_by_day ON status_stretches (public, from_day, to_day);
CREATE INDEX status_stretches_by_name ON status_stretches (public, sort_key, person_id);
