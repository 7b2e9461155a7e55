# The pages of records (person, event, organisation…): their own words.

## Lengths of time ("7 years", "5 months and 8 days")
duration-years =
    { $count ->
        [one] { $count } year
       *[other] { $count } years
    }
duration-months =
    { $count ->
        [one] { $count } month
       *[other] { $count } months
    }
duration-weeks =
    { $count ->
        [one] { $count } week
       *[other] { $count } weeks
    }
duration-days =
    { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
duration-and = { $rest } and { $last }

## Facts of a record
fact-occupation = Occupation
fact-sex = Sex
fact-country = Country
fact-affiliations = Affiliations
fact-date = Date
fact-place = Place
fact-people-affected = People affected
fact-participants = Participants
fact-terms = Terms
fact-acts-on = Acts on
fact-referred-to-by = Referred to by
record-not-shown = a record not shown here
history-link = History of this record

## The sentence's terms
terms-imprisonment = Imprisonment: { $length }
terms-restricted-freedom = Restricted freedom: { $length }
terms-fine = Fine: { $amount }
terms-fine-undisclosed = Fine: amount not stated
terms-ban = Ban from { $scope }: { $length }
terms-ban-open = Ban from { $scope }: end not stated

## Quoted passages and their sources
quotes-evidence = Evidence
quotes-pledged = The words pledged
quotes-passages = Passages
source-not-shown = a source not shown here
sources-cited = Sources cited
sources-cited-passages =
    { $count ->
        [one] one passage
       *[other] { $count } passages
    }

## The person page
person-also-written = Also written:
person-status-today = Status today
person-at-liberty = At liberty: no restraint recorded in force on { $day }.
person-steps = How this was worked out
person-timeline = Timeline
person-events = Events
person-cases = Cases
person-quotes = What the sources say about them
organisation-quotes = What the sources say about it

## Timelines
timeline-none = No events recorded.
timeline-title = Timeline of events
timeline-legend-day = an event on a known day
timeline-legend-span = an event dated only to a span
timeline-legend-certain = a restraint with a certain end
timeline-legend-possible = a restraint whose end is uncertain or not known

## Campaigns on a record's page
campaigns-heading = Campaigns
campaign-state-draft = draft
campaign-state-open = open
campaign-state-closed = closed
campaign-state-delivered = delivered

## Claims: sources that disagree about an event
claims-heading = The sources disagree
claims-explained = Each account is shown with the sources that give it. Vigil reads every account that stands: a restraint is certain only where they all agree.
claims-own-account = The event's account
claims-other-account = Another account
claims-said-by = Said by
claims-rejected = Rejected:
claims-reject = Reject this account
claims-reinstate = Take the rejection back
claims-reason = Why (required)
claims-sources-disagree = Sources disagree:
claims-or = or
# Patterns (issue 19).
event-is-pattern = A pattern.
event-is-pattern-hint = The sources state an ongoing or general practice, not one act of a day: it is counted in no year's rating, in no “since” and among no latest events, and restrains no one.
event-pattern-mark = a pattern
fact-reported = Reported
