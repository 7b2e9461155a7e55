# The JSON API's error messages, by error code (the codes stay English).
# In English the API gives the precise account of the error instead.

api-error-bad-request = The request holds a value Vigil cannot read.
api-error-not-found = There is nothing at this address, or nothing you may see.
api-error-unauthorised = Sign in, or send an API token, to do this.
api-error-forbidden = Your account may not do this.
api-error-csrf = The form has expired: reload it and try again.
api-error-invalid = What was sent does not hold together; nothing was saved.
api-error-conflict = Someone changed this record in the meantime, or it exists already.
api-error-referenced = Other records refer to this one; it was not deleted.
api-error-closed = This is closed and takes nothing more.
api-error-rate-limited = Too many requests came from your network just now: wait a little, then try again.
api-error-unreadable = The body cannot be read.
api-error-precondition-failed = The record changed since you read it: read it again, then send your change.
api-error-method-not-allowed = This address does not take this method.
api-error-payload-too-large = The body is larger than Vigil takes.
api-error-unsupported-media-type = The body is not of a type this address reads.
api-error-uri-too-long = The address is too long.
api-error-headers-too-large = The request's headers are too large.
api-error-not-implemented = This is not possible here.
api-error-internal = Something went wrong on our side.
api-error-other = The request was refused.
api-error-with-field = { $message } (the field “{ $field }”)
api-error-malformed-json = The body is not valid JSON.
api-error-no-such = There is no { $what } “{ $name }”, or none you may see.
api-error-record = record
api-error-kind-account = account
api-error-kind-attachment = attachment
api-error-kind-campaign = campaign
api-error-kind-invalidation = invalidation
api-error-kind-page = page
api-error-kind-partner-link = partner link
api-error-kind-proposal = proposal
api-error-kind-revision = revision
api-error-kind-token = token
api-error-decided = This proposal was decided already.
api-error-storage = The case file could not be read or written.
