# Error pages.

error-not-found = Not found
error-not-found-text = There is nothing at this address, or nothing you may see.
error-bad-request = Bad request
error-bad-request-text = The address or the form holds something Vigil cannot read.
error-sign-in-needed = Sign in needed
error-sign-in-needed-text = This page is for signed-in accounts.
error-not-allowed = Not allowed
error-not-allowed-text = Your account may not do this.
error-conflict = Conflict
error-conflict-text = Someone changed this record in the meantime, or it exists already.
error-too-large = Too large
error-too-large-text = What was sent is larger than Vigil takes.
error-cannot-be-saved = Cannot be saved
error-cannot-be-saved-text = What was sent does not hold together: see the details.
error-too-many = Too many requests
error-too-many-text = Too many requests came from your network just now.
error-something-wrong = Something went wrong
error-something-wrong-text = Something went wrong on our side.
error-advice-sign-in = Sign in with an account that may do this.
error-advice-role = Your account's role does not allow this. An administrator of this Vigil can change your role if your work needs it.
error-advice-wait = Wait a little, then try again.
error-back = Back to the start page

# Refusals and other answers with a title of their own.
error-forbidden-admin = Your account is a { $role } account: only administrators manage accounts and API tokens.
error-forbidden-write = Your account is a { $role } account: it may read the case file, but not add, change or review records.
error-forbidden-grant = An administrator of this Vigil can change your role if your work needs it, on the accounts page or with the command “vigil user role { $name } editor”.
error-method = Not possible at this address
error-changed = Changed meanwhile
error-address-too-long = Address too long
error-unsupported = Format not accepted
