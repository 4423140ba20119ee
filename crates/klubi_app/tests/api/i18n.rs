use crate::helpers::*;
use klubi_domain::roles::Role;
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn keys(lang: &str) -> BTreeSet<String> {
    let text =
        std::fs::read_to_string(root().join(format!("../klubi_ops/locales/{lang}/main.ftl")))
            .unwrap();
    text.lines()
        .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
        .map(|l| l.split(" =").next().unwrap().trim().to_string())
        .collect()
}

fn files(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

/// Every key used by the code and the templates, including the families built at run time.
fn used_keys() -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut paths = vec![];
    files(&root().join("templates"), "html", &mut paths);
    files(&root().join("src"), "rs", &mut paths);
    files(&root().join("../klubi_ops/src"), "rs", &mut paths);
    files(&root().join("../klubi_domain/src"), "rs", &mut paths);
    files(&root().join("../klubi_db/src"), "rs", &mut paths);
    for p in paths {
        // A quote in a char literal is not the start of a string.
        let text = std::fs::read_to_string(&p).unwrap().replace("'\"'", "");
        for piece in text.split('"').skip(1).step_by(2) {
            let looks_like_key = piece.len() > 3
                && piece.contains('-')
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                && !piece.starts_with('-')
                && !piece.ends_with('-');
            let prefixes = [
                "error-",
                "status-",
                "nav-",
                "home-",
                "login-",
                "forgot-",
                "link-",
                "set-password-",
                "account-",
                "token-",
                "tokens-",
                "organisation-",
                "organisations-",
                "user-",
                "users-",
                "audit-",
                "outbox-",
                "label-",
                "flash-",
                "mail-",
                "page-title",
                "language-",
                "role-",
                "roles-",
                "org-kind-",
                "skip-",
                "sign-",
                "footer-",
                "password-",
                "choose",
                "save",
                "filter",
                "older",
                "back-",
                "holiday-",
                "format-",
                "formats-",
                "group-",
                "groups-",
                "meeting-",
                "schedule-",
                "calendar-",
                "compensation-",
                "hint-",
                "weekday-",
                "theme-",
                "next-page",
                "cancel",
                "none-to-choose",
                "minutes",
                "referral-",
                "referrals-",
                "roster-",
                "triage-",
                "my-",
                "consent-",
                "enrolment-",
                "internal-",
                "code-",
                "printed-",
                "attendance-",
                "today-",
                "mine-",
                "alerts-",
                "alert-policy-",
                "report-",
                "standing-",
                "month-",
                "second-factor-",
            ];
            if looks_like_key && prefixes.iter().any(|pre| piece.starts_with(pre)) {
                used.insert(piece.to_string());
            }
        }
    }
    for r in klubi_domain::roles::Role::ALL {
        used.insert(format!("role-{}", r.as_str()));
    }
    for t in klubi_domain::formats::Theme::ALL {
        used.insert(t.name_key());
        used.insert(t.description_key());
    }
    for k in klubi_domain::organisations::OrgKind::ALL {
        used.insert(format!("org-kind-{}", k.as_str()));
    }
    for l in ["fi", "sv", "en"] {
        used.insert(format!("language-{l}"));
    }
    for s in klubi_domain::groups::GroupStatus::ALL {
        used.insert(format!("group-status-{}", s.as_str()));
    }
    for k in klubi_domain::meetings::MeetingKind::ALL {
        used.insert(k.name_key());
    }
    for w in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        used.insert(format!("weekday-{w}"));
    }
    for (key, _) in klubi_domain::formats::templates() {
        used.insert(format!("format-template-{key}"));
        used.insert(format!("format-template-{key}-description"));
    }
    for s in ["enrolled", "waitlisted", "withdrawn"] {
        used.insert(format!("enrolment-status-{s}"));
    }
    for s in [
        "pending",
        "enrolled",
        "waitlisted",
        "declined",
        "withdrawn",
        "completed",
    ] {
        used.insert(format!("referral-status-{s}"));
    }
    for t in klubi_domain::formats::Theme::ALL {
        used.insert(format!("theme-{}-bring", t.key()));
    }
    for s in ["pending", "accepted", "closed"] {
        used.insert(format!("internal-status-{s}"));
    }
    for m in klubi_domain::attendance::Mark::ALL {
        used.insert(m.name_key());
    }
    for p in klubi_domain::attendance::AlertPolicy::ALL {
        used.insert(p.name_key());
    }
    for r in klubi_domain::second_factor::Requirement::ALL {
        used.insert(r.name_key());
    }
    for s in ["pending", "sent", "logged", "failed"] {
        used.insert(format!("outbox-status-{s}"));
    }
    for code in [
        400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 429, 500, 503,
    ] {
        used.insert(format!("status-{code}"));
    }
    // Names of HTML ids and CSS classes that happen to look like keys.
    for not_key in [
        "today-list",
        "today-h",
        "skip-link",
        "link-button",
        "error-summary",
        "error-summary-title",
        "password-hint",
        "language-switch",
        "new-token",
        "login-failure",
        "field-error",
        "error-message",
        "roles-h",
        "tokens-h",
        "password-h",
        "access-h",
        "profile-h",
        "invite-h",
        "new-org-h",
        "cancel-h",
        "calendar-pager",
        "consent-text",
        "consent-yes",
        "second-factor-h",
    ] {
        if !keys("fi").contains(not_key) {
            used.remove(not_key);
        }
    }
    used
}

#[test]
fn every_catalogue_has_every_key() {
    let fi = keys("fi");
    for lang in ["sv", "en"] {
        let other = keys(lang);
        let missing: Vec<_> = fi.difference(&other).collect();
        let extra: Vec<_> = other.difference(&fi).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang} has keys fi lacks: {extra:?}");
    }
    let used = used_keys();
    let missing: Vec<_> = used.difference(&fi).collect();
    assert!(
        missing.is_empty(),
        "keys used but in no catalogue: {missing:?}"
    );
}

#[test]
fn templates_hold_no_text_outside_the_catalogue() {
    let mut paths = vec![];
    files(&root().join("templates"), "html", &mut paths);
    for p in paths {
        let mut text = std::fs::read_to_string(&p).unwrap();
        // Drop template syntax, then tags; what is left is text a user would read.
        for (open, close) in [
            ("{#", "#}"),
            ("{%", "%}"),
            ("{{", "}}"),
            ("<!--", "-->"),
            ("<", ">"),
        ] {
            while let Some(s) = text.find(open) {
                let e = text[s..]
                    .find(close)
                    .map(|e| s + e + close.len())
                    .unwrap_or(text.len());
                text.replace_range(s..e, " ");
            }
        }
        let words: Vec<&str> = text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .filter(|w| *w != "Klubi")
            .collect();
        assert!(
            words.is_empty(),
            "{} has text outside the catalogue: {words:?}",
            p.display()
        );
    }
}

#[tokio::test]
async fn accept_language_then_the_switch_then_the_users_choice() {
    let app = spawn_app().await;
    let c = app.api();
    let sv = c
        .get(app.url("/login"))
        .header("accept-language", "sv-FI,sv;q=0.9")
        .send()
        .await
        .unwrap();
    let html = sv.text().await.unwrap();
    assert!(
        html.contains("<html lang=\"sv\">") && html.contains("<title>Logga in – Klubi</title>")
    );
    let default = c
        .get(app.url("/login"))
        .header("accept-language", "de")
        .send()
        .await
        .unwrap();
    assert!(default.text().await.unwrap().contains("<html lang=\"fi\">"));

    // The switch on the page, before signing in: remembered in a cookie.
    app.create_user("u@x.fi", None, &[Role::Admin]).await;
    let b = app.browser();
    let res = b
        .post_form("/login", "/language", &[("lang", "en"), ("back", "/login")])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login");
    assert!(b.get_html("/login").await.contains("<html lang=\"en\">"));

    // Signed in, the choice is the user's and follows them to another browser.
    let b = app.signed_in("u@x.fi").await;
    b.post_form("/", "/language", &[("lang", "sv"), ("back", "/account")])
        .await;
    let fresh = app.signed_in("u@x.fi").await;
    let home = fresh.get_html("/").await;
    assert!(home.contains("<html lang=\"sv\">") && home.contains("Hej Test u@x.fi!"));

    // A crafted `back` cannot send anyone to another site.
    let res = b
        .post_form(
            "/",
            "/language",
            &[("lang", "fi"), ("back", "//evil.example/")],
        )
        .await;
    assert_eq!(res.headers()["location"], "/");
}
