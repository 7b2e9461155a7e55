-- Issue 17: each event as a country's rating reads it
-- (vigil_core::RatedEvent: its years, type, whether a victim is a union
-- member, the types of the events it acts on), so that a rating and the
-- country page's counts read these rows instead of the country's part of
-- the case file. As in SQLite's 0020 (which says how it is kept): one row
-- as the public sees an event, in the clear; a sealed second row for those
-- with the right when they see it otherwise, found by a keyed hash of its
-- country's code.
CREATE TABLE event_facts (
    public        BOOLEAN NOT NULL,
    event_id      TEXT COLLATE "C" NOT NULL,
    country       TEXT COLLATE "C",
    first_year    INTEGER,
    last_year     INTEGER,
    event_type    TEXT COLLATE "C",
    union_victim  BOOLEAN,
    related_types TEXT COLLATE "C",
    data          TEXT,
    country_tag   TEXT COLLATE "C",
    sealed        BYTEA,
    PRIMARY KEY (event_id, public)
);

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
