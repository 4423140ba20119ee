//! Denial of service (issue 16, item 7): a client that trickles its headers
//! is cut off, load beyond the in-flight limit is shed with 503, password
//! hashing runs under a bound, /metrics only with its token.

use crate::helpers::*;
use axum::Router;
use axum::routing::get;
use klubi_app::state::AppStateRef;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn a_client_that_trickles_its_headers_is_cut_off() {
    let app = spawn_with(|c| c.header_read_timeout_secs = 1).await;
    let addr = app.base.strip_prefix("http://").unwrap().to_string();
    let mut conn = tokio::net::TcpStream::connect(&addr).await.unwrap();
    conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    // One byte of a header every 300 ms: never a whole request.
    let mut closed = false;
    for b in b"X-Slow: aaaaaaaaaaaaaaaaaaaa".iter() {
        tokio::time::sleep(Duration::from_millis(300)).await;
        if conn.write_all(&[*b]).await.is_err() {
            closed = true;
            break;
        }
    }
    if !closed {
        let mut buf = [0u8; 512];
        let read = tokio::time::timeout(Duration::from_secs(3), conn.read(&mut buf)).await;
        closed = matches!(read, Ok(Ok(0)) | Ok(Err(_)))
            || matches!(read, Ok(Ok(n)) if String::from_utf8_lossy(&buf[..n]).contains("408"));
    }
    assert!(
        closed,
        "the connection is still open after {:?}",
        started.elapsed()
    );
    assert!(started.elapsed() < Duration::from_secs(9));
    // Whoever sends a whole request is served as ever.
    let res = app.api().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

fn slow_route() -> Router<AppStateRef> {
    Router::new().route(
        "/test/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_millis(1500)).await;
            "finished"
        }),
    )
}

#[tokio::test]
async fn requests_beyond_the_in_flight_limit_are_shed_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut config =
        klubi_app::config::Config::new(dir.path().join("data"), fresh_database().await);
    config.max_in_flight = 2;
    let app = start_with_routes(config, test_clock(), dir, None, slow_route()).await;
    let slow = || app.api().get(app.url("/test/slow")).send();
    let (a, b, c) = tokio::join!(slow(), slow(), async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let t = Instant::now();
        let res = app.api().get(app.url("/healthz")).send().await.unwrap();
        (res, t.elapsed())
    });
    assert_eq!(a.unwrap().status(), 200);
    assert_eq!(b.unwrap().status(), 200);
    let (res, took) = c;
    assert_eq!(res.status(), 503, "the third at once is shed");
    assert_eq!(res.headers()["retry-after"], "1");
    assert!(
        took < Duration::from_millis(500),
        "shed at once, not queued: {took:?}"
    );
    // Afterwards there is room again.
    let res = app.api().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

/// The process's peak resident memory so far, in kB (Linux).
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[tokio::test]
async fn two_hundred_sign_ins_at_once_stay_within_memory() {
    // From two hundred addresses (through a trusted proxy), so that no
    // throttle stops them before the password is checked.
    let app = spawn_with(|c| {
        c.trusted_proxies =
            klubi_app::config::Config::parse_trusted_proxies("127.0.0.1/32").unwrap()
    })
    .await;
    let (csrf, cookie) = app.login_form().await;
    // Two hundred requests at once that hash nothing: what serving them costs.
    let plain = (0..200).map(|_| {
        let req = app.api().get(app.url("/login"));
        async move { req.send().await.unwrap().status().as_u16() }
    });
    futures::future::join_all(plain).await;
    let before = peak_kb();
    let tries = (0..200).map(|i| {
        let req = app
            .api()
            .post(app.url("/login"))
            .header("cookie", &cookie)
            .header("sec-fetch-site", "same-origin")
            .header(
                "x-forwarded-for",
                format!("198.51.{}.{}", i / 250, i % 250 + 1),
            )
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", &format!("nobody{i}@x.fi")),
                ("password", "wrong password"),
            ]);
        async move { req.send().await.unwrap().status().as_u16() }
    });
    let answers = futures::future::join_all(tries).await;
    let grew_mb = (peak_kb().saturating_sub(before)) / 1024;
    assert!(
        answers.iter().all(|s| *s == 401 || *s == 503),
        "only 'wrong' or 'busy, come back': {answers:?}"
    );
    assert!(answers.contains(&503), "some were told to come back");
    // Argon2id takes 19 MiB a hash: two hundred at once would be 3.8 GB.
    assert!(grew_mb < 400, "peak memory grew by {grew_mb} MB");
}
