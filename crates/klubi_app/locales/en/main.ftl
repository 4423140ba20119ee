# Klubi – English. Plain language: short sentences, common words.

## General
skip-to-content = Skip to content
language-switch = Change language
nav-label = Main menu
nav-home = Home
nav-organisations = Organisations
nav-users = Users
nav-audit = Audit log
nav-outbox = Outgoing mail
nav-account = My details
sign-in = Sign in
sign-out = Sign out
footer-text = Klubi – a tool for job-search clubs
page-title-error = Error: { $title }
error-summary-title = Please fix these
error-prefix = Error:
choose = Choose
save = Save
filter = Filter
older = Older
back-to-list = Back to the list

## Fields
label-email = Email
label-password = Password
label-current-password = Current password
label-new-password = New password
label-password-confirm = New password again
label-name = Name
label-new-name = New name
label-kind = Type
label-organisation = Organisation
label-roles = Roles
label-language = Language
label-status = Status
label-created = Created
label-last-used = Last used
label-actions = Actions
label-time = Time
label-actor = Done by
label-action = Event
label-entity = Target
label-request = Request
label-recipient = Recipient
label-subject = Subject
label-token-name = Key name
password-hint = The password must have at least 10 characters. A long sentence makes a good password.

## Languages and roles
language-fi = Finnish
language-sv = Swedish
language-en = English
role-admin = Administrator
role-coordinator = Coordinator
role-coach = Coach
role-case_manager = Case manager
role-specialist = Specialist
roles-none = No roles
org-kind-employment_services = Employment services
org-kind-coaching_provider = Coaching provider
org-kind-rehabilitation = Rehabilitation
org-kind-education = Education
org-kind-other = Other

## Signing in
login-title = Sign in
login-failed = Signing in did not work. Check the email and the password.
login-throttled = Too many tries. Wait 15 minutes and then try again.
forgot-link = Forgot your password?
forgot-title = New password
forgot-intro = Write your email address. We will send a link where you can make a new password.
forgot-submit = Send the link
forgot-sent = If the address has an account, we sent a link to it. The link works for one hour.
set-password-title = Make a password
set-password-intro = Hello { $name }! Make a password for yourself. Then you can use Klubi.
set-password-submit = Save the password
link-invalid-title = The link does not work
link-invalid-body = The link has been used already or it has expired. You can ask for a new link.
flash-signed-out = You have signed out.
flash-password-set = Your password is saved. Welcome!

## Home
home-title = Home
home-greeting = Hello { $name }!
home-admin-heading = Administration
home-admin-empty = Add organisations and invite their coordinators. The coordinators then invite the other users of their organisation.
home-admin-action = Organisations
home-coordinator-heading = Coordinator
home-coordinator-empty = You have no groups yet. Start by inviting your organisation's coaches and case managers.
home-coordinator-action = Invite users
home-coach-heading = Coach
home-coach-empty = You have no groups yet. When a coordinator adds you as a coach of a group, you will see the group here.
home-casemanager-heading = Case manager
home-casemanager-empty = You have not referred anyone to a club yet. When a coordinator opens a group, you can refer your clients to it.
home-specialist-heading = Specialist
home-specialist-empty = Nobody has been referred to you yet. When a coach refers a client to you, you will see it here.
home-participant-heading = My club
home-participant-empty = You are not in a group yet. When you join a group, you will see its meetings here and what to bring.
home-noroles-heading = No roles
home-noroles-empty = You have no roles. Ask a coordinator or an administrator to give you a role.

## My details
account-title = My details
account-profile = Basic details
account-password = Change password
account-password-submit = Change password
flash-password-changed = Your password is changed. Your other sign-ins have ended.
tokens-title = API keys
tokens-intro = Programs can use Klubi with a key and your rights. We show the key only once.
tokens-empty = You have no keys.
token-create = Create a key
token-created = The key { $name } is created.
token-value = Key
token-shown-once = Copy the key now. You will not see it again.
token-revoke = Revoke
token-revoke-named = Revoke the key { $name }
token-revoked = Revoked
flash-token-revoked = The key is revoked.

## Organisations
organisations-title = Organisations
organisations-empty = There are no organisations yet. Add the first one below.
organisation-new = New organisation
organisation-create = Add organisation
organisation-rename = Rename
organisation-rename-named = Rename { $name }
organisation-users-named = Users of { $name }
organisation-edit-title = Rename the organisation
flash-organisation-created = The organisation is added.
flash-organisation-renamed = The name is changed.

## Users
users-title = Users
users-empty = There are no users yet. Invite the first one below.
user-title = User
user-invite = Invite a user
user-invite-intro = The invited person gets a link by email and makes a password with it. The link works for 7 days.
user-invite-submit = Send the invitation
user-active = Active
user-invited = Invited
user-inactive = Deactivated
user-roles-edit = Roles
user-access = Access to Klubi
user-resend-invitation = Send the invitation again
user-deactivate-help = When you deactivate a user, their sign-ins and keys stop working at once.
user-deactivate = Deactivate
user-reactivate = Reactivate
flash-user-invited = The invitation is sent.
flash-roles-saved = The roles are saved.
flash-user-deactivated = The user is deactivated.
flash-user-reactivated = The user is active again.
flash-invitation-sent = A new invitation is sent. The old link no longer works.

## Audit log and mail
audit-title = Audit log
audit-empty = No events match.
audit-filter-action = Event starts with
audit-filter-entity = Target id
audit-filter-from = From
audit-filter-to = To
audit-system = System
outbox-title = Outgoing mail
outbox-intro = Every email Klubi sends. If no mail server is set, the messages stay here and in the log.
outbox-empty = No messages.
outbox-status-pending = Waiting
outbox-status-sent = Sent
outbox-status-logged = Only in the log
outbox-status-failed = Failed

## Email
mail-invitation-subject = Invitation to Klubi
mail-invitation-body =
    Hello { $name },

    { $inviter } invited you to Klubi, the tool for job-search clubs.

    Make a password with this link:
    { $link }

    The link works for 7 days and only once.
mail-reset-subject = New password for Klubi
mail-reset-body =
    Hello { $name },

    Someone asked for a new password for your account. Make a new password with this link:
    { $link }

    The link works for one hour and only once. If you did not ask for a new password, you can ignore this message.
mail-signature = Klubi

## Errors
error-required = This is missing.
error-too-long = The text is too long.
error-control-characters = The text has characters that cannot be used.
error-email-invalid = Write the email address like name@example.fi.
error-email-taken = This email address has an account already.
error-language-unknown = Choose a language: Finnish, Swedish or English.
error-password-too-short = The password must have at least 10 characters.
error-password-mismatch = The passwords are not the same.
error-password-wrong = The current password is wrong.
error-role-unknown = Unknown role.
error-account-kind-unknown = Unknown account type.
error-org-kind-unknown = Choose the type of the organisation.
error-organisation-name-taken = An organisation with the same name exists already.
error-organisation-unknown = The organisation is not found.
error-user-inactive = The user is deactivated.
error-cannot-change-self = You cannot change your own roles or deactivate yourself.
error-cursor-invalid = The page position is not valid.
error-wrong-type = The value has the wrong form.
error-invalid = Some of the values are not valid.
error-bad-request = The request could not be read.
error-form-unreadable = The form could not be read. Reload the page and try again.
error-json-malformed = The request's JSON is not valid.
error-json-content-type = The content type must be application/json.
error-unauthorized = Sign in or give a valid key.
error-forbidden = You are not allowed to do this.
error-csrf = The form has expired or came from another site. Reload the page and try again.
error-not-found = The page or item is not found.
error-method-not-allowed = This action cannot be done at this address.
error-too-large = What was sent is too large.
error-timeout = The service did not answer in time. Try again in a moment.
error-unsupported-media-type = The content type is not supported.
error-internal = Something went wrong on our side. Nothing saved was lost. Try again in a moment.
error-back-home = To the home page
error-back-login = To sign in
error-status-code = Error code { $code }

## HTTP status
status-400 = Bad request
status-401 = Sign-in needed
status-403 = Not allowed
status-404 = Not found
status-405 = Action not allowed
status-408 = Timed out
status-409 = Conflict
status-413 = Too large
status-415 = Content type not supported
status-422 = The values are not valid
status-429 = Too many tries
status-500 = Service error
status-503 = Service unavailable

## Schedules and holidays
error-schedule-no-weekdays = Choose at least one weekday.
error-schedule-count = There can be 1–100 meetings.
error-schedule-duration = A meeting can last from 1 minute to 12 hours.
error-schedule-date-range = The date is not possible.
holiday-new-years-day = New Year's Day
holiday-epiphany = Epiphany
holiday-good-friday = Good Friday
holiday-easter-sunday = Easter Sunday
holiday-easter-monday = Easter Monday
holiday-may-day = May Day
holiday-ascension-day = Ascension Day
holiday-whitsunday = Whitsunday
holiday-midsummer-eve = Midsummer Eve
holiday-midsummer-day = Midsummer Day
holiday-all-saints-day = All Saints' Day
holiday-independence-day = Independence Day
holiday-christmas-eve = Christmas Eve
holiday-christmas-day = Christmas Day
holiday-st-stephens-day = St Stephen's Day

## Club formats and themes
error-theme-unknown = Unknown theme.
error-format-capacity = There can be 1–100 places.
error-format-meetings = The format must have 1–100 meetings.
error-format-min-attendance = The minimum attendance cannot be more than the number of meetings.
error-format-duration = A meeting can last from 15 minutes to 12 hours.
error-format-other-title = Give the other theme a title.
error-format-compensation = The expense compensation can be 0–1,000 euros per meeting.
error-format-facilitators = There can be 1–10 coaches.
theme-cv = CV
theme-cv-description = We make or update a CV that shows clearly what you can do.
theme-application = Job application
theme-application-description = We write an application for a real job ad.
theme-interview = Job interview
theme-interview-description = We prepare for the interview and practise the answers.
theme-job-ads = Job ads
theme-job-ads-description = We search job ads together and learn how to apply for them.
theme-competence = Skills in words
theme-competence-description = We tell about our own skills in our own words.
theme-work-life-skills = Work-life skills
theme-work-life-skills-description = We talk about what a workplace expects and how things work there.
theme-strengths = Strengths
theme-strengths-description = We recognise our strengths and small successes.
theme-support-needs = Support needs
theme-support-needs-description = We practise telling what support I need at work.
theme-peer-support = Peer support
theme-peer-support-description = We share experiences and support each other.
theme-other = Other
theme-other-description = A topic of its own, which the coach gives in the meeting's title.
