# The case file's own checks, as an editor, an API client or an import
# reads them (the usual ones are in editing.ftl: edit-error-…).

check-start-before-end = start must be before end
check-quote-length = the quoted text's length differs from end - start
check-source-too-long = a source's text is at most 1.5 MB
check-text-too-long = a text is at most 100 kB
check-at-most-300 = at most 300 characters
check-at-most-20000 = at most 20000 characters
check-1-to-500 = 1–500 characters
check-recommendation-words = a recommendation needs its words
check-pledge-excerpt = a pledge quotes its words: at least one excerpt of a source
check-excerpt-text = an excerpt quotes some text
check-assessment-evidence = an assessment needs evidence: at least one event or excerpt
check-slug = a slug is 3 to 64 lowercase letters, digits and single inner hyphens
check-slug-new = 'new' names the page that creates a campaign: choose another slug
check-campaign-version = a campaign has at least one language version
check-campaign-linked = a campaign is linked to a case or to persons
check-campaign-ends = the campaign ends before it starts
check-one-version-per-language = one version per language
check-campaign-first-version = the campaign's first version needs a title, a text and a message
check-code = 1–64 lowercase letters, digits, '_' or '-'
check-codes-unique = codes must be unique
check-rule-indicator = a rule needs at least one indicator
check-indicator-event-type = an indicator counts at least one event type
check-at-most-200-indicators = at most 200 indicators
check-thresholds-count = one to six thresholds
check-first-threshold = the first threshold starts at 0
check-thresholds-rise = thresholds rise: each a higher score and a higher rating than the one before
check-years = from and to are years from 1800 to 9999, from not after to
check-claim-key = a claim's key is 1–40 characters of a-z, 0-9 and '-'
check-claim-key-taken = another claim of this event has this key
check-claim-says = a claim gives a date, terms, a place or participants
check-claim-no-one = a claim's participants name at least one record: leave the field out to keep the event's own
check-claim-excerpt = a claim needs an excerpt stating it: an excerpt whose `claim` is this key
check-claim-only-events = only an event's excerpts state claims
