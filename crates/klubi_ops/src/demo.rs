//! Demo data (`serve --demo`): loaded once, into an empty database only. Later
//! features add their demo data here, in the same transaction.

use klubi_db::{Ctx, Db, organisations, settings, users};
use klubi_domain::organisations::{OrgKind, OrgName};
use klubi_domain::people::{Email, Language, PersonName};
use klubi_domain::roles::{AccountKind, Role, Roles};

pub const PASSWORD: &str = "klubi-demo";

/// Email, name, organisation, kind of account and roles of one demo user.
type DemoPerson<'a> = (&'a str, &'a str, Option<&'a str>, AccountKind, &'a [Role]);

pub async fn load(db: &Db, now: i64) -> anyhow::Result<()> {
    if settings::get(db, "demo_loaded").await?.is_some() {
        return Ok(());
    }
    if users::count(db).await? > 0 {
        anyhow::bail!("--demo loads into an empty database only; this one has users already");
    }
    let hash = crate::auth::password::hash(PASSWORD.to_string())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let ctx = Ctx::system(now, "demo");
    let mut tx = db.begin().await?;
    if !settings::set_once(&mut tx, "demo_loaded", "1").await? {
        return Ok(());
    }
    let parse = |s: &str| OrgName::parse(s).map_err(|e| anyhow::anyhow!(e));
    let services = organisations::create(
        &mut tx,
        &ctx,
        &parse("Tampereen työllisyyspalvelut")?,
        OrgKind::EmploymentServices,
    )
    .await?;
    let coaching = organisations::create(
        &mut tx,
        &ctx,
        &parse("Työnhakuvalmennus Polku Oy")?,
        OrgKind::CoachingProvider,
    )
    .await?;
    let rehab = organisations::create(
        &mut tx,
        &ctx,
        &parse("Kuntoutussäätiö Askel")?,
        OrgKind::Rehabilitation,
    )
    .await?;
    // The demo's sign-ins keep working with the password alone (README): none
    // of its organisations, nor the installation (accounts of no organisation,
    // such as a `klubi admin create`d one), requires a second factor.
    for org in [&services, &coaching, &rehab] {
        klubi_db::second_factor::set_organisation_rule(&mut tx, &ctx, &org.id, Some("none"))
            .await?;
    }
    klubi_db::second_factor::set_installation_rule(&mut tx, &ctx, "none").await?;
    let people: [DemoPerson; 6] = [
        (
            "admin@demo.invalid",
            "Aino Ylläpitäjä",
            Some(&services.id),
            AccountKind::Staff,
            &[Role::Admin],
        ),
        (
            "coordinator@demo.invalid",
            "Kaisa Koordinaattori",
            Some(&services.id),
            AccountKind::Staff,
            &[Role::Coordinator],
        ),
        (
            "coach@demo.invalid",
            "Ville Valmentaja",
            Some(&coaching.id),
            AccountKind::Staff,
            &[Role::Coach],
        ),
        (
            "casemanager@demo.invalid",
            "Olli Omavalmentaja",
            Some(&services.id),
            AccountKind::Staff,
            &[Role::CaseManager],
        ),
        (
            "specialist@demo.invalid",
            "Sanna Asiantuntija",
            Some(&services.id),
            AccountKind::Staff,
            &[Role::Specialist],
        ),
        (
            "participant@demo.invalid",
            "Pekka Osallistuja",
            None,
            AccountKind::Participant,
            &[],
        ),
    ];
    let mut ids = std::collections::HashMap::new();
    for (email, name, org, kind, roles) in people {
        let u = users::create(
            &mut tx,
            &ctx,
            users::NewUser {
                pending_email: None,
                organisation_id: org,
                kind,
                email: Some(&Email::parse(email).map_err(|e| anyhow::anyhow!(e))?),
                phone: None,
                name: &PersonName::parse(name).map_err(|e| anyhow::anyhow!(e))?,
                language: Language::Fi,
                roles: &Roles::new(roles.to_vec()),
                password_hash: Some(hash.clone()),
            },
        )
        .await?;
        ids.insert(email, u.id);
    }
    let coordinator = Ctx {
        actor_id: ids.get("coordinator@demo.invalid").cloned(),
        ..ctx.clone()
    };
    let coach = ids.get("coach@demo.invalid").cloned().unwrap_or_default();
    let groups = clubs(
        &mut tx,
        &coordinator,
        now,
        &services.id,
        &[&coaching.id, &rehab.id],
        &coach,
    )
    .await?;
    let case_manager = Ctx {
        actor_id: ids.get("casemanager@demo.invalid").cloned(),
        ..ctx.clone()
    };
    let pekka = referrals(&mut tx, &case_manager, &coordinator, &services.id, &groups).await?;
    let coach_marks = Ctx {
        actor_id: Some(coach.clone()),
        ..ctx.clone()
    };
    attendance(
        &mut tx,
        &case_manager,
        &coordinator,
        &coach_marks,
        &services.id,
        &groups,
    )
    .await?;
    // The coach noticed that speaking in the group was hard for Pekka and,
    // with his consent, referred him to the team's specialist, who has met
    // him once.
    let coach_ctx = Ctx {
        actor_id: Some(coach.clone()),
        ..ctx.clone()
    };
    let specialist = ids
        .get("specialist@demo.invalid")
        .cloned()
        .unwrap_or_default();
    let internal = klubi_db::internal_referrals::create(
        &mut tx,
        &coach_ctx,
        &klubi_db::internal_referrals::NewInternal {
            participant_id: &pekka,
            group_id: &groups[0],
            specialist_id: &specialist,
            reason: "Pekka jännittää puhumista ryhmässä niin, että jättää mieluummin tulematta. \
                     Hän toivoo apua jännityksen hallintaan.",
        },
    )
    .await?;
    let specialist_ctx = Ctx {
        actor_id: Some(specialist),
        ..ctx.clone()
    };
    klubi_db::internal_referrals::set_status(
        &mut tx,
        &specialist_ctx,
        &internal,
        &[klubi_domain::referrals::InternalStatus::Pending],
        klubi_domain::referrals::InternalStatus::Accepted,
    )
    .await?;
    let yesterday = jiff::Timestamp::from_second(now)?
        .to_zoned(crate::i18n::tz())
        .date()
        .yesterday()?;
    klubi_db::internal_referrals::add_session(
        &mut tx,
        &specialist_ctx,
        &internal,
        &yesterday.to_string(),
        "Ensitapaaminen: hengitysharjoitus ja pienet tavoitteet seuraavaan kertaan.",
    )
    .await?;
    klubi_db::commit(tx).await?;
    tracing::info!("demo data loaded; sign in as coordinator@demo.invalid / {PASSWORD}");
    Ok(())
}

/// Two groups: one running from the Tampere template (two meetings behind, a
/// guest visit with mock interviews and a recruitment fair at another time
/// ahead), one open from the Omnia template starting in three weeks.
async fn clubs(
    tx: &mut klubi_db::Tx,
    ctx: &Ctx,
    now: i64,
    owner: &str,
    partners: &[&str],
    coach: &str,
) -> anyhow::Result<Vec<String>> {
    let mut ids = vec![];
    use klubi_domain::meetings::MeetingDraft;
    use klubi_domain::schedule::{ScheduleSpec, generate};
    let tz = crate::i18n::tz();
    let today = jiff::Timestamp::from_second(now)?
        .to_zoned(tz.clone())
        .date();
    let monday = |weeks: i64| -> anyhow::Result<jiff::civil::Date> {
        let this = today.checked_sub(
            jiff::Span::new().days(i64::from(today.weekday().to_monday_zero_offset())),
        )?;
        Ok(this.checked_add(jiff::Span::new().weeks(weeks))?)
    };
    let partner_ids: Vec<String> = partners.iter().map(|p| p.to_string()).collect();
    let facilitators = vec![coach.to_string()];
    let runs = [
        (
            "template-tampere",
            "Työnhakuklubi, ryhmä 1",
            "Hämeenkatu 10, Tampere",
            "running",
            monday(-1)?,
        ),
        (
            "template-omnia",
            "Työnhakuklubi, syksy",
            "Omnia, Espoo",
            "open",
            monday(3)?,
        ),
        // Held in September; finished once its attendance is in (see `attendance`).
        (
            "template-tampere",
            "Työnhakuklubi, alkusyksy",
            "Hämeenkatu 10, Tampere",
            "running",
            monday(-10)?,
        ),
    ];
    for (format_id, name, location, status, first) in runs {
        let f = klubi_db::formats::get_in_tx(tx, format_id).await?;
        let id = klubi_db::groups::create(
            tx,
            ctx,
            &klubi_db::groups::NewGroup {
                organisation_id: owner,
                format_id,
                name,
                location,
                // The open group is a small pilot, so that its waiting list shows.
                capacity: if status == "open" { 3 } else { f.capacity },
                min_attendance: f.min_attendance,
                compensation_cents: f.compensation_cents,
                status,
                default_start_time: &f.default_start_time,
                plan: &f.meetings,
                partner_ids: &partner_ids,
                facilitator_ids: &facilitators,
            },
        )
        .await?;
        let spec = ScheduleSpec {
            first_date: first,
            weekdays: vec![
                jiff::civil::Weekday::Monday,
                jiff::civil::Weekday::Wednesday,
            ],
            start_time: jiff::civil::time(9, 0, 0, 0),
            duration_minutes: f
                .meetings
                .first()
                .map(|m| m.duration_minutes)
                .unwrap_or(180),
            count: f.meetings.len() as u32,
        };
        let schedule = generate(&spec, &tz).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let at = jiff::Timestamp::from_second(now)?;
        for (i, (slot, plan)) in schedule.slots.iter().zip(&f.meetings).enumerate() {
            let mut d = MeetingDraft {
                starts_at: Some(slot.starts_at),
                ends_at: Some(
                    slot.starts_at
                        + jiff::SignedDuration::from_mins(i64::from(plan.duration_minutes)),
                ),
                kind: "regular".into(),
                theme: plan.theme.key().into(),
                location: location.into(),
                ..Default::default()
            };
            if status == "running" && i == 2 {
                d.kind = "guest_visit".into();
                d.guest_organisation = "Rekrytointipalvelu Uusi Suunta".into();
                d.guest_purpose = "Harjoitushaastattelut".into();
            }
            if status == "running" && i == 3 {
                // The fair is in the afternoon: flagged as another time than usual.
                d.kind = "excursion".into();
                d.location = "Tampere-talo, rekrytointimessut".into();
                d.starts_at = Some(slot.starts_at + jiff::SignedDuration::from_hours(4));
                d.ends_at = Some(slot.starts_at + jiff::SignedDuration::from_hours(7));
            }
            let input = d.validate(at).map_err(|e| anyhow::anyhow!("{e:?}"))?;
            klubi_db::meetings::create(tx, ctx, &id, owner, &input).await?;
        }
        ids.push(id);
    }
    Ok(ids)
}

/// Referrals in every state: the demo participant and two others hold seats
/// in the running group, one waits for a decision there; the small open
/// group is full, with one on its waiting list, one pending, one declined
/// and one withdrawn.
async fn referrals(
    tx: &mut klubi_db::Tx,
    case_manager: &Ctx,
    coordinator: &Ctx,
    organisation: &str,
    groups: &[String],
) -> anyhow::Result<String> {
    let mut pekka = String::new();
    use klubi_db::referrals::{self as db, Created};
    use klubi_domain::referrals::{ParticipantDraft, ReferralDraft};
    let [running, open, ..] = groups else {
        anyhow::bail!("the demo has its groups");
    };
    enum Then {
        Accept,
        Pending,
        Decline(&'static str),
        Withdraw(&'static str),
    }
    let people: [(&String, &str, &str, &str, &str, Then); 10] = [
        (
            running,
            "Pekka Osallistuja",
            "participant@demo.invalid",
            "fi",
            "Pitkä työttömyys varastotyön jälkeen. Haluaa päivittää CV:n ja harjoitella haastattelua.",
            Then::Accept,
        ),
        (
            running,
            "Liisa Laine",
            "liisa@demo.invalid",
            "fi",
            "Palaa töihin hoitovapaalta. Kaipaa vertaistukea ja apua työnhakuun verkossa.",
            Then::Accept,
        ),
        (
            running,
            "Ahmed Hassan",
            "ahmed@demo.invalid",
            "en",
            "Kokki, suomen kieli vielä alkuvaiheessa. Tarvitsee apua hakemukseen ja työpaikkailmoitusten etsintään.",
            Then::Accept,
        ),
        (
            running,
            "Kalle Kivi",
            "kalle@demo.invalid",
            "fi",
            "Nuori, ei vielä työkokemusta. Arastaa ryhmiä, mutta haluaa kokeilla.",
            Then::Pending,
        ),
        (
            open,
            "Maria Nieminen",
            "maria@demo.invalid",
            "sv",
            "Ruotsinkielinen, tradenomi. Tarvitsee apua osaamisen sanoittamiseen.",
            Then::Accept,
        ),
        (
            open,
            "Jussi Mäkinen",
            "jussi@demo.invalid",
            "fi",
            "Alanvaihtaja rakennusalalta. Miettii, mihin osaaminen riittää.",
            Then::Accept,
        ),
        (
            open,
            "Fatima Ali",
            "fatima@demo.invalid",
            "fi",
            "Lähihoitaja, hakee vakituista työtä. Haastattelut jännittävät.",
            Then::Accept,
        ),
        (
            open,
            "Tiina Virtanen",
            "tiina@demo.invalid",
            "fi",
            "Hakee osa-aikatyötä. Haluaa oppia käyttämään työpaikkailmoituksia paremmin.",
            Then::Accept,
        ),
        (
            open,
            "Mikko Salo",
            "mikko@demo.invalid",
            "fi",
            "Kuntoutuksen jälkeen töihin paluu. Tarvitsee rauhallisen aloituksen.",
            Then::Pending,
        ),
        (
            open,
            "Sari Lehto",
            "sari@demo.invalid",
            "fi",
            "Opiskelee päivisin, pääsisi vain iltaisin.",
            Then::Decline(
                "Ryhmä kokoontuu aamupäivisin, eikä Sari pääse silloin. Iltaryhmä alkaa keväällä.",
            ),
        ),
    ];
    // No email: the coordinator prints the invitation with a code.
    let no_email = (
        running,
        "Aarne Ahonen",
        "",
        "fi",
        "Ei sähköpostia eikä tietokonetta. Tarvitsee apua työnhaun aloittamiseen.",
        Then::Accept,
    );
    let withdrawn = (
        open,
        "Eeva Koski",
        "eeva@demo.invalid",
        "fi",
        "Etsii kesätyötä.",
        Then::Withdraw("Sai työpaikan ennen ryhmän alkua."),
    );
    for (group, name, email, lang, needs, then) in people.into_iter().chain([no_email, withdrawn]) {
        let draft = ReferralDraft {
            group_id: group.clone(),
            participant: ParticipantDraft {
                name: name.into(),
                email: email.into(),
                phone: if email.is_empty() {
                    "040 123 4567".into()
                } else {
                    String::new()
                },
                language: lang.into(),
            },
            needs: needs.into(),
            consent: true,
        };
        let new = draft.parse().map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let Created::Referral(id) = db::create(
            tx,
            case_manager,
            &new,
            case_manager.actor_id.as_deref().unwrap_or_default(),
            organisation,
        )
        .await?
        else {
            anyhow::bail!("demo referral {name} not created");
        };
        let r = db::get_in_tx(tx, &id).await?;
        if email == "participant@demo.invalid" {
            pekka = r.participant_id.clone();
        }
        match then {
            Then::Pending => {}
            Then::Accept => {
                db::accept(tx, coordinator, &r)
                    .await?
                    .map_err(|e| anyhow::anyhow!("demo accept refused: {e:?}"))?;
            }
            Then::Decline(reason) => {
                db::decline(tx, coordinator, &r, reason)
                    .await?
                    .map_err(|e| anyhow::anyhow!("demo decline refused: {e:?}"))?;
            }
            Then::Withdraw(reason) => {
                db::accept(tx, coordinator, &r)
                    .await?
                    .map_err(|e| anyhow::anyhow!("demo accept refused: {e:?}"))?;
                db::withdraw(tx, case_manager, group, &r.participant_id, Some(reason)).await?;
            }
        }
    }
    Ok(pekka)
}

/// Attendance: the running group's meetings so far (Aarne missed one without
/// a word, so his case manager has an alert), and the spring group held in
/// full, finished, with its payment report approved.
async fn attendance(
    tx: &mut klubi_db::Tx,
    case_manager: &Ctx,
    coordinator: &Ctx,
    coach: &Ctx,
    organisation: &str,
    groups: &[String],
) -> anyhow::Result<()> {
    use klubi_db::referrals::{self as db, Created};
    use klubi_domain::attendance::Mark::{self, *};
    use klubi_domain::referrals::{ParticipantDraft, ReferralDraft};
    let [running, _, spring] = groups else {
        anyhow::bail!("the demo has three groups");
    };
    let now = coach.now;
    // The running group: the meetings that have begun.
    let roster = db::roster_in(tx, running).await?;
    let id_of = |name: &str| {
        roster
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.participant_id.clone())
            .unwrap_or_default()
    };
    let held: Vec<_> = klubi_db::meetings::list_for_group_in(tx, running)
        .await?
        .into_iter()
        .filter(|m| m.starts_at <= now)
        .collect();
    let plan: [[Mark; 4]; 2] = [
        [Present, Late, Present, Present],
        [Present, Present, Excused, Absent],
    ];
    let names = [
        "Pekka Osallistuja",
        "Liisa Laine",
        "Ahmed Hassan",
        "Aarne Ahonen",
    ];
    for (m, marks) in held.iter().zip(plan) {
        let marks: Vec<(String, Option<Mark>)> = names
            .iter()
            .zip(marks)
            .map(|(n, k)| (id_of(n), Some(k)))
            .collect();
        klubi_db::attendance::set(tx, coach, &m.id, running, organisation, &marks).await?;
        if let Some((aarne, Some(Absent))) = marks.last() {
            klubi_db::attendance::insert_alert(
                tx,
                coach,
                running,
                &m.id,
                aarne,
                case_manager.actor_id.as_deref(),
                false,
            )
            .await?;
        }
    }
    // The early-autumn group: four people, five meetings, 9,00 € per meeting attended.
    let people = [
        (
            "Oskari Rinne",
            "oskari@demo.invalid",
            [Present, Present, Late, Present, Present],
        ),
        (
            "Helmi Saari",
            "helmi@demo.invalid",
            [Present, Excused, Present, Present, Late],
        ),
        (
            "Juha Peltonen",
            "juha@demo.invalid",
            [Absent, Absent, Present, Absent, Present],
        ),
        (
            "Nora Berg",
            "nora@demo.invalid",
            [Absent, Absent, Absent, Absent, Absent],
        ),
    ];
    let mut ids = vec![];
    for (name, email, _) in &people {
        let draft = ReferralDraft {
            group_id: spring.clone(),
            participant: ParticipantDraft {
                name: (*name).into(),
                email: (*email).into(),
                phone: String::new(),
                language: "fi".into(),
            },
            needs: "Haluaa tukea työnhakuun ja vertaisryhmän.".into(),
            consent: true,
        };
        let new = draft.parse().map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let Created::Referral(id) = db::create(
            tx,
            case_manager,
            &new,
            case_manager.actor_id.as_deref().unwrap_or_default(),
            organisation,
        )
        .await?
        else {
            anyhow::bail!("demo referral {name} not created");
        };
        let r = db::get_in_tx(tx, &id).await?;
        db::accept(tx, coordinator, &r)
            .await?
            .map_err(|e| anyhow::anyhow!("demo accept refused: {e:?}"))?;
        ids.push(r.participant_id);
    }
    let meetings = klubi_db::meetings::list_for_group_in(tx, spring).await?;
    for (i, m) in meetings.iter().enumerate() {
        let marks: Vec<(String, Option<Mark>)> = ids
            .iter()
            .zip(&people)
            .map(|(id, (_, _, row))| (id.clone(), row.get(i).copied()))
            .collect();
        klubi_db::attendance::set(tx, coach, &m.id, spring, organisation, &marks).await?;
    }
    klubi_db::groups::update(
        tx,
        coordinator,
        spring,
        organisation,
        &klubi_db::groups::GroupChange {
            status: Some("finished".into()),
            ..Default::default()
        },
    )
    .await?;
    let base = klubi_db::formats::get_in_tx(tx, "template-tampere")
        .await?
        .compensation_cents;
    crate::compensation::approve_in(tx, coordinator, spring, organisation, base)
        .await
        .map_err(|e| anyhow::anyhow!("demo approval: {e}"))?;
    Ok(())
}
