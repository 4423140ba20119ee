//! The invitation a seat brings: a first-password link that works once and
//! expires after seven days, resent by the coordinator.

use crate::helpers::*;
use crate::referrals::setup_with;
use crate::world::*;
use serde_json::json;

#[tokio::test]
async fn the_invitation_link_works_once_and_expires_after_seven_days() {
    let f = setup_with(World::with_smtp().await).await;
    let g = f.group(10).await;
    let r = f.cm_a.refers_in(&g, "Aino", "aino@x.fi", "fi").await;
    f.coordinator.accepts_id(r["id"].as_str().unwrap()).await;
    let sink = f.app.smtp.as_ref().unwrap();
    let mail = parse_mail(&sink.wait_for("aino@x.fi").await);
    assert_eq!(mail.language, "fi");
    let link = find_link(&mail.text[mail.text.find("/link/").unwrap() - 40..]);
    let link = &link[link.find("http").unwrap()..];
    let path = link
        .strip_prefix(&f.app.base)
        .expect("absolute link")
        .to_string();

    let b = f.app.browser();
    let res = b
        .post_form(
            &path,
            &path,
            &[
                ("password", "a brand new passphrase"),
                ("password_confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let home = b.get_html("/").await;
    assert!(home.contains("Klubi 1"), "the participant sees their group");
    assert!(home.contains("4.3.2031"), "and the next meeting");
    assert_eq!(
        Browser::new(&f.app.base).get(&path).await.status(),
        404,
        "single use"
    );

    // A resent invitation (the coordinator's button) expires after seven days.
    let r2 = f.cm_a.refers_in(&g, "Bo", "bo@x.fi", "fi").await;
    f.coordinator.accepts_id(r2["id"].as_str().unwrap()).await;
    let bo = r2["participant_id"].as_str().unwrap();
    let (s, _) = f
        .coordinator
        .post(
            &format!("/groups/{g}/enrolments/{bo}/resend-invitation"),
            json!({}),
        )
        .await;
    assert_eq!(s, 204);
    let mails = sink.wait_for_n("bo@x.fi", 2).await;
    let first = parse_mail(&mails[0]).text;
    let second = parse_mail(&mails[1]).text;
    let path_of = |t: &str| {
        let l = &t[t.find("/link/").unwrap()..];
        l.split_whitespace().next().unwrap().to_string()
    };
    assert_eq!(
        Browser::new(&f.app.base)
            .get(&path_of(&first))
            .await
            .status(),
        404,
        "the old link stops working"
    );
    assert_eq!(
        Browser::new(&f.app.base)
            .get(&path_of(&second))
            .await
            .status(),
        200
    );
    f.app.clock.advance(7 * 24 * 3600 + 1);
    assert_eq!(
        Browser::new(&f.app.base)
            .get(&path_of(&second))
            .await
            .status(),
        404,
        "expired"
    );
    // Aino already has a password: no new link for her.
    let aino = r["participant_id"].as_str().unwrap();
    let (s, _) = f
        .coordinator
        .post(
            &format!("/groups/{g}/enrolments/{aino}/resend-invitation"),
            json!({}),
        )
        .await;
    assert_eq!(s, 409);
}
