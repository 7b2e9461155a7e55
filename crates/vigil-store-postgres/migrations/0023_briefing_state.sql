-- Issue 17: what a country's briefing reads (see the SQLite migration of
-- the same number): how many of a country's persons are under a restraint
-- of a kind on a day, as changes per day, and the events since a day
-- counted from an index.
CREATE TABLE country_day_counts (
    public    BOOLEAN NOT NULL,
    country   TEXT NOT NULL,
    kind      TEXT NOT NULL,
    year      BOOLEAN NOT NULL,
    day       DATE NOT NULL,
    delta     BIGINT NOT NULL,
    PRIMARY KEY (public, country, kind, year, day)
);

INSERT INTO country_day_counts (public, country, kind, year, day, delta)
    SELECT public, country, kind, FALSE, day, SUM(delta) FROM (
        SELECT s.public, c AS country, k.kind, s.from_day AS day, 1 AS delta
        FROM status_stretches s
        CROSS JOIN LATERAL unnest(string_to_array(trim(s.countries), ' ')) AS c
        CROSS JOIN (VALUES ('imprisonment'), ('activity_ban')) AS k(kind)
        WHERE s.countries <> '' AND s.kinds LIKE '% ' || k.kind || ' %'
          AND (s.to_day IS NULL OR s.to_day <> s.from_day)
        UNION ALL
        SELECT s.public, c, k.kind, s.to_day, -1
        FROM status_stretches s
        CROSS JOIN LATERAL unnest(string_to_array(trim(s.countries), ' ')) AS c
        CROSS JOIN (VALUES ('imprisonment'), ('activity_ban')) AS k(kind)
        WHERE s.countries <> '' AND s.kinds LIKE '% ' || k.kind || ' %'
          AND s.to_day IS NOT NULL AND s.to_day <> s.from_day
    ) AS changes
    GROUP BY public, country, kind, day
    HAVING SUM(delta) <> 0;

INSERT INTO country_day_counts (public, country, kind, year, day, delta)
    SELECT public, country, kind, TRUE, date_trunc('year', day)::date, SUM(delta)
    FROM country_day_counts WHERE NOT year
    GROUP BY public, country, kind, date_trunc('year', day)::date
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
