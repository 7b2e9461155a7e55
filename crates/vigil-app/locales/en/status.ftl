# The status engine's account of each step ("How this was worked out"):
# what each event did to a person's restraints.

step-held-custody = custody
step-held-imprisonment = imprisonment
step-held-restricted-freedom = restricted freedom
step-held-fine = the fine
step-held-activity-ban = activity ban ({ $scope })
step-held-activity-ban-unknown = activity ban (scope not stated)
step-fine = a fine
step-fine-amount = a fine of { $amount }
step-ends = ends { $what }
step-ends-converted = ends the fine (converted: sentenced for not paying it)
step-starts = { $what } starts
step-starts-for = { $what } starts, for { $term }
step-starts-open = { $what } starts, no end stated
step-starts-after-prison = { $what } starts, for { $term } counted from the end of imprisonment
step-fine-imposed = { $fine } imposed
step-adds = adds: { $what }
step-fine-now = the fine is now { $fine }
step-term-now = { $what } now { $term }, counted from { $date }
step-open-now = { $what } now with no end stated
step-lifts = lifts { $what }
step-rest-fine = the rest replaced by { $fine }
step-rest-term = the rest replaced by { $what } for { $term }
step-continues = { $what } continues, no end stated
step-no-appeal-names-nothing = names no sentence it appeals; no change
step-no-appeal-sentence-missing = the sentence it names is not on record by this date; no change
step-no-appeal-upholds = upholds the sentence; no change
step-no-appeal-nothing = nothing in force to replace
step-no-ender-missing = the event it names is not on record by this date; no effect
step-no-ender-nothing = nothing in force to end
step-no-terms = no terms recorded
step-may-fall-after = its date may fall after { $date }
evidence-as-known-on = As the evidence published by { $date } showed it: only passages of sources published by then count; what was reported later is left out.
evidence-all-held = Show it from all the evidence held
