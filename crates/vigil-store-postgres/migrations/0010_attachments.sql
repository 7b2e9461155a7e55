-- Attachments of reports from the field (issue 22): photos, recordings,
-- videos and files, each sealed under the case file's key (bound to its
-- source and name) and never stored in the clear; their SHA-256 beside
-- them for evidence integrity. The id is `{source_id}/{name}`.
CREATE TABLE attachments (
    id           TEXT PRIMARY KEY NOT NULL,
    source_id    TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    received_at  BIGINT NOT NULL,
    sealed       BYTEA NOT NULL
);

CREATE INDEX attachments_by_source ON attachments (source_id, name);
