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

# The incident report form's questions, asked by phones (ODK) and by
# the report page alike.
report-question-event-type = What happened?
report-question-event-date = When did it happen?
report-hint-event-date = If you know only the month or the year, pick any day in it and say so below.
report-question-date-precision = How exact is the date?
report-choice-day = The day is known
report-choice-month = Only the month
report-choice-year = Only the year
report-question-place = Where? (town, building)
report-question-location = The place on the map
report-hint-location = Only if it is safe to record where you are.
report-question-persons = Who was concerned? (one name a line)
report-question-account = What happened, in your own words
report-question-consent = May this report be used in public, once checked?
report-choice-yes = Yes
report-choice-anonymous = Yes, without my name
report-choice-no = No: for the defenders only
report-question-photo = A photo
report-question-audio = A sound recording
report-question-video = A video
report-question-document = A document
