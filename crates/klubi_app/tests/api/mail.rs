use crate::helpers::*;
use klubi_domain::people::Language;
use klubi_domain::roles::{AccountKind, Role};

#[tokio::test]
async fn password_reset_link_arrives_by_smtp_and_works_once() {
    let app = spawn_with_smtp().await;
    app.create_account(
        "sv@x.fi",
        None,
        &[Role::Admin],
        AccountKind::Staff,
        Language::Sv,
    )
    .await;
    let b = app.browser();
    let res = b
        .post_form(
            "/password/forgot",
            "/password/forgot",
            &[("email", "sv@x.fi")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let sink = app.smtp.as_ref().unwrap();
    let mail = parse_mail(&sink.wait_for("sv@x.fi").await);
    assert_eq!(
        mail.subject, "Nytt lösenord till Klubi",
        "in the recipient's language"
    );
    assert_eq!(mail.language, "sv");
    let link = find_link(&mail.text);
    let path = link
        .strip_prefix(&app.base)
        .expect("an absolute link to this server");

    let page = b.get_html(path).await;
    assert!(page.contains("lang=\"sv\""));
    let new_pw = "a brand new passphrase";
    let res = b
        .post_form(
            path,
            path,
            &[("password", new_pw), ("password_confirm", new_pw)],
        )
        .await;
    assert_eq!(
        res.status(),
        303,
        "the password is set and the user signed in"
    );
    assert_eq!(b.get("/").await.status(), 200);

    // Used once: the same link no longer works, and the old password is gone.
    let again = Browser::new(&app.base);
    assert_eq!(again.get(path).await.status(), 404);
    assert_eq!(again.login("sv@x.fi", PASSWORD).await.status(), 401);
    assert_eq!(again.login("sv@x.fi", new_pw).await.status(), 303);
}

#[tokio::test]
async fn reset_links_expire_after_an_hour() {
    let app = spawn_with_smtp().await;
    app.create_user("late@x.fi", None, &[Role::Admin]).await;
    let b = app.browser();
    b.post_form(
        "/password/forgot",
        "/password/forgot",
        &[("email", "late@x.fi")],
    )
    .await;
    let mail = parse_mail(&app.smtp.as_ref().unwrap().wait_for("late@x.fi").await);
    let path = find_link(&mail.text).replace(&app.base, "");
    app.clock.advance(61 * 60);
    let res = b.get(&path).await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Linkki ei toimi"));
}

#[tokio::test]
async fn unknown_addresses_get_the_same_answer_and_no_mail() {
    let app = spawn_with_smtp().await;
    let b = app.browser();
    let res = b
        .post_form(
            "/password/forgot",
            "/password/forgot",
            &[("email", "nobody@x.fi")],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Jos osoitteella on tunnus")
    );
    // A mail is queued in the transaction of the request that causes it, so
    // whatever this request queued is in the outbox by its answer.
    assert!(app.outbox().await.is_empty(), "no mail queued for nobody");
    assert!(app.mail_jobs().await.is_empty(), "and no job to send one");

    // The same request for a real account queues exactly one mail, to it: the
    // check above would have seen one.
    app.create_user("somebody@x.fi", None, &[Role::Admin]).await;
    let res = b
        .post_form(
            "/password/forgot",
            "/password/forgot",
            &[("email", "somebody@x.fi")],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Jos osoitteella on tunnus"),
        "the same answer as for an unknown address"
    );
    app.jobs_done().await;
    let queued: Vec<String> = app
        .outbox()
        .await
        .into_iter()
        .map(|m| m.to_address)
        .collect();
    assert_eq!(queued, ["somebody@x.fi"]);
    app.smtp.as_ref().unwrap().wait_for("somebody@x.fi").await;
    app.jobs_done().await;
    assert!(
        app.smtp
            .as_ref()
            .unwrap()
            .messages_to("nobody@x.fi")
            .is_empty()
    );
}

#[tokio::test]
async fn an_invited_user_sets_a_password_from_the_mail_in_their_language() {
    let app = spawn_with_smtp().await;
    let org = app.create_org("Org").await;
    let admin = app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    let token = app.token_for(&admin).await;
    let res = app
        .api()
        .post(app.url("/api/v1/users"))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "email": "New.Coach@X.fi", "name": "Nea Coach", "organisation_id": org,
            "roles": ["coach"], "language": "en"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let user: serde_json::Value = res.json().await.unwrap();
    assert_eq!(user["email"], "new.coach@x.fi");
    assert_eq!(user["roles"], serde_json::json!(["coach"]));

    let mail = parse_mail(&app.smtp.as_ref().unwrap().wait_for("new.coach@x.fi").await);
    assert_eq!(mail.subject, "Invitation to Klubi");
    assert!(mail.text.contains("Hello Nea Coach"));
    let path = find_link(&mail.text).replace(&app.base, "");
    let b = app.browser();
    let short = b
        .post_form(
            &path,
            &path,
            &[("password", "short"), ("password_confirm", "short")],
        )
        .await;
    assert_eq!(short.status(), 422);
    assert!(
        short
            .text()
            .await
            .unwrap()
            .contains("at least 10 characters")
    );
    let ok = b
        .post_form(
            &path,
            &path,
            &[
                ("password", "long enough phrase"),
                ("password_confirm", "long enough phrase"),
            ],
        )
        .await;
    assert_eq!(ok.status(), 303);
    let home = b.get_html("/").await;
    assert!(
        home.contains("lang=\"en\"") && home.contains("Hello Nea Coach!"),
        "{home}"
    );
}

#[tokio::test]
async fn without_smtp_mail_is_kept_in_the_outbox() {
    let app = spawn_app().await;
    app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    let b = app.browser();
    b.post_form(
        "/password/forgot",
        "/password/forgot",
        &[("email", "admin@x.fi")],
    )
    .await;
    app.jobs_done().await;
    let mails = app.outbox().await;
    assert_eq!(mails.len(), 1, "one mail queued");
    assert_eq!(mails[0].status, "logged", "written to the log, kept here");
    let admin = app.signed_in("admin@x.fi").await;
    let page = admin.get_html("/admin/outbox").await;
    assert!(page.contains("Uusi salasana Klubiin") && page.contains("Vain lokissa"));
}
