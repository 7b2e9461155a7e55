-- Issue 19: the paged event list in timeline order (vigil_core::timeline_order):
-- at an equal earliest day the narrower date first, so an event dated to the
-- day comes before a month or a range that starts on it. The indexes that
-- served the list (the wider date first) are replaced by ones in the new
-- order; the latest events read them backwards.
DROP INDEX records_events_by_date;
DROP INDEX records_events_by_type;
CREATE INDEX records_events_by_date ON records (kind, date_earliest, date_latest, id);
CREATE INDEX records_events_by_type ON records (event_type, date_earliest, date_latest, id)
    WHERE event_type IS NOT NULL;
