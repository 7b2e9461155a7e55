# The countries' list and a country's page.

countries-lead = Each country's reviews, recommendations, pledges and a rating traced to documented events.
countries-none = No country is recorded yet.
countries-events =
    { $count ->
        [one] { $count } event
       *[other] { $count } events
    }
country-briefing-today = Briefing as of today
country-briefing-for = Briefing for
country-reviews = Reviews
country-no-review = No review recorded.
country-case = case { $number }
country-open-recommendations = Open recommendations
country-no-open-recommendation = No open recommendation recorded.
country-th-recommendation = Recommendation
country-th-review = Review
country-th-response = Response
country-th-latest = Latest assessment
country-why = why
country-pledges = Pledges against the events since
country-no-pledge = No pledge recorded.
country-latest-assessment = Latest assessment:
country-since =
    { $count ->
        [one] { $count } event recorded since:
       *[other] { $count } events recorded since:
    }
country-since-latest = { $count } events recorded since; the latest { $shown }:
country-patterns = Patterns reported
country-patterns-hint = Practices the sources state as ongoing or general, not as acts of a day. They are counted in no year's rating, in no “since” and in neither chart.
country-pattern-reported = reported { $date }
country-events-by-type = Events by type and year
country-spanning =
    { $count ->
        [one] { $count } event dated only to a span of several years is not placed in a year.
       *[other] { $count } events dated only to a span of several years are not placed in a year.
    }
country-restraints = People imprisoned and banned, month by month
country-restraints-hint = Counted on the first day of each month by the status engine, from the recorded events (certain and possible restraints).
country-legend-imprisoned-certain = Imprisoned, certainly
country-legend-imprisoned-possible = Imprisoned, certainly or possibly
country-legend-banned-certain = Banned, certainly
country-legend-banned-possible = Banned, certainly or possibly
country-ratings = Rating per year
country-no-rule = No rating rule in the case file.
country-rating = rating
country-score = score { $score }
country-rating-json = This rating as JSON
chart-no-event-in-a-year = No event placed in a year.
chart-no-months = No months to show.
chart-no-year = No year to rate.

## Ratings and their coverage
rating-1 = Sporadic violations of rights
rating-2 = Repeated violations of rights
rating-3 = Regular violations of rights
rating-4 = Systematic violations of rights
rating-5 = No guarantee of rights
rating-5-plus = No guarantee of rights due to the breakdown of the rule of law
coverage-rated = rated
coverage-no-data = no data
coverage-not-covered = not covered by the rule

## The rating rule, and why a year has its rating
rule-the-rule = The rule:
rule-th-group = Group
rule-th-indicator = Indicator
rule-th-counts = Counts
rule-th-weight = Weight
rule-only-unions = only against unions and unionists
rule-only-acting-on = only acting on a { $kinds }
rule-spanning = Events dated only to a span of several years:
rule-spanning-not-counted = not counted (listed under each year they may fall in).
rule-spanning-last-year = counted in the last year they may fall in.
rule-thresholds = Thresholds:
rule-threshold = score { $score } or more → { $rating }
rule-no-data = A year in which no documented event falls gets no rating: "no data", not good news.
rule-years = The rule covers the years { $from } to { $to }; other years are not covered.
why-no-data = No documented event of the country falls in { $year }: no data, so no rating. The absence of records is not the absence of violations.
why-not-covered = The rule does not cover { $year }: no rating.
why-none-counted = No event counted.
why-not-counted =
    { $count ->
        [one] { $count } event dated only to a span of several years including { $year } is not counted in it
       *[other] { $count } events dated only to a span of several years including { $year } are not counted in it
    }
why-more = Only the first { $shown } of the { $count } events counted in { $year } are listed here; the year's rating as JSON lists them all.
why-counted-elsewhere = Counted in { $year }: { $count } (an event counts once under each indicator it meets).
why-undated-more = Only the first { $shown } are listed here.
