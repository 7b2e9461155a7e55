-- Issue 17: each event as a country's rating reads it
-- (vigil_core::RatedEvent: its years, type, whether a victim is a union
-- member, the types of the events it acts on), so that a rating and the
-- country page's counts read these rows instead of the country's part of
-- the case file (140,000 events and their participants at 100,000
-- persons: half a minute).
--
-- Kept in the write's transaction for the events a write touches
-- (vigil_store_sql::write, `refresh_facts`); `vigil rebuild-derived`
-- recomputes them all; a case file from before this table has them
-- computed when it is first opened.
--
-- One row as the public sees the event (public = 1), in the clear, when
-- the public sees it with a country. Those with the right read the same
-- row, unless the event is not the same to them (confidential, a country
-- or participant withheld, a confidential union...): then a second row
-- (public = 0) holds what they see, sealed, found by `country_tag`, a
-- keyed hash of its country's code, and its years (when, in the clear:
-- nothing of where, what or who).
CREATE TABLE event_facts (
    public        INTEGER NOT NULL,
    event_id      TEXT NOT NULL,
    country       TEXT,
    first_year    INTEGER,
    last_year     INTEGER,
    event_type    TEXT,
    union_victim  INTEGER,
    related_types TEXT,
    data          TEXT,
    country_tag   TEXT,
    sealed        BLOB,
    PRIMARY KEY (event_id, public)
) STRICT, WITHOUT ROWID;

-- A country's rows in year order, with all a count by facts groups on.
CREATE INDEX event_facts_by_country ON event_facts
    (public, country, first_year, last_year, event_type, union_victim, related_types);
CREATE INDEX event_facts_by_tag ON event_facts (country_tag, first_year) WHERE country_tag IS NOT NULL;
CREATE INDEX event_facts_spanning_by_tag ON event_facts (country_tag, last_year, first_year)
    WHERE country_tag IS NOT NULL AND first_year <> last_year;
-- Events whose window spans years, by the last: a year's rating reads
-- those begun before it through this, and those begun in it through the
-- index above, so the years before and after it cost nothing.
CREATE INDEX event_facts_spanning ON event_facts (public, country, last_year, first_year)
    WHERE first_year <> last_year;
