-- Issue 19: an event may state an ongoing or general pattern ("organisations
-- … are denied official registration") rather than one dated act. Patterns
-- are listed apart and counted in no year, "since" or latest events: the
-- column lets the latest events pass over them and a country's patterns be
-- read through a small index, without reading every event.
--
-- Every record stored before this was written without the marker, so
-- nothing needs refilling: false is what each of them says. (A pattern
-- gets no `event_facts` rows, and those rows are rewritten on every write
-- of the event: marking or clearing the marker refreshes them.)
ALTER TABLE records ADD COLUMN pattern INTEGER NOT NULL DEFAULT 0;

CREATE INDEX records_patterns ON records (date_earliest, id) WHERE pattern;
