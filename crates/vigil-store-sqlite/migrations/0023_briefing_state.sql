-- Issue 17: what a country's briefing reads, so that it costs what it
-- shows and never the country's records.
--
-- How many of a country's persons are under a restraint of a kind on a
-- day (the briefing's "imprisoned on the day" and "banned on the day"):
-- each status stretch adds one on its first day and takes one away on the
-- first day after it, per country its person counts for (the
-- `countries` of the stretch) and restraint kind (imprisonment, activity
-- ban); a day's count is the sum of the changes up to it. The same
-- changes are kept again summed by year (`year` = 1, on the year's first
-- day), so that a day's count reads the years before it and the days of
-- its own year, not every day of change before it. Kept in the
-- write's transaction as the stretches are recomputed, with the month
-- counts (vigil_store_sql::months). The public's rows are keyed by the
-- country's code; those with the right, by its keyed hash (as the
-- stretches keep them).
CREATE TABLE country_day_counts (
    public    INTEGER NOT NULL,
    country   TEXT NOT NULL,
    kind      TEXT NOT NULL,
    year      INTEGER NOT NULL,
    day       TEXT NOT NULL,
    delta     INTEGER NOT NULL,
    PRIMARY KEY (public, country, kind, year, day)
) STRICT, WITHOUT ROWID;

INSERT INTO country_day_counts (public, country, kind, year, day, delta)
    SELECT public, country, kind, 0, day, SUM(delta) FROM (
        SELECT s.public, c.value AS country, k.kind, s.from_day AS day, 1 AS delta
        FROM status_stretches s,
             json_each('["' || replace(trim(s.countries), ' ', '","') || '"]') c,
             (SELECT 'imprisonment' AS kind UNION ALL SELECT 'activity_ban') k
        WHERE s.countries <> '' AND s.kinds LIKE '% ' || k.kind || ' %'
          AND (s.to_day IS NULL OR s.to_day <> s.from_day)
        UNION ALL
        SELECT s.public, c.value, k.kind, s.to_day, -1
        FROM status_stretches s,
             json_each('["' || replace(trim(s.countries), ' ', '","') || '"]') c,
             (SELECT 'imprisonment' AS kind UNION ALL SELECT 'activity_ban') k
        WHERE s.countries <> '' AND s.kinds LIKE '% ' || k.kind || ' %'
          AND s.to_day IS NOT NULL AND s.to_day <> s.from_day
    )
    GROUP BY public, country, kind, day
    HAVING SUM(delta) <> 0;

INSERT INTO country_day_counts (public, country, kind, year, day, delta)
    SELECT public, country, kind, 1, substr(day, 1, 4) || '-01-01', SUM(delta)
    FROM country_day_counts WHERE year = 0
    GROUP BY public, country, kind, substr(day, 1, 4)
    HAVING SUM(delta) <> 0;

-- The sealed rows of those with the right that end after a day (a
-- briefing's window), without those that end before.
CREATE INDEX event_facts_by_tag_and_end ON event_facts (country_tag, latest, earliest)
    WHERE country_tag IS NOT NULL;
-- The events beginning within a few days (the ends of a briefing's
-- window, those possibly after a review) counted by type from the index
-- alone: the index on the beginnings holds the types too.
DROP INDEX event_facts_by_day;
CREATE INDEX event_facts_by_day ON event_facts (public, country, earliest, latest, event_type);
