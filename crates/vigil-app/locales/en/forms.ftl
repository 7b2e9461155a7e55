# The record forms' guidance: required fields, rows added as needed,
# the quote picker, events picked from timelines, the incomplete list.
form-required = required
form-required-note = Fields marked * are required.
form-add-row = Add a row
form-passage-not-found = This passage is not in the source word for word.
form-did-you-mean = Did you mean: “{ $passage }”?
form-use-passage = Use this passage
form-nothing-near = Nothing in the source is close to it: choose the passage among the source's sentences.
form-show-sentences = Choose in the source's text
form-sentences = The source's sentences: tick the first and the last of the passage
form-use-sentences = Use the ticked sentences
form-timeline-events = Acts on these events of the timelines of the people involved
form-other-events = Other events it acts on (ids, comma-separated)
incomplete-title = Events without a country
incomplete-intro = An event without a country is on no country page nor briefing. These are such events among the { $total } events, { $first } to { $last } by id; open one to give its country.
incomplete-none = No event in this stretch lacks a country.
incomplete-next = Look further
incomplete-link = Events without a country
incomplete-undated = Proposed events without a date
incomplete-undated-none = No proposed event waits for its date.
incomplete-edit = Give its country
