# Vigil's words in English: the reference catalogue. Every message here
# has the same key in every other language's file (a test holds them to it).
# Keys of vocabulary terms are the vocabulary and the term's code.


## The frame of every page
site-footer = Every fact in Vigil cites the passage of the source that states it.
nav-persons = Persons
nav-organisations = Organisations
nav-events = Events
nav-cases = Cases
nav-sources = Sources
nav-status = Status
nav-countries = Countries
nav-api = API
nav-accounts = Accounts
search-label = Search
search-placeholder = A name in any spelling, a word…
search-button = Search
signed-in-as = Signed in as
sign-out = Sign out
sign-in = Sign in
language-switch = Language
pager-previous = ← Previous
pager-next = Next →
pager-range = { $first }–{ $last } of { $total }

## The start page
home-lead = A case file on the persecution of trade-union and human-rights activists: who did what to whom, when, and which source says so.
home-count-persons =
    { $count ->
        [one] person
       *[other] persons
    }
home-count-organisations =
    { $count ->
        [one] organisation
       *[other] organisations
    }
home-count-events =
    { $count ->
        [one] event
       *[other] events
    }
home-count-cases =
    { $count ->
        [one] case
       *[other] cases
    }
home-count-sources =
    { $count ->
        [one] source
       *[other] sources
    }
home-today = Behind bars or banned today
home-derived = As derived from the recorded events on { $day }.
home-other-day = Status on another day →
home-all-not-free =
    { $count ->
        [one] The one person not at liberty today →
       *[other] All { $count } persons not at liberty today →
    }
home-latest-events = Latest events
home-all-events = All events →
status-imprisoned = Imprisoned
status-in-custody = In custody
status-banned = Banned
events-none = No events.

## The status list
status-page-title = Status on a day
status-heading = Status on { $day }
status-lead = Derived from the recorded events alone: every line says which events it follows from on the person's page.
status-day = Day
status-only = Only
status-all-restraints = all restraints
status-sorted-by = Sorted by
status-order-name = name
status-order-start = start
status-order-end = expected end
status-show = Show
status-none = No one in the case file is under a restraint on that day.
status-count =
    { $count ->
        [one] One person not at liberty on that day.
       *[other] { $count } persons not at liberty on that day.
    }
status-csv = Download the whole list as CSV
status-restricted = Restricted freedom
status-fined = Fined
restraint-scope = from { $scope }
restraint-since = since { $start }
end-free-from = free from { $day }
end-free-between = free between { $from } and { $to }
end-unknown = end not known
restraint-possibly = (possibly)
restraint-possibly-why = Some readings of imprecise dates put this in force, others not
restraint-last-confirmed = last confirmed on { $day }
restraint-last-confirmed-why = No source published after that day says it is still in force

## Dates: a day, a month, a year
date-day = { $day } { $month } { $year }
date-month = { $month } { $year }
date-year = { $year }

# The month after a day ("16 October"), and alone ("October 2019").
month-of-1 = January
month-of-2 = February
month-of-3 = March
month-of-4 = April
month-of-5 = May
month-of-6 = June
month-of-7 = July
month-of-8 = August
month-of-9 = September
month-of-10 = October
month-of-11 = November
month-of-12 = December
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Vocabulary terms

event-type-arrest = Arrest
event-type-detention = Detention
event-type-search = Search
event-type-seizure = Seizure
event-type-interrogation = Interrogation
event-type-investigation = Investigation
event-type-charge = Charge
event-type-trial = Trial
event-type-conviction = Conviction
event-type-sentence = Sentence
event-type-pardon = Pardon
event-type-release = Release
event-type-fine = Fine
event-type-ban = Ban
event-type-appeal = Appeal
event-type-acquittal = Acquittal
event-type-amnesty = Amnesty
event-type-registration-denial = Registration denied
event-type-dissolution = Dissolution
event-type-strike = Strike
event-type-rally = Rally
event-type-dispersal = Dispersal
event-type-law = Law
event-type-statement = Statement
event-type-review = Review
event-type-pledge = Pledge
event-type-campaign = Campaign
event-type-award = Award
event-type-resignation = Resignation
event-type-appointment = Appointment
event-type-sanction = Sanction
event-type-harassment = Harassment

participant-role-victim = Victim
participant-role-perpetrator = Perpetrator
participant-role-actor = Actor
participant-role-target = Target

organisation-kind-union = Trade union
organisation-kind-confederation = Confederation
organisation-kind-ngo = NGO
organisation-kind-state-body = State body
organisation-kind-court = Court
organisation-kind-intergovernmental = Intergovernmental
organisation-kind-political-movement = Political movement
organisation-kind-media = Media
organisation-kind-other = Other

organisation-status-active = Active
organisation-status-dissolved = Dissolved
organisation-status-banned = Banned
organisation-status-unknown = Unknown

sex-female = Female
sex-male = Male
sex-other = Other

account-role-admin = Administrator
account-role-editor = Editor
account-role-confidential-reader = Editor with access to confidential records
account-role-reader = Reader
account-role-device = Field device (only sends reports, over OpenRosa)

record-kind-person = Person
record-kind-organisation = Organisation
record-kind-event = Event
record-kind-case = Case
record-kind-source = Source
record-kind-mechanism = Review mechanism
record-kind-review = Review
record-kind-recommendation = Recommendation
record-kind-pledge = Pledge
record-kind-assessment = Assessment
record-kind-rating-rule = Rating rule

mechanism-kind-upr = UN Human Rights Council, Universal Periodic Review
mechanism-kind-ilo-cas = ILO Committee on the Application of Standards
mechanism-kind-ilo-cfa = ILO Committee on Freedom of Association
mechanism-kind-ilo-supervision = ILO supervisory body (other)
mechanism-kind-treaty-body = UN treaty body
mechanism-kind-special-procedure = UN special procedure
mechanism-kind-national = National body
mechanism-kind-other = Other

cfa-case-status-active = Active
cfa-case-status-follow-up = Follow-up
cfa-case-status-closed = Closed

state-response-supported = Supported
state-response-noted = Noted
state-response-none = No response

theme-freedom-of-association = Freedom of association
theme-right-to-strike = Right to strike
theme-collective-bargaining = Collective bargaining
theme-assembly = Freedom of peaceful assembly
theme-expression = Freedom of expression
theme-fair-trial = Fair trial
theme-human-rights-defenders = Human-rights defenders
theme-detention = Arbitrary detention
theme-judicial-reform = Judicial and law-enforcement reform
theme-other = Other

implementation-status-not-implemented = Not implemented
implementation-status-partially-implemented = Partially implemented
implementation-status-implemented = Implemented
implementation-status-regressed = Regressed

bearing-supports = Supports
bearing-contradicts = Contradicts

indicator-group-civil-liberties = Civil liberties
indicator-group-right-to-organise = Right to establish or join unions
indicator-group-union-activities = Trade-union activities
indicator-group-collective-bargaining = Collective bargaining
indicator-group-right-to-strike = Right to strike

restraint-kind-custody = In custody
restraint-kind-imprisonment = Imprisoned
restraint-kind-restricted-freedom = Restricted freedom
restraint-kind-activity-ban = Activity ban
restraint-kind-fine = Fined

certainty-certain = Certainly
certainty-possible = Possibly

# The campaign page's signing form: what stopped a signature, in plain words.
campaign-sign-problem-name = Please write your name (at most 200 characters).
campaign-sign-problem-email = This does not look like an email address. Please check it.
campaign-sign-problem-disposable = Addresses from throwaway mail services are not accepted. Please use your usual address.
campaign-sign-problem-country = Please choose your country from the list.
campaign-sign-problem-organisation = The name of the organisation is too long (at most 200 characters).
campaign-sign-problem-too-fast = That was quick! Please wait a moment, then press the button again: everything you typed is kept.
campaign-sign-problem-stale-form = This form was open too long or was sent already. Please press the button again: everything you typed is kept.
campaign-sign-problem-closed = This campaign does not take signatures now.
campaign-sign-problem-rate-limited = Too many signatures came from your network just now. Please try again in a minute.
campaign-sign-problem-failed = Something went wrong on our side. Please try again in a moment.
restraint-disputed = disputed
restraint-disputed-why = Sources disagree about an event behind it; see their accounts

# A month as a sentence puts it (the prepositional/locative case).
date-in-month = in { $month } { $year }
end-free-during = free { $date }
month-in-1 = January
month-in-2 = February
month-in-3 = March
month-in-4 = April
month-in-5 = May
month-in-6 = June
month-in-7 = July
month-in-8 = August
month-in-9 = September
month-in-10 = October
month-in-11 = November
month-in-12 = December

# The language's name in itself, on the language switch.
language-own-name = English
