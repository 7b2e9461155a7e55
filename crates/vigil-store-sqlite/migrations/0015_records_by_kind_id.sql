-- A kind's live records in the order of their ids, a page at a time
-- (open data exports: `records_page`). Without it a page was read by
-- sorting every record of the kind, so an export took time growing with
-- the square of the case file.
CREATE INDEX records_by_kind_id ON records (kind, id);
