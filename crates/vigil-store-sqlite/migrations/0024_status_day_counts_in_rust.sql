-- The status list's day counts (0018) are kept by the writes themselves
-- (vigil_store_sql::months), as the country counts are: a bulk load adds
-- up a batch's stretches in memory instead of running a trigger for each
-- stretch. The counts already stored are right and stay as they are.
DROP TRIGGER status_day_counts_insert;
DROP TRIGGER status_day_counts_delete;
DROP TRIGGER status_day_counts_update;
