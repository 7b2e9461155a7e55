-- Issue 17: every list's filter and order is indexed, and the counts of
-- live records are kept by the database itself on every write, in the
-- same transaction (triggers), so no page counts or scans the whole case
-- file. As in SQLite's 0006.

CREATE INDEX records_hidden ON records (id) WHERE confidential AND NOT deleted;

DROP INDEX records_by_date;
CREATE INDEX records_events_by_date ON records (kind, date_earliest, date_latest DESC, id);
CREATE INDEX records_events_by_type ON records (event_type, date_earliest, date_latest DESC, id)
    WHERE event_type IS NOT NULL;

CREATE TABLE record_counts (
    kind         TEXT COLLATE "C" NOT NULL,
    confidential BOOLEAN NOT NULL,
    n            BIGINT NOT NULL,
    PRIMARY KEY (kind, confidential)
);

INSERT INTO record_counts (kind, confidential, n)
    SELECT kind, confidential, COUNT(*) FROM records WHERE NOT deleted GROUP BY kind, confidential;

CREATE FUNCTION record_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD.deleted THEN
        UPDATE record_counts SET n = n - 1 WHERE kind = OLD.kind AND confidential = OLD.confidential;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NOT NEW.deleted THEN
        INSERT INTO record_counts (kind, confidential, n) VALUES (NEW.kind, NEW.confidential, 1)
            ON CONFLICT (kind, confidential) DO UPDATE SET n = record_counts.n + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER record_counts_follow AFTER INSERT OR DELETE OR UPDATE OF kind, confidential, deleted ON records
    FOR EACH ROW EXECUTE FUNCTION record_counts_follow();

-- Each person's status on every day, as the stretches over which it stays
-- the same and the person is not at liberty; see SQLite's 0006.
CREATE TABLE status_stretches (
    public      BOOLEAN NOT NULL,
    person_id   TEXT COLLATE "C" NOT NULL,
    from_day    DATE NOT NULL,
    to_day      DATE,
    kinds       TEXT NOT NULL,
    sort_key    TEXT COLLATE "C" NOT NULL,
    first_start DATE,
    last_end    DATE,
    data        TEXT,
    sealed      BYTEA
);

CREATE INDEX status_stretches_by_person ON status_stretches (person_id);
CREATE INDEX status_stretches_by_day ON status_stretches (public, from_day, to_day);
CREATE INDEX status_stretches_by_name ON status_stretches (public, sort_key, person_id);
