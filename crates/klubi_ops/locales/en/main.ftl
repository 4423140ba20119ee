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
forgot-throttled = Too many new passwords have been asked for from this address. Try again in a quarter of an hour.
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
token-expires = Valid until
token-read-only = Read only
token-read-only-hint = The key can only read, not change anything.
token-days = Valid for (days)
token-days-hint = 1–365 days. If you do not choose, the key works for 90 days.
token-issued-by = Given by { $name }
token-password-hint = Give your password once more before we make the key.
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
outbox-mail-title = Message
outbox-back = Back to outgoing mail
outbox-mail-hand-over = This message was not sent. You can give its content to the recipient yourself, for example the invitation link. Opening this message is recorded in the audit log.
outbox-mail-no-text = The text of this message is no longer kept: it is deleted once the message has been sent.

## Email
mail-invitation-subject = Invitation to Klubi
mail-invitation-body =
    Hello { $name },

    { $inviter } invited you to Klubi, the tool for job-search clubs.

    Make a password with this link:
    { $link }

    The link works for 7 days and only once.
mail-address-in-use-subject = Your address was typed for a new account in Klubi
mail-address-in-use-body =
    Hello { $name },

    { $by } typed this email address for a new account in Klubi, the tool of job-search clubs. This address already has a Klubi account, so the new account was not linked to it and no sign-in link is sent here.

    If you were the one meant, sign in with your own account and tell { $by }:
    { $link }

    If you do not know what this is about, you need not do anything.
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
error-password-common = This password is too common or easy to guess. Choose another, for example a sentence of a few words.
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
error-busy = The service is busy just now. Try again in a few seconds.
error-token-days = Choose 1–365 days.
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

## Clubs: common
nav-calendar = Calendar
nav-groups = Groups
nav-formats = Club formats
cancel = Cancel
filters = Narrow the list
filter-all = All
filter-apply = Show
filter-my-groups = Only my groups
next-page = Next
none-to-choose = Nothing to choose.
minutes = { $minutes } min
compensation-none = No expense compensation
compensation-per-meeting = { $amount } per attended meeting
compensation-from-format = As in the club format
compensation-rate = Own amount
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday

## Clubs: fields
label-agenda = Agenda
label-cancel-reason = Why is the meeting cancelled?
label-capacity = Places
label-change-reason = Reason for the change
label-compensation = Expense compensation
label-compensation-euros = Expense compensation in euros per meeting
label-date = Day
label-default-start-time = Usual start time
label-description = Description
label-duration-minutes = Length in minutes
label-end-time = Ends
label-facilitator-count = Coaches
label-facilitators = Coaches
label-first-date = First possible day
label-format = Club format
label-guest-organisation = Visiting organisation
label-guest-purpose = Topic of the visit
label-location = Place
label-meeting-kind = Type of meeting
label-meeting-title = Own title
label-meetings = Meetings
label-min-attendance = Meetings to attend at least
label-move-reason = Reason, if the time changes
label-next-meeting = Next meeting
label-online-url = Link to the online meeting
label-partners = Partner organisations
label-seats = Participants
label-start-time = Starts
label-theme = Theme
label-waitlist = Waiting list
label-weekdays = Days of the week
hint-capacity-default = Leave empty to use the club format's number of places.
hint-compensation = For example 9.00. Leave empty if no expense compensation is paid.
hint-facilitators = A coach may be from your own organisation or a partner.
hint-facilitators-new = Coaches of your own organisation. Partners' coaches can be added once the group exists.
hint-meeting-kind-details = Fill in only if the type needs it: a guest for a visit, a link for an online meeting.
hint-move-reason = Required if you change the day or time. The group sees the reason.
hint-partners = Partners' case managers can refer clients to the group.
hint-plan-rows = Empty rows are left out. Choose a theme to add a meeting.

## Club formats
formats-title = Club formats
formats-intro = A club format is a group's plan: meetings, themes, places and expense compensation. The ready formats can be copied as your own.
format-title = Club format
format-new = New club format
format-new-title = New club format
format-edit = Edit
format-edit-title = Edit the club format
format-copy = Copy as my own
format-template = Ready format
format-plan = Plan of the meetings
format-meeting-n = Meeting { $n }
format-no-meeting = – no meeting –
format-meetings-hours = { $count } meetings
format-hours = { $hours } hours
format-template-tampere = Tampere job-search club
format-template-tampere-description = Five meetings for a small group of at most 10 clients, referred by their own case managers. Everyone attends at least one meeting. Attending is paid an expense compensation.
format-template-omnia = Omnia job-search club
format-template-omnia-description = Seven coaching days of four hours over three weeks, run by two work-life coaches together. Intermediate goals and peer support build professional self-esteem.
flash-format-created = The club format is saved.
flash-format-saved = The changes are saved. Groups already made do not change.
flash-format-copied = The format is copied. You can now edit your own copy.
error-format-unknown = Choose a club format.
error-number-invalid = Write a number.
error-money-invalid = Write the amount in euros, for example 9.00.
error-time-invalid = Write the time as 09:00.
error-date-invalid = Write the day as 2026-11-23.

## Groups
groups-title = Groups
groups-empty = No groups yet. A coordinator makes a group from a club format.
groups-empty-filtered = No groups match.
group-title = Group
group-new = New group
group-new-title = New group
group-new-from-format = Make a group from this format
group-create = Make the group
group-edit = Edit the group
group-edit-title = Edit the group
group-seats = { $enrolled } / { $capacity }
group-schedule = Meetings
group-no-meetings = The group has no meetings yet.
group-schedule-closed-note = The group is finished or cancelled, so its schedule can no longer change.
group-skipped-holidays = Public holidays passed over:
group-status-planned = Planned
group-status-open = Open for referrals
group-status-running = Running
group-status-finished = Finished
group-status-cancelled = Cancelled
flash-group-created = The group is made.
flash-group-saved = The group's details are saved.
error-partner-unknown = The partner organisation was not found.
error-facilitator-not-allowed = A coach must be from your own organisation or a partner organisation.
error-group-status-new = A new group can only be planned or open.
error-group-status-unknown = Unknown status.
error-group-status-backwards = A group's status cannot go back.
error-group-capacity-below-enrolled = There cannot be fewer places than participants already in the group.
error-group-schedule-closed = The group is finished or cancelled, so its meetings cannot change.

## Schedule and meetings
schedule-generate = Make the schedule
schedule-generate-intro = The club format's { $count } meetings are placed on the chosen days of the week. Public holidays are passed over. You can edit each meeting later.
schedule-generate-submit = Make the meetings
flash-schedule-generated = The meetings are made.
error-schedule-exists = The group already has meetings. Edit them one at a time.
error-schedule-no-plan = The group's club format has no meetings.
error-weekday-unknown = Unknown day of the week.
meeting-title = Meeting
meeting-new = Add a meeting
meeting-new-title = New meeting
meeting-new-for = Group: { $group }
meeting-create = Add the meeting
meeting-edit = Edit or move
meeting-cancel = Cancel the meeting
meeting-cancel-submit = Cancel the meeting
meeting-cancelled = Cancelled
meeting-changed-by = { $name }, { $when }
meeting-unusual-time = Not at the usual time
meeting-unusual-time-note = This excursion is at a different time than the group's usual meetings. Tell the participants well ahead: another time can weaken attendance.
meeting-kind-details = Visits and online meetings
meeting-kind-regular = Meeting
meeting-kind-guest-visit = Guest visit
meeting-kind-excursion = Excursion
meeting-kind-online = Online meeting
flash-meeting-created = The meeting is added.
flash-meeting-saved = The meeting is saved.
flash-meeting-cancelled = The meeting is cancelled.
error-meeting-time-invalid = Write a time.
error-meeting-date-range = The day must be within five years of today.
error-meeting-ends-before-start = The meeting must end after it starts.
error-meeting-too-long = A meeting can last at most 12 hours.
error-meeting-kind-unknown = Choose the type of meeting.
error-meeting-guest-required = Write the name of the visiting organisation.
error-meeting-location-required = Write where the excursion goes.
error-meeting-url-required = Write the link to the online meeting.
error-meeting-cancelled = The meeting is already cancelled.
error-url-invalid = The link must start with https:// or http://.
error-reason-required = Write a reason.

## Calendar
calendar-title = Calendar
calendar-pager = Calendar weeks
calendar-earlier = Earlier weeks
calendar-this-week = This week
calendar-later = Later weeks
calendar-week = Week { $week } ({ $from }–{ $to })
calendar-today = Today
calendar-nothing-today = No meetings today.
calendar-empty = No meetings in these weeks.
calendar-feed = Calendar on your phone
calendar-feed-intro = Subscribe to the meetings in your own calendar (for example your phone's calendar). It updates by itself.
calendar-feed-url = Calendar address
calendar-feed-secret = Keep the address to yourself. If someone else gets it, make a new address: the old one then stops working.
calendar-feed-create = Make a calendar address
calendar-feed-rotate = Make a new address
calendar-feed-name = Klubi
flash-feed-created = The calendar address is made.
flash-feed-rotated = A new address is made. The old one no longer works.

## Waiting list (issue 4)
error-move-up-reason-required = Write why this person moves up the waiting list. The reason shows in the roster.

## Referrals, waiting lists and seats (issue 4)
nav-referrals = Referrals
nav-triage = New referrals
home-casemanager-action = My referrals
referrals-title = My referrals
referrals-intro = These are the clients you have referred to club groups, and what was decided for them.
referrals-empty = You have not referred anyone yet. Make a referral when a client would benefit from the club.
referral-new = Make a referral
referral-new-title = New referral
referral-new-intro = Refer a client to a group. The group's coordinator reads the referral and gives the client a seat or a place on the waiting list.
referral-choose-group = Choose a group
referral-person = Client
referral-submit = Send the referral
referral-existing-link = Open the earlier referral
referral-title = Referral
referral-decide = Decision
referral-accept = Accept into the group
referral-decline = Decline the referral
referral-withdraw = Withdraw
referral-withdraw-confirm = Withdraw now
referral-status-pending = Waiting for a decision
referral-status-enrolled = In the group
referral-status-waitlisted = On the waiting list
referral-status-declined = Declined
referral-status-withdrawn = Withdrawn
referral-status-completed = Group finished
enrolment-status-enrolled = In the group
enrolment-status-waitlisted = On the waiting list
enrolment-status-withdrawn = Withdrew
label-group = Group
label-participant = Client
label-phone = Phone
label-mail-language = Language of messages
label-needs = Situation and needs
label-consent = Consent
label-referred-by = Referred by
label-referred-on = Referred on
label-decided = Decided
label-decline-reason = Reason for declining
label-withdraw-reason = Reason for withdrawing (optional)
label-my-withdraw-reason = Would you like to tell us why? (optional)
label-when = When
label-what = What
label-bring = Bring
hint-email-or-phone = Give an email address or a phone number so that the client gets the invitation.
hint-decline-reason = The reason is sent to the person who made the referral.
consent-referral-text = The client has agreed that their name, contact details and this description of their situation are given to the club group's coordinator and coaches. The information is used only for taking them into the group and running it. The client can withdraw at any time.
consent-checkbox = The client has given their consent as described above.
consent-version = Consent text, version { $version }
consent-recorded = Recorded { $when }
roster-title = Participants
roster-own-clients = You see only the clients you referred to this group yourself.
roster-empty = Nobody is in the group yet.
roster-referred-by = Referred by
roster-position = number { $position } in the queue
roster-moved-up = Moved up the list
roster-no-email = No email: give the invitation on paper.
roster-move-up-reason = Reason to move up
roster-move-up = Move up the list
roster-resend = Send the invitation again
roster-withdraw = Remove from the group
roster-withdraw-confirm = Remove { $name } from the group
roster-csv = Download the participants (CSV)
roster-triage-link = Handle new referrals
roster-csv-name = Name
roster-csv-status = Status
roster-csv-position = Place in the queue
roster-csv-email = Email
roster-csv-phone = Phone
roster-csv-referred-by = Referred by
roster-csv-moved-up-reason = Reason for moving up
triage-title = New referrals
triage-count = { $count } referrals waiting for a decision.
triage-all-groups = All groups
triage-empty = No referrals are waiting for a decision.
triage-referred-by = referred by { $name }
triage-decline-link = Decline with a reason
my-group-enrolled = You have a seat in this group.
my-group-waitlisted = You are number { $position } on the waiting list. You will get a message if a seat becomes free.
my-next-meeting = Next meeting
my-meeting-details = Meeting details
my-all-meetings = All meetings
my-withdraw-link = I can't come after all
my-withdraw-title = I can't come after all
my-withdraw-intro = Do you give up your seat in { $group }? It goes to the next person on the waiting list.
my-withdraw-confirm = Yes, give up my seat
my-withdraw-cancel = No, I keep my seat
flash-referral-created = The referral is sent.
flash-referral-enrolled = The client is in the group. They get an invitation.
flash-referral-waitlisted = The group is full. The client is on the waiting list.
flash-referral-declined = The referral is declined. The reason was sent to the referrer.
flash-referral-withdrawn = The participation is withdrawn.
flash-participant-withdrawn = The participant is removed from the group.
flash-moved-up = The participant is moved up the waiting list.
flash-my-withdrawn = Your seat is given up. Thank you for telling us.
theme-cv-bring = Your CV, if you have one. Otherwise you need not bring anything.
theme-application-bring = A job ad that interests you, if you have one.
theme-interview-bring = A job ad you would like to apply for.
theme-job_ads-bring = A phone or a laptop, if you have one.
theme-competence-bring = Certificates or notes about earlier jobs, if you have them.
theme-work_life_skills-bring = You need not bring anything.
theme-strengths-bring = You need not bring anything.
theme-support_needs-bring = You need not bring anything.
theme-peer_support-bring = You need not bring anything.
theme-other-bring = The coach will tell you if you need anything.
error-phone-invalid = Write a phone number, for example 040 123 4567 or +46 70 123 4567.
error-email-or-phone-required = Give an email address or a phone number.
error-consent-required = The referral cannot be saved without the client's consent.
error-referral-status-unknown = Unknown referral status.
error-decline-reason-required = Write a reason. It is sent to the person who made the referral.
error-referral-duplicate = This person already has a referral to this group.
error-referral-decided = The referral has already been decided.
error-group-not-taking-referrals = This group is not taking referrals now.
error-participant-already-in-group = This person is already in this group or on its waiting list through another referral. You can decline this referral.
error-group-unknown = The group was not found.
error-already-withdrawn = The participation is already withdrawn.
error-not-waitlisted = The person is not on the waiting list.
error-no-email = The person has no email address.
error-invitation-used = The person has already started using their account.
mail-schedule-later = The meeting times will be told later.
mail-enrolled-subject = Welcome to { $group }
mail-enrolled-body =
    Hello { $name },

    you have a seat in the job-search club group { $group }.

    Place: { $location }

    Meetings:
    { $schedule }

    { $signin }

    If you cannot come after all, tell us here so that the seat goes to someone else:
    { $withdraw }
mail-enrolled-set-password =
    Make a password with this link. Then you can see the meetings and what to bring:
    { $link }
    The link works for 7 days and only once.
mail-enrolled-sign-in = Sign in to Klubi: { $link }
mail-promoted-subject = A seat in { $group } is free for you
mail-promoted-body =
    Hello { $name },

    you were on the waiting list for { $group }. A seat became free and it is yours now.

    Place: { $location }

    Meetings:
    { $schedule }

    { $signin }

    If you cannot come after all, tell us here:
    { $withdraw }
mail-waitlisted-subject = You are on the waiting list for { $group }
mail-waitlisted-body =
    Hello { $name },

    the group { $group } is full now. You are number { $position } on the waiting list.
    You will get a message at once if a seat becomes free.

    If you no longer want to wait, tell us here:
    { $link }
mail-declined-subject = The referral to { $group } was not accepted
mail-declined-body =
    Hello { $name },

    the referral you made for { $participant } to { $group } was not accepted.

    Reason:
    { $reason }
mail-client-promoted-subject = { $participant } got a seat in { $group }
mail-client-promoted-body =
    Hello { $name },

    your client { $participant } was on the waiting list for { $group }. A seat became free and they are in the group now. They got an invitation.
mail-client-withdrew-subject = { $participant } gave up their seat in { $group }
mail-client-withdrew-body =
    Hello { $name },

    your client { $participant } gave up their seat in { $group }.

    The reason they gave: { $reason }

## Referrals to specialists (issue 4)
nav-internal = Specialist referrals
internal-title = Specialist referrals
internal-intro = Referrals you have made or received. Only the coach, the specialist and the client see them.
internal-empty = No specialist referrals.
internal-new-title = Referral to a specialist
internal-new-intro = Refer { $name } to a specialist of the same organisation or a partner, for example for mental coaching.
internal-choose-specialist = Choose a specialist
internal-submit = Send the referral
internal-referral-title = Specialist referral
internal-accept = Take the client on
internal-close = Close the referral
internal-sessions = Sessions
internal-notes-private = Only you see the notes.
internal-no-sessions = No sessions recorded yet.
internal-record-session = Record a session
internal-record-submit = Save the session
internal-status-pending = Waiting for the specialist
internal-status-accepted = Ongoing
internal-status-closed = Closed
label-specialist = Specialist
label-internal-reason = Why you refer
label-held-on = Date of the session
label-session-note = Short note
consent-internal-text = The client has agreed that their name and the reason for this referral are given to the chosen specialist. Only the client, the coach and the specialist see the referral.
consent-internal-checkbox = The client has given their consent to the referral.
roster-refer-specialist = Refer { $name } to a specialist
my-specialists = Support from a specialist
flash-internal-created = The referral is sent to the specialist.
flash-internal-accepted = The referral is taken on.
flash-internal-closed = The referral is closed.
flash-session-recorded = The session is recorded.
error-not-enrolled = The person is not a participant of this group.
error-specialist-unknown = Choose a specialist from the list.
error-internal-referral-state = The referral's status does not allow this.
error-session-in-future = Record only sessions that have been held.
error-date-out-of-range = The date is too far away.
back-to-group = Back to the group

## Printed invitation and code (issue 4)
label-sign-in-id = Email or phone number
set-password-sign-in-as = From now on, sign in with { $id } and this password.
code-title = Start using your account with a code
code-intro = Type the code from your paper invitation. Then you will make a password.
label-code = Code
code-submit = Continue
code-back-to-login = Back to signing in
error-code-invalid = The code does not work. Check it, or ask your coach for a new invitation.
error-code-throttled = Too many tries. Wait a while and try again.
roster-print = Print the invitation
printed-title = Invitation
printed-print-hint = Print this page with the browser's print command and give it to the participant.
printed-heading = Invitation: { $group }
printed-hello = Hello { $name },
printed-seat = you have a seat in the job-search club group { $group }.
printed-meetings = Meetings
printed-sign-in = Klubi online
printed-code-intro = You can also see the meetings and what to bring online. Go to { $url } and type this code:
printed-code-valid = The code works for 7 days and only once. Then sign in with your phone number and the password you made.

## Attendance, compensation and the group report (issue 5)
nav-today = Today
nav-my-attendance = My attendance
nav-alerts = Absences
attendance-title = Attendance
attendance-present = Present
attendance-late = Late
attendance-excused = Absent, excused
attendance-absent = Absent
attendance-unmarked = Not marked
attendance-summary = Expected { $expected } / { $total } · marked { $marked }
attendance-locked = The compensation report (version { $version }) is approved, so attendance cannot be changed. A coordinator can reopen the report for a correction.
attendance-nobody = The group has no participants yet.
attendance-noticed = Said in advance they cannot come
attendance-noticed-reason = Said in advance they cannot come: { $reason }
attendance-marked-as = { $name }: { $status }.
attendance-undo = Undo
meeting-attendance-link = Mark attendance
today-title = Today's meetings
today-meetings = Today
today-none = You have no meetings today.
today-mark = Mark attendance
today-recent = Last week's meetings
mine-title = My attendance
mine-none = You are not in any group yet.
mine-attended = You have attended { $count } meetings.
mine-minimum = At least { $min } meetings must be attended.
mine-compensation = Your expense compensation so far: { $amount }.
mine-compensation-approved = Your approved expense compensation: { $amount }.
mine-coming = Coming up
mine-cannot-come = I can't come to this meeting
mine-send-notice = Send the notice
mine-take-back = I can come after all
label-notice-reason = Reason (optional)
flash-notice-given = Notice sent. Your coach sees it.
flash-notice-taken-back = Notice taken back. Welcome!
alerts-title = Absences
alerts-intro = Alerts when a client missed a meeting without telling in advance.
alerts-none = No absence alerts.
alerts-first = Sent to the referrer
alerts-escalated = Repeated – also to the coordinator
alerts-policy-heading = The organisation's absence alerts
label-alert-policy = When the referrer is alerted
alert-policy-off = No alerts
alert-policy-every-miss = Every unexcused absence
alert-policy-two-in-a-row = Two absences in a row
flash-alert-policy-saved = Setting saved.
compensation-title = Expense compensation
compensation-not-approved = The report is not approved yet. The figures are computed from attendance.
compensation-approved-by = Version { $version } approved by { $name }, { $when }. Attendance cannot be changed.
compensation-lines = Participants
compensation-no-lines = The group has no participants.
compensation-meetings = Meetings
compensation-amount = Amount
compensation-total = Total
compensation-download = Download as a spreadsheet (CSV)
compensation-approve-heading = Approve the payment report
compensation-approve-hint = Approving locks the figures. After that the group's attendance cannot be changed.
compensation-approve = Approve and lock
compensation-reopen-heading = Reopen for a correction
compensation-reopen-hint = The approved version is kept. After the correction a new version is approved.
compensation-reopen = Reopen the report
label-reopen-reason = Reason for reopening
compensation-rates = Compensation per meeting
compensation-rates-hint = A new rate applies to meetings on or after its date.
compensation-from = From
compensation-rate-column = Rate
compensation-rate-base = From the start of the group
compensation-rate-new = New rate
compensation-rate-remove = Remove
compensation-rate-remove-named = Remove the rate in force from { $date }
label-effective-from = From date
label-rate-euros = Compensation per meeting (€)
hint-rate-euros = For example 9.00. Leave empty if no compensation is paid.
compensation-versions = Approved versions
compensation-version = Version { $version }
compensation-version-approved = approved by { $name }, { $when }
compensation-version-reopened = Reopened by { $name }, { $when } – { $reason }
compensation-csv-file = expense-compensation
compensation-csv-name = Name
compensation-csv-id = Identifier
compensation-csv-meetings = Meetings
compensation-csv-euros = Amount (€)
compensation-csv-cents = Amount (cents)
flash-rate-saved = Rate saved.
flash-rate-removed = Rate removed.
flash-compensation-approved = Payment report approved and locked.
flash-compensation-reopened = Payment report reopened for a correction.
group-report-link = Group report
group-compensation-link = Expense compensation
roster-attended = Meetings
report-title = Group report
report-enrolled = Participants
report-waitlisted = Waiting list
report-meetings-held = Meetings held
report-meetings-remaining = Meetings to come
report-attendance-rate = Attendance rate
report-min-attendance = Minimum attendance (meetings)
report-compensation-total = Expense compensation in total
report-compensation-approved = Expense compensation in total (approved)
report-below-final = Below the minimum attendance
report-below-flagged = Can no longer reach the minimum attendance
report-below-none = Nobody.
report-per-meeting = Attendance per meeting
report-chart-title = Attended per meeting
report-chart-caption = Each bar is the number who attended (late included) a meeting held. The table has the same figures.
report-table-caption = Attendance per meeting
report-not-held = not held yet
report-participants = Participants
standing-met = Minimum met
standing-on-track = Still possible
standing-below = Below the minimum
standing-cannot-reach = Can no longer reach it
label-meeting = Meeting
error-attendance-status = Unknown mark. Use present, late, excused or absent.
error-attendance-not-enrolled = Participant { $participant_id } is not enrolled in this group.
error-attendance-not-saved = The mark was not saved.
error-alert-policy = Choose one of the options.
error-notice-reason-long = The reason is too long (at most 500 characters).
error-notice-too-late = The meeting has already started. Please contact your coach.
error-compensation-negative = The rate cannot be negative.
error-compensation-too-high = The rate is too high.
error-compensation-locked = The compensation report is approved and locked. A coordinator can reopen it for a correction.
error-compensation-approved = The report is already approved.
error-compensation-not-approved = The report is not approved, so it cannot be reopened.
mail-no-show-subject = { $participant } missed a meeting
mail-no-show-body =
    Hello { $name },

    your client { $participant } did not come to the meeting of { $group } on { $when } and did not tell in advance.

    Absences: { $link }
mail-no-show-again-subject = { $participant } has missed a meeting again
mail-no-show-again-body =
    Hello { $name },

    { $participant } did not come to the meeting of { $group } on { $when } and did not tell in advance. This has happened before.

    Absences: { $link }
referrals-attendance-heading = Attendance
referrals-attendance = { $attended } / { $held } meetings
month-title = Expense compensation of a month
month-empty = No compensated attendance in this month.
month-hint = The figures come from attendance at the month's meetings in all the organisation's groups. A group's own approved report covers the whole group.
label-month = Month
compensation-csv-group = Group
error-month-invalid = Give the month as YYYY-MM, for example 2026-11.

## Two-step sign-in (a second factor: TOTP and recovery codes)
second-factor-title = Two-step sign-in
second-factor-intro = When you sign in, you give your password and also a six-digit code from the authenticator app on your phone. Then your password alone is not enough for anyone else.
second-factor-on = On.
second-factor-off = Off.
second-factor-rule = Rule
second-factor-required = Your organisation requires it of you.
second-factor-forced = Your organisation requires two-step sign-in. Turn it on to continue.
second-factor-start = Turn on
second-factor-new-phone = Change phone
second-factor-manage = Manage two-step sign-in
second-factor-codes-left = Recovery codes left: { $count }.
second-factor-codes-left-label = Recovery codes left
second-factor-setup-title = Turn it on in three steps
second-factor-step-app = Install an authenticator app on your phone, if you do not have one yet.
second-factor-step-scan = Scan this QR code with the app.
second-factor-qr-alt = QR code for turning on two-step sign-in. If you cannot scan it, type the key below into the app.
second-factor-step-type = Or type this key into the app:
second-factor-step-type-hint = Spaces do not matter. In the app, choose a time-based code.
second-factor-step-code = Type the six-digit code the app shows
second-factor-confirm = Confirm and turn on
second-factor-codes-title = Your recovery codes
second-factor-codes-intro = Two-step sign-in is on. Here are your recovery codes. If you lose your phone, you can sign in with one of them.
second-factor-codes-once = Keep the codes in a safe place, for example on paper. Each code works only once. The codes are shown only now.
second-factor-codes-done = I have saved the codes, continue
second-factor-new-codes-title = New recovery codes
second-factor-new-codes-intro = The new codes replace the old ones: the old ones stop working.
second-factor-new-codes = Make new recovery codes
second-factor-off-title = Turn off
second-factor-off-intro = After that you sign in with your password only.
second-factor-turn-off = Turn two-step sign-in off
second-factor-code-title = Second step of signing in
second-factor-code-intro = The password was right. Now type the code that the authenticator app on your phone shows.
label-second-factor-code = Six-digit code
second-factor-code-submit = Sign in
second-factor-recovery-title = No phone with you?
second-factor-recovery-intro = Type one of your recovery codes. Each code works only once.
label-recovery-code = Recovery code
second-factor-recovery-submit = Sign in with a recovery code
second-factor-reset = Remove two-step sign-in
second-factor-reset-help = If the person has lost their phone, remove their two-step sign-in. Their sign-ins end, and they get a message about it. If their organisation requires it, they turn it on again when they next sign in.
second-factor-rule-title = Two-step sign-in
second-factor-rule-intro = Choose which of the organisation's staff must use two-step sign-in. Others can turn it on themselves.
label-second-factor-rule = Required for
second-factor-rule-default = The installation's default
second-factor-rule-roles = Administrators, case managers and specialists
second-factor-rule-all-staff = All staff
second-factor-rule-none = Nobody
back-to-account = Back to my details
flash-second-factor-off = Two-step sign-in is off.
flash-second-factor-reset = Two-step sign-in is removed, and the person got a message.
flash-second-factor-rule-saved = The rule is saved.
error-second-factor-code-wrong = The code does not work. Type the code the app shows now.
error-second-factor-throttled = Too many wrong codes. Wait 15 minutes and then try again.
error-second-factor-rule-unknown = Choose one of the options.
error-second-factor-setup-none = Start turning it on first.
error-second-factor-setup-replaced = Turning it on was started again in another window. Use the newest QR code.
error-second-factor-off = Two-step sign-in is not on.
error-second-factor-required = Your organisation requires two-step sign-in, so it cannot be turned off.
mail-second-factor-reset-subject = Your two-step sign-in was removed
mail-second-factor-reset-body =
    Hello { $name },

    { $by } removed your two-step sign-in in Klubi, for example because of a lost phone. Your old recovery codes stopped working too.

    If your organisation requires two-step sign-in, you turn it on again when you next sign in:
    { $link }

    If you do not know why this was done, contact your administrator.
mail-token-issued-subject = An API key to Klubi was made for you
mail-token-issued-body =
    Hello { $name },

    { $issuer } made the API key { $token } in your name in Klubi. It works until { $until }.

    The key can use Klubi with your rights. You can see the key and revoke it on your page in Klubi. If you do not know why the key was made, revoke it and tell the administrator.

## My data (issue 17)
my-data-title = My data
my-data-link = My data: everything Klubi knows about you
my-data-intro = This page has everything Klubi keeps about you. You can save it as a file or print this page.
my-data-download = Download your data as a file (JSON)
my-data-reads = Who has read your data
my-data-reads-intro = Here you see which member of staff opened your data, when, and what.
my-data-reads-none = Nobody has read your data.
my-data-read-when = When
my-data-read-who = Who
my-data-read-organisation = Organisation
my-data-read-what = What
my-data-read-referral-read-needs = Support needs in a referral
my-data-read-internal-referral-read-reason = The reason for a specialist referral
my-data-read-internal-referral-read-notes = The specialist's notes
my-data-read-mail-read = A mail sent to you
my-data-nothing = Nothing.
my-data-yes = yes
my-data-no = no
my-data-key-account = Your account
my-data-key-roles = Roles
my-data-key-tokens = API keys
my-data-key-sessions = Sign-ins
my-data-key-second-factor = Two-step sign-in
my-data-key-calendar-feed = Calendar link
my-data-key-referrals = Referrals to groups
my-data-key-enrolments = Places in groups
my-data-key-meetings = Meetings of your groups
my-data-key-attendance = Attendance
my-data-key-no-show-alerts = Alerts about missed meetings
my-data-key-internal-referrals = Referrals to a specialist
my-data-key-specialist-sessions = Meetings with a specialist
my-data-key-mails = Mails sent to you
my-data-key-audit = Event log
my-data-key-compensation = Compensation
my-data-field-id = Id
my-data-field-kind = Account type
my-data-field-email = Email
my-data-field-phone = Phone
my-data-field-pending-email = Pending email address
my-data-field-name = Name
my-data-field-language = Language
my-data-field-active = Active
my-data-field-created-at = Created
my-data-field-deactivated-at = Deactivated
my-data-field-organisation-name = Organisation
my-data-field-role = Role
my-data-field-expires-at = Valid until
my-data-field-last-used-at = Last used
my-data-field-revoked-at = Revoked
my-data-field-read-only = Read only
my-data-field-issued-by = Issued by
my-data-field-last-seen-at = Last active
my-data-field-enabled-at = Turned on
my-data-field-recovery-codes-left = Recovery codes left
my-data-field-group-name = Group
my-data-field-referred-by = Referred by
my-data-field-participant-name = Name in the referral
my-data-field-participant-email = Email in the referral
my-data-field-participant-phone = Phone in the referral
my-data-field-needs = Support needs
my-data-field-status = Status
my-data-field-consent-version = Consent version
my-data-field-consent-at = Consent given
my-data-field-decided-at = Decided
my-data-field-decline-reason = Reason for declining
my-data-field-withdrawn-at = Withdrawn
my-data-field-withdraw-reason = Reason for withdrawing
my-data-field-referral-id = Referral id
my-data-field-accepted-at = Accepted
my-data-field-moved-up-at = Moved up
my-data-field-moved-up-reason = Reason for moving up
my-data-field-starts-at = Starts
my-data-field-ends-at = Ends
my-data-field-theme = Theme
my-data-field-title = Title
my-data-field-location = Place
my-data-field-cancelled = Cancelled
my-data-field-meeting-id = Meeting id
my-data-field-marked-by = Marked by
my-data-field-marked-at = Marked
my-data-field-notice-at = Absence told
my-data-field-notice-reason = Reason for absence
my-data-field-escalated = Happened again
my-data-field-specialist = Specialist
my-data-field-reason = Reason
my-data-field-closed-at = Closed
my-data-field-internal-referral-id = Specialist referral id
my-data-field-held-on = Day
my-data-field-to-address = To
my-data-field-subject = Subject
my-data-field-sent-at = Sent
my-data-field-at = Time
my-data-field-action = Event
my-data-field-entity-type = Kind of record
my-data-field-entity-id = Record id
my-data-field-actor-name = Done by
my-data-field-details = Details
my-data-field-group-id = Group id
my-data-field-attended-meetings = Meetings attended
my-data-field-amount-cents = Amount (cents)
my-data-field-approved = Approved
