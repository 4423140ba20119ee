//! "No 500 on any input" for the pages: every demo role signs in, follows the
//! links it is shown, and sends every form it finds with junk in one field at
//! a time (and with the field left out). Every answer must be below 500, and
//! every refusal a page of ours (HTML), never a bare error.

use crate::helpers::*;
use scraper::{Html, Selector};
use std::collections::{BTreeSet, HashMap, VecDeque};

/// A form as a browser would send it untouched.
struct Form {
    method: reqwest::Method,
    action: String,
    fields: Vec<(String, String)>,
    /// Fields a user types into (junk goes there; not the CSRF token).
    typed: Vec<String>,
    /// Sent by htmx too, which gets a fragment back.
    htmx: bool,
}

/// Values one field gets in turn.
fn junk_values() -> Vec<String> {
    [
        "",
        " ",
        "-1",
        "0",
        "99999999999999999999",
        "1e309",
        "abc",
        "2026-02-30",
        "31.12.9999",
        "0000-00-00",
        "24:00",
        "9.99,5",
        "<script>alert(1)</script>",
        "'; DROP TABLE users; --",
        "\u{0}",
        "\u{202e}\u{feff}",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .chain(["x".repeat(10_000), "ä".repeat(300)])
    .collect()
}

/// A path's shape: ids replaced, so that one page per shape is enough.
fn shape(path: &str) -> String {
    path.split('?')
        .next()
        .unwrap_or_default()
        .split('/')
        .map(|s| {
            if s.len() >= 16 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
                "{id}"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn same_site(href: &str) -> Option<String> {
    let href = href.split('#').next().unwrap_or_default();
    if !href.starts_with('/') || href.starts_with("//") || href.starts_with("/static/") {
        return None;
    }
    if href == "/logout" {
        return None;
    }
    Some(href.to_string())
}

fn links_and_forms(html: &str, page: &str) -> (Vec<String>, Vec<Form>) {
    let doc = Html::parse_document(html);
    let a = Selector::parse("a[href]").expect("selector");
    let links = doc
        .select(&a)
        .filter_map(|e| e.value().attr("href").and_then(same_site))
        .collect();
    let form_sel = Selector::parse("form").expect("selector");
    let field_sel = Selector::parse("input[name], select[name], textarea[name], button[name]")
        .expect("selector");
    let option_sel = Selector::parse("option").expect("selector");
    let mut forms = vec![];
    for f in doc.select(&form_sel) {
        let method = match f
            .value()
            .attr("method")
            .unwrap_or("get")
            .to_ascii_lowercase()
            .as_str()
        {
            "post" => reqwest::Method::POST,
            _ => reqwest::Method::GET,
        };
        let action = f.value().attr("action").unwrap_or(page).to_string();
        let Some(action) = same_site(&action) else {
            continue;
        };
        let mut fields = vec![];
        let mut typed = vec![];
        for e in f.select(&field_sel) {
            let v = e.value();
            let name = v.attr("name").unwrap_or_default().to_string();
            let kind = v.attr("type").unwrap_or("text").to_ascii_lowercase();
            let value = match v.name() {
                "select" => e
                    .select(&option_sel)
                    .find(|o| o.value().attr("selected").is_some())
                    .or_else(|| e.select(&option_sel).next())
                    .and_then(|o| o.value().attr("value").map(str::to_string))
                    .unwrap_or_default(),
                "textarea" => e.text().collect(),
                // The first of a form's buttons of one name stands for a click.
                "button" if fields.iter().any(|(n, _)| n == &name) => continue,
                _ => {
                    if matches!(kind.as_str(), "checkbox" | "radio") && v.attr("checked").is_none()
                    {
                        continue;
                    }
                    if kind == "submit" && v.attr("value").is_none() {
                        continue;
                    }
                    v.attr("value").unwrap_or_default().to_string()
                }
            };
            if name != "csrf" && kind != "password" && !fields.iter().any(|(n, _)| n == &name) {
                typed.push(name.clone());
            }
            fields.push((name, value));
        }
        forms.push(Form {
            htmx: f.value().attr("hx-post").is_some() || f.value().attr("hx-get").is_some(),
            method,
            action,
            fields,
            typed,
        });
    }
    (links, forms)
}

/// What was wrong with one answer, if anything.
async fn judge(res: reqwest::Response) -> Option<String> {
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let text = res.text().await.unwrap_or_default();
    if status >= 500 {
        return Some(format!("{status}: {:.300}", text.replace('\n', " ")));
    }
    if status >= 400 && !content_type.starts_with("text/html") {
        return Some(format!("{status} as {content_type}: {text:.200}"));
    }
    None
}

async fn send(
    b: &Browser,
    method: &reqwest::Method,
    action: &str,
    fields: &[(String, String)],
    htmx: bool,
) -> reqwest::Response {
    if *method == reqwest::Method::POST {
        let mut req = b
            .client
            .post(format!("{}{action}", b.base))
            .header("sec-fetch-site", "same-origin")
            .header("origin", &b.base)
            .form(fields);
        if htmx {
            req = req.header("hx-request", "true");
        }
        req.send().await.expect("post")
    } else {
        let query = serde_urlencoded::to_string(fields).expect("query");
        let sep = if action.contains('?') { '&' } else { '?' };
        b.get(&format!("{action}{sep}{query}")).await
    }
}

/// The `/link/…` paths of every mail queued so far, at most three.
async fn links_in_mails(app: &TestApp) -> Vec<String> {
    let bodies: Vec<String> = app
        .outbox()
        .await
        .into_iter()
        .map(|m| m.body_text)
        .collect();
    let mut links = BTreeSet::new();
    for body in bodies {
        for (at, _) in body.match_indices("/link/") {
            let path: String = body[at..]
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != ')')
                .collect();
            links.insert(path);
        }
    }
    links.into_iter().take(3).collect()
}

#[tokio::test]
async fn every_page_and_form_answers_junk_without_a_server_error() {
    let app = spawn_with(|c| c.demo = true).await;
    let mut problems = vec![];
    let mut sent = 0_usize;
    let mut answers = std::collections::BTreeMap::new();
    let mut shapes_seen = BTreeSet::new();
    let mut mail_pages_shown = 0;
    // What a browser sends on its own: cookies and languages, junk in each.
    for junk in junk_values()
        .iter()
        .filter(|j| !j.chars().any(char::is_control))
    {
        let encoded: String = form_urlencoded::byte_serialize(junk.as_bytes()).collect();
        for (name, value) in [
            ("cookie", format!("klubi_session={encoded}")),
            (
                "cookie",
                format!("klubi_lang={encoded}; klubi_flash={encoded}"),
            ),
            ("cookie", format!("klubi_csrf={encoded}")),
            ("accept-language", encoded.clone()),
        ] {
            for path in ["/", "/login", "/api/v1/me"] {
                let res = app
                    .api()
                    .get(app.url(path))
                    .header(name, &value)
                    .send()
                    .await
                    .expect("get");
                sent += 1;
                let res_is_api = path.starts_with("/api/");
                let status = res.status().as_u16();
                let ct = res
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                if status >= 500
                    || (status >= 400 && res_is_api != ct.starts_with("application/problem+json"))
                {
                    problems.push(format!(
                        "GET {path} with {name}: {value:.60} → {status} {ct}"
                    ));
                }
            }
        }
    }
    // The administrator last of the roles: it could change the others'
    // accounts. Someone not signed in after them all: junk on the sign-in form
    // soon throttles this address, and the others must sign in first.
    for role in [
        "participant",
        "casemanager",
        "specialist",
        "coach",
        "coordinator",
        "admin",
        "anonymous",
    ] {
        let b = Browser::new(&app.base);
        let mut queue: VecDeque<String> = if role == "anonymous" {
            let mut start: VecDeque<String> = [
                "/login",
                "/password/forgot",
                "/code",
                "/link/not-a-link-anyone-was-sent",
            ]
            .iter()
            .map(|s| (*s).to_string())
            .collect();
            // The pages only a mail leads to: the links the roles' forms had
            // sent (the coordinator's "send the invitation again" among them).
            let sent_links = links_in_mails(&app).await;
            assert!(
                !sent_links.is_empty(),
                "no mail with a sign-in link was queued by the forms sent"
            );
            start.extend(sent_links);
            start
        } else {
            let res = b.login(&format!("{role}@demo.invalid"), "klubi-demo").await;
            assert_eq!(res.status(), 303, "{role} signs in");
            VecDeque::from(["/".to_string()])
        };
        let mut per_shape: HashMap<String, usize> = HashMap::new();
        let mut forms_seen = BTreeSet::new();
        let mut pages = 0;
        while let Some(path) = queue.pop_front() {
            let count = per_shape.entry(shape(&path)).or_insert(0);
            if *count >= 2 || pages >= 120 {
                continue;
            }
            *count += 1;
            pages += 1;
            shapes_seen.insert(shape(&path));
            let res = b.get(&path).await;
            sent += 1;
            *answers.entry(res.status().as_u16()).or_insert(0_u32) += 1;
            let is_html = res
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|c| c.starts_with("text/html"));
            if res.status().as_u16() >= 400 || !is_html {
                if let Some(wrong) = judge(res).await {
                    problems.push(format!("{role}: GET {path:.200} → {wrong}"));
                }
                continue;
            }
            let html = res.text().await.expect("page");
            let (links, forms) = links_and_forms(&html, &path);
            if role == "anonymous" && path.starts_with("/link/") && !forms.is_empty() {
                mail_pages_shown += 1;
            }
            queue.extend(links);
            // The same page with its ids replaced by junk.
            if shape(&path).contains("{id}") {
                for junk in ["x", "%00", "%FF", "..%2F", &"a".repeat(3000)] {
                    let bad: Vec<String> = path
                        .split('?')
                        .next()
                        .unwrap_or_default()
                        .split('/')
                        .map(|s| {
                            if shape(s) == "{id}" {
                                junk.to_string()
                            } else {
                                s.to_string()
                            }
                        })
                        .collect();
                    let bad = bad.join("/");
                    sent += 1;
                    if let Some(wrong) = judge(b.get(&bad).await).await {
                        problems.push(format!("{role}: GET {bad:.200} → {wrong}"));
                    }
                }
            }
            for form in forms {
                let key = format!(
                    "{} {} {:?}",
                    form.method,
                    shape(&form.action),
                    form.fields
                        .iter()
                        .map(|(k, _)| k.as_str())
                        .collect::<BTreeSet<_>>()
                );
                if !forms_seen.insert(key) {
                    continue;
                }
                let mut variants = vec![];
                for name in &form.typed {
                    variants.push(
                        form.fields
                            .iter()
                            .filter(|(k, _)| k != name)
                            .cloned()
                            .collect::<Vec<_>>(),
                    );
                    for junk in junk_values() {
                        let mut fields = form.fields.clone();
                        for (k, v) in &mut fields {
                            if k == name {
                                *v = junk.clone();
                            }
                        }
                        variants.push(fields);
                    }
                }
                // As it stands, last: it may well succeed and change the page.
                variants.push(form.fields.clone());
                let sends = variants
                    .iter()
                    .map(|v| (v, false))
                    .chain(variants.iter().filter(|_| form.htmx).map(|v| (v, true)));
                for (fields, htmx) in sends {
                    let res = send(&b, &form.method, &form.action, fields, htmx).await;
                    sent += 1;
                    *answers.entry(res.status().as_u16()).or_insert(0_u32) += 1;
                    if let Some(wrong) = judge(res).await {
                        let shown: Vec<String> = fields
                            .iter()
                            .filter(|(k, _)| k != "csrf")
                            .map(|(k, v)| format!("{k}={v:.40}"))
                            .collect();
                        problems.push(format!(
                            "{role}: {}{} {} [{}] → {wrong}",
                            if htmx { "htmx " } else { "" },
                            form.method,
                            form.action,
                            shown.join(" ")
                        ));
                    }
                }
            }
        }
    }
    eprintln!(
        "{sent} requests over {} page shapes, answered by status: {answers:?}",
        shapes_seen.len()
    );
    assert!(
        shapes_seen.len() > 30,
        "only {} page shapes reached: the crawl lost its way: {shapes_seen:?}",
        shapes_seen.len()
    );
    assert!(
        mail_pages_shown > 0,
        "no page behind a mailed sign-in link was shown, so none of its forms was tried"
    );
    assert!(
        problems.is_empty(),
        "{} of {sent} requests answered wrongly:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
