# The accountability records' lists and pages, and the sign-in page.

acc-list-mechanisms = Review mechanisms
acc-list-reviews = Reviews
acc-list-recommendations = Recommendations
acc-list-pledges = Pledges
acc-list-assessments = Assessments
acc-list-rating-rules = Rating rules
acc-none = None recorded.
acc-not-assessed = Not assessed yet.
acc-over-time = Assessments over time
acc-assessed-by = by
acc-state-reviewed = State reviewed
acc-session = Cycle or session
acc-convention = Convention
acc-case-number = Case
acc-case-status = Case status
acc-briefing = Briefing as of this review
acc-recommendations-heading = Recommendations and conclusions
acc-response = response:
acc-recommending-state = Recommending state
acc-themes = Themes
acc-state-response = State's response
acc-concerns = Concerns
acc-who = Who
acc-when = When
acc-state = State
acc-events-since = Events since the pledge
acc-events-since-count =
    { $count ->
        [one] { $count } event recorded since; the latest { $shown }:
       *[other] { $count } events recorded since; the latest { $shown }:
    }
acc-of = Of
acc-by = By
acc-rule-of = The rule of
acc-rule-change = Change the weights and thresholds with
acc-rule-change-form = or the edit form; each change is a revision.
login-name = Name
login-password = Password
login-too-many =
    { $count ->
        [one] Too many failed attempts from here. Wait { $count } second and try again.
       *[other] Too many failed attempts from here. Wait { $count } seconds and try again.
    }
login-wrong = The name or the password is wrong.
login-device = This is a device account: it only sends reports from a phone (ODK Collect, KoboCollect, Tella).
