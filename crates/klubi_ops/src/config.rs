use std::net::SocketAddr;
use std::path::PathBuf;

/// What `serve` needs; the CLI fills it from flags and `KLUBI_*` variables.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub demo: bool,
    /// `smtp://host:port` or `smtps://user:pass@host`; `None` writes mail to the log.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// The address users reach Klubi at, for links in mail and feeds. When it is
    /// `https://…`, cookies are `Secure` and HSTS is sent.
    pub public_url: Option<String>,
    /// How long one request may take before it is answered with an error.
    pub request_timeout_secs: u64,
    /// Start the background worker (tests that inspect the queue turn it off).
    pub run_worker: bool,
    /// The instance's secret key (see `keys`); `None`: `secret.key` in the data directory.
    pub secret_key_file: Option<PathBuf>,
}

impl Config {
    /// The defaults of `serve`, for a data directory and an optional database URL.
    pub fn new(data_dir: PathBuf, database_url: Option<String>) -> Self {
        Config {
            addr: "127.0.0.1:0".parse().expect("a literal address"),
            data_dir,
            database_url,
            demo: false,
            smtp_url: None,
            mail_from: "Klubi <klubi@localhost>".into(),
            public_url: None,
            request_timeout_secs: 30,
            run_worker: true,
            secret_key_file: None,
        }
    }

    /// Where the instance's secret key is kept.
    pub fn secret_key_path(&self) -> PathBuf {
        self.secret_key_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join("secret.key"))
    }

    /// The absolute base of every link Klubi makes (mail, feeds, API
    /// responses): the public URL, or else the listen address. Never a
    /// request's Host header.
    pub fn base_url(&self) -> String {
        match &self.public_url {
            Some(u) => u.trim_end_matches('/').to_string(),
            None => format!("http://{}", self.addr),
        }
    }

    /// What `serve` refuses to start with: mail without a public URL (its
    /// links would point at the listen address), a public URL that is not
    /// an absolute http(s) address of a host.
    pub fn check(&self) -> Result<(), String> {
        if let Some(u) = &self.public_url {
            let rest = u
                .strip_prefix("https://")
                .or_else(|| u.strip_prefix("http://"))
                .ok_or_else(|| {
                    format!("KLUBI_PUBLIC_URL must start with https:// or http://: {u}")
                })?;
            let host = rest.split('/').next().unwrap_or("");
            let clean = |c: char| c.is_ascii_alphanumeric() || ".-:[]".contains(c);
            if host.is_empty() || !host.chars().all(clean) || rest.contains(['?', '#', ' ']) {
                return Err(format!(
                    "KLUBI_PUBLIC_URL must be an address like https://klubi.example.fi: {u}"
                ));
            }
        } else if self.smtp_url.is_some() {
            return Err(
                "KLUBI_SMTP_URL is set but KLUBI_PUBLIC_URL is not: links in mail \
                 come from configuration only, so say where users reach Klubi \
                 (e.g. --public-url https://klubi.example.fi)"
                    .into(),
            );
        }
        Ok(())
    }

    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}
