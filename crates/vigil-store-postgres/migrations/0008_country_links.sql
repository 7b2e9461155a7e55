-- Each record's country, as the public sees it, as a link (field
-- 'country', to the ISO 3166-1 code): the country views read a country's
-- records through it instead of the whole case file. Every write keeps it
-- (vigil_store_sql::index); this fills it in for the records already
-- stored. A country withheld from the public is not in `data`, so it gets
-- no link: those with the right find it among the sealed records.
INSERT INTO links (from_id, to_id, field, public)
SELECT id, data::jsonb -> 'record' ->> 'country', 'country', TRUE
FROM records
WHERE NOT deleted
  AND data IS NOT NULL
  AND data::jsonb -> 'record' ->> 'country' IS NOT NULL;
