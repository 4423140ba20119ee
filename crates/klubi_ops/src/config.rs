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

    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}
