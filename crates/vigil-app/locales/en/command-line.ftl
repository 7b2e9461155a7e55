# The command line's start-up lines of `vigil serve` (standard error, for
# whoever started it; the tracing log lines stay English).
cli-serve-data-folder = Data folder: { $path }
cli-serve-postgres = The case file is in PostgreSQL (--database-url).
cli-serve-demo-loaded = The data folder was empty: the demo case file is loaded ({ $count } records). Start with --empty for an empty case file.
cli-serve-outbox = Campaign mail is written to { $path }, sealed under the case file's key: read it with vigil outbox list and vigil outbox show NAME (set VIGIL_SMTP_URL to send it).
cli-serve-key-in-data = Warning: the key file { $path } is inside the data folder, so whoever copies the folder (or a backup taken with it) reads everything. Keep it elsewhere: --key-file, VIGIL_KEY_FILE or VIGIL_KEY.
cli-serve-smtp = Campaign mail is sent through the SMTP server.
cli-serve-pow-off = WARNING: the proof of work on signing is OFF (VIGIL_POW_BITS=0).
