//! Accounts: inviting staff, single-use links, signing in and out, one's own
//! password, language and API tokens (and tokens issued for others).

use crate::Caller;
use crate::auth::{password, secret};
use crate::error::{Error, Result};
use crate::mail;
use crate::policy::{self, Action};
use klubi_db::one_time_links::{self, Purpose};
use klubi_db::users;
use klubi_domain::Invalid;
use klubi_domain::login::{INVITATION_VALID_SECS, PASSWORD_RESET_VALID_SECS, ThrottlePolicy};
use klubi_domain::people::{Email, Language, NewPassword, PersonName};
use klubi_domain::roles::{AccountKind, Role, Roles};

pub use klubi_db::api_tokens::ApiToken;
pub use klubi_db::users::User;

pub struct StaffInput {
    pub email: String,
    pub name: String,
    pub organisation_id: String,
    pub roles: Vec<String>,
    pub language: String,
}

/// Creates a staff account without a password and mails an invitation link.
///
/// An address that already has an account the caller may see (an admin:
/// any) is 409. One they may not see (another organisation's, a job
/// seeker's) must not be told of: the new account keeps the address as
/// pending, the answer is the same as for a new address, and the address is
/// mailed a notice without a link ([`mail::Kind::AddressInUse`]).
pub async fn invite_staff(cx: &Caller, input: &StaffInput) -> Result<User> {
    let a = cx.actor()?;
    let mut inv = Invalid::default();
    let email = inv.check("email", Email::parse(&input.email));
    let name = inv.check("name", PersonName::parse(&input.name));
    let roles = inv.check("roles", Roles::parse(&input.roles));
    let language = inv.check("language", input.language.parse::<Language>());
    let roles_for_policy = roles.clone().unwrap_or_default();
    policy::require(
        a,
        Action::ManageUser {
            organisation_id: &input.organisation_id,
            roles: &roles_for_policy,
        },
    )?;
    if klubi_db::organisations::get(cx.db(), &input.organisation_id)
        .await
        .is_err()
    {
        inv.push("organisation_id", "error-organisation-unknown");
    }
    let (Some(email), Some(name), Some(roles), Some(language)) = (email, name, roles, language)
    else {
        return Err(inv.into());
    };
    inv.into_result()?;
    let taken = users::find_by_email(cx.db(), &email).await?;
    if let Some(existing) = &taken
        && !matches!(
            policy::decide(a, Action::ChangeUser { target: existing }),
            policy::Decision::Hidden
        )
    {
        return Err(Error::Conflict("error-email-taken"));
    }
    let (own, pending) = match taken {
        None => (Some(&email), None),
        Some(_) => (None, Some(&email)),
    };
    let ctx = cx.ctx();
    let mut tx = cx.db().begin().await?;
    let user = users::create(
        &mut tx,
        &ctx,
        users::NewUser {
            organisation_id: Some(&input.organisation_id),
            kind: AccountKind::Staff,
            email: own,
            phone: None,
            pending_email: pending,
            name: &name,
            language,
            roles: &roles,
            password_hash: None,
        },
    )
    .await?;
    send_link(&mut tx, cx, &user, Purpose::Invitation).await?;
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(user)
}

/// Issues a link and queues its mail, in the caller's transaction.
pub(crate) async fn send_link(
    tx: &mut klubi_db::Tx,
    cx: &Caller,
    user: &User,
    purpose: Purpose,
) -> Result<()> {
    let token = secret::new_secret();
    let valid = match purpose {
        Purpose::Invitation => INVITATION_VALID_SECS,
        Purpose::PasswordReset => PASSWORD_RESET_VALID_SECS,
    };
    let ctx = cx.ctx();
    let inviter = cx
        .actor
        .as_ref()
        .map(|a| a.user.name.clone())
        .unwrap_or_else(|| "Klubi".into());
    let mut notice = klubi_db::writes::Writes::new();
    if mail::push_pending_notice(
        &mut notice,
        &cx.state.keys,
        cx.now,
        user,
        &inviter,
        &cx.base,
    ) {
        return Ok(notice.run(tx).await?);
    }
    one_time_links::issue(tx, &ctx, &user.id, purpose, &secret::hash(&token), valid).await?;
    let link = format!("{}/link/{token}", cx.base);
    let kind = match purpose {
        Purpose::Invitation => mail::Kind::Invitation {
            link: &link,
            inviter: &inviter,
        },
        Purpose::PasswordReset => mail::Kind::PasswordReset { link: &link },
    };
    let to = mail::Recipient::of(user).ok_or(Error::Conflict("error-no-email"))?;
    mail::queue(tx, &cx.state.keys, cx.now, to, kind).await?;
    Ok(())
}

pub enum ResetAsked {
    /// Taken (whether or not the address has an account: never said).
    Taken,
    /// Too many requests from this address lately.
    Throttled,
}

/// "Forgot password": queues a job that mails a reset link if the address
/// belongs to an active account. The answer is the same either way, and so
/// is the work done for it (a counter and a job): neither its words nor its
/// time tell who has an account. Throttled per client address here and per
/// account in the job (more mails are silently not sent).
pub async fn request_password_reset(
    cx: &Caller,
    client_ip: &str,
    email: &str,
) -> Result<ResetAsked> {
    let policy = ThrottlePolicy::default();
    let Ok(email) = Email::parse(email) else {
        return Ok(ResetAsked::Taken);
    };
    let n = klubi_db::login_throttle::take(
        cx.db(),
        &[&format!("reset-ip:{client_ip}")],
        cx.now,
        policy.window_secs,
    )
    .await?;
    if n[0] > policy.max_resets_per_ip {
        return Ok(ResetAsked::Throttled);
    }
    let mut tx = cx.db().begin().await?;
    crate::jobs::enqueue(
        &mut tx,
        &ResetRequested {
            email: email.as_str().to_string(),
        },
        cx.now,
        cx.now,
    )
    .await?;
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(ResetAsked::Taken)
}

/// The job behind "forgot password": a reset link to an active account with
/// that address, at most [`ThrottlePolicy::max_resets_per_account`] a window.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ResetRequested {
    pub email: String,
}

impl crate::jobs::JobKind for ResetRequested {
    const KIND: &'static str = "password_reset";

    async fn run(
        self,
        state: &crate::state::AppStateRef,
        job_id: i64,
    ) -> Result<crate::jobs::Ran, String> {
        let cx = Caller::system(state, "job password_reset");
        mail_reset(&cx, job_id, &self.email)
            .await
            .map_err(|e| e.to_string())?;
        state.jobs_notify.notify_one();
        Ok(crate::jobs::Ran::Recorded)
    }
}

/// [`ResetRequested`]: the link and its mail, and the job done, in one transaction.
async fn mail_reset(cx: &Caller, job_id: i64, email: &str) -> Result<()> {
    cx.require_system()?;
    let policy = ThrottlePolicy::default();
    let user = match Email::parse(email) {
        Ok(e) => users::find_by_email(cx.db(), &e)
            .await?
            .filter(|u| u.active),
        Err(_) => None,
    };
    // Counted before the transaction (a counter is a write of its own).
    let user = match user {
        Some(u) => {
            let n = klubi_db::login_throttle::take(
                cx.db(),
                &[&format!("reset-account:{}", u.id)],
                cx.now,
                policy.window_secs,
            )
            .await?;
            (n[0] <= policy.max_resets_per_account).then_some(u)
        }
        None => None,
    };
    let mut tx = cx.db().begin().await?;
    if let Some(user) = user {
        send_link(&mut tx, cx, &user, Purpose::PasswordReset).await?;
    }
    klubi_db::jobs::complete_in(&mut tx, job_id, cx.now).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// Whose a still valid link (or printed code) is: `None` once it is used,
/// replaced or expired. The link itself is the caller's credential.
pub async fn link_holder(cx: &Caller, token: &str) -> Result<Option<User>> {
    let Some(link) = one_time_links::find_valid(cx.db(), &secret::hash(token), cx.now).await?
    else {
        return Ok(None);
    };
    Ok(Some(users::get(cx.db(), &link.user_id).await?))
}

pub enum LinkUse {
    /// The password is set and the holder signed in: the new login session's cookie value.
    SignedIn { cookie: String, user: User },
    /// The new password was refused; the link still works.
    Invalid { holder: User, errors: Invalid },
}

/// Uses a link: sets the password, ends the account's other login sessions and
/// signs the holder in. A used, replaced or expired link is `NotFound`.
pub async fn use_link(
    cx: &Caller,
    token: &str,
    password: &str,
    password_confirm: &str,
) -> Result<LinkUse> {
    let link = one_time_links::find_valid(cx.db(), &secret::hash(token), cx.now)
        .await?
        .ok_or(Error::NotFound)?;
    let password = match NewPassword::parse(password, password_confirm) {
        Ok(p) => p,
        Err((field, m)) => {
            return Ok(LinkUse::Invalid {
                holder: users::get(cx.db(), &link.user_id).await?,
                errors: Invalid::one(field, m),
            });
        }
    };
    let hash = password::hash(password.expose().to_string()).await?;
    let mut ctx = cx.ctx();
    ctx.actor_id = Some(link.user_id.clone());
    let mut tx = cx.db().begin().await?;
    if !one_time_links::consume(&mut tx, &ctx, &link).await? {
        return Err(Error::NotFound);
    }
    users::set_password(&mut tx, &ctx, &link.user_id, &hash, None).await?;
    klubi_db::commit(tx).await?;
    let (cookie, user) = start_session(cx, &link.user_id).await?;
    Ok(LinkUse::SignedIn { cookie, user })
}

pub enum Code {
    /// A live code: it opens `/link/{code}` like a mailed link.
    Valid(String),
    /// Unknown, used or expired (counted against the address).
    Wrong,
    /// Too many wrong codes from this address lately.
    Throttled,
}

/// The code of a printed invitation, as typed by a participant without email;
/// every try counts against `client_ip` (a right one is given back), like
/// failed sign-ins.
pub async fn redeem_code(cx: &Caller, client_ip: &str, typed: &str) -> Result<Code> {
    let policy = ThrottlePolicy::default();
    let ip_key = format!("code-ip:{client_ip}");
    let db = cx.db();
    let tries = klubi_db::login_throttle::take(db, &[&ip_key], cx.now, policy.window_secs).await?;
    if !policy.allows(0, tries[0]) {
        return Ok(Code::Throttled);
    }
    if let Some(code) = secret::normalize_code(typed)
        && one_time_links::find_valid(db, &secret::hash(&code), cx.now)
            .await?
            .is_some()
    {
        klubi_db::login_throttle::settle(db, &[&ip_key], &[]).await?;
        return Ok(Code::Valid(code));
    }
    Ok(Code::Wrong)
}

/// The account a sign-in names, as counted for throttling: an address in
/// lower case, a phone number in its one stored form (so "040 123 4567" and
/// "+358401234567" are one account), anything else as typed.
fn account_key(typed: &str) -> String {
    if let Ok(e) = Email::parse(typed) {
        return e.as_str().to_lowercase();
    }
    if let Ok(p) = klubi_domain::people::Phone::parse(typed) {
        return p.as_str().to_string();
    }
    typed.trim().to_lowercase()
}

pub enum SignIn {
    /// The new login session's cookie value.
    Ok {
        cookie: String,
        user: Box<User>,
    },
    /// Wrong address or password, or a deactivated account: never said which.
    Failed,
    Throttled,
}

/// Throttled per address, per account at that address (a stranger who fails
/// locks out only themselves) and, for an account failed at from anywhere,
/// slowed down but never refused. Every attempt is counted before the
/// password is checked, in one statement per counter, so concurrent attempts
/// cannot slip past the limits; a right one is given back.
pub async fn sign_in(cx: &Caller, client_ip: &str, email: &str, pw: &str) -> Result<SignIn> {
    let policy = ThrottlePolicy::default();
    let who = account_key(email);
    let ip_key = format!("ip:{client_ip}");
    let pair_key = format!("account-at:{who}|{client_ip}");
    let account = format!("account:{who}");
    let db = cx.db();
    let counts =
        klubi_db::login_throttle::take(db, &[&ip_key, &pair_key], cx.now, policy.window_secs)
            .await?;
    if !policy.allows(counts[1], counts[0]) {
        return Ok(SignIn::Throttled);
    }
    let failed_lately =
        klubi_db::login_throttle::count(db, &account, cx.now, policy.window_secs).await?;
    if policy.slows(failed_lately) {
        tokio::time::sleep(std::time::Duration::from_millis(policy.slow_down_ms)).await;
    }
    // Participants without an email address sign in with their phone number;
    // people who share one (a family's phone) each with their own password.
    let candidates = match Email::parse(email) {
        Ok(e) => users::password_hash(db, &e).await?.into_iter().collect(),
        Err(_) => match klubi_domain::people::Phone::parse(email) {
            Ok(p) => users::password_hash_by_phone(db, &p).await?,
            Err(_) => vec![],
        },
    };
    let mut signed_in = None;
    if candidates.is_empty() {
        // The same work as for an account, so the answer's time tells nothing.
        password::verify(pw.to_string(), None).await?;
    }
    for (id, hash) in candidates {
        if password::verify(pw.to_string(), Some(hash)).await? {
            signed_in = Some(id);
            break;
        }
    }
    let Some(user_id) = signed_in else {
        klubi_db::login_throttle::take(db, &[&account], cx.now, policy.window_secs).await?;
        return Ok(SignIn::Failed);
    };
    klubi_db::login_throttle::settle(db, &[&ip_key], &[&pair_key, &account]).await?;
    let (cookie, user) = start_session(cx, &user_id).await?;
    Ok(SignIn::Ok {
        cookie,
        user: Box::new(user),
    })
}

/// Ends the caller's login session (a page's sign-out); nothing for anyone else.
pub async fn sign_out(cx: &Caller) -> Result<()> {
    let Some(session) = cx.actor.as_ref().and_then(|a| a.session.as_ref()) else {
        return Ok(());
    };
    let mut tx = cx.db().begin().await?;
    klubi_db::login_sessions::end(&mut tx, &cx.ctx(), session).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// Remembers the language of a signed-in caller's pages and mail; for someone
/// not signed in there is nothing to store (the page keeps it in a cookie).
pub async fn set_language(cx: &Caller, lang: Language) -> Result<()> {
    let Some(a) = cx.actor.as_deref() else {
        return Ok(());
    };
    let mut tx = cx.db().begin().await?;
    users::set_language(&mut tx, &cx.ctx(), &a.user.id, lang).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// One's own account as the account page shows it.
pub struct Account {
    pub user: User,
    /// The name of one's organisation.
    pub organisation: Option<String>,
    /// Staff have API tokens; participants do not.
    pub staff: bool,
    /// Newest first; empty for a participant.
    pub tokens: Vec<ApiToken>,
    /// Staff's two-step sign-in; `None` for a participant.
    pub second_factor: Option<crate::second_factor::Status>,
}

pub async fn account(cx: &Caller) -> Result<Account> {
    let a = cx.actor()?;
    let staff = policy::allows(a, Action::UseStaffArea);
    let organisation = match &a.user.organisation_id {
        Some(id) => klubi_db::organisations::get(cx.db(), id)
            .await
            .ok()
            .map(|o| o.name),
        None => None,
    };
    let tokens = if staff {
        klubi_db::api_tokens::list_for_user(cx.db(), &a.user.id).await?
    } else {
        vec![]
    };
    let second_factor = if policy::allows(a, Action::UseSecondFactor) {
        Some(crate::second_factor::status_of(cx, a).await?)
    } else {
        None
    };
    Ok(Account {
        user: a.user.clone(),
        organisation,
        staff,
        tokens,
        second_factor,
    })
}

/// A session that waits for the second factor's code when the account has one.
async fn start_session(cx: &Caller, user_id: &str) -> Result<(String, User)> {
    crate::second_factor::start_session(cx, user_id).await
}

/// An API token's name: 1–100 characters.
pub fn token_name(s: &str) -> Result<String, Invalid> {
    klubi_domain::people::clean_text(s, 1, 100).map_err(|m| Invalid::one("name", m))
}

/// A new API token: its value is shown once; only its hash is stored.
#[derive(Debug, Clone)]
pub struct CreatedToken {
    pub id: String,
    pub name: String,
    pub token: String,
    pub expires_at: i64,
    pub read_only: bool,
}

/// What a new token is asked for as.
pub struct TokenRequest<'a> {
    pub name: &'a str,
    /// How many days it works: 1–365, 90 when not said.
    pub days: Option<i64>,
    pub read_only: bool,
}

/// Days a token works when its maker does not say.
pub const TOKEN_DAYS_DEFAULT: i64 = 90;
/// Days a token may work at most.
pub const TOKEN_DAYS_MAX: i64 = 365;

/// A token's name and its end, checked.
fn token_limits(
    cx: &Caller,
    t: &TokenRequest<'_>,
) -> Result<(String, klubi_db::api_tokens::Limits), Invalid> {
    let mut inv = Invalid::default();
    let name = inv.check("name", klubi_domain::people::clean_text(t.name, 1, 100));
    let days = t.days.unwrap_or(TOKEN_DAYS_DEFAULT);
    if !(1..=TOKEN_DAYS_MAX).contains(&days) {
        inv.push("expires_in_days", "error-token-days");
    }
    match name {
        Some(name) if inv.is_empty() => Ok((
            name,
            klubi_db::api_tokens::Limits {
                expires_at: cx.now + days * 86_400,
                read_only: t.read_only,
            },
        )),
        _ => Err(inv),
    }
}

/// A new token for the signed-in user (any user: API.md "/me/tokens"). From
/// a web page the password is asked again (`password`): a session left open
/// on a shared computer must not mint a credential that outlives it. A
/// token's own caller (the API) needs none.
pub async fn create_own_token(
    cx: &Caller,
    t: &TokenRequest<'_>,
    password: Option<&str>,
) -> Result<CreatedToken> {
    // API.md: any signed-in user makes tokens of their own (the page offers it to staff).
    let a = cx.actor()?;
    let limits = token_limits(cx, t);
    if a.session.is_some() {
        let hash = users::password_hash_by_id(cx.db(), &a.user.id).await?;
        if !password::verify(password.unwrap_or_default().to_string(), hash).await? {
            let mut inv = limits.err().unwrap_or_default();
            inv.push("current_password", "error-password-wrong");
            return Err(inv.into());
        }
    }
    let (name, limits) = limits?;
    issue_token(cx, &a.user, &name, &limits).await
}

/// A new token for another active user (an admin). It names its issuer: the
/// audit row's actor, the owner's token list, and a mail to the owner.
pub async fn create_token_for(
    cx: &Caller,
    user_id: &str,
    t: &TokenRequest<'_>,
) -> Result<CreatedToken> {
    let a = cx.actor()?;
    let target = users::get(cx.db(), user_id).await?;
    policy::require(a, Action::IssueTokenFor { target: &target })?;
    if !target.active {
        return Err(Error::Conflict("error-user-inactive"));
    }
    let (name, limits) = token_limits(cx, t)?;
    let created = issue_token(cx, &target, &name, &limits).await?;
    if target.id != a.user.id {
        let mut tx = cx.db().begin().await?;
        let until = crate::i18n::date(target.language, limits.expires_at);
        mail::queue_to(
            &mut tx,
            &cx.state.keys,
            cx.now,
            &target,
            mail::Kind::TokenIssued {
                issuer: &a.user.name,
                name: &name,
                until: &until,
            },
        )
        .await?;
        klubi_db::commit(tx).await?;
        cx.state.jobs_notify.notify_one();
    }
    Ok(created)
}

/// The caller's own tokens, newest first (never their values).
pub async fn list_own_tokens(cx: &Caller) -> Result<Vec<ApiToken>> {
    let a = cx.actor()?;
    Ok(klubi_db::api_tokens::list_for_user(cx.db(), &a.user.id).await?)
}

/// Revokes one of the caller's own tokens (someone else's is not found) and
/// returns it as it now is.
pub async fn revoke_own_token(cx: &Caller, token_id: &str) -> Result<ApiToken> {
    let a = cx.actor()?;
    let mut tx = cx.db().begin().await?;
    klubi_db::api_tokens::revoke(&mut tx, &cx.ctx(), &a.user.id, token_id).await?;
    klubi_db::commit(tx).await?;
    klubi_db::api_tokens::list_for_user(cx.db(), &a.user.id)
        .await?
        .into_iter()
        .find(|t| t.id == token_id)
        .ok_or(Error::NotFound)
}

/// Stores a new token for `owner`; whoever calls this has authorized it.
async fn issue_token(
    cx: &Caller,
    owner: &User,
    name: &str,
    limits: &klubi_db::api_tokens::Limits,
) -> Result<CreatedToken> {
    let token = secret::new_api_token();
    let mut tx = cx.db().begin().await?;
    let t = klubi_db::api_tokens::create(
        &mut tx,
        &cx.ctx(),
        &owner.id,
        owner.organisation_id.as_deref(),
        name,
        &secret::hash(&token),
        limits,
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(CreatedToken {
        id: t.id,
        name: t.name,
        token,
        expires_at: t.expires_at,
        read_only: t.read_only,
    })
}

/// `klubi admin create`: a new administrator with a password (the system only).
pub async fn create_administrator(
    cx: &Caller,
    email: &Email,
    name: &PersonName,
    password: &NewPassword,
) -> Result<User> {
    cx.require_system()?;
    let hash = password::hash(password.expose().to_string()).await?;
    let mut tx = cx.db().begin().await?;
    let user = users::create(
        &mut tx,
        &cx.ctx(),
        users::NewUser {
            organisation_id: None,
            kind: AccountKind::Staff,
            email: Some(email),
            phone: None,
            pending_email: None,
            name,
            language: Language::Fi,
            roles: &Roles::new(vec![Role::Admin]),
            password_hash: Some(hash),
        },
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(user)
}

/// `klubi token create`: a new API token for the active user with that email
/// (the system only); `None` when there is no such user.
pub async fn create_token_by_email(
    cx: &Caller,
    email: &Email,
    t: &TokenRequest<'_>,
) -> Result<Option<CreatedToken>> {
    cx.require_system()?;
    let Some(user) = users::find_by_email(cx.db(), email)
        .await?
        .filter(|u| u.active)
    else {
        return Ok(None);
    };
    let (name, limits) = token_limits(cx, t)?;
    issue_token(cx, &user, &name, &limits).await.map(Some)
}

/// Changes one's own password; the current one must be given. Other login
/// sessions end; this one goes on.
pub async fn change_password(
    cx: &Caller,
    current: &str,
    new: &str,
    new_confirm: &str,
) -> Result<()> {
    let a = cx.actor()?;
    let new = NewPassword::parse(new, new_confirm).map_err(|(field, m)| Invalid::one(field, m))?;
    let hash = users::password_hash_by_id(cx.db(), &a.user.id).await?;
    if !password::verify(current.to_string(), hash).await? {
        return Err(Invalid::one("current_password", "error-password-wrong").into());
    }
    let new_hash = password::hash(new.expose().to_string()).await?;
    let keep = a.session.as_ref().map(|s| s.id_hash.clone());
    let mut tx = cx.db().begin().await?;
    users::set_password(&mut tx, &cx.ctx(), &a.user.id, &new_hash, keep.as_deref()).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}
