# Klubi – suomi (oletuskieli). Selkeää yleiskieltä: lyhyet lauseet, tutut sanat.

## Yleiset
skip-to-content = Siirry sisältöön
language-switch = Vaihda kieli
nav-label = Päävalikko
nav-home = Etusivu
nav-organisations = Organisaatiot
nav-users = Käyttäjät
nav-audit = Tapahtumaloki
nav-outbox = Lähtevät viestit
nav-account = Omat tiedot
sign-in = Kirjaudu sisään
sign-out = Kirjaudu ulos
footer-text = Klubi – työnhakuklubien työkalu
page-title-error = Virhe: { $title }
error-summary-title = Korjaa nämä kohdat
error-prefix = Virhe:
choose = Valitse
save = Tallenna
filter = Suodata
older = Vanhemmat
back-to-list = Takaisin listaan

## Kentät
label-email = Sähköposti
label-password = Salasana
label-current-password = Nykyinen salasana
label-new-password = Uusi salasana
label-password-confirm = Uusi salasana uudelleen
label-name = Nimi
label-new-name = Uusi nimi
label-kind = Tyyppi
label-organisation = Organisaatio
label-roles = Roolit
label-language = Kieli
label-status = Tila
label-created = Luotu
label-last-used = Viimeksi käytetty
label-actions = Toiminnot
label-time = Aika
label-actor = Tekijä
label-action = Tapahtuma
label-entity = Kohde
label-request = Pyyntö
label-recipient = Vastaanottaja
label-subject = Aihe
label-token-name = Avaimen nimi
password-hint = Salasanassa on oltava vähintään 10 merkkiä. Pitkä lause on hyvä salasana.

## Kielet ja roolit
language-fi = suomi
language-sv = ruotsi
language-en = englanti
role-admin = Ylläpitäjä
role-coordinator = Koordinaattori
role-coach = Valmentaja
role-case_manager = Omavalmentaja
role-specialist = Asiantuntija
roles-none = Ei rooleja
org-kind-employment_services = Työllisyyspalvelut
org-kind-coaching_provider = Valmennuspalvelu
org-kind-rehabilitation = Kuntoutus
org-kind-education = Koulutus
org-kind-other = Muu

## Kirjautuminen
login-title = Kirjaudu sisään
login-failed = Kirjautuminen ei onnistunut. Tarkista sähköposti ja salasana.
login-throttled = Liian monta yritystä. Odota 15 minuuttia ja yritä sitten uudelleen.
forgot-link = Unohditko salasanan?
forgot-title = Uusi salasana
forgot-throttled = Tästä osoitteesta on pyydetty liian monta uutta salasanaa. Yritä vartin päästä uudelleen.
forgot-intro = Kirjoita sähköpostiosoitteesi. Lähetämme linkin, jolla voit tehdä uuden salasanan.
forgot-submit = Lähetä linkki
forgot-sent = Jos osoitteella on tunnus, lähetimme siihen linkin. Linkki toimii tunnin.
set-password-title = Tee salasana
set-password-intro = Hei { $name }! Tee itsellesi salasana. Sen jälkeen pääset Klubiin.
set-password-submit = Tallenna salasana
link-invalid-title = Linkki ei toimi
link-invalid-body = Linkki on jo käytetty tai se on vanhentunut. Voit pyytää uuden linkin.
flash-signed-out = Olet kirjautunut ulos.
flash-password-set = Salasana on tallennettu. Tervetuloa!

## Etusivu
home-title = Etusivu
home-greeting = Hei { $name }!
home-admin-heading = Ylläpito
home-admin-empty = Lisää organisaatiot ja kutsu niiden koordinaattorit. Koordinaattorit kutsuvat sitten oman organisaationsa muut käyttäjät.
home-admin-action = Organisaatiot
home-coordinator-heading = Koordinaattori
home-coordinator-empty = Sinulla ei ole vielä ryhmiä. Aloita kutsumalla oman organisaatiosi valmentajat ja omavalmentajat.
home-coordinator-action = Kutsu käyttäjiä
home-coach-heading = Valmentaja
home-coach-empty = Sinulla ei ole vielä ryhmiä. Kun koordinaattori lisää sinut ryhmän valmentajaksi, näet ryhmän tässä.
home-casemanager-heading = Omavalmentaja
home-casemanager-empty = Et ole vielä ohjannut ketään klubiin. Kun koordinaattori avaa ryhmän, voit ohjata asiakkaitasi siihen.
home-specialist-heading = Asiantuntija
home-specialist-empty = Sinulle ei ole vielä ohjattu ketään. Kun valmentaja ohjaa asiakkaan sinulle, näet sen tässä.
home-participant-heading = Oma klubini
home-participant-empty = Et ole vielä missään ryhmässä. Kun pääset ryhmään, näet tässä tapaamiset ja mitä niihin otetaan mukaan.
home-noroles-heading = Ei rooleja
home-noroles-empty = Sinulla ei ole rooleja. Pyydä koordinaattoria tai ylläpitäjää lisäämään sinulle rooli.

## Omat tiedot
account-title = Omat tiedot
account-profile = Perustiedot
account-password = Vaihda salasana
account-password-submit = Vaihda salasana
flash-password-changed = Salasana on vaihdettu. Muut kirjautumisesi on lopetettu.
tokens-title = API-avaimet
tokens-intro = Ohjelmat voivat käyttää Klubia avaimella sinun oikeuksillasi. Näytämme avaimen vain kerran.
tokens-empty = Sinulla ei ole avaimia.
token-create = Luo avain
token-created = Avain { $name } on luotu.
token-value = Avain
token-shown-once = Kopioi avain nyt. Et näe sitä enää uudelleen.
token-revoke = Poista käytöstä
token-revoke-named = Poista avain { $name } käytöstä
token-revoked = Poistettu käytöstä
token-expires = Voimassa asti
token-read-only = Vain lukemiseen
token-read-only-hint = Avaimella voi vain lukea tietoja, ei muuttaa mitään.
token-days = Voimassa (päivää)
token-days-hint = 1–365 päivää. Jos et valitse, avain toimii 90 päivää.
token-issued-by = Antanut { $name }
token-password-hint = Anna salasanasi vielä kerran, ennen kuin teemme avaimen.
flash-token-revoked = Avain on poistettu käytöstä.

## Organisaatiot
organisations-title = Organisaatiot
organisations-empty = Organisaatioita ei ole vielä. Lisää ensimmäinen alla.
organisation-new = Uusi organisaatio
organisation-create = Lisää organisaatio
organisation-rename = Nimeä uudelleen
organisation-rename-named = Nimeä { $name } uudelleen
organisation-users-named = Organisaation { $name } käyttäjät
organisation-edit-title = Nimeä organisaatio uudelleen
flash-organisation-created = Organisaatio on lisätty.
flash-organisation-renamed = Nimi on vaihdettu.

## Käyttäjät
users-title = Käyttäjät
users-empty = Käyttäjiä ei ole vielä. Kutsu ensimmäinen alla.
user-title = Käyttäjä
user-invite = Kutsu käyttäjä
user-invite-intro = Kutsuttu saa sähköpostiinsa linkin, jolla hän tekee salasanan. Linkki toimii 7 päivää.
user-invite-submit = Lähetä kutsu
user-active = Käytössä
user-invited = Kutsuttu
user-inactive = Poistettu käytöstä
user-roles-edit = Roolit
user-access = Pääsy Klubiin
user-resend-invitation = Lähetä kutsu uudelleen
user-deactivate-help = Kun poistat käyttäjän käytöstä, hänen kirjautumisensa ja avaimensa lakkaavat toimimasta heti.
user-deactivate = Poista käytöstä
user-reactivate = Ota uudelleen käyttöön
flash-user-invited = Kutsu on lähetetty.
flash-roles-saved = Roolit on tallennettu.
flash-user-deactivated = Käyttäjä on poistettu käytöstä.
flash-user-reactivated = Käyttäjä on otettu uudelleen käyttöön.
flash-invitation-sent = Uusi kutsu on lähetetty. Vanha linkki ei enää toimi.

## Tapahtumaloki ja viestit
audit-title = Tapahtumaloki
audit-empty = Ei tapahtumia näillä ehdoilla.
audit-filter-action = Tapahtuma alkaa
audit-filter-entity = Kohteen tunniste
audit-filter-from = Alkaen
audit-filter-to = Päättyen
audit-system = Järjestelmä
outbox-title = Lähtevät viestit
outbox-intro = Kaikki Klubin lähettämät sähköpostit. Jos lähetyspalvelinta ei ole asetettu, viestit jäävät tänne ja lokiin.
outbox-empty = Viestejä ei ole.
outbox-status-pending = Odottaa
outbox-status-sent = Lähetetty
outbox-status-logged = Vain lokissa
outbox-status-failed = Epäonnistui
outbox-mail-title = Viesti
outbox-back = Takaisin lähteviin viesteihin
outbox-mail-hand-over = Viestiä ei ole lähetetty. Voit antaa sen tiedot vastaanottajalle itse, esimerkiksi kutsulinkin. Tämän viestin avaaminen kirjataan lokiin.
outbox-mail-no-text = Viestin tekstiä ei enää säilytetä: se poistetaan, kun viesti on lähetetty.

## Sähköpostit
mail-invitation-subject = Kutsu Klubiin
mail-invitation-body =
    Hei { $name },

    { $inviter } kutsui sinut Klubiin, työnhakuklubien työkaluun.

    Tee itsellesi salasana tästä linkistä:
    { $link }

    Linkki toimii 7 päivää ja vain kerran.
mail-address-in-use-subject = Osoitettasi yritettiin käyttää uuteen tunnukseen Klubissa
mail-address-in-use-body =
    Hei { $name },

    { $by } kirjoitti tämän sähköpostiosoitteen uuteen tunnukseen Klubissa, työnhakuklubien työkalussa. Tällä osoitteella on jo tunnus Klubissa, joten uutta tunnusta ei liitetty siihen eikä tähän lähetetä kirjautumislinkkiä.

    Jos tarkoitus oli kutsua sinut, kirjaudu omalla tunnuksellasi ja kerro asiasta henkilölle { $by }:
    { $link }

    Jos et tiedä, mistä on kyse, sinun ei tarvitse tehdä mitään.
mail-reset-subject = Uusi salasana Klubiin
mail-reset-body =
    Hei { $name },

    Joku pyysi uutta salasanaa tunnuksellesi. Tee uusi salasana tästä linkistä:
    { $link }

    Linkki toimii tunnin ja vain kerran. Jos et pyytänyt uutta salasanaa, voit jättää tämän viestin huomiotta.
mail-signature = Klubi

## Virheet
error-required = Tämä tieto puuttuu.
error-too-long = Teksti on liian pitkä.
error-control-characters = Tekstissä on merkkejä, joita ei voi käyttää.
error-email-invalid = Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.
error-email-taken = Tällä sähköpostilla on jo tunnus.
error-language-unknown = Valitse kieli: suomi, ruotsi tai englanti.
error-password-too-short = Salasanassa on oltava vähintään 10 merkkiä.
error-password-common = Tämä salasana on liian yleinen tai helppo arvata. Valitse toinen, esimerkiksi muutaman sanan lause.
error-password-mismatch = Salasanat eivät ole samat.
error-password-wrong = Nykyinen salasana on väärin.
error-role-unknown = Tuntematon rooli.
error-account-kind-unknown = Tuntematon tilin tyyppi.
error-org-kind-unknown = Valitse organisaation tyyppi.
error-organisation-name-taken = Samanniminen organisaatio on jo olemassa.
error-organisation-unknown = Organisaatiota ei löydy.
error-user-inactive = Käyttäjä on poistettu käytöstä.
error-cannot-change-self = Et voi muuttaa omia roolejasi tai poistaa itseäsi käytöstä.
error-cursor-invalid = Sivutuksen kohta ei kelpaa.
error-wrong-type = Tiedon muoto on väärä.
error-invalid = Osa tiedoista ei kelpaa.
error-bad-request = Pyyntöä ei voitu lukea.
error-form-unreadable = Lomaketta ei voitu lukea. Lataa sivu uudelleen ja yritä uudelleen.
error-json-malformed = Pyynnön JSON ei ole kelvollista.
error-json-content-type = Pyynnön sisällön tyypin on oltava application/json.
error-unauthorized = Kirjaudu sisään tai anna kelvollinen avain.
error-forbidden = Sinulla ei ole oikeutta tähän.
error-csrf = Lomake on vanhentunut tai tuli toiselta sivustolta. Lataa sivu uudelleen ja yritä uudelleen.
error-not-found = Sivua tai tietoa ei löydy.
error-method-not-allowed = Tätä toimintoa ei voi tehdä tähän osoitteeseen.
error-too-large = Lähetetty tieto on liian suuri.
error-timeout = Palvelu ei vastannut ajoissa. Yritä hetken päästä uudelleen.
error-unsupported-media-type = Sisällön tyyppiä ei tueta.
error-internal = Jotain meni vikaan meidän päässämme. Mitään tallennettua ei kadonnut. Yritä hetken päästä uudelleen.
error-busy = Palvelussa on juuri nyt ruuhkaa. Yritä muutaman sekunnin päästä uudelleen.
error-token-days = Valitse 1–365 päivää.
error-back-home = Etusivulle
error-back-login = Kirjautumissivulle
error-status-code = Virhekoodi { $code }

## HTTP-tilat
status-400 = Virheellinen pyyntö
status-401 = Kirjautuminen tarvitaan
status-403 = Ei oikeutta
status-404 = Ei löydy
status-405 = Toiminto ei ole sallittu
status-408 = Aikakatkaisu
status-409 = Ristiriita
status-413 = Liian suuri
status-415 = Sisällön tyyppiä ei tueta
status-422 = Tiedot eivät kelpaa
status-429 = Liian monta yritystä
status-500 = Palvelussa on vika
status-503 = Palvelu ei ole käytettävissä

## Aikataulut ja pyhäpäivät
error-schedule-no-weekdays = Valitse vähintään yksi viikonpäivä.
error-schedule-count = Tapaamisia voi olla 1–100.
error-schedule-duration = Tapaamisen pituus voi olla 1 minuutista 12 tuntiin.
error-schedule-date-range = Päivämäärä ei ole mahdollinen.
holiday-new-years-day = Uudenvuodenpäivä
holiday-epiphany = Loppiainen
holiday-good-friday = Pitkäperjantai
holiday-easter-sunday = Pääsiäispäivä
holiday-easter-monday = 2. pääsiäispäivä
holiday-may-day = Vappu
holiday-ascension-day = Helatorstai
holiday-whitsunday = Helluntaipäivä
holiday-midsummer-eve = Juhannusaatto
holiday-midsummer-day = Juhannuspäivä
holiday-all-saints-day = Pyhäinpäivä
holiday-independence-day = Itsenäisyyspäivä
holiday-christmas-eve = Jouluaatto
holiday-christmas-day = Joulupäivä
holiday-st-stephens-day = Tapaninpäivä

## Klubin ohjelmat ja teemat
error-theme-unknown = Tuntematon teema.
error-format-capacity = Paikkoja voi olla 1–100.
error-format-meetings = Ohjelmassa on oltava 1–100 tapaamista.
error-format-min-attendance = Vähimmäisosallistuminen ei voi olla suurempi kuin tapaamisten määrä.
error-format-duration = Tapaamisen pituus voi olla 15 minuutista 12 tuntiin.
error-format-other-title = Anna muulle teemalle otsikko.
error-format-compensation = Kulukorvaus voi olla 0–1 000 euroa tapaamiselta.
error-format-facilitators = Valmentajia voi olla 1–10.
theme-cv = CV
theme-cv-description = Teemme tai päivitämme CV:n, joka kertoo osaamisesi selvästi.
theme-application = Työhakemus
theme-application-description = Kirjoitamme hakemuksen oikeaan työpaikkailmoitukseen.
theme-interview = Työhaastattelu
theme-interview-description = Valmistaudumme haastatteluun ja harjoittelemme vastauksia.
theme-job-ads = Työpaikkailmoitukset
theme-job-ads-description = Etsimme yhdessä työpaikkailmoituksia ja opettelemme hakemaan niitä.
theme-competence = Osaaminen sanoiksi
theme-competence-description = Kerromme omasta osaamisesta omin sanoin.
theme-work-life-skills = Työelämätaidot
theme-work-life-skills-description = Puhumme siitä, mitä työpaikalla odotetaan ja miten siellä toimitaan.
theme-strengths = Vahvuudet
theme-strengths-description = Tunnistamme omat vahvuudet ja pienet onnistumiset.
theme-support-needs = Tuen tarpeet
theme-support-needs-description = Harjoittelemme kertomaan, millaista tukea tarvitsen työssä.
theme-peer-support = Vertaistuki
theme-peer-support-description = Jaamme kokemuksia ja tuemme toisiamme.
theme-other = Muu
theme-other-description = Oma aihe, jonka valmentaja kertoo tapaamisen otsikossa.

## Klubit: yhteiset
nav-calendar = Kalenteri
nav-groups = Ryhmät
nav-formats = Klubimallit
cancel = Peruuta
filters = Rajaa listaa
filter-all = Kaikki
filter-apply = Näytä
filter-my-groups = Vain omat ryhmäni
next-page = Seuraavat
none-to-choose = Ei valittavaa.
minutes = { $minutes } min
compensation-none = Ei kulukorvausta
compensation-per-meeting = { $amount } / osallistuttu tapaaminen
compensation-from-format = Klubimallin mukaan
compensation-rate = Oma summa
weekday-mon = maanantai
weekday-tue = tiistai
weekday-wed = keskiviikko
weekday-thu = torstai
weekday-fri = perjantai
weekday-sat = lauantai
weekday-sun = sunnuntai

## Klubit: kentät
label-agenda = Ohjelma
label-cancel-reason = Miksi tapaaminen perutaan?
label-capacity = Paikkoja
label-change-reason = Syy muutokseen
label-compensation = Kulukorvaus
label-compensation-euros = Kulukorvaus euroina tapaamiselta
label-date = Päivä
label-default-start-time = Tavallinen alkamisaika
label-description = Kuvaus
label-duration-minutes = Kesto minuutteina
label-end-time = Päättyy
label-facilitator-count = Ohjaajia
label-facilitators = Ohjaajat
label-first-date = Ensimmäinen mahdollinen päivä
label-format = Klubimalli
label-guest-organisation = Vieraileva organisaatio
label-guest-purpose = Vierailun aihe
label-location = Paikka
label-meeting-kind = Tapaamisen tyyppi
label-meeting-title = Oma otsikko
label-meetings = Tapaamiset
label-min-attendance = Osallistuttava vähintään
label-move-reason = Syy, jos aika muuttuu
label-next-meeting = Seuraava tapaaminen
label-online-url = Etäyhteyden linkki
label-partners = Kumppaniorganisaatiot
label-seats = Osallistujat
label-start-time = Alkaa
label-theme = Teema
label-waitlist = Jonossa
label-weekdays = Viikonpäivät
hint-capacity-default = Jätä tyhjäksi, niin käytetään klubimallin paikkamäärää.
hint-compensation = Esimerkiksi 9,00. Jätä tyhjäksi, jos kulukorvausta ei makseta.
hint-facilitators = Ohjaaja voi olla oman organisaation tai kumppanin valmentaja.
hint-facilitators-new = Oman organisaation valmentajat. Kumppanien valmentajat voi lisätä, kun ryhmä on tehty.
hint-meeting-kind-details = Täytä vain, jos tyyppi vaatii: vierailulle vierailija, etätapaamiselle linkki.
hint-move-reason = Pakollinen, jos muutat päivää tai kellonaikaa. Ryhmä näkee syyn.
hint-partners = Kumppanien palveluohjaajat voivat ohjata asiakkaita ryhmään.
hint-plan-rows = Tyhjät rivit jätetään pois. Valitse teema lisätäksesi tapaamisen.

## Klubimallit
formats-title = Klubimallit
formats-intro = Klubimalli on ryhmän suunnitelma: tapaamiset, teemat, paikat ja kulukorvaus. Valmiit mallit voi kopioida omaksi.
format-title = Klubimalli
format-new = Uusi klubimalli
format-new-title = Uusi klubimalli
format-edit = Muokkaa
format-edit-title = Muokkaa klubimallia
format-copy = Kopioi omaksi
format-template = Valmis malli
format-plan = Tapaamisten suunnitelma
format-meeting-n = Tapaaminen { $n }
format-no-meeting = – ei tapaamista –
format-meetings-hours = { $count } tapaamista
format-hours = { $hours } tuntia
format-template-tampere = Tampereen työnhakuklubi
format-template-tampere-description = Viisi tapaamista pienryhmälle, enintään 10 asiakasta. Asiakkaat tulevat omavalmentajan ohjaamina. Jokaisen pitää osallistua vähintään yhteen tapaamiseen. Osallistumisesta maksetaan kulukorvaus.
format-template-omnia = Omnian työnhakuklubi
format-template-omnia-description = Seitsemän neljän tunnin valmennuspäivää kolmessa viikossa. Kaksi työelämävalmentajaa ohjaa yhdessä. Välitavoitteet ja vertaistuki vahvistavat ammatillista itsetuntoa.
flash-format-created = Klubimalli on tallennettu.
flash-format-saved = Muutokset on tallennettu. Jo tehdyt ryhmät eivät muutu.
flash-format-copied = Malli on kopioitu. Voit nyt muokata omaa kopiotasi.
error-format-unknown = Valitse klubimalli.
error-number-invalid = Kirjoita numero.
error-money-invalid = Kirjoita summa euroina, esimerkiksi 9,00.
error-time-invalid = Kirjoita aika muodossa 9.00.
error-date-invalid = Kirjoita päivä muodossa 23.11.2026.

## Ryhmät
groups-title = Ryhmät
groups-empty = Ei vielä ryhmiä. Koordinaattori tekee ryhmän klubimallista.
groups-empty-filtered = Rajaukseen sopivia ryhmiä ei ole.
group-title = Ryhmä
group-new = Uusi ryhmä
group-new-title = Uusi ryhmä
group-new-from-format = Tee ryhmä tästä mallista
group-create = Tee ryhmä
group-edit = Muokkaa ryhmää
group-edit-title = Muokkaa ryhmää
group-seats = { $enrolled } / { $capacity }
group-schedule = Tapaamiset
group-no-meetings = Ryhmällä ei ole vielä tapaamisia.
group-schedule-closed-note = Ryhmä on päättynyt tai peruttu, joten aikataulua ei voi enää muuttaa.
group-skipped-holidays = Pyhäpäivät jätettiin väliin:
group-status-planned = Suunnitteilla
group-status-open = Avoinna ohjauksille
group-status-running = Käynnissä
group-status-finished = Päättynyt
group-status-cancelled = Peruttu
flash-group-created = Ryhmä on tehty.
flash-group-saved = Ryhmän tiedot on tallennettu.
error-partner-unknown = Kumppaniorganisaatiota ei löydy.
error-facilitator-not-allowed = Ohjaajan pitää olla oman tai kumppaniorganisaation valmentaja.
error-group-status-new = Uusi ryhmä voi olla vain suunnitteilla tai avoinna.
error-group-status-unknown = Tuntematon tila.
error-group-status-backwards = Ryhmän tilaa ei voi palauttaa aiempaan.
error-group-capacity-below-enrolled = Paikkoja ei voi olla vähemmän kuin ryhmään on jo otettu osallistujia.
error-group-schedule-closed = Ryhmä on päättynyt tai peruttu, joten sen tapaamisia ei voi muuttaa.

## Aikataulu ja tapaamiset
schedule-generate = Tee aikataulu
schedule-generate-intro = Klubimallin { $count } tapaamista sijoitetaan valituille viikonpäiville. Pyhäpäivät jätetään väliin. Voit muokata jokaista tapaamista myöhemmin.
schedule-generate-submit = Tee tapaamiset
flash-schedule-generated = Tapaamiset on tehty.
error-schedule-exists = Ryhmällä on jo tapaamisia. Muokkaa niitä yksi kerrallaan.
error-schedule-no-plan = Ryhmän klubimallissa ei ole tapaamisia.
error-weekday-unknown = Tuntematon viikonpäivä.
meeting-title = Tapaaminen
meeting-new = Lisää tapaaminen
meeting-new-title = Uusi tapaaminen
meeting-new-for = Ryhmä: { $group }
meeting-create = Lisää tapaaminen
meeting-edit = Muokkaa tai siirrä
meeting-cancel = Peru tapaaminen
meeting-cancel-submit = Peru tapaaminen
meeting-cancelled = Peruttu
meeting-changed-by = { $name }, { $when }
meeting-unusual-time = Eri aikaan kuin yleensä
meeting-unusual-time-note = Tämä retki on eri aikaan kuin ryhmän tavalliset tapaamiset. Kerro siitä osallistujille hyvissä ajoin: eri aika voi heikentää osallistumista.
meeting-kind-details = Vierailu ja etätapaaminen
meeting-kind-regular = Tapaaminen
meeting-kind-guest-visit = Vierailija
meeting-kind-excursion = Retki
meeting-kind-online = Etätapaaminen
flash-meeting-created = Tapaaminen on lisätty.
flash-meeting-saved = Tapaaminen on tallennettu.
flash-meeting-cancelled = Tapaaminen on peruttu.
error-meeting-time-invalid = Kirjoita aika.
error-meeting-date-range = Päivän pitää olla enintään viiden vuoden päässä tästä päivästä.
error-meeting-ends-before-start = Tapaamisen pitää päättyä alkamisen jälkeen.
error-meeting-too-long = Tapaaminen voi kestää enintään 12 tuntia.
error-meeting-kind-unknown = Valitse tapaamisen tyyppi.
error-meeting-guest-required = Kirjoita vierailevan organisaation nimi.
error-meeting-location-required = Kirjoita retken paikka.
error-meeting-url-required = Kirjoita etäyhteyden linkki.
error-meeting-cancelled = Tapaaminen on jo peruttu.
error-url-invalid = Linkin pitää alkaa https:// tai http://.
error-reason-required = Kirjoita syy.

## Kalenteri
calendar-title = Kalenteri
calendar-pager = Kalenterin viikot
calendar-earlier = Aiemmat viikot
calendar-this-week = Tämä viikko
calendar-later = Seuraavat viikot
calendar-week = Viikko { $week } ({ $from }–{ $to })
calendar-today = Tänään
calendar-nothing-today = Ei tapaamisia tänään.
calendar-empty = Näillä viikoilla ei ole tapaamisia.
calendar-feed = Kalenteri puhelimeen
calendar-feed-intro = Tilaa tapaamiset omaan kalenteriisi (esimerkiksi puhelimen kalenteri). Kalenteri päivittyy itse.
calendar-feed-url = Kalenterin osoite
calendar-feed-secret = Pidä osoite omana tietonasi. Jos joku muu saa sen, tee uusi osoite. Vanha lakkaa silloin toimimasta.
calendar-feed-create = Tee kalenterin osoite
calendar-feed-rotate = Tee uusi osoite
calendar-feed-name = Klubi
flash-feed-created = Kalenterin osoite on tehty.
flash-feed-rotated = Uusi osoite on tehty. Vanha ei enää toimi.

## Waiting list (issue 4)
error-move-up-reason-required = Kirjoita, miksi hänet nostetaan jonossa edelle. Syy näkyy osallistujalistassa.

## Lähetteet, jonot ja ilmoittautumiset (issue 4)
nav-referrals = Lähetteet
nav-triage = Uudet lähetteet
home-casemanager-action = Omat lähetteet
referrals-title = Omat lähetteeni
referrals-intro = Tässä ovat asiakkaat, jotka olet ohjannut klubiryhmiin, ja mitä heille on päätetty.
referrals-empty = Et ole vielä ohjannut ketään. Tee lähete, kun asiakkaasi hyötyisi klubista.
referral-new = Tee lähete
referral-new-title = Uusi lähete
referral-new-intro = Ohjaa asiakas ryhmään. Ryhmän koordinaattori lukee lähetteen ja ottaa asiakkaan ryhmään tai jonoon.
referral-choose-group = Valitse ryhmä
referral-person = Asiakas
referral-submit = Lähetä lähete
referral-existing-link = Avaa aiempi lähete
referral-title = Lähete
referral-decide = Päätös
referral-accept = Ota ryhmään
referral-decline = Hylkää lähete
referral-withdraw = Peru osallistuminen
referral-withdraw-confirm = Peru osallistuminen nyt
referral-status-pending = Odottaa päätöstä
referral-status-enrolled = Ryhmässä
referral-status-waitlisted = Jonossa
referral-status-declined = Hylätty
referral-status-withdrawn = Peruttu
referral-status-completed = Ryhmä päättynyt
enrolment-status-enrolled = Ryhmässä
enrolment-status-waitlisted = Jonossa
enrolment-status-withdrawn = Perunut
label-group = Ryhmä
label-participant = Asiakas
label-phone = Puhelin
label-mail-language = Viestien kieli
label-needs = Tilanne ja tarpeet
label-consent = Suostumus
label-referred-by = Ohjaaja
label-referred-on = Ohjattu
label-decided = Päätetty
label-decline-reason = Hylkäämisen syy
label-withdraw-reason = Peruutuksen syy (vapaaehtoinen)
label-my-withdraw-reason = Haluatko kertoa syyn? (vapaaehtoinen)
label-when = Milloin
label-what = Mitä
label-bring = Ota mukaan
hint-email-or-phone = Anna sähköposti tai puhelinnumero, jotta asiakas saa kutsun.
hint-decline-reason = Syy lähetetään lähetteen tehneelle työntekijälle.
consent-referral-text = Asiakas on antanut luvan siihen, että hänen nimensä, yhteystietonsa ja tämä kuvaus tilanteesta annetaan klubiryhmän koordinaattorille ja ohjaajille. Tietoja käytetään vain ryhmään ottamiseen ja ryhmän järjestämiseen. Asiakas voi perua osallistumisensa milloin tahansa.
consent-checkbox = Asiakas on antanut suostumuksensa yllä kerrotulla tavalla.
consent-version = Suostumuksen teksti, versio { $version }
consent-recorded = Kirjattu { $when }
roster-title = Osallistujat
roster-own-clients = Näet vain asiakkaat, jotka olet itse ohjannut tähän ryhmään.
roster-empty = Ryhmässä ei ole vielä ketään.
roster-referred-by = Ohjaaja
roster-position = jonossa { $position }.
roster-moved-up = Nostettu jonossa
roster-no-email = Ei sähköpostia: anna kutsu paperilla.
roster-move-up-reason = Syy nostaa jonossa
roster-move-up = Nosta jonossa
roster-resend = Lähetä kutsu uudelleen
roster-withdraw = Poista ryhmästä
roster-withdraw-confirm = Poista { $name } ryhmästä
roster-csv = Lataa osallistujat (CSV)
roster-triage-link = Käsittele uudet lähetteet
roster-csv-name = Nimi
roster-csv-status = Tila
roster-csv-position = Jonosija
roster-csv-email = Sähköposti
roster-csv-phone = Puhelin
roster-csv-referred-by = Ohjaaja
roster-csv-moved-up-reason = Jonossa nostamisen syy
triage-title = Uudet lähetteet
triage-count = Käsittelemättä { $count } lähetettä.
triage-all-groups = Kaikki ryhmät
triage-empty = Ei käsittelemättömiä lähetteitä.
triage-referred-by = ohjaaja { $name }
triage-decline-link = Hylkää syyn kanssa
my-group-enrolled = Sinulla on paikka tässä ryhmässä.
my-group-waitlisted = Olet jonossa sijalla { $position }. Saat viestin, jos paikka vapautuu.
my-next-meeting = Seuraava tapaaminen
my-meeting-details = Tapaamisen tiedot
my-all-meetings = Kaikki tapaamiset
my-withdraw-link = En pääsekään mukaan
my-withdraw-title = En pääsekään mukaan
my-withdraw-intro = Perutko paikkasi ryhmästä { $group }? Paikka annetaan jonossa seuraavalle.
my-withdraw-confirm = Kyllä, peru paikkani
my-withdraw-cancel = Ei, pidän paikkani
flash-referral-created = Lähete on lähetetty.
flash-referral-enrolled = Asiakas on otettu ryhmään. Hän saa kutsun.
flash-referral-waitlisted = Ryhmä on täynnä. Asiakas on jonossa.
flash-referral-declined = Lähete on hylätty. Syy on lähetetty ohjaajalle.
flash-referral-withdrawn = Osallistuminen on peruttu.
flash-participant-withdrawn = Osallistuja on poistettu ryhmästä.
flash-moved-up = Osallistuja on nostettu jonossa.
flash-my-withdrawn = Paikkasi on peruttu. Kiitos, että kerroit.
theme-cv-bring = Oma CV, jos sinulla on. Muuten ei tarvitse tuoda mitään.
theme-application-bring = Työpaikkailmoitus, joka kiinnostaa sinua, jos sinulla on.
theme-interview-bring = Työpaikkailmoitus, johon haluaisit hakea.
theme-job_ads-bring = Puhelin tai kannettava tietokone, jos sinulla on.
theme-competence-bring = Todistuksia tai muistiinpanoja aiemmista töistä, jos sinulla on.
theme-work_life_skills-bring = Ei tarvitse tuoda mitään.
theme-strengths-bring = Ei tarvitse tuoda mitään.
theme-support_needs-bring = Ei tarvitse tuoda mitään.
theme-peer_support-bring = Ei tarvitse tuoda mitään.
theme-other-bring = Ohjaaja kertoo, jos tarvitset jotakin.
error-phone-invalid = Kirjoita puhelinnumero, esimerkiksi 040 123 4567 tai +46 70 123 4567.
error-email-or-phone-required = Anna sähköposti tai puhelinnumero.
error-consent-required = Lähetettä ei voi tallentaa ilman asiakkaan suostumusta.
error-referral-status-unknown = Tuntematon lähetteen tila.
error-decline-reason-required = Kirjoita syy. Se lähetetään lähetteen tehneelle.
error-referral-duplicate = Tällä henkilöllä on jo lähete tähän ryhmään.
error-referral-decided = Lähetteestä on jo päätetty.
error-group-not-taking-referrals = Tähän ryhmään ei nyt oteta lähetteitä.
error-participant-already-in-group = Henkilö on jo tässä ryhmässä tai sen jonossa toisen lähetteen kautta. Voit hylätä tämän lähetteen.
error-group-unknown = Ryhmää ei löydy.
error-already-withdrawn = Osallistuminen on jo peruttu.
error-not-waitlisted = Henkilö ei ole jonossa.
error-no-email = Henkilöllä ei ole sähköpostiosoitetta.
error-invitation-used = Henkilö on jo ottanut tunnuksensa käyttöön.
mail-schedule-later = Tapaamisten ajat kerrotaan myöhemmin.
mail-enrolled-subject = Tervetuloa ryhmään { $group }
mail-enrolled-body =
    Hei { $name },

    sinulla on paikka työnhakuklubin ryhmässä { $group }.

    Paikka: { $location }

    Tapaamiset:
    { $schedule }

    { $signin }

    Jos et pääsekään mukaan, kerro siitä täällä, niin paikka annetaan toiselle:
    { $withdraw }
mail-enrolled-set-password =
    Tee itsellesi salasana tästä linkistä. Näet sen jälkeen tapaamiset ja mitä niihin otetaan mukaan:
    { $link }
    Linkki toimii 7 päivää ja vain kerran.
mail-enrolled-sign-in = Kirjaudu Klubiin: { $link }
mail-promoted-subject = Ryhmään { $group } vapautui paikka sinulle
mail-promoted-body =
    Hei { $name },

    olit jonossa ryhmään { $group }. Paikka vapautui, ja se on nyt sinun.

    Paikka: { $location }

    Tapaamiset:
    { $schedule }

    { $signin }

    Jos et pääsekään mukaan, kerro siitä täällä:
    { $withdraw }
mail-waitlisted-subject = Olet jonossa ryhmään { $group }
mail-waitlisted-body =
    Hei { $name },

    ryhmä { $group } on nyt täynnä. Olet jonossa sijalla { $position }.
    Saat viestin heti, jos paikka vapautuu.

    Jos et halua enää jonottaa, kerro siitä täällä:
    { $link }
mail-declined-subject = Lähetettä ryhmään { $group } ei hyväksytty
mail-declined-body =
    Hei { $name },

    lähetettä, jonka teit asiakkaalle { $participant } ryhmään { $group }, ei hyväksytty.

    Syy:
    { $reason }
mail-client-promoted-subject = { $participant } sai paikan ryhmästä { $group }
mail-client-promoted-body =
    Hei { $name },

    asiakkaasi { $participant } oli jonossa ryhmään { $group }. Paikka vapautui, ja hän on nyt ryhmässä. Hän sai kutsun.
mail-client-withdrew-subject = { $participant } perui paikkansa ryhmästä { $group }
mail-client-withdrew-body =
    Hei { $name },

    asiakkaasi { $participant } perui paikkansa ryhmästä { $group }.

    Hänen kertomansa syy: { $reason }

## Asiantuntijaohjaukset (issue 4)
nav-internal = Asiantuntijaohjaukset
internal-title = Asiantuntijaohjaukset
internal-intro = Ohjaukset, jotka olet tehnyt tai saanut. Ne näkyvät vain ohjaajalle, asiantuntijalle ja asiakkaalle.
internal-empty = Ei asiantuntijaohjauksia.
internal-new-title = Ohjaus asiantuntijalle
internal-new-intro = Ohjaa { $name } saman organisaation tai kumppanin asiantuntijalle, esimerkiksi mentaalivalmennukseen.
internal-choose-specialist = Valitse asiantuntija
internal-submit = Lähetä ohjaus
internal-referral-title = Asiantuntijaohjaus
internal-accept = Ota asiakkaaksi
internal-close = Päätä ohjaus
internal-sessions = Tapaamiset
internal-notes-private = Muistiinpanot näkyvät vain sinulle.
internal-no-sessions = Tapaamisia ei ole vielä kirjattu.
internal-record-session = Kirjaa tapaaminen
internal-record-submit = Tallenna tapaaminen
internal-status-pending = Odottaa asiantuntijaa
internal-status-accepted = Käynnissä
internal-status-closed = Päättynyt
label-specialist = Asiantuntija
label-internal-reason = Miksi ohjaat
label-held-on = Tapaamisen päivä
label-session-note = Lyhyt muistiinpano
consent-internal-text = Asiakas on antanut luvan siihen, että hänen nimensä ja tämä ohjauksen syy annetaan valitulle asiantuntijalle. Ohjaus näkyy vain asiakkaalle, ohjaajalle ja asiantuntijalle.
consent-internal-checkbox = Asiakas on antanut suostumuksensa ohjaukseen.
roster-refer-specialist = Ohjaa { $name } asiantuntijalle
my-specialists = Asiantuntijan tuki
flash-internal-created = Ohjaus on lähetetty asiantuntijalle.
flash-internal-accepted = Ohjaus on otettu vastaan.
flash-internal-closed = Ohjaus on päätetty.
flash-session-recorded = Tapaaminen on kirjattu.
error-not-enrolled = Henkilö ei ole tämän ryhmän osallistuja.
error-specialist-unknown = Valitse asiantuntija listasta.
error-internal-referral-state = Ohjauksen tila ei salli tätä.
error-session-in-future = Kirjaa vain tapaamisia, jotka on jo pidetty.
error-date-out-of-range = Päivämäärä on liian kaukana.
back-to-group = Takaisin ryhmään

## Tulostettava kutsu ja koodi (issue 4)
label-sign-in-id = Sähköposti tai puhelinnumero
set-password-sign-in-as = Kirjaudu jatkossa tunnuksella { $id } ja tällä salasanalla.
code-title = Ota tunnus käyttöön koodilla
code-intro = Kirjoita koodi, jonka sait paperisessa kutsussa. Sen jälkeen teet itsellesi salasanan.
label-code = Koodi
code-submit = Jatka
code-back-to-login = Takaisin kirjautumiseen
error-code-invalid = Koodi ei kelpaa. Tarkista koodi tai pyydä uusi kutsu ohjaajalta.
error-code-throttled = Liian monta yritystä. Odota hetki ja yritä uudelleen.
roster-print = Tulosta kutsu
printed-title = Kutsu
printed-print-hint = Tulosta tämä sivu selaimen tulostustoiminnolla ja anna se osallistujalle.
printed-heading = Kutsu: { $group }
printed-hello = Hei { $name },
printed-seat = sinulla on paikka työnhakuklubin ryhmässä { $group }.
printed-meetings = Tapaamiset
printed-sign-in = Klubi netissä
printed-code-intro = Näet tapaamiset ja mitä niihin otetaan mukaan myös netissä. Mene osoitteeseen { $url } ja kirjoita tämä koodi:
printed-code-valid = Koodi toimii 7 päivää ja vain kerran. Kirjaudu sen jälkeen puhelinnumerollasi ja itse tekemälläsi salasanalla.

## Attendance, compensation and the group report (issue 5)
nav-today = Tänään
nav-my-attendance = Läsnäoloni
nav-alerts = Poissaolot
attendance-title = Läsnäolot
attendance-present = Paikalla
attendance-late = Myöhässä
attendance-excused = Poissa, ilmoitettu
attendance-absent = Poissa
attendance-unmarked = Ei merkitty
attendance-summary = Odotetaan { $expected } / { $total } · merkitty { $marked }
attendance-locked = Kulukorvausraportti (versio { $version }) on hyväksytty, joten läsnäoloja ei voi muuttaa. Koordinaattori voi avata raportin korjausta varten.
attendance-nobody = Ryhmässä ei ole vielä osallistujia.
attendance-noticed = Ilmoitti etukäteen, ettei pääse
attendance-noticed-reason = Ilmoitti etukäteen, ettei pääse: { $reason }
attendance-marked-as = { $name }: { $status }.
attendance-undo = Kumoa
meeting-attendance-link = Merkitse läsnäolot
today-title = Tämän päivän tapaamiset
today-meetings = Tänään
today-none = Sinulla ei ole tänään tapaamisia.
today-mark = Merkitse läsnäolot
today-recent = Viime viikon tapaamiset
mine-title = Läsnäoloni
mine-none = Et ole vielä minkään ryhmän osallistuja.
mine-attended = Olet osallistunut { $count } tapaamiseen.
mine-minimum = Vähintään { $min } tapaamiseen pitää osallistua.
mine-compensation = Kulukorvauksesi tähän mennessä: { $amount }.
mine-compensation-approved = Hyväksytty kulukorvauksesi: { $amount }.
mine-coming = Tulossa
mine-cannot-come = En pääse tähän tapaamiseen
mine-send-notice = Lähetä ilmoitus
mine-take-back = Pääsenkin tulemaan
label-notice-reason = Syy (vapaaehtoinen)
flash-notice-given = Ilmoitus lähetetty. Valmentaja näkee sen.
flash-notice-taken-back = Ilmoitus peruttu. Tervetuloa!
alerts-title = Poissaolot
alerts-intro = Ilmoitukset, kun asiakas on ollut poissa tapaamisesta ilmoittamatta.
alerts-none = Ei poissaoloilmoituksia.
alerts-first = Ilmoitettu lähettäjälle
alerts-escalated = Toistuva – myös koordinaattorille
alerts-policy-heading = Organisaation poissaoloilmoitukset
label-alert-policy = Milloin lähettäjä saa ilmoituksen
alert-policy-off = Ei ilmoituksia
alert-policy-every-miss = Jokaisesta ilmoittamattomasta poissaolosta
alert-policy-two-in-a-row = Kahdesta peräkkäisestä poissaolosta
flash-alert-policy-saved = Asetus tallennettu.
compensation-title = Kulukorvaukset
compensation-not-approved = Raporttia ei ole vielä hyväksytty. Luvut lasketaan läsnäoloista.
compensation-approved-by = Versio { $version } hyväksytty: { $name }, { $when }. Läsnäoloja ei voi muuttaa.
compensation-lines = Osallistujat
compensation-no-lines = Ryhmässä ei ole osallistujia.
compensation-meetings = Tapaamisia
compensation-amount = Summa
compensation-total = Yhteensä
compensation-download = Lataa taulukkona (CSV)
compensation-approve-heading = Hyväksy maksuraportti
compensation-approve-hint = Hyväksyminen lukitsee luvut. Sen jälkeen ryhmän läsnäoloja ei voi muuttaa.
compensation-approve = Hyväksy ja lukitse
compensation-reopen-heading = Avaa korjausta varten
compensation-reopen-hint = Avaaminen säilyttää hyväksytyn version. Korjauksen jälkeen hyväksytään uusi versio.
compensation-reopen = Avaa raportti
label-reopen-reason = Syy avaamiseen
compensation-rates = Korvaus tapaamiselta
compensation-rates-hint = Uusi korvaus koskee tapaamisia alkaen sen päivästä.
compensation-from = Alkaen
compensation-rate-column = Korvaus
compensation-rate-base = Ryhmän alusta
compensation-rate-new = Uusi korvaus
compensation-rate-remove = Poista
compensation-rate-remove-named = Poista { $date } alkaen voimassa oleva korvaus
label-effective-from = Alkaen päivästä
label-rate-euros = Korvaus tapaamiselta (€)
hint-rate-euros = Esimerkiksi 9,00. Jätä tyhjäksi, jos korvausta ei makseta.
compensation-versions = Hyväksytyt versiot
compensation-version = Versio { $version }
compensation-version-approved = hyväksyjä { $name }, { $when }
compensation-version-reopened = Avattu: { $name }, { $when } – { $reason }
compensation-csv-file = kulukorvaukset
compensation-csv-name = Nimi
compensation-csv-id = Tunniste
compensation-csv-meetings = Tapaamisia
compensation-csv-euros = Summa (€)
compensation-csv-cents = Summa (senttiä)
flash-rate-saved = Korvaus tallennettu.
flash-rate-removed = Korvaus poistettu.
flash-compensation-approved = Maksuraportti hyväksytty ja lukittu.
flash-compensation-reopened = Maksuraportti avattu korjausta varten.
group-report-link = Ryhmän raportti
group-compensation-link = Kulukorvaukset
roster-attended = Tapaamisia
report-title = Ryhmän raportti
report-enrolled = Osallistujia
report-waitlisted = Jonossa
report-meetings-held = Pidettyjä tapaamisia
report-meetings-remaining = Tulevia tapaamisia
report-attendance-rate = Läsnäoloaste
report-min-attendance = Vähimmäisosallistuminen (tapaamisia)
report-compensation-total = Kulukorvaukset yhteensä
report-compensation-approved = Kulukorvaukset yhteensä (hyväksytty)
report-below-final = Alle vähimmäisosallistumisen
report-below-flagged = Eivät voi enää saavuttaa vähimmäisosallistumista
report-below-none = Ei ketään.
report-per-meeting = Läsnäolo tapaamisittain
report-chart-title = Paikalla olleet tapaamisittain
report-chart-caption = Pylväs on paikalla olleiden (myös myöhässä tulleiden) määrä pidetyissä tapaamisissa. Samat luvut ovat taulukossa.
report-table-caption = Läsnäolo tapaamisittain
report-not-held = ei vielä pidetty
report-participants = Osallistujat
standing-met = Vähimmäismäärä täyttyi
standing-on-track = Vielä mahdollista
standing-below = Alle vähimmäismäärän
standing-cannot-reach = Ei voi enää saavuttaa
label-meeting = Tapaaminen
error-attendance-status = Tuntematon merkintä. Käytä: present, late, excused tai absent.
error-attendance-not-enrolled = Osallistuja { $participant_id } ei ole tämän ryhmän osallistuja.
error-attendance-not-saved = Merkintää ei tallennettu.
error-alert-policy = Valitse jokin vaihtoehdoista.
error-notice-reason-long = Syy on liian pitkä (enintään 500 merkkiä).
error-notice-too-late = Tapaaminen on jo alkanut. Ota yhteyttä valmentajaan.
error-compensation-negative = Korvaus ei voi olla negatiivinen.
error-compensation-too-high = Korvaus on liian suuri.
error-compensation-locked = Kulukorvausraportti on hyväksytty ja lukittu. Koordinaattori voi avata sen korjausta varten.
error-compensation-approved = Raportti on jo hyväksytty.
error-compensation-not-approved = Raporttia ei ole hyväksytty, joten sitä ei voi avata.
mail-no-show-subject = { $participant } oli poissa tapaamisesta
mail-no-show-body =
    Hei { $name },

    asiakkaasi { $participant } ei tullut ryhmän { $group } tapaamiseen { $when } eikä ilmoittanut poissaolosta etukäteen.

    Poissaolot: { $link }
mail-no-show-again-subject = { $participant } on ollut poissa jälleen
mail-no-show-again-body =
    Hei { $name },

    { $participant } ei tullut ryhmän { $group } tapaamiseen { $when } eikä ilmoittanut poissaolosta. Hän on ollut poissa ilmoittamatta aiemminkin.

    Poissaolot: { $link }
referrals-attendance-heading = Läsnäolo
referrals-attendance = { $attended } / { $held } tapaamista
month-title = Kuukauden kulukorvaukset
month-empty = Kuukaudelta ei ole korvattavia läsnäoloja.
month-hint = Luvut lasketaan kuukauden tapaamisten läsnäoloista kaikissa organisaation ryhmissä. Ryhmän oma hyväksytty raportti kattaa koko ryhmän.
label-month = Kuukausi
compensation-csv-group = Ryhmä
error-month-invalid = Anna kuukausi muodossa VVVV-KK, esimerkiksi 2026-11.

## Two-step sign-in (a second factor: TOTP and recovery codes)
second-factor-title = Kaksivaiheinen kirjautuminen
second-factor-intro = Kirjautuessasi annat salasanan lisäksi kuusinumeroisen koodin puhelimesi todennussovelluksesta. Silloin pelkkä salasana ei riitä kenellekään toiselle.
second-factor-on = Käytössä.
second-factor-off = Ei käytössä.
second-factor-rule = Sääntö
second-factor-required = Organisaatiosi edellyttää sitä sinulta.
second-factor-forced = Organisaatiosi edellyttää kaksivaiheista kirjautumista. Ota se käyttöön, niin pääset jatkamaan.
second-factor-start = Ota käyttöön
second-factor-new-phone = Vaihda puhelin
second-factor-manage = Hallitse kaksivaiheista kirjautumista
second-factor-codes-left = Varakoodeja jäljellä: { $count }.
second-factor-codes-left-label = Varakoodeja jäljellä
second-factor-setup-title = Ota käyttöön kolmessa vaiheessa
second-factor-step-app = Asenna puhelimeesi todennussovellus, jos sinulla ei vielä ole sellaista.
second-factor-step-scan = Lue tämä QR-koodi sovelluksella.
second-factor-qr-alt = QR-koodi kaksivaiheisen kirjautumisen käyttöönottoon. Jos et voi lukea sitä, kirjoita alla oleva avain sovellukseen.
second-factor-step-type = Tai kirjoita tämä avain sovellukseen:
second-factor-step-type-hint = Välilyönneillä ei ole väliä. Valitse sovelluksessa aikaan perustuva koodi.
second-factor-step-code = Kirjoita sovelluksen näyttämä kuusinumeroinen koodi
second-factor-confirm = Vahvista ja ota käyttöön
second-factor-codes-title = Varakoodisi
second-factor-codes-intro = Kaksivaiheinen kirjautuminen on käytössä. Tässä ovat varakoodisi. Jos puhelin katoaa, voit kirjautua yhdellä niistä.
second-factor-codes-once = Tallenna koodit turvalliseen paikkaan, esimerkiksi tulosta ne. Jokainen koodi toimii vain kerran. Koodit näytetään vain nyt.
second-factor-codes-done = Olen tallentanut koodit, jatka
second-factor-new-codes-title = Uudet varakoodit
second-factor-new-codes-intro = Uudet koodit korvaavat vanhat: vanhat eivät enää toimi.
second-factor-new-codes = Tee uudet varakoodit
second-factor-off-title = Poista käytöstä
second-factor-off-intro = Sen jälkeen kirjaudut pelkällä salasanalla.
second-factor-turn-off = Poista kaksivaiheinen kirjautuminen käytöstä
second-factor-code-title = Kirjautumisen toinen vaihe
second-factor-code-intro = Salasana oli oikein. Kirjoita vielä puhelimesi todennussovelluksen näyttämä koodi.
label-second-factor-code = Kuusinumeroinen koodi
second-factor-code-submit = Kirjaudu
second-factor-recovery-title = Eikö puhelin ole mukana?
second-factor-recovery-intro = Kirjoita yksi varakoodeistasi. Jokainen koodi toimii vain kerran.
label-recovery-code = Varakoodi
second-factor-recovery-submit = Kirjaudu varakoodilla
second-factor-reset = Poista kaksivaiheinen kirjautuminen
second-factor-reset-help = Jos henkilön puhelin on kadonnut, poista hänen kaksivaiheinen kirjautumisensa. Hänen kirjautumisensa päättyvät, ja hän saa tästä viestin. Jos organisaatio edellyttää sitä, hän ottaa sen uudelleen käyttöön seuraavalla kirjautumisella.
second-factor-rule-title = Kaksivaiheinen kirjautuminen
second-factor-rule-intro = Valitse, keiltä organisaation työntekijöiltä kaksivaiheinen kirjautuminen edellytetään. Muut voivat ottaa sen käyttöön itse.
label-second-factor-rule = Kenelle pakollinen
second-factor-rule-default = Asennuksen oletus
second-factor-rule-roles = Ylläpitäjille, omavalmentajille ja asiantuntijoille
second-factor-rule-all-staff = Kaikille työntekijöille
second-factor-rule-none = Ei kenellekään
back-to-account = Takaisin omiin tietoihin
flash-second-factor-off = Kaksivaiheinen kirjautuminen on poistettu käytöstä.
flash-second-factor-reset = Kaksivaiheinen kirjautuminen on poistettu, ja henkilölle on lähetetty viesti.
flash-second-factor-rule-saved = Sääntö on tallennettu.
error-second-factor-code-wrong = Koodi ei kelpaa. Kirjoita sovelluksen nyt näyttämä koodi.
error-second-factor-throttled = Liian monta väärää koodia. Odota 15 minuuttia ja yritä sitten uudelleen.
error-second-factor-rule-unknown = Valitse yksi vaihtoehdoista.
error-second-factor-setup-none = Aloita käyttöönotto ensin.
error-second-factor-setup-replaced = Käyttöönotto aloitettiin uudelleen toisessa ikkunassa. Käytä uusinta QR-koodia.
error-second-factor-off = Kaksivaiheinen kirjautuminen ei ole käytössä.
error-second-factor-required = Organisaatiosi edellyttää kaksivaiheista kirjautumista, joten sitä ei voi poistaa käytöstä.
mail-second-factor-reset-subject = Kaksivaiheinen kirjautumisesi on poistettu
mail-second-factor-reset-body =
    Hei { $name },

    { $by } poisti kaksivaiheisen kirjautumisesi Klubissa, esimerkiksi kadonneen puhelimen takia. Myös vanhat varakoodisi lakkasivat toimimasta.

    Jos organisaatiosi edellyttää kaksivaiheista kirjautumista, otat sen uudelleen käyttöön seuraavalla kirjautumisella:
    { $link }

    Jos et tiedä, miksi näin tehtiin, ota yhteyttä ylläpitäjään.
mail-token-issued-subject = Sinulle tehtiin Klubiin API-avain
mail-token-issued-body =
    Hei { $name },

    { $issuer } teki nimissäsi Klubiin API-avaimen { $token }. Se toimii { $until } asti.

    Avaimella voi käyttää Klubia sinun oikeuksillasi. Näet avaimen ja voit perua sen Klubin sivulla Omat tiedot. Jos et tiedä, miksi avain tehtiin, peru se ja kerro asiasta ylläpitäjälle.

## Omat tietoni (issue 17)
my-data-title = Omat tietoni
my-data-link = Omat tietoni: kaikki, mitä Klubi tietää sinusta
my-data-intro = Tällä sivulla on kaikki, mitä Klubiin on tallennettu sinusta. Voit tallentaa tiedot tiedostoksi tai tulostaa sivun.
my-data-download = Lataa tiedot tiedostona (JSON)
my-data-reads = Kuka on lukenut tietojasi
my-data-reads-intro = Näet tästä, kuka työntekijä on avannut tietojasi, milloin ja mitä.
my-data-reads-none = Kukaan ei ole lukenut tietojasi.
my-data-read-when = Milloin
my-data-read-who = Kuka
my-data-read-organisation = Organisaatio
my-data-read-what = Mitä
my-data-read-referral-read-needs = Tuen tarpeet ohjauksessa
my-data-read-internal-referral-read-reason = Asiantuntijaohjauksen syy
my-data-read-internal-referral-read-notes = Asiantuntijan muistiinpanot
my-data-read-mail-read = Sinulle lähetetty viesti
my-data-nothing = Ei tietoja.
my-data-yes = kyllä
my-data-no = ei
my-data-key-account = Tunnuksesi
my-data-key-roles = Roolit
my-data-key-tokens = API-avaimet
my-data-key-sessions = Kirjautumiset
my-data-key-second-factor = Kaksivaiheinen kirjautuminen
my-data-key-calendar-feed = Kalenterilinkki
my-data-key-referrals = Ohjaukset ryhmiin
my-data-key-enrolments = Paikat ryhmissä
my-data-key-meetings = Ryhmiesi tapaamiset
my-data-key-attendance = Läsnäolo
my-data-key-no-show-alerts = Ilmoitukset poissaoloista
my-data-key-internal-referrals = Ohjaukset asiantuntijalle
my-data-key-specialist-sessions = Tapaamiset asiantuntijan kanssa
my-data-key-mails = Sinulle lähetetyt viestit
my-data-key-audit = Tapahtumaloki
my-data-key-compensation = Korvaukset
my-data-field-id = Tunniste
my-data-field-kind = Tunnuksen laji
my-data-field-email = Sähköposti
my-data-field-phone = Puhelin
my-data-field-pending-email = Odottava sähköpostiosoite
my-data-field-name = Nimi
my-data-field-language = Kieli
my-data-field-active = Käytössä
my-data-field-created-at = Tehty
my-data-field-deactivated-at = Poistettu käytöstä
my-data-field-organisation-name = Organisaatio
my-data-field-role = Rooli
my-data-field-expires-at = Voimassa asti
my-data-field-last-used-at = Käytetty viimeksi
my-data-field-revoked-at = Peruttu
my-data-field-read-only = Vain luku
my-data-field-issued-by = Antaja
my-data-field-last-seen-at = Viimeksi käytössä
my-data-field-enabled-at = Otettu käyttöön
my-data-field-recovery-codes-left = Varakoodeja jäljellä
my-data-field-group-name = Ryhmä
my-data-field-referred-by = Ohjaaja
my-data-field-participant-name = Nimi ohjauksessa
my-data-field-participant-email = Sähköposti ohjauksessa
my-data-field-participant-phone = Puhelin ohjauksessa
my-data-field-needs = Tuen tarpeet
my-data-field-status = Tila
my-data-field-consent-version = Suostumuksen versio
my-data-field-consent-at = Suostumus annettu
my-data-field-decided-at = Päätetty
my-data-field-decline-reason = Hylkäyksen syy
my-data-field-withdrawn-at = Peruttu
my-data-field-withdraw-reason = Perumisen syy
my-data-field-referral-id = Ohjauksen tunniste
my-data-field-accepted-at = Hyväksytty
my-data-field-moved-up-at = Siirretty jonosta
my-data-field-moved-up-reason = Siirron syy
my-data-field-starts-at = Alkaa
my-data-field-ends-at = Päättyy
my-data-field-theme = Aihe
my-data-field-title = Otsikko
my-data-field-location = Paikka
my-data-field-cancelled = Peruttu
my-data-field-meeting-id = Tapaamisen tunniste
my-data-field-marked-by = Merkitsijä
my-data-field-marked-at = Merkitty
my-data-field-notice-at = Poissaolosta ilmoitettu
my-data-field-notice-reason = Poissaolon syy
my-data-field-escalated = Toistunut
my-data-field-specialist = Asiantuntija
my-data-field-reason = Syy
my-data-field-closed-at = Päättynyt
my-data-field-internal-referral-id = Asiantuntijaohjauksen tunniste
my-data-field-held-on = Päivä
my-data-field-to-address = Vastaanottaja
my-data-field-subject = Aihe
my-data-field-sent-at = Lähetetty
my-data-field-at = Aika
my-data-field-action = Tapahtuma
my-data-field-entity-type = Kohteen laji
my-data-field-entity-id = Kohteen tunniste
my-data-field-actor-name = Tekijä
my-data-field-details = Tiedot
my-data-field-group-id = Ryhmän tunniste
my-data-field-attended-meetings = Läsnä tapaamisissa
my-data-field-amount-cents = Summa (senttiä)
my-data-field-approved = Hyväksytty
