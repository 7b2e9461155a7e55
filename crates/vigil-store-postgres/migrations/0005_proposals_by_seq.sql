-- Aligned with SQLite's 0005_proposals_by_seq, which rebuilt its proposals
-- table keyed by `seq`. Here `seq` has been an identity column with its own
-- unique index since 0003, so there is nothing to change: this step only
-- keeps both backends' migrations numbered and named alike.
SELECT 1;
