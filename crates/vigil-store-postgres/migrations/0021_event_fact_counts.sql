-- Issue 17: the public's sums of the events' facts, kept by a trigger as
-- `event_facts` rows come and go (as in SQLite's 0021, which says why).
CREATE TABLE event_fact_counts (
    country       TEXT COLLATE "C" NOT NULL,
    first_year    INTEGER NOT NULL,
    last_year     INTEGER NOT NULL,
    event_type    TEXT COLLATE "C" NOT NULL,
    union_victim  BOOLEAN NOT NULL,
    related_types TEXT COLLATE "C" NOT NULL,
    n             BIGINT NOT NULL,
    PRIMARY KEY (country, first_year, last_year, event_type, union_victim, related_types)
);

INSERT INTO event_fact_counts (country, first_year, last_year, event_type, union_victim, related_types, n)
    SELECT country, first_year, last_year, event_type, union_victim, related_types, COUNT(*)
    FROM event_facts WHERE public AND country IS NOT NULL
    GROUP BY country, first_year, last_year, event_type, union_victim, related_types;

CREATE FUNCTION event_fact_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.public AND NEW.country IS NOT NULL THEN
            INSERT INTO event_fact_counts (country, first_year, last_year, event_type, union_victim, related_types, n)
                VALUES (NEW.country, NEW.first_year, NEW.last_year, NEW.event_type, NEW.union_victim, NEW.related_types, 1)
                ON CONFLICT (country, first_year, last_year, event_type, union_victim, related_types)
                DO UPDATE SET n = event_fact_counts.n + 1;
        END IF;
        RETURN NEW;
    END IF;
    IF OLD.public AND OLD.country IS NOT NULL THEN
        UPDATE event_fact_counts SET n = n - 1
            WHERE country = OLD.country AND first_year = OLD.first_year AND last_year = OLD.last_year
              AND event_type = OLD.event_type AND union_victim = OLD.union_victim
              AND related_types = OLD.related_types;
    END IF;
    RETURN OLD;
END;
$$;

CREATE TRIGGER event_fact_counts_follow AFTER INSERT OR DELETE ON event_facts
    FOR EACH ROW EXECUTE FUNCTION event_fact_counts_follow();
