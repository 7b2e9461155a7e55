# A campaign's page, its signing form, the confirmation page and the mail.

## The page and its form
campaign-other-languages = Other languages
campaign-confirmed =
    { $count ->
        [one] confirmed signature
       *[other] confirmed signatures
    }
campaign-goal = Goal: { $goal }
campaign-invalidated = ({ $count } invalidated)
campaign-signed = Thank you! Check your inbox: your signature counts once you confirm it with the link we sent.
campaign-field-name = Name
campaign-field-email = Email
campaign-field-country = Country
campaign-field-organisation = Union or organisation (optional)
campaign-field-website = Website
campaign-sign = Sign
campaign-privacy = Your data is encrypted, and erased 6 months after the campaign closes.
campaign-message = The message to the targets
campaign-case-file = The case file
# The wording of the boxes, recorded with a signature as the consent given.
campaign-opt-in = Yes, the organisers of this campaign may email me about this and related campaigns. I can withdraw at any time.
campaign-named = Show my name (not my email) to the people this campaign addresses.

## The confirmation link's page
campaign-confirmed-title = Thank you: your signature counts
campaign-confirmed-text = Your signature is confirmed. Share the campaign: every signature adds weight.
campaign-spent-title = Link used or expired
campaign-spent-text = This link was used already or has expired. If you confirmed before, your signature counts.
campaign-closed-title = Campaign closed
campaign-closed-text = This campaign does not take signatures any more.
campaign-unknown-title = Unknown link
campaign-unknown-text = This confirmation link is not valid.

## The mail asking a signer to confirm
campaign-mail-subject = Confirm your signature: { $title }
campaign-mail-hello = Hello { $name },
campaign-mail-thanks = Thank you for signing "{ $title }".
campaign-mail-confirm = Your signature counts once you confirm it by opening this link:
campaign-mail-expiry =
    { $count ->
        [one] The link works for one day. If you did not sign, ignore this message: nothing more will be sent.
       *[other] The link works for { $count } days. If you did not sign, ignore this message: nothing more will be sent.
    }

## The digest to a campaign's targets
campaign-digest-subject =
    { $count ->
        [one] { $title } — { $count } signature
       *[other] { $title } — { $count } signatures
    }
campaign-digest-dear = Dear { $name },
campaign-digest-count =
    { $count ->
        [one] { $count } person has signed this campaign.
       *[other] { $count } people have signed this campaign.
    }
campaign-digest-by-country = By country: { $countries }
campaign-digest-named = Signers since the last digest who chose to be named:

## Stopping the updates (the link in every update to a signer)
campaign-unsubscribe-line = To stop these updates, open this link:
campaign-unsubscribe-title = Stop the updates
campaign-unsubscribe-ask = Press the button and this campaign will send you no more updates. Your signature still counts.
campaign-unsubscribe-button = Stop the updates
campaign-unsubscribe-done-title = No more updates
campaign-unsubscribe-done = This campaign will send you no more updates. Your signature still counts.
campaign-unsubscribe-invalid-title = This link does not work
campaign-unsubscribe-invalid = Check that the whole link from the message was copied.
