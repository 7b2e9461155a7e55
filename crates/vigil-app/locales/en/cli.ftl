# The command line's messages (`vigil …`): its results, progress and
# errors. Flag and subcommand names stay English; so does clap's --help.

cli-no-runtime = cannot start the runtime
cli-database-url-not-postgres = --database-url takes a postgres://… URL; the SQLite case file lives in the data folder (--data)
cli-cannot-create-key-file = cannot create the key file { $path }
cli-cannot-write-key-file = cannot write the key file { $path }
cli-cannot-sync-folder = cannot sync the folder { $path }
cli-cannot-replace-key-file = cannot replace the key file { $path }
cli-cannot-read-passphrase = cannot read the passphrase from the terminal
cli-passphrase-needed = set VIGIL_KEY_PASSPHRASE, or run vigil at a terminal to type it
cli-passphrase-prompt = Passphrase of the key file { $path }
cli-key-file-wrapped = the key file { $path } is wrapped under a passphrase
cli-cannot-open-key-file = cannot open the key file { $path }
cli-cannot-read-key-file = cannot read the key file { $path }
cli-key-file-unusable = the key file { $path } is not usable
cli-key-given-twice = the key is given twice: set VIGIL_KEY or --key-file (VIGIL_KEY_FILE), not both
cli-vigil-key-invalid = VIGIL_KEY is not a valid key (64 hexadecimal digits)
cli-key-file-missing = the case file { $path } exists but its key file { $other } is missing: put the key back, or name it with --key-file (VIGIL_KEY_FILE) or VIGIL_KEY
cli-the-key-file = the key file { $path }
cli-key-not-found = the case file has a key and none was found: put it in { $path } (--key-file, VIGIL_KEY_FILE) or set VIGIL_KEY
cli-wrong-key = { $what } does not hold this case file's key: its key check refuses it
cli-cannot-remove = cannot remove { $path }
cli-vanished = { $path } vanished while it was read
cli-neither-key = neither { $path } nor { $other } holds this case file's key: its key check refuses both
cli-cannot-move-into-place = cannot move { $path } into place
cli-cannot-create-data-folder = cannot create the data folder { $path }
cli-cannot-open-postgres = cannot open the case file in PostgreSQL
cli-cannot-open-case-file = cannot open the case file { $path }
cli-cannot-read-case-file = cannot read the case file

# Backup and restore.
cli-sqlite-only = vigil { $what } is for the SQLite case file; back up PostgreSQL with pg_dump or base backups (see README)
cli-no-case-file-in = there is no case file in { $path }
cli-cannot-write-backup = cannot write the backup { $path }
cli-wrote = wrote { $path }
cli-not-a-backup = { $path } is not a usable Vigil backup
cli-restore-not-empty = { $path } already holds a case file: restore into an empty data folder
cli-cannot-copy = cannot copy { $path }
cli-cannot-move-restored = cannot move the restored case file into place
cli-restored = restored { $path } into { $other }
cli-restore-key-note = note: put the case file's key in { $path } (or name its file with --key-file, or set VIGIL_KEY) before serving: confidential records need it

# Accounts and tokens.
cli-password = Password
cli-password-again = Again
cli-passwords-differ = the two passwords differ
cli-cannot-read-password = cannot read the password from standard input
cli-user-added = added { $name } ({ $role })
cli-user-active-state = active
cli-user-disabled-state = disabled
cli-user-role-set = { $name } is now { $role }
cli-user-password-set = set a new password for { $name }; their sessions have ended
cli-user-disabled = disabled { $name }
cli-user-enabled = enabled { $name }
cli-token-revoked = revoked the token { $number } of { $name }

# Ingest.
cli-ingest-extractor-failed = could not be read: the extractor failed on it (a bug, please report it)
cli-ingest-cannot-read = cannot read: { $message }
cli-not-a-date = '{ $text }' is not a date
cli-no-such-path = no such file or folder
cli-cannot-list-folder = cannot list the folder
cli-ingest-files = files
cli-ingest-duplicate = duplicate of source { $name } (not stored again)
cli-ingest-near-duplicate = source { $name } (near duplicate of { $other }, similarity { $number })
cli-ingest-new = source { $name }
cli-ingest-proposals = proposals
cli-ingest-done = { $count } new sources, { $total } duplicates, { $first } failed
cli-ingest-failed = { $count } of { $total } could not be ingested
ingest-count-persons = { $count } { $count ->
    [one] person
   *[other] persons
}
ingest-count-organisations = { $count } { $count ->
    [one] organisation
   *[other] organisations
}
ingest-count-events = { $count } { $count ->
    [one] event
   *[other] events
}
ingest-count-aliases = { $count } { $count ->
    [one] alias
   *[other] aliases
}
read-error-empty = the file is empty
read-error-no-text = no text in the document after cleaning
read-error-binary = binary data, not a text, HTML or PDF document
read-error-pdf = not a readable PDF: { $message }
read-error-no-text-layer = the PDF has no text layer (a scan?): run it through OCR first

# The key.
cli-key-in-variable = the key is in VIGIL_KEY, not in a file: vigil key { $what } works on a key file (--key-file)
cli-rotation-interrupted = a key rotation was interrupted ({ $path } exists): run any command that opens the case file (vigil key rotate, say) to finish it first
cli-key-already-wrapped = the key file { $path } is already wrapped
cli-wrap-needs-passphrase = wrapping the key needs a passphrase
cli-new-passphrase = New passphrase for the key
cli-passphrase-again = The passphrase again
cli-passphrases-differ = the two passphrases differ: the key file is unchanged
cli-key-wrapped = wrapped the key file { $path } under the passphrase: every start now needs it (VIGIL_KEY_PASSPHRASE or the terminal)
cli-key-not-wrapped = the key file { $path } is not wrapped
cli-key-unwrapped = the key file { $path } holds the plain key again
cli-stop-server-to-rotate = stop the server before rotating the key
cli-resealing = re-sealing
cli-rotation-failed = the rotation failed: the case file and its key are unchanged
cli-rotation-not-moved = the case file is now under the new key, in { $path }, but it could not replace { $other } (the next start will)
cli-resealed = re-sealed { $count } values in { $number } s
cli-key-rotated = rotated the key: { $path } holds the new one. Backups made before now open only with the old key.
cli-no-key-file = there is no key file { $path }
cli-key-split = { $count } shares, any { $number } of which rebuild the key (vigil key join): give each to a different person, and keep none beside the case file or another share
cli-join-needs-file = VIGIL_KEY is set: vigil key join writes a key file (--key-file)
cli-join-exists = the key file { $path } exists: join into another path (--key-file)
cli-cannot-read-shares = cannot read the shares
cli-key-joined = rebuilt the key into { $path }

# What a copy holds, by table.
cli-table-records = records
cli-table-revisions = revisions
cli-table-status-stretches = status stretches
cli-table-signatures = signatures
cli-table-queued-mail = queued mail
cli-table-attachments = attachments
cli-table-form-keys = form keys
cli-table-forms = forms
cli-table-form-media = form media files
cli-table-device-digests = device digest secrets
cli-table-proposals = proposals
cli-table-fingerprints = fingerprints
cli-table-accounts = accounts
cli-table-tokens = tokens
cli-table-sessions = sessions
cli-table-account-audit = account audit entries
cli-table-source-links = source links
cli-table-campaigns = campaigns
cli-table-invalidations = invalidations
cli-table-campaign-audit = campaign audit entries
cli-table-messages = messages
cli-table-deliveries = deliveries
cli-table-campaign-outcomes = campaign outcomes
cli-table-public-counts = public counts

# Migration to PostgreSQL.
cli-migrate-no-target = give the target with --database-url postgres://… (or VIGIL_DATABASE_URL)
cli-migrate-failed = the copy failed; the PostgreSQL database was left as it was
cli-migrate-no-status = cannot compute the status state in PostgreSQL
cli-copied = copied
cli-migrate-compared = compared: { $count } revisions and { $total } live records read back identical from PostgreSQL
cli-migrate-revisions-differ = after revision { $number } the copy holds another number of revisions
cli-migrate-revision-differs = revision { $number } of '{ $name }' differs in the copy
cli-migrate-differs = differs in the copy

# Export and import.
cli-export-exists = { $path } exists already: give another --out
cli-export-full-jsonl-only = a full-scope export is JSON Lines only (--format jsonl)
cli-cannot-create = cannot create { $path }
cli-cannot-write-export = cannot write the export
cli-exported-bytes = exported { $count } bytes ({ $what })
cli-export-csv-needs-out = a CSV export is a folder or a zip: give --out DIR or --out FILE.zip
cli-exported-csv = exported { $count } records as CSV into { $path } ({ $what })
cli-scope-public = public scope
cli-scope-full = full scope
cli-standard-input = standard input
cli-cannot-open = cannot open { $path }
cli-nothing-imported = nothing was imported
cli-import-whole = imported the whole case file:
cli-import-whole-dry-run = dry run, nothing written: the whole case file would be loaded:
cli-import-rebuilt = rebuilt the status state of { $count } persons; the search index is built from the history by `vigil reindex` (or by `vigil serve` as it starts)
cli-imported = imported:
cli-import-dry-run = dry run, nothing written:
cli-import-counts = { $count } created, { $first } updated, { $total } unchanged, { $number } skipped
open-data-line = line { $number }: { $message }
open-data-row = { $name } line { $number }: { $message }
open-data-io = cannot read the input: { $message }
open-data-too-long = the line is too long
open-data-not-utf8 = the line is not UTF-8
open-data-not-json = not a record line of JSON
open-data-unknown-kind = unknown kind of record
open-data-not-header = not the header of a Vigil export
open-data-empty-line = an empty line
open-data-already-holds = the case file already holds this record

# Rebuilding what is kept, and the search index.
cli-opaque-ids-given = gave { $count ->
    [one] one confidential record an opaque id in place of its readable one
   *[other] { $count } confidential records opaque ids in place of their readable ones
}
cli-rebuilt = recomputed the status of { $count } persons and the counts in { $number } s
cli-cannot-open-index = cannot open the search index in { $path }
cli-index-unusable = The old index could not be used ({ $message }); building a new one.
cli-reindex-revisions = revisions
cli-cannot-rebuild-index = cannot rebuild the search index
cli-indexed = Indexed { $count } documents from { $total } revisions in { $number } s ({ $path }).

# Serving.
cli-not-key-number = '{ $text }' is not key=number
cli-not-a-number = '{ $text }' is not a number
cli-not-ip-or-net = '{ $text }' is neither ip nor net
cli-smtp-tls = none, starttls or tls, not '{ $text }'
cli-demo-invalid = the embedded demo case file is invalid
cli-demo-not-loaded = cannot load the demo case file
cli-rate-limits-off = WARNING: rate limits on signing are OFF (VIGIL_RATE_LIMITS=off)
cli-cannot-listen = cannot listen on { $text }
cli-serving = Vigil is serving on { $text } (Ctrl-C to stop)
cli-server-failed = the server stopped with an error

# What a command says in passing (in the log's frame).
cli-new-key = created a new key for confidential content
cli-key-file-shared = the key file can be read by others than its owner: chmod 600 it
cli-rotation-undone = a key rotation was interrupted before it committed: the case file is under the old key; removed the new one
cli-rotation-finished = finished an interrupted key rotation: the case file is under the new key, now in the key file
cli-migrate-status-computed = computed the status state in PostgreSQL
open-data-truncated = the file ends before the end its header announces (is it truncated?)
open-data-empty-file = the file is empty: an export starts with its header line
open-data-duplicate-id = an id given twice
open-data-deleted = a deleted record of the case file: restore it first
open-data-id-mismatch = the line's id is not its record's id
open-data-deleted-in-public = a deleted record is only carried by a full-scope export
cli-count = { $count } { $what }

# Form keys: the key pair of encrypted forms (issue 22, reports from the field).
cli-form-key-none = this case file has no key for encrypted forms yet: the first phone to fetch the encrypted form makes one, or run vigil form-key rotate
cli-form-key-current = current
cli-form-key-retired = retired (kept to open reports encrypted before)
cli-form-key-rotated = made a new key for encrypted forms (fingerprint { $text }): the encrypted form is now version { $number }; each phone must fetch it again (Download form)
cli-form-key-retired-kept = the previous key is kept, sealed, as { $name }, to open the reports phones encrypted under it
cli-form-key-unknown = there is no form key { $name } (vigil form-key list names them)
cli-form-key-export-where = say where the private key goes: --out FILE (a new file, readable by you only) or --stdout
cli-form-key-file-exists = { $path } exists already: a private key is never written over a file
cli-form-key-exported = wrote the private form key { $name } to { $path } (PEM, PKCS#1, readable by its owner only): whoever holds it reads every report encrypted under it

# Reports waiting for parts (issue 22): vigil form-reports.
cli-form-reports-none = no report from the field waits for parts
cli-form-reports-line = { $name }: { $count ->
    [one] 1 file
   *[other] { $count } files
  } kept ({ $total } bytes), the first { $from }, the last { $to } ({ $day ->
    [0] today
    [one] a day ago
   *[other] { $day } days ago
  }); removed after { $date } unless the rest comes
cli-form-reports-discarded = removed { $count ->
    [one] 1 file
   *[other] { $count } files
  } of { $name }: the phone can send the report again whole

cli-outbox-none = the outbox holds no message
cli-outbox-line = { $name }: written { $date }, to { $text }
cli-outbox-sealed-plain = sealed { $count ->
    [one] 1 message
   *[other] { $count } messages
  } left in the clear in { $path } by an earlier version
cli-outbox-cannot-seal = cannot seal the plain messages in { $path }
cli-outbox-bad-name = { $name } is not the name of a message: give it as vigil outbox list names it
cli-outbox-no-such = no message { $name } in the outbox (vigil outbox list names them; an anonymised or expired one is gone)
cli-outbox-damaged = the outbox's message { $name } is damaged and cannot be opened
cli-outbox-wrong-key = the outbox's message { $name } was sealed under another key than this case file's
