# Klubi – svenska. Klart språk: korta meningar, vanliga ord.

## Allmänt
skip-to-content = Hoppa till innehållet
language-switch = Byt språk
nav-label = Huvudmeny
nav-home = Startsida
nav-organisations = Organisationer
nav-users = Användare
nav-audit = Händelselogg
nav-outbox = Utgående meddelanden
nav-account = Mina uppgifter
sign-in = Logga in
sign-out = Logga ut
footer-text = Klubi – verktyg för jobbsökarklubbar
page-title-error = Fel: { $title }
error-summary-title = Rätta de här punkterna
error-prefix = Fel:
choose = Välj
save = Spara
filter = Filtrera
older = Äldre
back-to-list = Tillbaka till listan

## Fält
label-email = E-post
label-password = Lösenord
label-current-password = Nuvarande lösenord
label-new-password = Nytt lösenord
label-password-confirm = Nytt lösenord igen
label-name = Namn
label-new-name = Nytt namn
label-kind = Typ
label-organisation = Organisation
label-roles = Roller
label-language = Språk
label-status = Status
label-created = Skapad
label-last-used = Senast använd
label-actions = Åtgärder
label-time = Tid
label-actor = Utförd av
label-action = Händelse
label-entity = Objekt
label-request = Begäran
label-recipient = Mottagare
label-subject = Ämne
label-token-name = Nyckelns namn
password-hint = Lösenordet ska ha minst 10 tecken. En lång mening är ett bra lösenord.

## Språk och roller
language-fi = finska
language-sv = svenska
language-en = engelska
role-admin = Administratör
role-coordinator = Koordinator
role-coach = Coach
role-case_manager = Egen coach
role-specialist = Specialist
roles-none = Inga roller
org-kind-employment_services = Sysselsättningstjänster
org-kind-coaching_provider = Coachningstjänst
org-kind-rehabilitation = Rehabilitering
org-kind-education = Utbildning
org-kind-other = Annan

## Inloggning
login-title = Logga in
login-failed = Inloggningen lyckades inte. Kontrollera e-postadressen och lösenordet.
login-throttled = För många försök. Vänta 15 minuter och försök sedan igen.
forgot-link = Glömt lösenordet?
forgot-title = Nytt lösenord
forgot-intro = Skriv din e-postadress. Vi skickar en länk där du kan göra ett nytt lösenord.
forgot-submit = Skicka länken
forgot-sent = Om adressen har ett konto har vi skickat en länk till den. Länken gäller en timme.
set-password-title = Gör ett lösenord
set-password-intro = Hej { $name }! Gör ett lösenord åt dig. Sedan kommer du in i Klubi.
set-password-submit = Spara lösenordet
link-invalid-title = Länken fungerar inte
link-invalid-body = Länken har redan använts eller har gått ut. Du kan be om en ny länk.
flash-signed-out = Du har loggat ut.
flash-password-set = Lösenordet är sparat. Välkommen!

## Startsida
home-title = Startsida
home-greeting = Hej { $name }!
home-admin-heading = Administration
home-admin-empty = Lägg till organisationer och bjud in deras koordinatorer. Koordinatorerna bjuder sedan in de andra användarna i sin organisation.
home-admin-action = Organisationer
home-coordinator-heading = Koordinator
home-coordinator-empty = Du har inga grupper ännu. Börja med att bjuda in coacherna och de egna coacherna i din organisation.
home-coordinator-action = Bjud in användare
home-coach-heading = Coach
home-coach-empty = Du har inga grupper ännu. När en koordinator lägger till dig som coach i en grupp ser du gruppen här.
home-casemanager-heading = Egen coach
home-casemanager-empty = Du har inte hänvisat någon till en klubb ännu. När en koordinator öppnar en grupp kan du hänvisa dina klienter dit.
home-specialist-heading = Specialist
home-specialist-empty = Ingen har hänvisats till dig ännu. När en coach hänvisar en klient till dig ser du det här.
home-participant-heading = Min klubb
home-participant-empty = Du är inte med i någon grupp ännu. När du kommer med i en grupp ser du träffarna här och vad du ska ta med dig.
home-noroles-heading = Inga roller
home-noroles-empty = Du har inga roller. Be en koordinator eller administratör att ge dig en roll.

## Mina uppgifter
account-title = Mina uppgifter
account-profile = Grunduppgifter
account-password = Byt lösenord
account-password-submit = Byt lösenord
flash-password-changed = Lösenordet är bytt. Dina andra inloggningar har avslutats.
tokens-title = API-nycklar
tokens-intro = Program kan använda Klubi med en nyckel och dina rättigheter. Vi visar nyckeln bara en gång.
tokens-empty = Du har inga nycklar.
token-create = Skapa nyckel
token-created = Nyckeln { $name } har skapats.
token-value = Nyckel
token-shown-once = Kopiera nyckeln nu. Du ser den inte igen.
token-revoke = Ta ur bruk
token-revoke-named = Ta nyckeln { $name } ur bruk
token-revoked = Tagen ur bruk
flash-token-revoked = Nyckeln har tagits ur bruk.

## Organisationer
organisations-title = Organisationer
organisations-empty = Det finns inga organisationer ännu. Lägg till den första nedan.
organisation-new = Ny organisation
organisation-create = Lägg till organisation
organisation-rename = Byt namn
organisation-rename-named = Byt namn på { $name }
organisation-users-named = Användarna i { $name }
organisation-edit-title = Byt namn på organisationen
flash-organisation-created = Organisationen har lagts till.
flash-organisation-renamed = Namnet har bytts.

## Användare
users-title = Användare
users-empty = Det finns inga användare ännu. Bjud in den första nedan.
user-title = Användare
user-invite = Bjud in en användare
user-invite-intro = Den inbjudna får en länk per e-post och gör ett lösenord med den. Länken gäller i 7 dagar.
user-invite-submit = Skicka inbjudan
user-active = I bruk
user-invited = Inbjuden
user-inactive = Tagen ur bruk
user-roles-edit = Roller
user-access = Tillgång till Klubi
user-resend-invitation = Skicka inbjudan igen
user-deactivate-help = När du tar en användare ur bruk slutar hens inloggningar och nycklar att fungera genast.
user-deactivate = Ta ur bruk
user-reactivate = Ta i bruk igen
flash-user-invited = Inbjudan har skickats.
flash-roles-saved = Rollerna har sparats.
flash-user-deactivated = Användaren har tagits ur bruk.
flash-user-reactivated = Användaren har tagits i bruk igen.
flash-invitation-sent = En ny inbjudan har skickats. Den gamla länken fungerar inte längre.

## Händelselogg och meddelanden
audit-title = Händelselogg
audit-empty = Inga händelser med de här villkoren.
audit-filter-action = Händelsen börjar med
audit-filter-entity = Objektets id
audit-filter-from = Från
audit-filter-to = Till
audit-system = Systemet
outbox-title = Utgående meddelanden
outbox-intro = Alla e-postmeddelanden som Klubi skickar. Om ingen e-postserver har ställts in stannar meddelandena här och i loggen.
outbox-empty = Inga meddelanden.
outbox-status-pending = Väntar
outbox-status-sent = Skickat
outbox-status-logged = Bara i loggen
outbox-status-failed = Misslyckades

## E-post
mail-invitation-subject = Inbjudan till Klubi
mail-invitation-body =
    Hej { $name },

    { $inviter } har bjudit in dig till Klubi, verktyget för jobbsökarklubbar.

    Gör ett lösenord via den här länken:
    { $link }

    Länken gäller i 7 dagar och bara en gång.
mail-reset-subject = Nytt lösenord till Klubi
mail-reset-body =
    Hej { $name },

    Någon bad om ett nytt lösenord för ditt konto. Gör ett nytt lösenord via den här länken:
    { $link }

    Länken gäller en timme och bara en gång. Om du inte bad om ett nytt lösenord kan du strunta i det här meddelandet.
mail-signature = Klubi

## Fel
error-required = Den här uppgiften saknas.
error-too-long = Texten är för lång.
error-control-characters = Texten har tecken som inte kan användas.
error-email-invalid = Skriv e-postadressen i formen namn@exempel.fi.
error-email-taken = Den här e-postadressen har redan ett konto.
error-language-unknown = Välj språk: finska, svenska eller engelska.
error-password-too-short = Lösenordet ska ha minst 10 tecken.
error-password-mismatch = Lösenorden är inte lika.
error-password-wrong = Det nuvarande lösenordet är fel.
error-role-unknown = Okänd roll.
error-account-kind-unknown = Okänd kontotyp.
error-org-kind-unknown = Välj organisationens typ.
error-organisation-name-taken = Det finns redan en organisation med samma namn.
error-organisation-unknown = Organisationen hittas inte.
error-user-inactive = Användaren har tagits ur bruk.
error-cannot-change-self = Du kan inte ändra dina egna roller eller ta dig själv ur bruk.
error-cursor-invalid = Sidans position är inte giltig.
error-wrong-type = Uppgiften har fel form.
error-invalid = En del uppgifter är inte giltiga.
error-bad-request = Begäran kunde inte läsas.
error-form-unreadable = Formuläret kunde inte läsas. Ladda om sidan och försök igen.
error-json-malformed = Begärans JSON är inte giltig.
error-json-content-type = Innehållstypen ska vara application/json.
error-unauthorized = Logga in eller ge en giltig nyckel.
error-forbidden = Du har inte rätt till det här.
error-csrf = Formuläret har gått ut eller kom från en annan webbplats. Ladda om sidan och försök igen.
error-not-found = Sidan eller uppgiften hittas inte.
error-method-not-allowed = Den här åtgärden kan inte göras på den här adressen.
error-too-large = Det som skickades är för stort.
error-timeout = Tjänsten svarade inte i tid. Försök igen om en stund.
error-unsupported-media-type = Innehållstypen stöds inte.
error-internal = Något gick fel hos oss. Inget som sparats har försvunnit. Försök igen om en stund.
error-back-home = Till startsidan
error-back-login = Till inloggningen
error-status-code = Felkod { $code }

## HTTP-status
status-400 = Felaktig begäran
status-401 = Inloggning krävs
status-403 = Ingen behörighet
status-404 = Hittas inte
status-405 = Åtgärden är inte tillåten
status-408 = Tidsgränsen överskreds
status-409 = Konflikt
status-413 = För stort
status-415 = Innehållstypen stöds inte
status-422 = Uppgifterna är inte giltiga
status-429 = För många försök
status-500 = Fel i tjänsten
status-503 = Tjänsten är inte tillgänglig

## Scheman och helgdagar
error-schedule-no-weekdays = Välj minst en veckodag.
error-schedule-count = Det kan vara 1–100 träffar.
error-schedule-duration = En träff kan vara från 1 minut till 12 timmar.
error-schedule-date-range = Datumet är inte möjligt.
holiday-new-years-day = Nyårsdagen
holiday-epiphany = Trettondagen
holiday-good-friday = Långfredagen
holiday-easter-sunday = Påskdagen
holiday-easter-monday = Annandag påsk
holiday-may-day = Första maj
holiday-ascension-day = Kristi himmelsfärdsdag
holiday-whitsunday = Pingstdagen
holiday-midsummer-eve = Midsommarafton
holiday-midsummer-day = Midsommardagen
holiday-all-saints-day = Alla helgons dag
holiday-independence-day = Självständighetsdagen
holiday-christmas-eve = Julafton
holiday-christmas-day = Juldagen
holiday-st-stephens-day = Annandag jul

## Klubbprogram och teman
error-theme-unknown = Okänt tema.
error-format-capacity = Det kan vara 1–100 platser.
error-format-meetings = Programmet ska ha 1–100 träffar.
error-format-min-attendance = Minsta deltagandet kan inte vara större än antalet träffar.
error-format-duration = En träff kan vara från 15 minuter till 12 timmar.
error-format-other-title = Ge ett annat tema en rubrik.
error-format-compensation = Kostnadsersättningen kan vara 0–1 000 euro per träff.
error-format-facilitators = Det kan vara 1–10 coacher.
theme-cv = CV
theme-cv-description = Vi gör eller uppdaterar ett CV som tydligt visar vad du kan.
theme-application = Ansökan
theme-application-description = Vi skriver en ansökan till en riktig jobbannons.
theme-interview = Anställningsintervju
theme-interview-description = Vi förbereder oss för intervjun och övar på svaren.
theme-job-ads = Jobbannonser
theme-job-ads-description = Vi söker jobbannonser tillsammans och lär oss att söka jobben.
theme-competence = Kunnandet i ord
theme-competence-description = Vi berättar om vårt kunnande med egna ord.
theme-work-life-skills = Arbetslivsfärdigheter
theme-work-life-skills-description = Vi pratar om vad som förväntas på en arbetsplats och hur man gör där.
theme-strengths = Styrkor
theme-strengths-description = Vi känner igen våra styrkor och små framgångar.
theme-support-needs = Behov av stöd
theme-support-needs-description = Vi övar på att berätta vilket stöd jag behöver i arbetet.
theme-peer-support = Kamratstöd
theme-peer-support-description = Vi delar erfarenheter och stöder varandra.
theme-other = Annat
theme-other-description = Ett eget ämne som coachen berättar om i träffens rubrik.
