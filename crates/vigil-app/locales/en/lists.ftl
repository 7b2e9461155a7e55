# The lists of records, the events' filter, the search page, the pages of
# a source, a case and an organisation.

list-persons-none = No person matches.
list-organisations-none = No organisation matches.
list-cases-none = No cases.
list-sources-none = No sources.
list-name = Name
list-name-hint = any spelling or script
list-name-or-acronym = Name or acronym
list-find = Find
list-upload = Upload a document
list-proposals-waiting = Proposals waiting
events-count =
    { $count ->
        [one] { $count } event
       *[other] { $count } events
    }
events-filter-type = Type
events-filter-person = Person
events-filter-organisation = Organisation
events-filter-from = From
events-filter-to = To
events-filter-any = any
events-filter-anyone = anyone
events-filter-button = Filter
fact-kind = Kind
fact-status = Status
fact-part-of = Part of
fact-language = Language
organisation-also-known = Also known as:
organisation-bodies = Bodies
organisation-people = People
case-persons = Persons
source-publisher = Publisher
source-published = Published
source-original = Original
source-cited-by = Cited by
source-cited-by-count =
    { $count ->
        [one] { $count } record
       *[other] { $count } records
    }
source-text = Text
source-hint = Marked passages are cited as evidence; the link after each leads to the record that cites it.
source-proposals = Proposals
attachments-heading = Attachments
attachments-hint = Kept sealed; the SHA-256 of each file was recorded when it was received.
attachments-bytes =
    { $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    }
language-name-en = English
language-name-ru = Russian
language-name-kk = Kazakh
search-title = Search: { $text }
search-field = Words, "phrases", or a name in any spelling or script
search-facet-kind = Kind of record
search-facet-type = Event type
search-facet-year = Year
search-facet-organisation = Organisation
search-only = Only:
search-remove-filter = Remove this filter
search-hint = Type a name (Baltabay, Балтабай, Kushakpaev…), words or a "quoted phrase".
search-results =
    { $count ->
        [one] { $count } result
       *[other] { $count } results
    }
search-nothing = Nothing matches.
