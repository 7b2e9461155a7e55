-- The account audit log: every change to an account or a token, who made
-- it and when (microseconds since the epoch, as the campaign tables keep
-- times). Never a password, a token or a hash: a role, or a token's id.
CREATE TABLE account_audit (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      BIGINT NOT NULL,
    actor   TEXT NOT NULL,
    account TEXT COLLATE "C" NOT NULL,
    action  TEXT NOT NULL,
    detail  TEXT NOT NULL
);

CREATE INDEX account_audit_by_account ON account_audit (account, id);
