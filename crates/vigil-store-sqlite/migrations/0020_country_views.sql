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
    earliest      TEXT,
    latest        TEXT,
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

-- The events since a day (a pledge's), counted and the latest listed.
CREATE INDEX event_facts_by_day ON event_facts (public, country, earliest, latest);
CREATE INDEX event_facts_by_tag_and_day ON event_facts (country_tag, earliest, latest)
    WHERE country_tag IS NOT NULL;

-- Issue 17: the country page's chart of those imprisoned and banned on the
-- first of each month, without reading the country's persons and events.
-- Each status stretch now says which countries its person counts for
-- (nationality, and the countries of the events naming them as victim or
-- target: vigil_app::country::persons_of) and which of its restraints are
-- certain; each stretch adds +1 at the first month-start it covers and -1
-- at the first one after it, per country, restraint kind (imprisonment,
-- activity ban) and certainty (certain: only a certain restraint counts;
-- else any), so a month's count is
-- the sum of the changes up to it: a few hundred rows a country. Kept in
-- the write's transaction as the stretches are recomputed. The public's
-- rows are keyed by the country's code; those with the right, by the
-- keyed hash of it (as event_facts' sealed rows).
ALTER TABLE status_stretches ADD COLUMN countries TEXT NOT NULL DEFAULT '';
ALTER TABLE status_stretches ADD COLUMN certain_kinds TEXT NOT NULL DEFAULT '';

CREATE TABLE country_month_counts (
    public    INTEGER NOT NULL,
    country   TEXT NOT NULL,
    kind      TEXT NOT NULL,
    certain   INTEGER NOT NULL,
    month     TEXT NOT NULL,
    delta     INTEGER NOT NULL,
    PRIMARY KEY (public, country, kind, certain, month)
) STRICT, WITHOUT ROWID;

-- Which state this migration brought has been filled in: a case file
-- written before it has its events' facts and month counts computed once,
-- the first time it is opened (`fill_missing_country_state`), and then
-- says so here, so that opening it costs nothing the next time.
CREATE TABLE derived_filled (
    what TEXT PRIMARY KEY
) STRICT;
