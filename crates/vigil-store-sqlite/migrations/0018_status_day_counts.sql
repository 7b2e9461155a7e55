-- How many status stretches begin (+1) and end (-1) on each day, for each
-- visibility, in all (kind '') and for each restraint kind: the number not
-- at liberty on a day is the sum of the changes up to it. Kept by triggers
-- as stretches are written, so the status list's total costs the days on
-- record rather than the stretches (a COUNT over the stretches begun
-- before the day read a million index entries at 100,000 persons).
-- The kinds are RestraintKind's (vigil-core's vocabulary).
CREATE TABLE status_day_counts (
    public INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    day    TEXT NOT NULL,
    delta  INTEGER NOT NULL,
    PRIMARY KEY (public, kind, day)
) STRICT, WITHOUT ROWID;

INSERT INTO status_day_counts (public, kind, day, delta)
    SELECT public, kind, day, SUM(delta) FROM (
        SELECT s.public, k.kind, s.from_day AS day, 1 AS delta FROM status_stretches s, (SELECT '' AS kind UNION ALL SELECT 'custody' UNION ALL SELECT 'imprisonment' UNION ALL SELECT 'restricted_freedom' UNION ALL SELECT 'activity_ban' UNION ALL SELECT 'fine') k
            WHERE k.kind = '' OR s.kinds LIKE '% ' || k.kind || ' %'
        UNION ALL
        SELECT s.public, k.kind, s.to_day AS day, -1 AS delta FROM status_stretches s, (SELECT '' AS kind UNION ALL SELECT 'custody' UNION ALL SELECT 'imprisonment' UNION ALL SELECT 'restricted_freedom' UNION ALL SELECT 'activity_ban' UNION ALL SELECT 'fine') k
            WHERE s.to_day IS NOT NULL AND (k.kind = '' OR s.kinds LIKE '% ' || k.kind || ' %')
    ) GROUP BY public, kind, day;

CREATE TRIGGER status_day_counts_insert AFTER INSERT ON status_stretches BEGIN
    INSERT INTO status_day_counts (public, kind, day, delta)
        SELECT NEW.public, k.kind, d.day, d.delta
        FROM (SELECT '' AS kind UNION ALL SELECT 'custody' UNION ALL SELECT 'imprisonment' UNION ALL SELECT 'restricted_freedom' UNION ALL SELECT 'activity_ban' UNION ALL SELECT 'fine') k,
             (SELECT NEW.from_day AS day, 1 AS delta UNION ALL SELECT NEW.to_day, -1 WHERE NEW.to_day IS NOT NULL) d
        WHERE k.kind = '' OR NEW.kinds LIKE '% ' || k.kind || ' %'
        ON CONFLICT (public, kind, day) DO UPDATE SET delta = delta + excluded.delta;
END;

CREATE TRIGGER status_day_counts_delete AFTER DELETE ON status_stretches BEGIN
    INSERT INTO status_day_counts (public, kind, day, delta)
        SELECT OLD.public, k.kind, d.day, -d.delta
        FROM (SELECT '' AS kind UNION ALL SELECT 'custody' UNION ALL SELECT 'imprisonment' UNION ALL SELECT 'restricted_freedom' UNION ALL SELECT 'activity_ban' UNION ALL SELECT 'fine') k,
             (SELECT OLD.from_day AS day, 1 AS delta UNION ALL SELECT OLD.to_day, -1 WHERE OLD.to_day IS NOT NULL) d
        WHERE k.kind = '' OR OLD.kinds LIKE '% ' || k.kind || ' %'
        ON CONFLICT (public, kind, day) DO UPDATE SET delta = delta + excluded.delta;
END;

CREATE TRIGGER status_day_counts_update AFTER UPDATE OF public, from_day, to_day, kinds ON status_stretches BEGIN
    INSERT INTO status_day_counts (public, kind, day, delta)
        SELECT OLD.public, k.kind, d.day, -d.delta
        FROM (SELECT '' AS kind UNION ALL SELECT 'custody' UNION ALL SELECT 'imprisonment' UNION ALL SELECT 'restricted_freedom' UNION ALL SELECT 'activity_ban' UNION ALL SELECT 'fine') k,
             (SELECT OLD.from_day AS day, 1 AS delta UNION ALL SELECT OLD.to_day, -1 WHERE OLD.to_day IS NOT NULL) d
        WHERE k.kind = '' OR OLD.kinds LIKE '% ' || k.kind || ' %'
        ON CONFLICT (public, kind, day) DO UPDATE SET delta = delta + excluded.delta;
    INSERT INTO status_day_counts (public, kind, day, delta)
        SELECT NEW.public, k.kind, d.day, d.delta
        FROM (SELECT '' AS kind UNION ALL SELECT 'custody' UNION ALL SELECT 'imprisonment' UNION ALL SELECT 'restricted_freedom' UNION ALL SELECT 'activity_ban' UNION ALL SELECT 'fine') k,
             (SELECT NEW.from_day AS day, 1 AS delta UNION ALL SELECT NEW.to_day, -1 WHERE NEW.to_day IS NOT NULL) d
        WHERE k.kind = '' OR NEW.kinds LIKE '% ' || k.kind || ' %'
        ON CONFLICT (public, kind, day) DO UPDATE SET delta = delta + excluded.delta;
END;

-- The status list in name order tests each stretch's days and kinds: in
-- the index, so that reading on through the list (the CSV) does not fetch
-- every row it passes over.
DROP INDEX status_stretches_by_name;
CREATE INDEX status_stretches_by_name ON status_stretches (public, sort_key, person_id, from_day, to_day, kinds);
