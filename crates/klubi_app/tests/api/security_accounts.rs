//! Accounts and their links (issue 16, item 9): a new password ends every
//! link still out; invitations only for accounts that never signed in; no
//! mail to a deactivated account; people sharing a phone both sign in.

use crate::helpers::*;
use crate::world::*;
use klubi_domain::people::{PersonName, Phone};
use klubi_domain::roles::{AccountKind, Role, Roles};
use serde_json::json;

/// The path of the newest `/link/…` mailed to `to`.
async fn newest_link(app: &TestApp, to: &str) -> String {
    let text = app.mail_texts_to(to).await.pop().expect("a mail");
    let link = find_link(&text[text.find("/link/").unwrap() - 40..]);
    link[link.find("/link/").unwrap()..].to_string()
}

#[tokio::test]
async fn a_new_password_ends_every_link_still_out() {
    let w = World::new().await;
    let admin = w.admin().await;
    let (s, u) = admin
        .post(
            "/users",
            json!({"email": "new@x.fi", "name": "Uusi", "organisation_id": w.owner().await.id, "roles": ["coach"]}),
        )
        .await;
    assert_eq!(s, 201, "{u}");
    let invitation = newest_link(&w.app, "new@x.fi").await;
    w.app.asks_for_reset("new@x.fi").await;
    let reset = newest_link(&w.app, "new@x.fi").await;
    assert_ne!(invitation, reset);
    let b = w.app.browser();
    assert_eq!(b.get(&invitation).await.status(), 200, "both live at first");
    let res = b
        .post_form(
            &reset,
            &reset,
            &[
                ("password", "uusi salasana 123"),
                ("password_confirm", "uusi salasana 123"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let other = w.app.browser();
    let res = other.get(&invitation).await;
    assert_ne!(res.status(), 200, "the invitation died with the reset");
    assert!(
        !res.text().await.unwrap().contains("password_confirm"),
        "no form to set a password"
    );
}

#[tokio::test]
async fn an_invitation_is_resent_only_to_an_account_that_never_signed_in() {
    let app = spawn_app().await;
    app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    let signed = app.create_user("has@x.fi", None, &[Role::Admin]).await;
    let admin = app.signed_in("admin@x.fi").await;
    let res = admin
        .post_form(
            &format!("/admin/users/{signed}"),
            &format!("/admin/users/{signed}/invite"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 409);
    assert!(app.outbox_to("has@x.fi").await.is_empty(), "no link mailed");
}

#[tokio::test]
async fn nothing_is_mailed_to_a_deactivated_account() {
    let w = World::new().await;
    let cm = w.partner_case_manager().await;
    let coordinator = w.coordinator().await;
    let g = coordinator
        .starts(group("Klubi").with_partners(&[w.partner().await]))
        .await;
    let r = cm.refers(&id_of(&g), "Aino", "aino@x.fi").await;
    // The case manager leaves; their address may be someone else's by now.
    let ctx = klubi_db::Ctx::system(w.app.clock.now(), "test");
    let user = klubi_db::users::get(w.app.db(), &cm.id).await.unwrap();
    let mut tx = w.app.db().begin().await.unwrap();
    klubi_db::users::deactivate(&mut tx, &ctx, &user)
        .await
        .unwrap();
    klubi_db::commit(tx).await.unwrap();
    let (s, _) = coordinator
        .post(
            &format!("/referrals/{}/decline", id_of(&r)),
            json!({"reason": "Ryhmä on täynnä"}),
        )
        .await;
    assert_eq!(s, 200);
    assert!(
        w.app.outbox_to(&cm.email).await.is_empty(),
        "no mail to a deactivated account"
    );
}

#[tokio::test]
async fn two_participants_sharing_a_phone_both_sign_in() {
    let app = spawn_app().await;
    let phone = Phone::parse("040 123 4567").unwrap();
    let ctx = klubi_db::Ctx::system(app.clock.now(), "test");
    let mut ids = vec![];
    for (name, pw) in [("Äiti", "äidin salasana 1"), ("Poika", "pojan salasana 2")] {
        let hash = klubi_app::auth::password::hash(pw.to_string())
            .await
            .unwrap();
        let mut tx = app.db().begin().await.unwrap();
        let u = klubi_db::users::create(
            &mut tx,
            &ctx,
            klubi_db::users::NewUser {
                pending_email: None,
                organisation_id: None,
                kind: AccountKind::Participant,
                email: None,
                phone: Some(&phone),
                name: &PersonName::parse(name).unwrap(),
                language: Default::default(),
                roles: &Roles::new(vec![]),
                password_hash: Some(hash),
            },
        )
        .await
        .unwrap();
        klubi_db::commit(tx).await.unwrap();
        ids.push(u.id);
    }
    for pw in ["äidin salasana 1", "pojan salasana 2"] {
        let b = app.browser();
        assert_eq!(b.login("0401234567", pw).await.status(), 303, "{pw}");
        let page = b.get_html("/account").await;
        let name = if pw.starts_with("äidin") {
            "Äiti"
        } else {
            "Poika"
        };
        assert!(page.contains(name), "signed in as {name}");
    }
    let b = app.browser();
    assert_ne!(b.login("0401234567", "kenenkään ei").await.status(), 303);
}

#[tokio::test]
async fn a_common_password_is_refused_with_a_message() {
    let app = spawn_app().await;
    app.create_user("someone@x.fi", None, &[Role::Coach]).await;
    app.asks_for_reset("someone@x.fi").await;
    let link = newest_link(&app, "someone@x.fi").await;
    let b = app.browser();
    let res = b
        .post_form(
            &link,
            &link,
            &[
                ("password", "qwertyuiop"),
                ("password_confirm", "qwertyuiop"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("liian yleinen"));
    // The link still works for a better one.
    let res = b
        .post_form(
            &link,
            &link,
            &[
                ("password", "kolme sanaa riittää"),
                ("password_confirm", "kolme sanaa riittää"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
}

#[tokio::test]
async fn inviting_an_address_of_an_account_one_cannot_see_tells_nothing() {
    let w = World::new().await;
    let owner = w.owner().await.id.clone();
    let coordinator = w.coordinator().await;
    w.partner_coach().await;
    w.coach().await;
    let invite = |email: &'static str| json!({"email": email, "name": "Uusi Valmentaja", "organisation_id": owner, "roles": ["coach"]});
    // Another organisation's coach and an address nobody has: the same answer.
    let (s, hidden) = coordinator.post("/users", invite("coach@b.fi")).await;
    assert_eq!(s, 201, "{hidden}");
    let (s, fresh) = coordinator.post("/users", invite("fresh@x.fi")).await;
    assert_eq!(s, 201, "{fresh}");
    assert_eq!(hidden["email"], "coach@b.fi", "as typed: {hidden}");
    let without = |v: &serde_json::Value| {
        let mut v = v.clone();
        v["id"] = json!(null);
        v["email"] = json!(null);
        v
    };
    assert_eq!(without(&hidden), without(&fresh));
    let list = coordinator.signs_in().await.get_html("/admin/users").await;
    assert!(list.contains("coach@b.fi") && list.contains("fresh@x.fi"));

    // The address's owner gets a notice without a link; their account is theirs.
    w.app.jobs_done().await;
    let notices = w.app.mail_texts_to("coach@b.fi").await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(!notices[0].contains("/link/"), "{}", notices[0]);
    assert!(w.app.mail_texts_to("fresh@x.fi").await[0].contains("/link/"));
    assert_eq!(
        w.app.signed_in_with("coach@b.fi", PASSWORD).await,
        303,
        "the partner's coach still signs in"
    );

    // Whoever may see the account is told plainly.
    let (s, _) = coordinator.post("/users", invite("coach@a.fi")).await;
    assert_eq!(s, 409, "their own organisation's coach");
    let (s, _) = w.admin().await.post("/users", invite("coach@b.fi")).await;
    assert_eq!(s, 409, "an admin sees everyone");
}
