-- Issue 17: an event list filtered by type and date costs what it shows.
--
-- The list by type reads a covering index of the live events: the type,
-- the dates in list order, and what the filter tests (kind, whether
-- confidential), so counting the matching events reads no table row.
-- Both the list and its count bound the first date column from below
-- (an event ends on or after `from` only if it starts at most the widest
-- date's span before it), read from an index on that span.
DROP INDEX records_events_by_type;
CREATE INDEX records_events_by_type ON records (event_type, date_earliest, date_latest, id, kind, confidential, deleted)
    WHERE event_type IS NOT NULL AND NOT deleted;
CREATE INDEX records_event_spans ON records ((julianday(date_latest) - julianday(date_earliest)))
    WHERE event_type IS NOT NULL;
