//! The real SMTP server each mail test gets (scripts/smtp_sink.py), and
//! reading what it received.

use crate::helpers::eventually;
use std::path::PathBuf;
use std::time::Duration;

/// The real SMTP server of scripts/smtp_sink.py, one per test.
pub struct SmtpSink {
    pub port: u16,
    pub dir: PathBuf,
    child: std::process::Child,
}

impl SmtpSink {
    pub fn start(dir: PathBuf) -> Self {
        use std::io::BufRead;
        std::fs::create_dir_all(&dir).expect("mail dir");
        let script =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/smtp_sink.py");
        let mut child = std::process::Command::new("python3")
            .arg(script)
            .arg("--dir")
            .arg(&dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 scripts/smtp_sink.py (needs the aiosmtpd package; scripts/test installs it)");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("sink's port line");
        let port = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected sink output: {line:?}"));
        SmtpSink { port, dir, child }
    }

    /// The first message to `to`, waiting up to 15 seconds for it.
    pub async fn wait_for(&self, to: &str) -> String {
        self.wait_for_n(to, 1).await.remove(0)
    }

    /// The first `n` messages to `to` (all that arrived, at least `n`),
    /// waiting up to 15 seconds for them.
    pub async fn wait_for_n(&self, to: &str, n: usize) -> Vec<String> {
        eventually(
            &format!("{n} mail(s) to {to} at the SMTP server"),
            Duration::from_secs(15),
            Duration::from_millis(50),
            || async move {
                let all = self.messages_to(to);
                (all.len() >= n).then_some(all)
            },
        )
        .await
    }

    pub fn messages_to(&self, to: &str) -> Vec<String> {
        let mut names: Vec<_> = std::fs::read_dir(&self.dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        names.sort();
        names
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .filter(|p| {
                std::fs::read_to_string(p.with_extension("rcpt"))
                    .map(|r| r.lines().any(|l| l.trim().eq_ignore_ascii_case(to)))
                    .unwrap_or(false)
            })
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A received mail: subject, plain-text body and its Content-Language.
pub struct Received {
    pub subject: String,
    pub text: String,
    pub language: String,
}

pub fn parse_mail(raw: &str) -> Received {
    let m = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .expect("a parsable mail");
    Received {
        subject: m.subject().unwrap_or_default().to_string(),
        text: m.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        language: m
            .header_raw("Content-Language")
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// The first `/link/<token>` URL in a text.
pub fn find_link(text: &str) -> String {
    let start = text.find("http").expect("a link in the mail");
    text[start..]
        .split_whitespace()
        .next()
        .expect("link")
        .to_string()
}
