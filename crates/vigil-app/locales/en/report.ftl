# The public "report an incident" page. The questions themselves are the
# incident report form's (crates/vigil-app/src/field/xform.rs), in the
# same three languages.

report-title = Report an incident
report-intro = Tell the defenders what happened: an arrest, a search, a trial, pressure on a union. Your report goes only to the editors who check reports; nothing in it is published until they have checked it, and then only as you allow.
report-safety = Vigil does not ask who you are, and keeps neither an account nor your network address with the report. If someone may be watching this device or network, send it from another.
report-choose = Choose…
report-files = Photos, recordings and documents: at most { $amount } MB together.
report-files-again = Files are not kept when the form comes back: choose them again.
report-send = Send the report
report-sent = Thank you: your report is received. The editors will read it; nothing in it is public until they have checked it.
report-another = Send another report
report-problems = Something in the form needs changing:
report-needs-event-type = choose what happened.
report-needs-event-date = give the day it happened (or any day of its month or year), not a day still to come.
report-needs-date-precision = say whether the day, the month or only the year is known.
report-needs-account = tell what happened, in your own words (at most 20,000 characters; send the rest as a document).
report-needs-consent = say whether the report may be used in public once checked.
report-needs-shorter = this answer is too long.
report-too-many = Too many reports have come from your network just now: please try again later.
report-too-fast = Please wait a few seconds, then send the form again.
report-stale = The form had expired: it is shown again, send it once more.
report-too-large = The files are larger than this page takes (at most { $amount } MB together): send fewer or smaller files.
report-unreadable = The form could not be read: please fill it in again.
report-failed = The report could not be stored, through no fault of yours: please try again in a while.
