//! Who is calling: a login session (pages) or an API token (the API).

pub mod password;
pub mod secret;

use klubi_db::login_sessions::LoginSession;
use klubi_db::users::User;

#[derive(Debug, Clone)]
pub struct Actor {
    pub user: User,
    /// Set when signed in through the web; logout and the CSRF token use it.
    pub session: Option<LoginSession>,
}
