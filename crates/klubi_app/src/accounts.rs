//! Operations on accounts that both the pages and the API perform: inviting
//! staff, single-use links, signing in, tokens. Each parses, asks the policy and
//! commits one transaction (change + audit row + outbox).

use crate::api::me::CreatedToken;
use crate::auth::{password, secret};
use crate::error::{AppError, AppResult};
use crate::mail;
use crate::policy::{self, Action};
use crate::request::Cx;
use klubi_db::one_time_links::{self, Purpose};
use klubi_db::users::{self, User};
use klubi_domain::Invalid;
use klubi_domain::login::{INVITATION_VALID_SECS, PASSWORD_RESET_VALID_SECS, ThrottlePolicy};
use klubi_domain::people::{Email, Language, NewPassword, PersonName};
use klubi_domain::roles::{AccountKind, Roles};

pub struct StaffInput {
    pub email: String,
    pub name: String,
    pub organisation_id: String,
    pub roles: Vec<String>,
    pub language: String,
}

/// Creates a staff account without a password and mails an invitation link.
pub async fn invite_staff(cx: &Cx, input: &StaffInput) -> AppResult<User> {
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
    let ctx = cx.ctx();
    let mut tx = cx.db().begin().await?;
    let user = users::create(
        &mut tx,
        &ctx,
        users::NewUser {
            organisation_id: Some(&input.organisation_id),
            kind: AccountKind::Staff,
            email: Some(&email),
            phone: None,
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
async fn send_link(tx: &mut klubi_db::Tx, cx: &Cx, user: &User, purpose: Purpose) -> AppResult<()> {
    let token = secret::new_secret();
    let valid = match purpose {
        Purpose::Invitation => INVITATION_VALID_SECS,
        Purpose::PasswordReset => PASSWORD_RESET_VALID_SECS,
    };
    let ctx = cx.ctx();
    one_time_links::issue(tx, &ctx, &user.id, purpose, &secret::hash(&token), valid).await?;
    let link = format!("{}/link/{token}", cx.base);
    let inviter = cx
        .actor
        .as_ref()
        .map(|a| a.user.name.clone())
        .unwrap_or_else(|| "Klubi".into());
    let kind = match purpose {
        Purpose::Invitation => mail::Kind::Invitation {
            link: &link,
            inviter: &inviter,
        },
        Purpose::PasswordReset => mail::Kind::PasswordReset { link: &link },
    };
    let to = mail::Recipient::of(user).ok_or(AppError::Conflict("error-no-email"))?;
    mail::queue(tx, cx.now, to, kind).await?;
    Ok(())
}

/// Sends a new invitation (the old link stops working).
pub async fn resend_invitation(cx: &Cx, user: &User) -> AppResult<()> {
    let a = cx.actor()?;
    policy::require(a, Action::ChangeUser { target: user })?;
    if !user.active {
        return Err(AppError::Conflict("error-user-inactive"));
    }
    let mut tx = cx.db().begin().await?;
    send_link(&mut tx, cx, user, Purpose::Invitation).await?;
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(())
}

/// Mails a reset link if the address belongs to an active account; says nothing
/// either way, so the form cannot be used to find out who has an account.
pub async fn request_password_reset(cx: &Cx, email: &str) -> AppResult<()> {
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    let Some(user) = users::find_by_email(cx.db(), &email).await? else {
        return Ok(());
    };
    if !user.active {
        return Ok(());
    }
    let mut tx = cx.db().begin().await?;
    send_link(&mut tx, cx, &user, Purpose::PasswordReset).await?;
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(())
}

/// Uses a link: sets the password, ends the account's other login sessions.
/// Returns the user, who is then signed in.
pub async fn use_link(cx: &Cx, token: &str, password: &NewPassword) -> AppResult<User> {
    let link = one_time_links::find_valid(cx.db(), &secret::hash(token), cx.now)
        .await?
        .ok_or(AppError::NotFound)?;
    let hash = password::hash(password.expose().to_string()).await?;
    let mut ctx = cx.ctx();
    ctx.actor_id = Some(link.user_id.clone());
    let mut tx = cx.db().begin().await?;
    if !one_time_links::consume(&mut tx, &ctx, &link).await? {
        return Err(AppError::NotFound);
    }
    users::set_password(&mut tx, &ctx, &link.user_id, &hash, None).await?;
    klubi_db::commit(tx).await?;
    Ok(users::get(cx.db(), &link.user_id).await?)
}

pub enum SignIn {
    /// The new login session's cookie value.
    Ok {
        cookie: String,
        user: User,
    },
    /// Wrong address or password, or a deactivated account: never said which.
    Failed,
    Throttled,
}

pub async fn sign_in(cx: &Cx, email: &str, pw: &str) -> AppResult<SignIn> {
    let policy = ThrottlePolicy::default();
    let account_key = format!("account:{}", email.trim().to_lowercase());
    let ip_key = format!("ip:{}", cx.client_ip);
    let since = cx.now - policy.window_secs;
    let db = cx.db();
    let account_failures = klubi_db::login_failures::count_since(db, &account_key, since).await?;
    let ip_failures = klubi_db::login_failures::count_since(db, &ip_key, since).await?;
    if !policy.allows(account_failures, ip_failures) {
        return Ok(SignIn::Throttled);
    }
    // Participants without an email address sign in with their phone number.
    let found = match Email::parse(email) {
        Ok(e) => users::password_hash(db, &e).await?,
        Err(_) => match klubi_domain::people::Phone::parse(email) {
            Ok(p) => users::password_hash_by_phone(db, &p).await?,
            Err(_) => None,
        },
    };
    let (user_id, hash) = match found {
        Some((id, h)) => (Some(id), Some(h)),
        None => (None, None),
    };
    if !password::verify(pw.to_string(), hash).await {
        klubi_db::login_failures::record(db, &[&account_key, &ip_key], cx.now, policy.window_secs)
            .await?;
        return Ok(SignIn::Failed);
    }
    let user_id = user_id.ok_or(AppError::Internal("verified without an account".into()))?;
    klubi_db::login_failures::clear(db, &account_key).await?;
    let (cookie, user) = start_session(cx, &user_id).await?;
    Ok(SignIn::Ok { cookie, user })
}

pub async fn start_session(cx: &Cx, user_id: &str) -> AppResult<(String, User)> {
    let cookie = secret::new_secret();
    let csrf = secret::new_secret();
    let mut ctx = cx.ctx();
    ctx.actor_id = Some(user_id.to_string());
    let mut tx = cx.db().begin().await?;
    klubi_db::login_sessions::create(&mut tx, &ctx, &secret::hash(&cookie), user_id, &csrf).await?;
    klubi_db::commit(tx).await?;
    Ok((cookie, users::get(cx.db(), user_id).await?))
}

/// An API token's name: 1–100 characters.
pub fn token_name(s: &str) -> Result<String, Invalid> {
    klubi_domain::people::clean_text(s, 1, 100).map_err(|m| Invalid::one("name", m))
}

pub async fn create_token(cx: &Cx, owner: &User, name: &str) -> AppResult<CreatedToken> {
    let token = secret::new_api_token();
    let mut tx = cx.db().begin().await?;
    let t = klubi_db::api_tokens::create(
        &mut tx,
        &cx.ctx(),
        &owner.id,
        owner.organisation_id.as_deref(),
        name,
        &secret::hash(&token),
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(CreatedToken {
        id: t.id,
        name: t.name,
        token,
    })
}

/// Changes one's own password; the current one must be given. Other login
/// sessions end; this one goes on.
pub async fn change_password(cx: &Cx, current: &str, new: &NewPassword) -> AppResult<()> {
    let a = cx.actor()?;
    let hash = users::password_hash_by_id(cx.db(), &a.user.id).await?;
    if !password::verify(current.to_string(), hash).await {
        return Err(Invalid::one("current_password", "error-password-wrong").into());
    }
    let new_hash = password::hash(new.expose().to_string()).await?;
    let keep = a.session.as_ref().map(|s| s.id_hash.clone());
    let mut tx = cx.db().begin().await?;
    users::set_password(&mut tx, &cx.ctx(), &a.user.id, &new_hash, keep.as_deref()).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}
