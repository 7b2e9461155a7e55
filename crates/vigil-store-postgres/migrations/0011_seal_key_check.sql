-- SQLite's step 0011 gives its case files the key check PostgreSQL has
-- kept since 0001 (`seal_key_check`): nothing to change here. The step
-- exists so that both backends number and name their schema alike.
SELECT 1;
