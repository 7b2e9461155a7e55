-- Proof of the key confidential content is sealed with (see
-- vigil_store::seal::key_check), as PostgreSQL keeps it: one row, written
-- when the case file is first opened with its key, checked at every start
-- and rewritten by `vigil key rotate` in the transaction that re-seals.
-- Before it, a case file without a sealed record accepted any key.
CREATE TABLE seal_key_check (
    singleton INTEGER PRIMARY KEY NOT NULL DEFAULT 1 CHECK (singleton = 1),
    check_value BLOB NOT NULL
) STRICT;
