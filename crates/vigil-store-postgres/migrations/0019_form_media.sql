-- The media files of an uploaded form (issue 22): the images, sounds and
-- CSV files a form names (`jr://images/NAME`, `jr://file-csv/NAME`, …),
-- listed in the form's OpenRosa manifest and downloaded by phones with
-- it. In the clear, as the form itself is: every device account
-- downloads them. Replaced with the form's set at each upload of a new
-- version.
CREATE TABLE form_media (
    form_id      TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    md5          TEXT NOT NULL,
    data         BYTEA NOT NULL,
    PRIMARY KEY (form_id, name)
);
