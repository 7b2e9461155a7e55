-- The media files of an uploaded form, and the digest secrets of device
-- accounts (issue 22).
--
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
    size         INTEGER NOT NULL,
    md5          TEXT NOT NULL,
    data         BLOB NOT NULL,
    PRIMARY KEY (form_id, name)
) STRICT;

-- What HTTP Digest checks a device account's password against (issue
-- 22): its HA1 under MD5 and SHA-256, which opens the account as the
-- password does, so sealed under the case file's key (bound to the
-- account's name). Made when a device account's password is set;
-- replaced or removed with each new password, in the same transaction.
CREATE TABLE device_digests (
    name        TEXT PRIMARY KEY NOT NULL,
    sealed      BLOB NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;
