//! `klubi bench-data`: the national-scale data the benchmarks of
//! docs/benchmarks.md run against, written through the same functions as the
//! app (so with audit rows), in batches.

use crate::state::AppState;
use klubi_db::Ctx;
use klubi_domain::meetings::MeetingDraft;
use klubi_domain::organisations::{OrgKind, OrgName};

pub struct Spec {
    pub groups: u32,
    pub meetings_per_group: u32,
    pub coach_email: String,
    pub coach_groups: u32,
}

pub async fn run(state: &AppState, now: i64, spec: &Spec) -> anyhow::Result<(u32, u32)> {
    let db = &state.db;
    let email = klubi_domain::people::Email::parse(&spec.coach_email)
        .map_err(|e| anyhow::anyhow!("--coach-email: {e}"))?;
    let coach = klubi_db::users::find_by_email(db, &email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no user {}", spec.coach_email))?;
    let format = klubi_db::formats::get(db, "template-tampere").await?;
    let ctx = Ctx::system(now, "bench-data");
    let started = jiff::Timestamp::from_second(now)?;
    // Twenty owner organisations; the coach's own organisation partners in the
    // coach's groups, as the partner rule needs.
    let mut orgs = Vec::new();
    let mut tx = db.begin().await?;
    for i in 0..20 {
        let name = OrgName::parse(&format!("Penkkiorganisaatio {i:02} {}", now % 100_000))
            .map_err(|e| anyhow::anyhow!(e))?;
        orgs.push(
            klubi_db::organisations::create(&mut tx, &ctx, &name, OrgKind::EmploymentServices)
                .await?
                .id,
        );
    }
    klubi_db::commit(tx).await?;
    let (mut groups, mut meetings) = (0u32, 0u32);
    let mut tx = db.begin().await?;
    for g in 0..spec.groups {
        let owner = &orgs[(g % 20) as usize];
        let mine = g < spec.coach_groups;
        let partners: Vec<String> = if mine {
            coach.organisation_id.iter().cloned().collect()
        } else {
            vec![]
        };
        let facilitators: Vec<String> = if mine { vec![coach.id.clone()] } else { vec![] };
        let id = klubi_db::groups::create(
            &mut tx,
            &ctx,
            &klubi_db::groups::NewGroup {
                organisation_id: owner,
                format_id: &format.id,
                name: &format!("Penkkiryhmä {g:05}"),
                location: "Hämeenkatu 10, Tampere",
                capacity: format.capacity,
                min_attendance: format.min_attendance,
                compensation_cents: format.compensation_cents,
                status: ["planned", "open", "running", "finished"][(g % 4) as usize],
                default_start_time: &format.default_start_time,
                plan: &format.meetings,
                partner_ids: &partners,
                facilitator_ids: &facilitators,
            },
        )
        .await?;
        groups += 1;
        // Spread over a year back and a year ahead; the coach's groups all
        // have meetings in the coming weeks (their calendar is full).
        let offset_days = if mine {
            i64::from(g % 14) - 7
        } else {
            i64::from(g % 730) - 365
        };
        for m in 0..spec.meetings_per_group {
            let start =
                started + jiff::SignedDuration::from_hours(24 * (offset_days + 7 * i64::from(m)));
            let draft = MeetingDraft {
                starts_at: Some(start),
                ends_at: Some(start + jiff::SignedDuration::from_hours(3)),
                kind: "regular".into(),
                theme: format.meetings[(m as usize) % format.meetings.len()]
                    .theme
                    .key()
                    .into(),
                location: "Hämeenkatu 10, Tampere".into(),
                ..Default::default()
            };
            let input = draft
                .validate(started)
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            klubi_db::meetings::create(&mut tx, &ctx, &id, owner, &input).await?;
            meetings += 1;
        }
        if g % 250 == 249 {
            klubi_db::commit(tx).await?;
            tx = db.begin().await?;
        }
    }
    klubi_db::commit(tx).await?;
    Ok((groups, meetings))
}

/// Pending referrals for the triage and accept benchmarks: `count` people
/// referred by the case manager to `groups` open groups of the coordinator's
/// organisation (capacity 10 each, so most accepts waitlist, as in a popular
/// club). Returns the referral ids.
pub async fn referrals(
    state: &AppState,
    now: i64,
    count: u32,
    groups: u32,
    coordinator_email: &str,
    case_manager_email: &str,
) -> anyhow::Result<Vec<String>> {
    let db = &state.db;
    use klubi_domain::referrals::{ParticipantDraft, ReferralDraft};
    let find = |e: &str| {
        let e = e.to_string();
        async move {
            let email =
                klubi_domain::people::Email::parse(&e).map_err(|m| anyhow::anyhow!("{e}: {m}"))?;
            klubi_db::users::find_by_email(db, &email)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no user {e}"))
        }
    };
    let coordinator = find(coordinator_email).await?;
    let case_manager = find(case_manager_email).await?;
    let org = coordinator
        .organisation_id
        .clone()
        .ok_or_else(|| anyhow::anyhow!("the coordinator has no organisation"))?;
    let cm_org = case_manager
        .organisation_id
        .clone()
        .ok_or_else(|| anyhow::anyhow!("the case manager has no organisation"))?;
    let format = klubi_db::formats::get(db, "template-tampere").await?;
    let ctx = Ctx {
        actor_id: Some(coordinator.id.clone()),
        ..Ctx::system(now, "bench-data")
    };
    let mut tx = db.begin().await?;
    let mut group_ids = vec![];
    for g in 0..groups.max(1) {
        let partners: Vec<String> = if cm_org == org {
            vec![]
        } else {
            vec![cm_org.clone()]
        };
        group_ids.push(
            klubi_db::groups::create(
                &mut tx,
                &ctx,
                &klubi_db::groups::NewGroup {
                    organisation_id: &org,
                    format_id: &format.id,
                    name: &format!("Lähetepenkki {g:03} {}", now % 100_000),
                    location: "Hämeenkatu 10, Tampere",
                    capacity: 10,
                    min_attendance: format.min_attendance,
                    compensation_cents: format.compensation_cents,
                    status: "open",
                    default_start_time: &format.default_start_time,
                    plan: &format.meetings,
                    partner_ids: &partners,
                    facilitator_ids: &[],
                },
            )
            .await?,
        );
    }
    klubi_db::commit(tx).await?;
    let cm_ctx = Ctx {
        actor_id: Some(case_manager.id.clone()),
        ..Ctx::system(now, "bench-data")
    };
    let mut ids = Vec::with_capacity(count as usize);
    let mut tx = db.begin().await?;
    for i in 0..count {
        let draft = ReferralDraft {
            group_id: group_ids[(i as usize) % group_ids.len()].clone(),
            participant: ParticipantDraft {
                name: format!("Penkki Asiakas {i:06}"),
                email: format!("penkki.{now}.{i}@bench.invalid"),
                phone: String::new(),
                language: "fi".into(),
            },
            needs: "Haluaa päivittää CV:n ja harjoitella työhaastattelua ryhmässä.".into(),
            consent: true,
        };
        let new = draft.parse().map_err(|e| anyhow::anyhow!("{e:?}"))?;
        match klubi_db::referrals::create(&mut tx, &cm_ctx, &new, &case_manager.id, &cm_org).await?
        {
            klubi_db::referrals::Created::Referral(id) => ids.push(id),
            _ => anyhow::bail!("bench referral {i} not created"),
        }
        if i % 500 == 499 {
            klubi_db::commit(tx).await?;
            tx = db.begin().await?;
        }
    }
    klubi_db::commit(tx).await?;
    Ok(ids)
}

/// Attendance data: `groups` running groups of the coordinator's organisation
/// facilitated by the coach, ten meetings each inside the current month
/// (Helsinki), 9,00 € a meeting; ten participants enrolled in every group of
/// the database and marked at every meeting (`klubi_db::attendance::bench_fill`),
/// so the attendance table holds meetings × 10 rows. Returns lines for the
/// benchmark script: `group <id>`, `meeting <id>`, `participant <id>`,
/// `organisation <id>`, `month <YYYY-MM>`, `rows <n>`.
pub async fn attendance(
    state: &AppState,
    now: i64,
    groups: u32,
    coordinator_email: &str,
    coach_email: &str,
) -> anyhow::Result<Vec<String>> {
    let db = &state.db;
    use klubi_domain::people::{Email, PersonName};
    let find = |e: &str| {
        let e = e.to_string();
        async move {
            let email = Email::parse(&e).map_err(|m| anyhow::anyhow!("{e}: {m}"))?;
            klubi_db::users::find_by_email(db, &email)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no user {e}"))
        }
    };
    let coordinator = find(coordinator_email).await?;
    let coach = find(coach_email).await?;
    let org = coordinator
        .organisation_id
        .clone()
        .ok_or_else(|| anyhow::anyhow!("the coordinator has no organisation"))?;
    let format = klubi_db::formats::get(db, "template-tampere").await?;
    let ctx = Ctx {
        actor_id: Some(coordinator.id.clone()),
        ..Ctx::system(now, "bench-data")
    };
    let tz = crate::i18n::tz();
    let today = jiff::Timestamp::from_second(now)?
        .to_zoned(tz.clone())
        .date();
    let first = today.first_of_month();
    let days = i64::from(today.days_in_month());
    let mut out = vec![
        format!("organisation {org}"),
        format!("month {}", first.strftime("%Y-%m")),
    ];
    let partners: Vec<String> = coach
        .organisation_id
        .iter()
        .filter(|o| **o != org)
        .cloned()
        .collect();
    let mut tx = db.begin().await?;
    for g in 0..groups {
        let id = klubi_db::groups::create(
            &mut tx,
            &ctx,
            &klubi_db::groups::NewGroup {
                organisation_id: &org,
                format_id: &format.id,
                name: &format!("Läsnäolopenkki {g:04} {}", now % 100_000),
                location: "Hämeenkatu 10, Tampere",
                capacity: 10,
                min_attendance: format.min_attendance,
                compensation_cents: Some(900),
                status: "running",
                default_start_time: &format.default_start_time,
                plan: &format.meetings,
                partner_ids: &partners,
                facilitator_ids: std::slice::from_ref(&coach.id),
            },
        )
        .await?;
        for m in 0..10i64 {
            let day = first.checked_add(jiff::Span::new().days((i64::from(g) + 3 * m) % days))?;
            let start = day.at(9, 0, 0, 0).to_zoned(tz.clone())?.timestamp();
            let draft = MeetingDraft {
                starts_at: Some(start),
                ends_at: Some(start + jiff::SignedDuration::from_hours(3)),
                kind: "regular".into(),
                theme: format.meetings[(m as usize) % format.meetings.len()]
                    .theme
                    .key()
                    .into(),
                location: "Hämeenkatu 10, Tampere".into(),
                ..Default::default()
            };
            let input = draft
                .validate(jiff::Timestamp::from_second(now)?)
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            let meeting = klubi_db::meetings::create(&mut tx, &ctx, &id, &org, &input).await?;
            if g == 0 && m == 0 {
                out.push(format!("meeting {meeting}"));
            }
        }
        if g == 0 {
            out.push(format!("group {id}"));
        }
        if g % 250 == 249 {
            klubi_db::commit(tx).await?;
            tx = db.begin().await?;
        }
    }
    let mut participants = vec![];
    for i in 0..10 {
        let email = Email::parse(&format!("lasna.{now}.{i}@bench.invalid"))
            .map_err(|e| anyhow::anyhow!(e))?;
        let name = PersonName::parse(&format!("Läsnä Osallistuja {i:02}"))
            .map_err(|e| anyhow::anyhow!(e))?;
        let u = klubi_db::users::create(
            &mut tx,
            &ctx,
            klubi_db::users::NewUser {
                pending_email: None,
                organisation_id: None,
                kind: klubi_domain::roles::AccountKind::Participant,
                email: Some(&email),
                phone: None,
                name: &name,
                language: klubi_domain::people::Language::Fi,
                roles: &klubi_domain::roles::Roles::new(vec![]),
                password_hash: None,
            },
        )
        .await?;
        out.push(format!("participant {}", u.id));
        participants.push(u.id);
    }
    klubi_db::commit(tx).await?;
    let rows = klubi_db::attendance::bench_fill(db, &participants, now).await?;
    out.push(format!("rows {rows}"));
    Ok(out)
}
