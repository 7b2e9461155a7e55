-- Reports from the field (issue 22): the key pair of encrypted forms and
-- the XForms an admin uploads.
--
-- The key pair of encrypted forms (issue 22): ODK Collect encrypts a
-- report on the phone under the public key the form carries; the private
-- key opens it here. One row a key (today one, `forms`), made on first
-- need. The public key in the clear (base64 DER, as the form carries it),
-- the private key (PKCS#8 DER) sealed under the case file's key, bound to
-- the row's id, never stored in the clear.
CREATE TABLE form_keys (
    id          TEXT PRIMARY KEY NOT NULL,
    public_key  TEXT NOT NULL,
    sealed      BLOB NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;

-- XForms an admin uploads (an organisation's own forms, issue 22): listed
-- to devices beside Vigil's own, served as uploaded. One row a form id;
-- a new version replaces the old one. In the clear: a form is what every
-- device account downloads.
CREATE TABLE forms (
    id           TEXT PRIMARY KEY NOT NULL,
    version      TEXT NOT NULL,
    title        TEXT NOT NULL,
    xml          TEXT NOT NULL,
    md5          TEXT NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  INTEGER NOT NULL
) STRICT;
