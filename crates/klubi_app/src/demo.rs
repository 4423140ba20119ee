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
    let _rehab = organisations::create(
        &mut tx,
        &ctx,
        &parse("Kuntoutussäätiö Askel")?,
        OrgKind::Rehabilitation,
    )
    .await?;
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
    for (email, name, org, kind, roles) in people {
        users::create(
            &mut tx,
            &ctx,
            users::NewUser {
                organisation_id: org,
                kind,
                email: &Email::parse(email).map_err(|e| anyhow::anyhow!(e))?,
                name: &PersonName::parse(name).map_err(|e| anyhow::anyhow!(e))?,
                language: Language::Fi,
                roles: &Roles::new(roles.to_vec()),
                password_hash: Some(hash.clone()),
            },
        )
        .await?;
    }
    tx.commit().await?;
    tracing::info!("demo data loaded; sign in as coordinator@demo.invalid / {PASSWORD}");
    Ok(())
}
