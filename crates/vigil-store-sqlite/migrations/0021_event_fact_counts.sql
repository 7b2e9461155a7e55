-- Issue 17: the public's sums of the events' facts (what the country
-- page's ratings and events-by-type chart read), kept by triggers as
-- `event_facts` rows come and go (they are only inserted and deleted), so
-- the page reads a few hundred rows instead of summing a country's events:
-- 136,000 for Kazakhstan at 100,000 persons, most of the page's time.
-- Those with the right start from these and correct them by the country's
-- sealed rows (vigil_store_sql::read, `rated_counts`).
CREATE TABLE event_fact_counts (
    country       TEXT NOT NULL,
    first_year    INTEGER NOT NULL,
    last_year     INTEGER NOT NULL,
    event_type    TEXT NOT NULL,
    union_victim  INTEGER NOT NULL,
    related_types TEXT NOT NULL,
    n             INTEGER NOT NULL,
    PRIMARY KEY (country, first_year, last_year, event_type, union_victim, related_types)
) STRICT, WITHOUT ROWID;

INSERT INTO event_fact_counts (country, first_year, last_year, event_type, union_victim, related_types, n)
    SELECT country, first_year, last_year, event_type, union_victim, related_types, COUNT(*)
    FROM event_facts WHERE public = 1 AND country IS NOT NULL
    GROUP BY country, first_year, last_year, event_type, union_victim, related_types;

CREATE TRIGGER event_fact_counts_insert AFTER INSERT ON event_facts
WHEN NEW.public = 1 AND NEW.country IS NOT NULL
BEGIN
    INSERT INTO event_fact_counts (country, first_year, last_year, event_type, union_victim, related_types, n)
        VALUES (NEW.country, NEW.first_year, NEW.last_year, NEW.event_type, NEW.union_victim, NEW.related_types, 1)
        ON CONFLICT (country, first_year, last_year, event_type, union_victim, related_types) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER event_fact_counts_delete AFTER DELETE ON event_facts
WHEN OLD.public = 1 AND OLD.country IS NOT NULL
BEGIN
    UPDATE event_fact_counts SET n = n - 1
        WHERE country = OLD.country AND first_year = OLD.first_year AND last_year = OLD.last_year
          AND event_type = OLD.event_type AND union_victim = OLD.union_victim AND related_types = OLD.related_types;
END;
