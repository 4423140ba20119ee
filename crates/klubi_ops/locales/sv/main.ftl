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
forgot-throttled = För många nya lösenord har begärts från den här adressen. Försök igen om en kvart.
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
token-expires = Giltig till
token-read-only = Bara för läsning
token-read-only-hint = Med nyckeln kan man bara läsa uppgifter, inte ändra något.
token-days = Giltig (dagar)
token-days-hint = 1–365 dagar. Om du inte väljer fungerar nyckeln i 90 dagar.
token-issued-by = Given av { $name }
token-password-hint = Ange ditt lösenord en gång till innan vi skapar nyckeln.
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
outbox-mail-title = Meddelande
outbox-back = Tillbaka till utgående meddelanden
outbox-mail-hand-over = Meddelandet har inte skickats. Du kan själv ge mottagaren uppgifterna, till exempel inbjudningslänken. Att detta meddelande öppnades registreras i loggen.
outbox-mail-no-text = Meddelandets text sparas inte längre: den raderas när meddelandet har skickats.

## E-post
mail-invitation-subject = Inbjudan till Klubi
mail-invitation-body =
    Hej { $name },

    { $inviter } har bjudit in dig till Klubi, verktyget för jobbsökarklubbar.

    Gör ett lösenord via den här länken:
    { $link }

    Länken gäller i 7 dagar och bara en gång.
mail-address-in-use-subject = Någon försökte använda din adress för ett nytt konto i Klubi
mail-address-in-use-body =
    Hej { $name },

    { $by } skrev den här e-postadressen för ett nytt konto i Klubi, verktyget för jobbsökarklubbar. Adressen har redan ett konto i Klubi, så det nya kontot kopplades inte till den och ingen inloggningslänk skickas hit.

    Om det var du som skulle bjudas in: logga in med ditt eget konto och berätta det för { $by }:
    { $link }

    Om du inte vet vad det gäller behöver du inte göra något.
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
error-password-common = Det här lösenordet är för vanligt eller lätt att gissa. Välj ett annat, till exempel en mening med några ord.
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
error-busy = Tjänsten är överbelastad just nu. Försök igen om några sekunder.
error-token-days = Välj 1–365 dagar.
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

## Klubbar: gemensamt
nav-calendar = Kalender
nav-groups = Grupper
nav-formats = Klubbmodeller
cancel = Avbryt
filters = Begränsa listan
filter-all = Alla
filter-apply = Visa
filter-my-groups = Bara mina grupper
next-page = Följande
none-to-choose = Inget att välja.
minutes = { $minutes } min
compensation-none = Ingen kostnadsersättning
compensation-per-meeting = { $amount } / träff man deltagit i
compensation-from-format = Enligt klubbmodellen
compensation-rate = Eget belopp
weekday-mon = måndag
weekday-tue = tisdag
weekday-wed = onsdag
weekday-thu = torsdag
weekday-fri = fredag
weekday-sat = lördag
weekday-sun = söndag

## Klubbar: fält
label-agenda = Program
label-cancel-reason = Varför ställs träffen in?
label-capacity = Platser
label-change-reason = Orsak till ändringen
label-compensation = Kostnadsersättning
label-compensation-euros = Kostnadsersättning i euro per träff
label-date = Dag
label-default-start-time = Vanlig starttid
label-description = Beskrivning
label-duration-minutes = Längd i minuter
label-end-time = Slutar
label-facilitator-count = Handledare
label-facilitators = Handledare
label-first-date = Första möjliga dag
label-format = Klubbmodell
label-guest-organisation = Gästande organisation
label-guest-purpose = Besökets ämne
label-location = Plats
label-meeting-kind = Typ av träff
label-meeting-title = Egen rubrik
label-meetings = Träffar
label-min-attendance = Minst antal träffar att delta i
label-move-reason = Orsak, om tiden ändras
label-next-meeting = Nästa träff
label-online-url = Länk till distansträffen
label-partners = Partnerorganisationer
label-seats = Deltagare
label-start-time = Börjar
label-theme = Tema
label-waitlist = I kö
label-weekdays = Veckodagar
hint-capacity-default = Lämna tomt för att använda klubbmodellens antal platser.
hint-compensation = Till exempel 9,00. Lämna tomt om ingen kostnadsersättning betalas.
hint-facilitators = Handledaren kan vara coach i den egna organisationen eller hos en partner.
hint-facilitators-new = Den egna organisationens coacher. Partnernas coacher kan läggas till när gruppen är gjord.
hint-meeting-kind-details = Fyll i bara om typen kräver det: gäst för besök, länk för distansträff.
hint-move-reason = Obligatorisk om du ändrar dag eller tid. Gruppen ser orsaken.
hint-partners = Partnernas handläggare kan hänvisa kunder till gruppen.
hint-plan-rows = Tomma rader lämnas bort. Välj ett tema för att lägga till en träff.

## Klubbmodeller
formats-title = Klubbmodeller
formats-intro = En klubbmodell är gruppens plan: träffar, teman, platser och kostnadsersättning. De färdiga modellerna kan kopieras till en egen.
format-title = Klubbmodell
format-new = Ny klubbmodell
format-new-title = Ny klubbmodell
format-edit = Redigera
format-edit-title = Redigera klubbmodellen
format-copy = Kopiera till egen
format-template = Färdig modell
format-plan = Plan för träffarna
format-meeting-n = Träff { $n }
format-no-meeting = – ingen träff –
format-meetings-hours = { $count } träffar
format-hours = { $hours } timmar
format-template-tampere = Jobbsökarklubben i Tammerfors
format-template-tampere-description = Fem träffar för en liten grupp, högst 10 kunder. Kunderna hänvisas av sin egen handläggare. Var och en ska delta i minst en träff. För deltagandet betalas kostnadsersättning.
format-template-omnia = Omnias jobbsökarklubb
format-template-omnia-description = Sju coachningsdagar på fyra timmar under tre veckor. Två arbetslivscoacher leder tillsammans. Delmål och kamratstöd stärker den yrkesmässiga självkänslan.
flash-format-created = Klubbmodellen har sparats.
flash-format-saved = Ändringarna har sparats. Redan gjorda grupper ändras inte.
flash-format-copied = Modellen har kopierats. Du kan nu redigera din egen kopia.
error-format-unknown = Välj en klubbmodell.
error-number-invalid = Skriv ett nummer.
error-money-invalid = Skriv beloppet i euro, till exempel 9,00.
error-time-invalid = Skriv tiden som 9.00.
error-date-invalid = Skriv dagen som 23.11.2026.

## Grupper
groups-title = Grupper
groups-empty = Inga grupper ännu. Koordinatorn gör en grupp av en klubbmodell.
groups-empty-filtered = Inga grupper passar begränsningen.
group-title = Grupp
group-new = Ny grupp
group-new-title = Ny grupp
group-new-from-format = Gör en grupp av den här modellen
group-create = Gör gruppen
group-edit = Redigera gruppen
group-edit-title = Redigera gruppen
group-seats = { $enrolled } / { $capacity }
group-schedule = Träffar
group-no-meetings = Gruppen har inga träffar ännu.
group-schedule-closed-note = Gruppen har avslutats eller ställts in, så tidtabellen kan inte längre ändras.
group-skipped-holidays = Helgdagar som hoppades över:
group-status-planned = Planeras
group-status-open = Öppen för hänvisningar
group-status-running = Pågår
group-status-finished = Avslutad
group-status-cancelled = Inställd
flash-group-created = Gruppen har gjorts.
flash-group-saved = Gruppens uppgifter har sparats.
error-partner-unknown = Partnerorganisationen hittas inte.
error-facilitator-not-allowed = Handledaren ska vara coach i den egna organisationen eller hos en partner.
error-group-status-new = En ny grupp kan bara planeras eller vara öppen.
error-group-status-unknown = Okänt läge.
error-group-status-backwards = Gruppens läge kan inte ändras tillbaka.
error-group-capacity-below-enrolled = Det kan inte finnas färre platser än det redan finns deltagare i gruppen.
error-group-schedule-closed = Gruppen har avslutats eller ställts in, så dess träffar kan inte ändras.

## Tidtabell och träffar
schedule-generate = Gör en tidtabell
schedule-generate-intro = Klubbmodellens { $count } träffar placeras på de valda veckodagarna. Helgdagar hoppas över. Du kan redigera varje träff senare.
schedule-generate-submit = Gör träffarna
flash-schedule-generated = Träffarna har gjorts.
error-schedule-exists = Gruppen har redan träffar. Redigera dem en i taget.
error-schedule-no-plan = Gruppens klubbmodell har inga träffar.
error-weekday-unknown = Okänd veckodag.
meeting-title = Träff
meeting-new = Lägg till en träff
meeting-new-title = Ny träff
meeting-new-for = Grupp: { $group }
meeting-create = Lägg till träffen
meeting-edit = Redigera eller flytta
meeting-cancel = Ställ in träffen
meeting-cancel-submit = Ställ in träffen
meeting-cancelled = Inställd
meeting-changed-by = { $name }, { $when }
meeting-unusual-time = Annan tid än vanligt
meeting-unusual-time-note = Den här utfärden är vid en annan tid än gruppens vanliga träffar. Berätta om den för deltagarna i god tid: en annan tid kan försvaga deltagandet.
meeting-kind-details = Besök och distansträff
meeting-kind-regular = Träff
meeting-kind-guest-visit = Gäst
meeting-kind-excursion = Utfärd
meeting-kind-online = Distansträff
flash-meeting-created = Träffen har lagts till.
flash-meeting-saved = Träffen har sparats.
flash-meeting-cancelled = Träffen har ställts in.
error-meeting-time-invalid = Skriv en tid.
error-meeting-date-range = Dagen ska vara högst fem år från i dag.
error-meeting-ends-before-start = Träffen ska sluta efter att den börjat.
error-meeting-too-long = En träff kan vara högst 12 timmar.
error-meeting-kind-unknown = Välj typ av träff.
error-meeting-guest-required = Skriv namnet på den gästande organisationen.
error-meeting-location-required = Skriv utfärdens plats.
error-meeting-url-required = Skriv länken till distansträffen.
error-meeting-cancelled = Träffen är redan inställd.
error-url-invalid = Länken ska börja med https:// eller http://.
error-reason-required = Skriv en orsak.

## Kalender
calendar-title = Kalender
calendar-pager = Kalenderns veckor
calendar-earlier = Tidigare veckor
calendar-this-week = Den här veckan
calendar-later = Följande veckor
calendar-week = Vecka { $week } ({ $from }–{ $to })
calendar-today = I dag
calendar-nothing-today = Inga träffar i dag.
calendar-empty = Det finns inga träffar de här veckorna.
calendar-feed = Kalendern i telefonen
calendar-feed-intro = Prenumerera på träffarna i din egen kalender (till exempel telefonens kalender). Kalendern uppdateras av sig själv.
calendar-feed-url = Kalenderns adress
calendar-feed-secret = Håll adressen för dig själv. Om någon annan får den, gör en ny adress. Den gamla slutar då att fungera.
calendar-feed-create = Gör en kalenderadress
calendar-feed-rotate = Gör en ny adress
calendar-feed-name = Klubi
flash-feed-created = Kalenderns adress har gjorts.
flash-feed-rotated = En ny adress har gjorts. Den gamla fungerar inte längre.

## Waiting list (issue 4)
error-move-up-reason-required = Skriv varför personen flyttas fram i kön. Orsaken syns i deltagarlistan.

## Remisser, köer och platser (issue 4)
nav-referrals = Remisser
nav-triage = Nya remisser
home-casemanager-action = Mina remisser
referrals-title = Mina remisser
referrals-intro = Här är de klienter som du har hänvisat till klubbgrupper och vad som har beslutats för dem.
referrals-empty = Du har inte hänvisat någon ännu. Gör en remiss när din klient skulle ha nytta av klubben.
referral-new = Gör en remiss
referral-new-title = Ny remiss
referral-new-intro = Hänvisa en klient till en grupp. Gruppens koordinator läser remissen och tar klienten till gruppen eller i kö.
referral-choose-group = Välj grupp
referral-person = Klient
referral-submit = Skicka remissen
referral-existing-link = Öppna den tidigare remissen
referral-title = Remiss
referral-decide = Beslut
referral-accept = Ta med i gruppen
referral-decline = Avslå remissen
referral-withdraw = Avboka deltagandet
referral-withdraw-confirm = Avboka deltagandet nu
referral-status-pending = Väntar på beslut
referral-status-enrolled = I gruppen
referral-status-waitlisted = I kö
referral-status-declined = Avslagen
referral-status-withdrawn = Avbokad
referral-status-completed = Gruppen har avslutats
enrolment-status-enrolled = I gruppen
enrolment-status-waitlisted = I kö
enrolment-status-withdrawn = Har avbokat
label-group = Grupp
label-participant = Klient
label-phone = Telefon
label-mail-language = Meddelandenas språk
label-needs = Situation och behov
label-consent = Samtycke
label-referred-by = Hänvisad av
label-referred-on = Hänvisad
label-decided = Beslutad
label-decline-reason = Orsak till avslaget
label-withdraw-reason = Orsak till avbokningen (frivilligt)
label-my-withdraw-reason = Vill du berätta varför? (frivilligt)
label-when = När
label-what = Vad
label-bring = Ta med
hint-email-or-phone = Ge en e-postadress eller ett telefonnummer så att klienten får inbjudan.
hint-decline-reason = Orsaken skickas till den som gjorde remissen.
consent-referral-text = Klienten har gett sitt tillstånd till att hens namn, kontaktuppgifter och den här beskrivningen av situationen ges till klubbgruppens koordinator och handledare. Uppgifterna används bara för att ta med hen i gruppen och ordna gruppen. Klienten kan när som helst avboka sitt deltagande.
consent-checkbox = Klienten har gett sitt samtycke på det sätt som beskrivs ovan.
consent-version = Samtyckets text, version { $version }
consent-recorded = Antecknat { $when }
roster-title = Deltagare
roster-own-clients = Du ser bara de klienter som du själv har hänvisat till den här gruppen.
roster-empty = Det finns ingen i gruppen ännu.
roster-referred-by = Hänvisad av
roster-position = plats { $position } i kön
roster-moved-up = Flyttad framåt i kön
roster-no-email = Ingen e-post: ge inbjudan på papper.
roster-move-up-reason = Orsak att flytta framåt i kön
roster-move-up = Flytta framåt i kön
roster-resend = Skicka inbjudan igen
roster-withdraw = Ta bort från gruppen
roster-withdraw-confirm = Ta bort { $name } från gruppen
roster-csv = Ladda ner deltagarna (CSV)
roster-triage-link = Behandla nya remisser
roster-csv-name = Namn
roster-csv-status = Status
roster-csv-position = Plats i kön
roster-csv-email = E-post
roster-csv-phone = Telefon
roster-csv-referred-by = Hänvisad av
roster-csv-moved-up-reason = Orsak att flytta framåt i kön
triage-title = Nya remisser
triage-count = { $count } remisser väntar på beslut.
triage-all-groups = Alla grupper
triage-empty = Inga remisser väntar på beslut.
triage-referred-by = hänvisad av { $name }
triage-decline-link = Avslå med en orsak
my-group-enrolled = Du har en plats i den här gruppen.
my-group-waitlisted = Du står i kö på plats { $position }. Du får ett meddelande om en plats blir ledig.
my-next-meeting = Nästa träff
my-meeting-details = Träffens uppgifter
my-all-meetings = Alla träffar
my-withdraw-link = Jag kan inte komma ändå
my-withdraw-title = Jag kan inte komma ändå
my-withdraw-intro = Avbokar du din plats i gruppen { $group }? Platsen ges till nästa i kön.
my-withdraw-confirm = Ja, avboka min plats
my-withdraw-cancel = Nej, jag behåller min plats
flash-referral-created = Remissen har skickats.
flash-referral-enrolled = Klienten är med i gruppen. Hen får en inbjudan.
flash-referral-waitlisted = Gruppen är full. Klienten står i kö.
flash-referral-declined = Remissen har avslagits. Orsaken har skickats till den som hänvisade.
flash-referral-withdrawn = Deltagandet har avbokats.
flash-participant-withdrawn = Deltagaren har tagits bort från gruppen.
flash-moved-up = Deltagaren har flyttats framåt i kön.
flash-my-withdrawn = Din plats har avbokats. Tack för att du berättade.
theme-cv-bring = Ditt CV, om du har ett. Annars behöver du inte ta med något.
theme-application-bring = En platsannons som intresserar dig, om du har en.
theme-interview-bring = En platsannons som du skulle vilja söka.
theme-job_ads-bring = Telefon eller bärbar dator, om du har.
theme-competence-bring = Betyg eller anteckningar om tidigare arbeten, om du har.
theme-work_life_skills-bring = Du behöver inte ta med något.
theme-strengths-bring = Du behöver inte ta med något.
theme-support_needs-bring = Du behöver inte ta med något.
theme-peer_support-bring = Du behöver inte ta med något.
theme-other-bring = Handledaren berättar om du behöver något.
error-phone-invalid = Skriv ett telefonnummer, till exempel 040 123 4567 eller +46 70 123 4567.
error-email-or-phone-required = Ge en e-postadress eller ett telefonnummer.
error-consent-required = Remissen kan inte sparas utan klientens samtycke.
error-referral-status-unknown = Okänd status för remissen.
error-decline-reason-required = Skriv en orsak. Den skickas till den som gjorde remissen.
error-referral-duplicate = Den här personen har redan en remiss till gruppen.
error-referral-decided = Remissen har redan beslutats.
error-group-not-taking-referrals = Gruppen tar inte emot remisser just nu.
error-participant-already-in-group = Personen finns redan i den här gruppen eller i dess kö genom en annan remiss. Du kan avslå den här remissen.
error-group-unknown = Gruppen hittades inte.
error-already-withdrawn = Deltagandet har redan avbokats.
error-not-waitlisted = Personen står inte i kö.
error-no-email = Personen har ingen e-postadress.
error-invitation-used = Personen har redan tagit sitt konto i bruk.
mail-schedule-later = Tiderna för träffarna meddelas senare.
mail-enrolled-subject = Välkommen till gruppen { $group }
mail-enrolled-body =
    Hej { $name },

    du har en plats i jobbsökarklubbens grupp { $group }.

    Plats: { $location }

    Träffar:
    { $schedule }

    { $signin }

    Om du inte kan komma ändå, berätta det här så ges platsen till någon annan:
    { $withdraw }
mail-enrolled-set-password =
    Gör ett lösenord via den här länken. Sedan ser du träffarna och vad du ska ta med dig:
    { $link }
    Länken gäller i 7 dagar och bara en gång.
mail-enrolled-sign-in = Logga in i Klubi: { $link }
mail-promoted-subject = En plats blev ledig för dig i gruppen { $group }
mail-promoted-body =
    Hej { $name },

    du stod i kö till gruppen { $group }. En plats blev ledig och den är nu din.

    Plats: { $location }

    Träffar:
    { $schedule }

    { $signin }

    Om du inte kan komma ändå, berätta det här:
    { $withdraw }
mail-waitlisted-subject = Du står i kö till gruppen { $group }
mail-waitlisted-body =
    Hej { $name },

    gruppen { $group } är full just nu. Du står i kö på plats { $position }.
    Du får ett meddelande genast om en plats blir ledig.

    Om du inte vill stå i kö längre, berätta det här:
    { $link }
mail-declined-subject = Remissen till gruppen { $group } godkändes inte
mail-declined-body =
    Hej { $name },

    remissen som du gjorde för { $participant } till gruppen { $group } godkändes inte.

    Orsak:
    { $reason }
mail-client-promoted-subject = { $participant } fick en plats i gruppen { $group }
mail-client-promoted-body =
    Hej { $name },

    din klient { $participant } stod i kö till gruppen { $group }. En plats blev ledig och hen är nu med i gruppen. Hen har fått en inbjudan.
mail-client-withdrew-subject = { $participant } avbokade sin plats i gruppen { $group }
mail-client-withdrew-body =
    Hej { $name },

    din klient { $participant } avbokade sin plats i gruppen { $group }.

    Orsaken hen angav: { $reason }

## Hänvisningar till specialister (issue 4)
nav-internal = Specialisthänvisningar
internal-title = Specialisthänvisningar
internal-intro = Hänvisningar som du har gjort eller fått. De syns bara för handledaren, specialisten och klienten.
internal-empty = Inga specialisthänvisningar.
internal-new-title = Hänvisning till en specialist
internal-new-intro = Hänvisa { $name } till en specialist i samma organisation eller hos en partner, till exempel mental coachning.
internal-choose-specialist = Välj specialist
internal-submit = Skicka hänvisningen
internal-referral-title = Specialisthänvisning
internal-accept = Ta emot klienten
internal-close = Avsluta hänvisningen
internal-sessions = Träffar
internal-notes-private = Anteckningarna syns bara för dig.
internal-no-sessions = Inga träffar har antecknats ännu.
internal-record-session = Anteckna en träff
internal-record-submit = Spara träffen
internal-status-pending = Väntar på specialisten
internal-status-accepted = Pågår
internal-status-closed = Avslutad
label-specialist = Specialist
label-internal-reason = Varför du hänvisar
label-held-on = Träffens datum
label-session-note = Kort anteckning
consent-internal-text = Klienten har gett sitt tillstånd till att hens namn och orsaken till hänvisningen ges till den valda specialisten. Hänvisningen syns bara för klienten, handledaren och specialisten.
consent-internal-checkbox = Klienten har gett sitt samtycke till hänvisningen.
roster-refer-specialist = Hänvisa { $name } till en specialist
my-specialists = Stöd av en specialist
flash-internal-created = Hänvisningen har skickats till specialisten.
flash-internal-accepted = Hänvisningen har tagits emot.
flash-internal-closed = Hänvisningen har avslutats.
flash-session-recorded = Träffen har antecknats.
error-not-enrolled = Personen är inte deltagare i den här gruppen.
error-specialist-unknown = Välj en specialist i listan.
error-internal-referral-state = Hänvisningens status tillåter inte detta.
error-session-in-future = Anteckna bara träffar som redan har hållits.
error-date-out-of-range = Datumet ligger för långt bort.
back-to-group = Tillbaka till gruppen

## Utskriven inbjudan och kod (issue 4)
label-sign-in-id = E-post eller telefonnummer
set-password-sign-in-as = Logga in i fortsättningen med { $id } och det här lösenordet.
code-title = Ta kontot i bruk med en kod
code-intro = Skriv koden som du fick i inbjudan på papper. Sedan gör du ett lösenord.
label-code = Kod
code-submit = Fortsätt
code-back-to-login = Tillbaka till inloggningen
error-code-invalid = Koden fungerar inte. Kontrollera koden eller be handledaren om en ny inbjudan.
error-code-throttled = För många försök. Vänta en stund och försök igen.
roster-print = Skriv ut inbjudan
printed-title = Inbjudan
printed-print-hint = Skriv ut sidan med webbläsarens utskriftsfunktion och ge den till deltagaren.
printed-heading = Inbjudan: { $group }
printed-hello = Hej { $name },
printed-seat = du har en plats i jobbsökarklubbens grupp { $group }.
printed-meetings = Träffar
printed-sign-in = Klubi på nätet
printed-code-intro = Du ser träffarna och vad du ska ta med dig också på nätet. Gå till { $url } och skriv den här koden:
printed-code-valid = Koden gäller i 7 dagar och bara en gång. Logga sedan in med ditt telefonnummer och lösenordet du själv gjort.

## Attendance, compensation and the group report (issue 5)
nav-today = I dag
nav-my-attendance = Min närvaro
nav-alerts = Frånvaro
attendance-title = Närvaro
attendance-present = Närvarande
attendance-late = Försenad
attendance-excused = Frånvarande, anmält
attendance-absent = Frånvarande
attendance-unmarked = Inte markerad
attendance-summary = Väntas { $expected } / { $total } · markerade { $marked }
attendance-locked = Kostnadsersättningsrapporten (version { $version }) är godkänd, så närvaron kan inte ändras. Koordinatorn kan öppna rapporten för rättelse.
attendance-nobody = Gruppen har inga deltagare ännu.
attendance-noticed = Meddelade i förväg att hen inte kan komma
attendance-noticed-reason = Meddelade i förväg att hen inte kan komma: { $reason }
attendance-marked-as = { $name }: { $status }.
attendance-undo = Ångra
meeting-attendance-link = Markera närvaro
today-title = Dagens träffar
today-meetings = I dag
today-none = Du har inga träffar i dag.
today-mark = Markera närvaro
today-recent = Förra veckans träffar
mine-title = Min närvaro
mine-none = Du är ännu inte deltagare i någon grupp.
mine-attended = Du har deltagit i { $count } träffar.
mine-minimum = Man ska delta i minst { $min } träffar.
mine-compensation = Din kostnadsersättning hittills: { $amount }.
mine-compensation-approved = Din godkända kostnadsersättning: { $amount }.
mine-coming = Kommande
mine-cannot-come = Jag kan inte komma till den här träffen
mine-send-notice = Skicka meddelandet
mine-take-back = Jag kan komma ändå
label-notice-reason = Orsak (frivillig)
flash-notice-given = Meddelandet skickat. Coachen ser det.
flash-notice-taken-back = Meddelandet återtaget. Välkommen!
alerts-title = Frånvaro
alerts-intro = Meddelanden när en klient har varit borta från en träff utan att meddela.
alerts-none = Inga frånvaromeddelanden.
alerts-first = Meddelat till remittenten
alerts-escalated = Upprepad – även till koordinatorn
alerts-policy-heading = Organisationens frånvaromeddelanden
label-alert-policy = När remittenten får ett meddelande
alert-policy-off = Inga meddelanden
alert-policy-every-miss = Vid varje oanmäld frånvaro
alert-policy-two-in-a-row = Vid två frånvaron i rad
flash-alert-policy-saved = Inställningen sparad.
compensation-title = Kostnadsersättningar
compensation-not-approved = Rapporten är inte godkänd ännu. Siffrorna räknas från närvaron.
compensation-approved-by = Version { $version } godkänd: { $name }, { $when }. Närvaron kan inte ändras.
compensation-lines = Deltagare
compensation-no-lines = Gruppen har inga deltagare.
compensation-meetings = Träffar
compensation-amount = Belopp
compensation-total = Totalt
compensation-download = Ladda ner som tabell (CSV)
compensation-approve-heading = Godkänn betalningsrapporten
compensation-approve-hint = Godkännandet låser siffrorna. Därefter kan gruppens närvaro inte ändras.
compensation-approve = Godkänn och lås
compensation-reopen-heading = Öppna för rättelse
compensation-reopen-hint = Den godkända versionen sparas. Efter rättelsen godkänns en ny version.
compensation-reopen = Öppna rapporten
label-reopen-reason = Orsak till öppnandet
compensation-rates = Ersättning per träff
compensation-rates-hint = En ny ersättning gäller träffar från och med dess datum.
compensation-from = Från och med
compensation-rate-column = Ersättning
compensation-rate-base = Från gruppens början
compensation-rate-new = Ny ersättning
compensation-rate-remove = Ta bort
compensation-rate-remove-named = Ta bort ersättningen som gäller från { $date }
label-effective-from = Från och med datum
label-rate-euros = Ersättning per träff (€)
hint-rate-euros = Till exempel 9,00. Lämna tomt om ingen ersättning betalas.
compensation-versions = Godkända versioner
compensation-version = Version { $version }
compensation-version-approved = godkänd av { $name }, { $when }
compensation-version-reopened = Öppnad: { $name }, { $when } – { $reason }
compensation-csv-file = kostnadsersattningar
compensation-csv-name = Namn
compensation-csv-id = Identifierare
compensation-csv-meetings = Träffar
compensation-csv-euros = Belopp (€)
compensation-csv-cents = Belopp (cent)
flash-rate-saved = Ersättningen sparad.
flash-rate-removed = Ersättningen borttagen.
flash-compensation-approved = Betalningsrapporten godkänd och låst.
flash-compensation-reopened = Betalningsrapporten öppnad för rättelse.
group-report-link = Gruppens rapport
group-compensation-link = Kostnadsersättningar
roster-attended = Träffar
report-title = Gruppens rapport
report-enrolled = Deltagare
report-waitlisted = I kö
report-meetings-held = Hållna träffar
report-meetings-remaining = Kommande träffar
report-attendance-rate = Närvarograd
report-min-attendance = Minsta deltagande (träffar)
report-compensation-total = Kostnadsersättningar totalt
report-compensation-approved = Kostnadsersättningar totalt (godkänt)
report-below-final = Under minsta deltagande
report-below-flagged = Kan inte längre nå minsta deltagande
report-below-none = Ingen.
report-per-meeting = Närvaro per träff
report-chart-title = Närvarande per träff
report-chart-caption = Stapeln är antalet närvarande (även försenade) vid hållna träffar. Samma siffror finns i tabellen.
report-table-caption = Närvaro per träff
report-not-held = inte hållen ännu
report-participants = Deltagare
standing-met = Minimiantalet uppnått
standing-on-track = Fortfarande möjligt
standing-below = Under minimiantalet
standing-cannot-reach = Kan inte längre nås
label-meeting = Träff
error-attendance-status = Okänd markering. Använd: present, late, excused eller absent.
error-attendance-not-enrolled = Deltagaren { $participant_id } är inte deltagare i den här gruppen.
error-attendance-not-saved = Markeringen sparades inte.
error-alert-policy = Välj ett av alternativen.
error-notice-reason-long = Orsaken är för lång (högst 500 tecken).
error-notice-too-late = Träffen har redan börjat. Kontakta coachen.
error-compensation-negative = Ersättningen kan inte vara negativ.
error-compensation-too-high = Ersättningen är för stor.
error-compensation-locked = Kostnadsersättningsrapporten är godkänd och låst. Koordinatorn kan öppna den för rättelse.
error-compensation-approved = Rapporten är redan godkänd.
error-compensation-not-approved = Rapporten är inte godkänd, så den kan inte öppnas.
mail-no-show-subject = { $participant } var borta från en träff
mail-no-show-body =
    Hej { $name },

    din klient { $participant } kom inte till gruppen { $group }s träff { $when } och meddelade inte frånvaron i förväg.

    Frånvaro: { $link }
mail-no-show-again-subject = { $participant } har varit borta igen
mail-no-show-again-body =
    Hej { $name },

    { $participant } kom inte till gruppen { $group }s träff { $when } och meddelade inte frånvaron. Hen har varit borta utan att meddela tidigare också.

    Frånvaro: { $link }
referrals-attendance-heading = Närvaro
referrals-attendance = { $attended } / { $held } träffar
month-title = Månadens kostnadsersättningar
month-empty = Inga ersättningsberättigande närvaron under månaden.
month-hint = Siffrorna räknas från närvaron vid månadens träffar i alla organisationens grupper. Gruppens egen godkända rapport täcker hela gruppen.
label-month = Månad
compensation-csv-group = Grupp
error-month-invalid = Ange månaden som ÅÅÅÅ-MM, till exempel 2026-11.

## Two-step sign-in (a second factor: TOTP and recovery codes)
second-factor-title = Inloggning i två steg
second-factor-intro = När du loggar in ger du förutom lösenordet en sexsiffrig kod från autentiseringsappen i din telefon. Då räcker lösenordet inte ensamt för någon annan.
second-factor-on = I bruk.
second-factor-off = Inte i bruk.
second-factor-rule = Regel
second-factor-required = Din organisation kräver det av dig.
second-factor-forced = Din organisation kräver inloggning i två steg. Ta den i bruk, så kan du fortsätta.
second-factor-start = Ta i bruk
second-factor-new-phone = Byt telefon
second-factor-manage = Hantera inloggning i två steg
second-factor-codes-left = Reservkoder kvar: { $count }.
second-factor-codes-left-label = Reservkoder kvar
second-factor-setup-title = Ta i bruk i tre steg
second-factor-step-app = Installera en autentiseringsapp i telefonen, om du inte redan har en.
second-factor-step-scan = Läs den här QR-koden med appen.
second-factor-qr-alt = QR-kod för att ta i bruk inloggning i två steg. Om du inte kan läsa den, skriv nyckeln nedan i appen.
second-factor-step-type = Eller skriv den här nyckeln i appen:
second-factor-step-type-hint = Mellanslagen spelar ingen roll. Välj en tidsbaserad kod i appen.
second-factor-step-code = Skriv den sexsiffriga koden som appen visar
second-factor-confirm = Bekräfta och ta i bruk
second-factor-codes-title = Dina reservkoder
second-factor-codes-intro = Inloggning i två steg är i bruk. Här är dina reservkoder. Om telefonen försvinner kan du logga in med en av dem.
second-factor-codes-once = Spara koderna på ett säkert ställe, till exempel på papper. Varje kod fungerar bara en gång. Koderna visas bara nu.
second-factor-codes-done = Jag har sparat koderna, fortsätt
second-factor-new-codes-title = Nya reservkoder
second-factor-new-codes-intro = De nya koderna ersätter de gamla: de gamla fungerar inte längre.
second-factor-new-codes = Gör nya reservkoder
second-factor-off-title = Ta ur bruk
second-factor-off-intro = Därefter loggar du in med enbart lösenordet.
second-factor-turn-off = Ta inloggning i två steg ur bruk
second-factor-code-title = Inloggningens andra steg
second-factor-code-intro = Lösenordet var rätt. Skriv ännu koden som autentiseringsappen i din telefon visar.
label-second-factor-code = Sexsiffrig kod
second-factor-code-submit = Logga in
second-factor-recovery-title = Har du inte telefonen med dig?
second-factor-recovery-intro = Skriv en av dina reservkoder. Varje kod fungerar bara en gång.
label-recovery-code = Reservkod
second-factor-recovery-submit = Logga in med reservkod
second-factor-reset = Ta bort inloggning i två steg
second-factor-reset-help = Om personens telefon har försvunnit, ta bort hens inloggning i två steg. Hens inloggningar avslutas och hen får ett meddelande om det. Om organisationen kräver det tar hen den i bruk igen vid nästa inloggning.
second-factor-rule-title = Inloggning i två steg
second-factor-rule-intro = Välj vilka av organisationens anställda som måste logga in i två steg. Andra kan ta den i bruk själva.
label-second-factor-rule = Obligatorisk för
second-factor-rule-default = Installationens standard
second-factor-rule-roles = Administratörer, egna coacher och specialister
second-factor-rule-all-staff = Alla anställda
second-factor-rule-none = Ingen
back-to-account = Tillbaka till mina uppgifter
flash-second-factor-off = Inloggning i två steg har tagits ur bruk.
flash-second-factor-reset = Inloggning i två steg har tagits bort och personen har fått ett meddelande.
flash-second-factor-rule-saved = Regeln har sparats.
error-second-factor-code-wrong = Koden duger inte. Skriv koden som appen visar nu.
error-second-factor-throttled = För många fel koder. Vänta 15 minuter och försök sedan igen.
error-second-factor-rule-unknown = Välj ett av alternativen.
error-second-factor-setup-none = Börja ibruktagandet först.
error-second-factor-setup-replaced = Ibruktagandet började om i ett annat fönster. Använd den senaste QR-koden.
error-second-factor-off = Inloggning i två steg är inte i bruk.
error-second-factor-required = Din organisation kräver inloggning i två steg, så den kan inte tas ur bruk.
mail-second-factor-reset-subject = Din inloggning i två steg har tagits bort
mail-second-factor-reset-body =
    Hej { $name },

    { $by } tog bort din inloggning i två steg i Klubi, till exempel för att telefonen försvunnit. Också dina gamla reservkoder slutade fungera.

    Om din organisation kräver inloggning i två steg tar du den i bruk igen vid nästa inloggning:
    { $link }

    Om du inte vet varför detta gjordes, kontakta administratören.
mail-token-issued-subject = En API-nyckel till Klubi har skapats åt dig
mail-token-issued-body =
    Hej { $name },

    { $issuer } skapade API-nyckeln { $token } i ditt namn i Klubi. Den fungerar till { $until }.

    Med nyckeln kan man använda Klubi med dina rättigheter. Du ser nyckeln och kan återkalla den på sidan Mina uppgifter i Klubi. Om du inte vet varför nyckeln skapades, återkalla den och berätta det för administratören.

## Mina uppgifter (issue 17)
my-data-title = Mina uppgifter
my-data-link = Mina uppgifter: allt som Klubi vet om dig
my-data-intro = Här finns allt som har sparats om dig i Klubi. Du kan spara uppgifterna som en fil eller skriva ut sidan.
my-data-download = Ladda ner uppgifterna som en fil (JSON)
my-data-reads = Vem har läst dina uppgifter
my-data-reads-intro = Här ser du vilken anställd som har öppnat dina uppgifter, när och vad.
my-data-reads-none = Ingen har läst dina uppgifter.
my-data-read-when = När
my-data-read-who = Vem
my-data-read-organisation = Organisation
my-data-read-what = Vad
my-data-read-referral-read-needs = Stödbehov i remissen
my-data-read-internal-referral-read-reason = Skälet till specialistremissen
my-data-read-internal-referral-read-notes = Specialistens anteckningar
my-data-read-mail-read = Ett meddelande till dig
my-data-nothing = Inga uppgifter.
my-data-yes = ja
my-data-no = nej
my-data-key-account = Ditt konto
my-data-key-roles = Roller
my-data-key-tokens = API-nycklar
my-data-key-sessions = Inloggningar
my-data-key-second-factor = Tvåstegsinloggning
my-data-key-calendar-feed = Kalenderlänk
my-data-key-referrals = Remisser till grupper
my-data-key-enrolments = Platser i grupper
my-data-key-meetings = Dina gruppers träffar
my-data-key-attendance = Närvaro
my-data-key-no-show-alerts = Meddelanden om frånvaro
my-data-key-internal-referrals = Remisser till specialist
my-data-key-specialist-sessions = Träffar med specialist
my-data-key-mails = Meddelanden till dig
my-data-key-audit = Händelselogg
my-data-key-compensation = Ersättningar
my-data-field-id = Id
my-data-field-kind = Kontotyp
my-data-field-email = E-post
my-data-field-phone = Telefon
my-data-field-pending-email = Väntande e-postadress
my-data-field-name = Namn
my-data-field-language = Språk
my-data-field-active = Aktivt
my-data-field-created-at = Skapad
my-data-field-deactivated-at = Avaktiverad
my-data-field-organisation-name = Organisation
my-data-field-role = Roll
my-data-field-expires-at = Giltig till
my-data-field-last-used-at = Senast använd
my-data-field-revoked-at = Återkallad
my-data-field-read-only = Endast läsning
my-data-field-issued-by = Utfärdad av
my-data-field-last-seen-at = Senast aktiv
my-data-field-enabled-at = Aktiverad
my-data-field-recovery-codes-left = Reservkoder kvar
my-data-field-group-name = Grupp
my-data-field-referred-by = Remitterad av
my-data-field-participant-name = Namn i remissen
my-data-field-participant-email = E-post i remissen
my-data-field-participant-phone = Telefon i remissen
my-data-field-needs = Stödbehov
my-data-field-status = Status
my-data-field-consent-version = Samtyckets version
my-data-field-consent-at = Samtycke givet
my-data-field-decided-at = Beslutad
my-data-field-decline-reason = Skäl för avslag
my-data-field-withdrawn-at = Återtagen
my-data-field-withdraw-reason = Skäl för återtagande
my-data-field-referral-id = Remissens id
my-data-field-accepted-at = Godkänd
my-data-field-moved-up-at = Flyttad från kön
my-data-field-moved-up-reason = Skäl för flytten
my-data-field-starts-at = Börjar
my-data-field-ends-at = Slutar
my-data-field-theme = Tema
my-data-field-title = Rubrik
my-data-field-location = Plats
my-data-field-cancelled = Inställd
my-data-field-meeting-id = Träffens id
my-data-field-marked-by = Antecknad av
my-data-field-marked-at = Antecknad
my-data-field-notice-at = Frånvaro anmäld
my-data-field-notice-reason = Skäl för frånvaro
my-data-field-escalated = Upprepad
my-data-field-specialist = Specialist
my-data-field-reason = Skäl
my-data-field-closed-at = Avslutad
my-data-field-internal-referral-id = Specialistremissens id
my-data-field-held-on = Dag
my-data-field-to-address = Mottagare
my-data-field-subject = Ämne
my-data-field-sent-at = Skickat
my-data-field-at = Tid
my-data-field-action = Händelse
my-data-field-entity-type = Typ av objekt
my-data-field-entity-id = Objektets id
my-data-field-actor-name = Utförd av
my-data-field-details = Uppgifter
my-data-field-group-id = Gruppens id
my-data-field-attended-meetings = Närvarande på träffar
my-data-field-amount-cents = Belopp (cent)
my-data-field-approved = Godkänd
