//! A second factor for staff: TOTP (RFC 6238: SHA-1, 6 digits, 30-second
//! steps, what authenticator apps assume) with ten recovery codes.
//!
//! - **Who must** have one: `klubi_domain::second_factor::required`, from the
//!   account's kind and roles and the rule in force (the organisation's, else
//!   the installation's `second_factor_default`, else `roles`), asked through
//!   `policy::second_factor`.
//! - **Signing in**: after a right password an account with a second factor
//!   gets a login session flagged `second_factor_pending` ([`start_session`]);
//!   the context middleware lets it reach the code page only ([`gate`]), for
//!   5 minutes. A right code ends it and starts a real session (a new cookie).
//!   An account that must have one but has none gets a real session that can
//!   reach the setting-up page only ([`Gate::Enrol`]).
//! - **Codes** are checked at the caller's `now` (the app's clock, never the
//!   system's), one step either way, and only later than the last accepted
//!   step (no replay). Wrong codes count like failed passwords.
//! - **Secrets** are sealed with the instance key ([`crate::keys`], purpose
//!   `totp:<user id>`); recovery codes are kept as SHA-256 hashes.

use crate::Caller;
use crate::auth::{Actor, password, secret};
use crate::error::{Error, Result};
use crate::mail;
use crate::policy::{self, Action};
use klubi_db::second_factor as store;
use klubi_db::users::{self, User};
use klubi_domain::Invalid;
use klubi_domain::login::ThrottlePolicy;
use klubi_domain::second_factor::{self as rules, Requirement};
use rand::{Rng, RngExt};

/// The name authenticator apps show above the code.
const ISSUER: &str = "Klubi";

/// What a login session may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Everything its person may.
    Open,
    /// The password was right; only the code page until the code is.
    Code,
    /// The person must have a second factor and has none: only setting one up.
    Enrol,
}

/// The gate of a signed-in caller (API tokens are not gated: they are a
/// credential of their own).
pub fn gate(a: &Actor) -> Gate {
    let Some(s) = &a.session else {
        return Gate::Open;
    };
    if s.second_factor_pending {
        return Gate::Code;
    }
    let rule = Requirement::in_force(s.second_factor.rule.as_deref(), None);
    if !s.second_factor.enabled && policy::must_have_second_factor(a, rule) {
        Gate::Enrol
    } else {
        Gate::Open
    }
}

/// A new login session for someone whose password (or single-use link) was
/// right: one waiting for the code when the account has a second factor.
pub(crate) async fn start_session(cx: &Caller, user_id: &str) -> Result<(String, User)> {
    let cookie = secret::new_secret();
    let csrf = secret::new_secret();
    let mut ctx = cx.ctx();
    ctx.actor_id = Some(user_id.to_string());
    let has_one = store::standing(cx.db(), user_id).await?.enabled;
    let mut tx = cx.db().begin().await?;
    let hash = secret::hash(&cookie);
    if has_one {
        store::create_pending_session(&mut tx, &ctx, &hash, user_id, &csrf).await?;
    } else {
        klubi_db::login_sessions::create(&mut tx, &ctx, &hash, user_id, &csrf).await?;
    }
    klubi_db::commit(tx).await?;
    Ok((cookie, users::get(cx.db(), user_id).await?))
}

/// One's own second factor as the account page shows it.
#[derive(Debug, Clone)]
pub struct Status {
    pub enabled: bool,
    /// The rule in force says one must have it (it cannot be turned off).
    pub required: bool,
    /// A setting-up was begun and not confirmed.
    pub setting_up: bool,
    pub recovery_codes_left: i64,
}

pub(crate) async fn status_of(cx: &Caller, a: &Actor) -> Result<Status> {
    let standing = store::standing(cx.db(), &a.user.id).await?;
    let factor = store::get(cx.db(), &a.user.id).await?.unwrap_or_default();
    let rule = Requirement::in_force(standing.rule.as_deref(), None);
    Ok(Status {
        enabled: standing.enabled,
        required: policy::must_have_second_factor(a, rule),
        setting_up: factor.new_secret_sealed.is_some(),
        recovery_codes_left: factor.recovery_codes_left,
    })
}

/// A secret being set up, to show: as a QR code of `uri` and as text.
#[derive(Debug, Clone)]
pub struct NewSecret {
    /// `otpauth://totp/Klubi:<email>?secret=…&issuer=Klubi`.
    pub uri: String,
    /// The secret in base32, in groups of four, for typing by hand.
    pub text: String,
}

/// The setting-up page: the status and, once begun, the new secret.
pub struct Setup {
    pub status: Status,
    pub new_secret: Option<NewSecret>,
}

fn purpose(user_id: &str) -> String {
    format!("totp:{user_id}")
}

/// The name of the account in an authenticator app (no `:` allowed there).
fn account_name(u: &User) -> String {
    u.email
        .clone()
        .filter(|e| !e.contains(':'))
        .unwrap_or_else(|| u.id.clone())
}

fn totp(secret: &[u8], account: &str) -> Result<totp_rs::Totp> {
    totp_rs::Builder::new()
        .with_secret(secret.to_vec())
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|e| Error::Internal(format!("totp: {e}")))
}

/// The secret's bytes from its sealed form.
fn open(cx: &Caller, user_id: &str, sealed: &str) -> Result<Vec<u8>> {
    let text = cx
        .state
        .keys
        .open(&purpose(user_id), sealed)
        .ok_or_else(|| Error::Internal("a second factor's secret does not open".into()))?;
    totp_rs::Secret::try_from_base32(text)
        .map(|s| s.as_bytes().to_vec())
        .map_err(|e| Error::Internal(format!("a second factor's secret: {e}")))
}

/// The time step a typed code comes from, if it is right at `now` (within
/// one step) and later than `last`.
fn matching_step(secret: &[u8], typed: &str, now: i64, last: Option<i64>) -> Option<i64> {
    let code: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = totp(secret, ISSUER).ok()?;
    let step = i64::try_from(t.check(&code, u64::try_from(now).ok()?)?).ok()?;
    rules::step_acceptable(step, now, last).then_some(step)
}

/// The secret's text in groups of four (`ABCD EFGH …`).
fn grouped(s: &str, sep: &str) -> String {
    s.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The setting-up page of the signed-in staff member.
pub async fn setup(cx: &Caller) -> Result<Setup> {
    let a = cx.actor()?;
    policy::require(a, Action::UseSecondFactor)?;
    let status = status_of(cx, a).await?;
    let new_secret = match store::get(cx.db(), &a.user.id)
        .await?
        .and_then(|f| f.new_secret_sealed)
    {
        Some(sealed) => {
            let bytes = open(cx, &a.user.id, &sealed)?;
            let t = totp(&bytes, &account_name(&a.user))?;
            Some(NewSecret {
                uri: t
                    .to_url()
                    .map_err(|e| Error::Internal(format!("totp: {e}")))?,
                text: grouped(&t.secret().to_base32(), " "),
            })
        }
        None => None,
    };
    Ok(Setup { status, new_secret })
}

/// Begins setting up (again): a new secret (160 bits), sealed, to be
/// confirmed with a code; one in force stays so until then.
pub async fn begin(cx: &Caller) -> Result<()> {
    let a = cx.actor()?;
    policy::require(a, Action::UseSecondFactor)?;
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    let text = totp_rs::Secret::from(bytes).to_base32();
    let sealed = cx.state.keys.seal(&purpose(&a.user.id), &text);
    let mut tx = cx.db().begin().await?;
    store::begin(&mut tx, &cx.ctx(), &a.user.id, &sealed).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// Confirms the secret being set up with a code from the app: it is in force
/// from now on, with a new set of recovery codes (returned as shown, once).
pub async fn confirm(cx: &Caller, code: &str) -> Result<Vec<String>> {
    let a = cx.actor()?;
    policy::require(a, Action::UseSecondFactor)?;
    let sealed = store::get(cx.db(), &a.user.id)
        .await?
        .and_then(|f| f.new_secret_sealed)
        .ok_or(Error::Conflict("error-second-factor-setup-none"))?;
    let bytes = open(cx, &a.user.id, &sealed)?;
    let Some(step) = matching_step(&bytes, code, cx.now, None) else {
        let mut tx = cx.db().begin().await?;
        store::record_refused(&mut tx, &cx.ctx(), &a.user.id, "code", "setup").await?;
        klubi_db::commit(tx).await?;
        return Err(Invalid::one("code", "error-second-factor-code-wrong").into());
    };
    let (codes, hashes) = new_recovery_codes_set();
    let mut tx = cx.db().begin().await?;
    store::confirm(&mut tx, &cx.ctx(), &a.user.id, &sealed, step, &hashes).await?;
    klubi_db::commit(tx).await?;
    Ok(codes)
}

/// A new set of recovery codes (the old stop working); the password must be given.
pub async fn new_recovery_codes(cx: &Caller, current_password: &str) -> Result<Vec<String>> {
    let a = cx.actor()?;
    policy::require(a, Action::UseSecondFactor)?;
    if !store::standing(cx.db(), &a.user.id).await?.enabled {
        return Err(Error::Conflict("error-second-factor-off"));
    }
    check_password(cx, a, current_password).await?;
    let (codes, hashes) = new_recovery_codes_set();
    let mut tx = cx.db().begin().await?;
    store::replace_recovery_codes(&mut tx, &cx.ctx(), &a.user.id, &hashes).await?;
    klubi_db::commit(tx).await?;
    Ok(codes)
}

/// Turns one's own second factor off, where the rule in force does not
/// require it; the password must be given.
pub async fn disable(cx: &Caller, current_password: &str) -> Result<()> {
    let a = cx.actor()?;
    policy::require(a, Action::UseSecondFactor)?;
    let status = status_of(cx, a).await?;
    if status.required {
        return Err(Error::Conflict("error-second-factor-required"));
    }
    check_password(cx, a, current_password).await?;
    let mut tx = cx.db().begin().await?;
    store::remove(&mut tx, &cx.ctx(), &a.user.id, "second_factor.disable").await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

async fn check_password(cx: &Caller, a: &Actor, typed: &str) -> Result<()> {
    let hash = users::password_hash_by_id(cx.db(), &a.user.id).await?;
    if password::verify(typed.to_string(), hash).await? {
        Ok(())
    } else {
        Err(Invalid::one("current_password", "error-password-wrong").into())
    }
}

/// How many characters a recovery code has: 24 of 32 symbols, 120 bits, so
/// that a plain SHA-256 is a fit hash for it (ASVS 5.0 6.5.2 asks 112 bits
/// of a lookup secret kept with an unsalted hash).
const RECOVERY_CODE_LEN: usize = 24;

/// Ten new recovery codes as shown (`ABCD-EFGH-JKLM-NPQR-STUV-WXYZ`) and their hashes.
fn new_recovery_codes_set() -> (Vec<String>, Vec<String>) {
    let mut rng = rand::rng();
    (0..rules::RECOVERY_CODES)
        .map(|_| {
            let code: String = (0..RECOVERY_CODE_LEN)
                .map(|_| {
                    char::from(
                        secret::CODE_ALPHABET[rng.random_range(0..secret::CODE_ALPHABET.len())],
                    )
                })
                .collect();
            (grouped(&code, "-"), secret::hash(&code))
        })
        .unzip()
}

/// A recovery code as typed (any case, spaces or dashes) in its stored form.
fn normalize_recovery_code(typed: &str) -> Option<String> {
    let c: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (c.len() == RECOVERY_CODE_LEN && c.bytes().all(|b| secret::CODE_ALPHABET.contains(&b)))
        .then_some(c)
}

/// What was typed on the code page.
pub enum Typed<'a> {
    /// Six digits from the app.
    Code(&'a str),
    RecoveryCode(&'a str),
}

pub enum CodeCheck {
    /// Signed in: the new login session's cookie value.
    SignedIn { cookie: String },
    /// Wrong, used already, or too old (counted like a failed password).
    Wrong,
    /// Too many wrong codes lately.
    Throttled,
}

/// Finishes a sign-in that waits for its code: a right code (or unused
/// recovery code) ends the waiting session and starts a real one.
pub async fn complete_sign_in(cx: &Caller, client_ip: &str, typed: Typed<'_>) -> Result<CodeCheck> {
    let a = cx.actor()?;
    let session = a
        .session
        .as_ref()
        .filter(|s| s.second_factor_pending)
        .ok_or(Error::NotFound)?;
    let user_id = a.user.id.as_str();
    let policy = ThrottlePolicy::default();
    let user_key = format!("second-factor:{user_id}");
    let ip_key = format!("second-factor-ip:{client_ip}");
    let db = cx.db();
    // Every try is counted before the code is checked (atomically: see
    // `klubi_db::login_throttle`); a right one is given back.
    let counts =
        klubi_db::login_throttle::take(db, &[&ip_key, &user_key], cx.now, policy.window_secs)
            .await?;
    if !policy.allows(counts[1], counts[0]) {
        return Ok(CodeCheck::Throttled);
    }
    let factor = store::get(db, user_id)
        .await?
        .filter(|f| f.enabled_at.is_some())
        .ok_or(Error::NotFound)?;
    let step = match typed {
        Typed::Code(code) => {
            let sealed = factor.secret_sealed.as_deref().unwrap_or_default();
            let bytes = open(cx, user_id, sealed)?;
            matching_step(&bytes, code, cx.now, factor.last_step)
        }
        Typed::RecoveryCode(_) => None,
    };
    let ctx = cx.ctx();
    let cookie = secret::new_secret();
    let mut tx = db.begin().await?;
    let (right, what) = match typed {
        Typed::Code(_) => match step {
            Some(step) => (
                store::accept_step(&mut tx, &ctx, user_id, step).await?,
                "code",
            ),
            None => (false, "code"),
        },
        Typed::RecoveryCode(code) => match normalize_recovery_code(code) {
            Some(c) => (
                store::use_recovery_code(&mut tx, &ctx, user_id, &secret::hash(&c)).await?,
                "recovery_code",
            ),
            None => (false, "recovery_code"),
        },
    };
    if !right {
        drop(tx);
        let mut tx = db.begin().await?;
        store::record_refused(&mut tx, &ctx, user_id, what, "sign_in").await?;
        klubi_db::commit(tx).await?;
        return Ok(CodeCheck::Wrong);
    }
    if !store::end_pending_session(&mut tx, &session.id_hash).await? {
        return Err(Error::NotFound);
    }
    let csrf = secret::new_secret();
    klubi_db::login_sessions::create(&mut tx, &ctx, &secret::hash(&cookie), user_id, &csrf).await?;
    klubi_db::commit(tx).await?;
    klubi_db::login_throttle::settle(db, &[&ip_key], &[&user_key]).await?;
    Ok(CodeCheck::SignedIn { cookie })
}

/// Takes another staff member's second factor away (an administrator; for a
/// lost phone): their recovery codes go too, every login session of theirs
/// ends, and they are told by mail. Where the rule requires one they set up
/// a new one at their next sign-in. False when they had none.
pub async fn reset(cx: &Caller, user_id: &str) -> Result<bool> {
    let a = cx.actor()?;
    let target = users::get(cx.db(), user_id).await?;
    policy::require(a, Action::ResetSecondFactor { target: &target })?;
    if a.user.id == target.id {
        // One's own is turned off on one's own page, with the password.
        return Err(Error::Conflict("error-cannot-change-self"));
    }
    let mut tx = cx.db().begin().await?;
    let removed = store::remove(&mut tx, &cx.ctx(), user_id, "second_factor.reset").await?;
    if removed {
        let link = format!("{}/login", cx.base);
        mail::queue_to(
            &mut tx,
            &cx.state.keys,
            cx.now,
            &target,
            mail::Kind::SecondFactorReset {
                by: &a.user.name,
                link: &link,
            },
        )
        .await?;
    }
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(removed)
}

/// Whether a staff member has a second factor, for an administrator who may
/// reset it (`None` for anyone else).
pub(crate) async fn of_staff_member(cx: &Caller, a: &Actor, target: &User) -> Result<Option<bool>> {
    if !policy::allows(a, Action::ResetSecondFactor { target }) {
        return Ok(None);
    }
    Ok(Some(store::standing(cx.db(), &target.id).await?.enabled))
}

/// Chooses who of an organisation's staff must have a second factor (an
/// administrator): `None` follows the installation's default.
pub async fn set_organisation_rule(
    cx: &Caller,
    organisation_id: &str,
    rule: Option<&str>,
) -> Result<Option<Requirement>> {
    let a = cx.actor()?;
    klubi_db::organisations::get(cx.db(), organisation_id).await?;
    policy::require(a, Action::SetSecondFactorRule { organisation_id })?;
    let rule = rule
        .map(|r| Requirement::parse(r).map_err(|k| Invalid::one("second_factor", k)))
        .transpose()?;
    let mut tx = cx.db().begin().await?;
    store::set_organisation_rule(
        &mut tx,
        &cx.ctx(),
        organisation_id,
        rule.map(|r| r.as_str()),
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_accepted_one_step_either_way_and_once() {
        let secret = [7u8; 20];
        let t = totp(&secret, "x@y.fi").unwrap();
        let now = 1_800_000_015_i64; // 15 s into a step
        let at = |s: i64| t.generate(u64::try_from(s).unwrap()).to_string();
        let step = rules::step_of(now);
        assert_eq!(matching_step(&secret, &at(now), now, None), Some(step));
        assert_eq!(
            matching_step(&secret, &at(now - 30), now, None),
            Some(step - 1)
        );
        assert_eq!(
            matching_step(&secret, &at(now + 30), now, None),
            Some(step + 1)
        );
        assert_eq!(matching_step(&secret, &at(now - 60), now, None), None);
        assert_eq!(matching_step(&secret, &at(now + 60), now, None), None);
        assert_eq!(matching_step(&secret, &at(now), now, Some(step)), None);
        let spaced = format!("{} {}", &at(now)[..3], &at(now)[3..]);
        assert_eq!(matching_step(&secret, &spaced, now, None), Some(step));
        assert_eq!(matching_step(&secret, "12345", now, None), None);
        assert_eq!(matching_step(&secret, "abcdef", now, None), None);
    }

    #[test]
    fn recovery_codes_carry_120_bits_and_read_back_however_typed() {
        let (codes, hashes) = new_recovery_codes_set();
        assert_eq!(codes.len(), 10);
        let distinct: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), 10);
        // 24 symbols of 32: 24 × 5 = 120 bits.
        assert_eq!(secret::CODE_ALPHABET.len(), 32);
        for (c, h) in codes.iter().zip(&hashes) {
            assert_eq!(c.len(), 29, "{c}");
            let typed = c.to_lowercase().replace('-', " ");
            let n = normalize_recovery_code(&typed).unwrap();
            assert_eq!(&secret::hash(&n), h);
        }
        assert_eq!(
            normalize_recovery_code("ABCD-EFGH-JKLM-NPQR-STUV-WXY0"),
            None
        );
        assert_eq!(normalize_recovery_code("123456"), None);
    }

    #[test]
    fn the_secret_is_shown_in_groups_of_four() {
        assert_eq!(grouped("ABCDEFGHIJ", " "), "ABCD EFGH IJ");
    }
}
