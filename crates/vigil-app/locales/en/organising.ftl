# The organisers' pages of a campaign, its outcomes, and the partner's view.

## The campaign form
organise-new-title = New campaign
organise-edit-title = Edit the campaign
organise-desk = Organisers' desk
organise-public-page = Public page
organise-not-saved = Not saved:
organise-settings = Settings
organise-slug = Address (lower-case letters, digits and hyphens)
organise-state = State
organise-starts = First day
organise-ends = Last day
organise-goal = Goal (signatures)
organise-digest-every = A digest to the targets every (signatures; 0: daily only)
organise-case = Case (its title)
organise-persons = Persons (by name, one a field)
organise-versions = Language versions
organise-versions-hint = The first version is the campaign's own language and must be complete. A version is published once it has a title, a text and a message.
organise-version-new = A new language
organise-version-complete = complete
organise-version-incomplete = incomplete: not published
organise-version-language = Language
organise-version-title = Title
organise-version-text = Text
organise-version-message = Message to the targets
organise-targets = Targets
organise-target-name = Name
organise-target-role = Role
organise-target-email = Email
organise-save = Save

## The desk
organise-export = Signatures (CSV)
organise-signatures = Signatures
organise-count =
    { $count ->
        [one] { $count } confirmed signature
       *[other] { $count } confirmed signatures
    }
organise-over-time = Confirmed signatures over time
organise-by-country = Signatures by country
organise-no-signatures = No confirmed signature yet.
organise-news = News from the case file
organise-news-released = a restraint in force when the campaign began is over ({ $restraint })
organise-news-new = a new restraint since the campaign began ({ $restraint })
organise-news-prompt = Update the campaign, or record its result and close it:
organise-deliveries = Deliveries to the targets
organise-deliver-now = Send the targets a digest now
organise-delivery-queued = queued
organise-delivery-sent = sent
organise-delivery-failed = failed
organise-when = When
organise-who = Who
organise-what = What
organise-status = Status
organise-none = None yet.
organise-result = Result
organise-result-won = won
organise-result-partly-won = partly won
organise-result-lost = lost
organise-result-ongoing = ongoing
organise-note = Note
organise-responses = Responses from the targets
organise-response-target = Who responded
organise-response-date = Date
organise-response-link = Document or source
organise-response-text = What they said
organise-response-add = Record the response
organise-milestones = Milestones (updates to signers who opted in)
organise-updates-queued =
    { $count ->
        [one] { $count } update queued
       *[other] { $count } updates queued
    }
organise-partners = Partners' links
organise-partners-hint = A link for the union or organisation that asked for the campaign: it shows the counts by country and by organisation, and the signers who chose to be named, nothing else. It works until revoked.
organise-partner = Partner
organise-partner-create = Make a link
organise-partner-created = The partner's link, shown only now: copy it and send it to them.
organise-partner-revoke = Revoke
organise-partner-revoked = revoked
organise-invalidation = Invalidate signatures
organise-invalidation-hint = Remove signatures from the count by address range, email domain or time (UTC). Preview first; an invalidation can be reverted.
organise-ip-range = Address range (CIDR)
organise-domain = Email domain
organise-from = Signed from
organise-until = Signed before
organise-preview = Preview
organise-would-remove =
    { $count ->
        [one] This would remove { $count } signature.
       *[other] This would remove { $count } signatures.
    }
organise-invalidate = Invalidate them
organise-filter = Filter
organise-removed = Removed
organise-revert = Revert
organise-reverted = reverted
organise-audit = Audit

## The partner's view
organise-partner-title = { $title }: signatures
organise-by-organisation = By organisation
organise-no-organisation = no organisation given
organise-named = Signers who chose to be named

## Updates to signers who opted in
campaign-update-goal-subject = { $title }: the goal is reached
campaign-update-goal =
    { $count ->
        [one] "{ $title }" has reached its goal: { $count } person has signed. Thank you for being one of them.
       *[other] "{ $title }" has reached its goal: { $count } people have signed. Thank you for being one of them.
    }
campaign-update-response-subject = { $title }: a response
campaign-update-response = { $target } has responded to "{ $title }":
organise-error-several = “{ $name }” could be several records ({ $other }): write the name as the one you mean is called
campaign-audit-create = created
campaign-audit-update = changed
campaign-audit-invalidate = signatures invalidated
campaign-audit-revert-invalidation = invalidation undone
campaign-audit-milestone = milestone reached
campaign-audit-response = target's response recorded
campaign-audit-result = result recorded
campaign-audit-anonymise = signers' details erased
campaign-audit-partner-link = partner link made
campaign-audit-revoke-partner-link = partner link revoked
actor-vigil = Vigil itself
actor-console = the console (user { $name })
actor-console-unknown = the console
organise-milestone-goal = the goal reached
organise-milestone-response = a response received
