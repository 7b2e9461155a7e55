-- Issue 16: a record an editor makes confidential is given a new, opaque
-- id, and every revision of it is filed under that id. The revision of
-- that write keeps the id the record had before, sealed (bound to the new
-- id), so that whatever follows the change log — each server's search
-- index, ingest's names — forgets the old id, on every server. Empty for
-- every other revision.
ALTER TABLE revisions ADD COLUMN formerly BYTEA;
