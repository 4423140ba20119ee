//! The machine of docs/deploy/ as processes of this test: `klubi` started as
//! `klubi@.service` starts it (read from the unit and its environment files),
//! Debian's nginx with the documented site file, and what they leave behind
//! (nginx's access log, the mail the SMTP server received).

use crate::helpers::eventually;
use reqwest::Method;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const NGINX: &str = "/usr/sbin/nginx";
const BIN: &str = env!("CARGO_BIN_EXE_klubi");

/// A file of docs/deploy/.
pub fn deploy_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/deploy")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `KEY=VALUE` lines of a systemd environment file (quotes taken off).
fn env_file(text: &str) -> Vec<(String, String)> {
    let line = |l: &str| {
        let (k, v) = l.split_once('=').expect("KEY=VALUE");
        let v = v.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(v);
        (k.trim().to_string(), v.to_string())
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(line)
        .collect()
}

pub type Env = BTreeMap<String, String>;

/// What `klubi@.service` runs as `instance`: ExecStart's arguments after the
/// binary, and the variables of its `EnvironmentFile=` lines in order (a later
/// file wins), each read from docs/deploy/ by its file name.
pub fn unit(instance: &str) -> (Vec<String>, Env) {
    let (mut args, mut env) = (None, Env::new());
    for line in deploy_file("klubi@.service").lines().map(str::trim) {
        if let Some(cmd) = line.strip_prefix("ExecStart=") {
            let mut words = cmd.split_whitespace().map(String::from);
            let bin = words.next().unwrap_or_default();
            assert!(bin.ends_with("/klubi"), "ExecStart runs {bin}, not klubi");
            args = Some(words.collect());
        }
        if let Some(path) = line.strip_prefix("EnvironmentFile=") {
            let name = path.rsplit('/').next().unwrap().replace("%i", instance);
            env.extend(env_file(&deploy_file(&name)));
        }
    }
    (args.expect("an ExecStart= line"), env)
}

/// A child process; stopped (SIGTERM, then SIGKILL) when dropped.
pub struct Proc {
    child: Child,
    log: PathBuf,
}

impl Proc {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn signal(&self, sig: &str) {
        let sent = Command::new("kill")
            .args([format!("-{sig}"), self.pid().to_string()])
            .status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -{sig}");
    }

    /// SIGKILL, and reaped: its sockets are closed when this returns.
    pub fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        if !matches!(self.child.try_wait(), Ok(None)) {
            return;
        }
        let pid = self.pid().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        for _ in 0..60 {
            if !matches!(self.child.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn klubi(env: &Env, args: &[String]) -> Command {
    let mut c = Command::new(BIN);
    // What systemd gives a service: its environment files, nothing inherited.
    c.env_clear().envs(env).args(args).stdin(Stdio::null());
    c
}

/// Runs a `klubi` command to its end: what it printed.
pub fn command(env: &Env, args: &[&str]) -> String {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let out = klubi(env, &args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "klubi {args:?}: {err}");
    String::from_utf8(out.stdout).unwrap()
}

/// Starts `klubi` (`serve`) and waits for its "Klubi listening on" line:
/// the process and its address.
pub async fn serve(name: &str, args: &[String], env: &Env, dir: &Path) -> (Proc, String) {
    let out = dir.join(format!("{name}.out"));
    let log = dir.join(format!("{name}.log"));
    let child = klubi(env, args)
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let mut p = Proc { child, log };
    let what = format!("klubi {name} to listen");
    let every = Duration::from_millis(50);
    let addr = eventually(&what, Duration::from_secs(60), every, || {
        let exited = p.child.try_wait().unwrap();
        assert!(exited.is_none(), "klubi {name} stopped: {}", p.log());
        let printed = std::fs::read_to_string(&out).unwrap_or_default();
        let addr = printed
            .lines()
            .find_map(|l| l.strip_prefix("Klubi listening on http://"))
            .map(String::from);
        async move { addr }
    })
    .await;
    (p, addr)
}

pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// `text` with `from` replaced by `to`; `from` must be there exactly once, so
/// that a change of the documented file this test no longer follows fails.
fn put(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} once in nginx.conf");
    text.replacen(from, to, 1)
}

/// Fails, never skips, without Debian's nginx.
pub fn require_nginx() {
    assert!(
        Path::new(NGINX).exists(),
        "Debian's nginx is missing ({NGINX}): `apt-get install nginx` (scripts/test \
         installs it). This test runs the documented deployment; it cannot pass without."
    );
}

/// Debian's nginx as a plain process (not the package's service) in `dir`:
/// a main configuration standing in for /etc/nginx/nginx.conf includes the
/// documented site, listening on `port` and with `upstreams` (the documented
/// address, the instance's) put in.
pub fn start_nginx(dir: &Path, port: u16, upstreams: [(&str, &str); 2]) -> Proc {
    let listen = format!("\n    listen 127.0.0.1:{port};");
    let mut site = put(&deploy_file("nginx.conf"), "\n    listen 80;", &listen);
    for (documented, actual) in upstreams {
        let server = |a: &str| format!("server {a} ");
        site = put(&site, &server(documented), &server(actual));
    }
    std::fs::write(dir.join("klubi.conf"), site).unwrap();
    // As root (CI) its workers run as nobody, as Debian's run as www-data.
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let root = std::fs::metadata(dir).unwrap().uid() == 0;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let d = dir.display();
    let user = if root { "user nobody nogroup;" } else { "" };
    let main = format!(
        "{user}
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 512; }}
http {{
    log_format upstream '$request_method $uri $status $upstream_addr';
    access_log {d}/access.log upstream;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    include {d}/klubi.conf;
}}
"
    );
    let conf = dir.join("nginx.conf");
    std::fs::write(&conf, main).unwrap();
    let nginx = |extra: &[&str]| {
        let mut c = Command::new(NGINX);
        c.arg("-p").arg(dir).arg("-c").arg(&conf).args(extra);
        c
    };
    let t = nginx(&["-t", "-q"]).output().unwrap();
    let err = String::from_utf8_lossy(&t.stderr);
    assert!(t.status.success(), "nginx -t: {err}");
    let log = dir.join("stderr.log");
    let child = nginx(&["-g", "daemon off;"])
        .stdin(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    Proc { child, log }
}

/// The upstream (the last one tried) that answered each request logged as
/// `"METHOD /path STATUS"` in nginx's access log, in order.
pub fn served_by(nginx_dir: &Path, request: &str) -> Vec<String> {
    let log = std::fs::read_to_string(nginx_dir.join("access.log")).unwrap_or_default();
    log.lines()
        .filter_map(|l| l.strip_prefix(request)?.strip_prefix(' '))
        .filter_map(|u| u.rsplit(", ").next().map(String::from))
        .collect()
}

/// Every mail the SMTP server received: the outbox id its Message-ID names,
/// and its recipients.
pub fn received(dir: &Path) -> Vec<(String, Vec<String>)> {
    let mut out = vec![];
    for path in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
        if path.extension().is_none_or(|x| x != "eml") {
            continue;
        }
        let raw = std::fs::read(&path).unwrap();
        let m = mail_parser::MessageParser::default().parse(&raw).unwrap();
        let id = m.message_id().expect("a Message-ID");
        let rcpt = std::fs::read_to_string(path.with_extension("rcpt")).unwrap();
        let rcpt = rcpt.lines().map(|l| l.trim().to_lowercase()).collect();
        out.push((id.split('@').next().unwrap().to_string(), rcpt));
    }
    out
}

/// A client from a loopback address of its own (Linux answers every address
/// of 127.0.0.0/8): to nginx, a machine of its own.
pub fn client_from(ip: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(ip.parse::<std::net::IpAddr>().unwrap())
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// The API through nginx.
pub struct Api {
    pub base: String,
    pub client: reqwest::Client,
}

impl Api {
    /// The status (0: no answer at all) and the body.
    pub async fn send(&self, token: &str, method: Method, path: &str, body: Value) -> (u16, Value) {
        let url = format!("{}/api/v1{path}", self.base);
        let mut req = self.client.request(method.clone(), url).bearer_auth(token);
        if method != Method::GET {
            req = req.json(&body);
        }
        let Ok(res) = req.send().await else {
            return (0, Value::Null);
        };
        let status = res.status().as_u16();
        let text = res.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, body)
    }

    /// A call that must answer `want`: its body.
    pub async fn must(
        &self,
        token: &str,
        method: Method,
        path: &str,
        body: Value,
        want: u16,
    ) -> Value {
        let (s, v) = self.send(token, method.clone(), path, body).await;
        assert_eq!(s, want, "{method} {path}: {v}");
        v
    }
}
