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
    /// Reverse proxies whose `X-Forwarded-For` is believed (`KLUBI_TRUSTED_PROXIES`):
    /// a request from one of these names its client there; from anyone else
    /// the header is ignored and the peer address is the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `/metrics` answers only a request with `Authorization: Bearer <this>`
    /// (`KLUBI_METRICS_TOKEN`); without one it is not served at all.
    pub metrics_token: Option<String>,
    /// Requests handled at once at most; more are answered 503 at once
    /// (`KLUBI_MAX_IN_FLIGHT`) rather than queued.
    pub max_in_flight: usize,
    /// A client must send a request's headers within this (slowloris).
    pub header_read_timeout_secs: u64,
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
            trusted_proxies: vec![],
            metrics_token: None,
            max_in_flight: 1024,
            header_read_timeout_secs: 10,
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

    /// `KLUBI_TRUSTED_PROXIES`: CIDRs or single addresses, separated by
    /// commas or spaces (e.g. `127.0.0.1/32, ::1`).
    pub fn parse_trusted_proxies(s: &str) -> Result<Vec<ipnet::IpNet>, String> {
        s.split([',', ' '])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse::<ipnet::IpNet>()
                    .or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| format!("KLUBI_TRUSTED_PROXIES: not an address or CIDR: {p}"))
            })
            .collect()
    }

    /// The client of a request that came from `peer` with these
    /// `X-Forwarded-For` values: from a trusted proxy, the right-most address
    /// in the chain that is not a trusted proxy (the one the last trusted hop
    /// saw; addresses further left are the client's own claims); otherwise
    /// the peer itself, whatever the header says.
    pub fn client_ip(&self, peer: std::net::IpAddr, forwarded_for: &[&str]) -> std::net::IpAddr {
        let trusted = |ip: &std::net::IpAddr| self.trusted_proxies.iter().any(|n| n.contains(ip));
        if !trusted(&peer) {
            return peer;
        }
        let chain: Vec<std::net::IpAddr> = forwarded_for
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .map_while(|a| a.parse().ok())
            .collect();
        chain
            .iter()
            .rev()
            .find(|ip| !trusted(ip))
            .or(chain.first())
            .copied()
            .unwrap_or(peer)
    }

    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(trusted: &str) -> Config {
        let mut c = Config::new(PathBuf::from("/nonexistent"), None);
        c.trusted_proxies = Config::parse_trusted_proxies(trusted).unwrap();
        c
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let c = config("127.0.0.1/32, 10.0.0.0/8");
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        // A stranger's header is ignored.
        assert_eq!(
            c.client_ip(ip("203.0.113.9"), &["1.2.3.4"]),
            ip("203.0.113.9")
        );
        // Through the proxy: the address it saw.
        assert_eq!(
            c.client_ip(ip("127.0.0.1"), &["198.51.100.7"]),
            ip("198.51.100.7")
        );
        // A client's own claim on the left is not believed over what the proxy saw.
        assert_eq!(
            c.client_ip(ip("127.0.0.1"), &["6.6.6.6, 198.51.100.7"]),
            ip("198.51.100.7")
        );
        // Two trusted hops.
        assert_eq!(
            c.client_ip(ip("127.0.0.1"), &["198.51.100.7, 10.1.2.3"]),
            ip("198.51.100.7")
        );
        // Junk from the proxy: the proxy itself.
        assert_eq!(c.client_ip(ip("127.0.0.1"), &["junk"]), ip("127.0.0.1"));
        assert_eq!(c.client_ip(ip("127.0.0.1"), &[]), ip("127.0.0.1"));
        assert!(Config::parse_trusted_proxies("10.0.0.0/33").is_err());
        assert_eq!(Config::parse_trusted_proxies("::1").unwrap().len(), 1);
    }
}
