//! The command line, as API.md "Command line" fixes it. Every flag also reads
//! its `KLUBI_*` variable. Each command calls the operations as the system
//! (`Caller::system`), as the pages and the API call them for a person.

use clap::{Args, Parser, Subcommand};
use klubi_domain::people::{Email, PersonName};
use klubi_ops::Caller;
use klubi_ops::clock::Clock;
use klubi_ops::config::Config;
use klubi_ops::state::{AppState, AppStateRef};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "klubi", version, about = "Klubi: job-search clubs")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DbArgs {
    /// Directory of the embedded SQLite database (created on first start).
    #[arg(long, env = "KLUBI_DATA_DIR", default_value = "./klubi-data")]
    data_dir: PathBuf,
    /// PostgreSQL URL; when set, the data directory is not used for data.
    #[arg(long, env = "KLUBI_DATABASE_URL")]
    database_url: Option<String>,
    /// The instance's secret key (created 0600 on first start); every
    /// process of one database needs the same. Default: DATA_DIR/secret.key.
    #[arg(long, env = "KLUBI_SECRET_KEY_FILE")]
    secret_key_file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web UI and the API.
    Serve {
        #[arg(long, env = "KLUBI_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Load demo data once, into an empty database.
        #[arg(long, env = "KLUBI_DEMO")]
        demo: bool,
        /// SMTP server for mail, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@host.
        #[arg(long, env = "KLUBI_SMTP_URL")]
        smtp_url: Option<String>,
        #[arg(
            long,
            env = "KLUBI_MAIL_FROM",
            default_value = "Klubi <klubi@localhost>"
        )]
        mail_from: String,
        /// The address users reach Klubi at (for links in mail); https enables Secure cookies and HSTS.
        #[arg(long, env = "KLUBI_PUBLIC_URL")]
        public_url: Option<String>,
        /// Reverse proxies whose X-Forwarded-For names the client (CIDRs or
        /// addresses, comma-separated, e.g. 127.0.0.1/32); from others it is ignored.
        #[arg(long, env = "KLUBI_TRUSTED_PROXIES")]
        trusted_proxies: Option<String>,
        /// /metrics answers only `Authorization: Bearer <this>`; unset: not served.
        #[arg(long, env = "KLUBI_METRICS_TOKEN", hide_env_values = true)]
        metrics_token: Option<String>,
        /// Requests handled at once at most; more get 503 with Retry-After.
        #[arg(long, env = "KLUBI_MAX_IN_FLIGHT", default_value_t = 1024)]
        max_in_flight: usize,
        /// For tests only: the clock starts at this instant (RFC 3339) and runs on.
        #[arg(long, env = "KLUBI_CLOCK_START", hide = true)]
        clock_start: Option<jiff::Timestamp>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Manage administrators.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Bring the database schema up to date.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Fill the database with generated groups and meetings for the benchmarks
    /// (docs/benchmarks.md); never on real data.
    #[command(hide = true)]
    BenchData {
        #[arg(long, default_value_t = 10_000)]
        groups: u32,
        #[arg(long, default_value_t = 10)]
        meetings_per_group: u32,
        /// This user facilitates the first `--coach-groups` groups.
        #[arg(long, default_value = "coach@demo.invalid")]
        coach_email: String,
        #[arg(long, default_value_t = 50)]
        coach_groups: u32,
        /// Also this many pending referrals from the case manager to new open
        /// groups of the coordinator's organisation; their ids go to --referral-ids.
        #[arg(long, default_value_t = 0)]
        referrals: u32,
        #[arg(long, default_value_t = 10)]
        referral_groups: u32,
        #[arg(long)]
        referral_ids: Option<PathBuf>,
        #[arg(long, default_value = "coordinator@demo.invalid")]
        coordinator_email: String,
        #[arg(long, default_value = "casemanager@demo.invalid")]
        case_manager_email: String,
        /// Also this many running groups of the coordinator's organisation
        /// with meetings this month, and ten participants marked at every
        /// meeting of every group; ids for the benchmark go to --attendance-ids.
        #[arg(long, default_value_t = 0)]
        attendance_groups: u32,
        #[arg(long)]
        attendance_ids: Option<PathBuf>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// The audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Make a consistent online backup of the SQLite database.
    Backup {
        #[arg(long, env = "KLUBI_BACKUP_TO")]
        to: PathBuf,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an administrator; the password comes from KLUBI_PASSWORD or a prompt.
    Create {
        #[arg(long, env = "KLUBI_EMAIL")]
        email: String,
        #[arg(long, env = "KLUBI_NAME")]
        name: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Seal the rows that are due into the log's hash chain, then check every
    /// link; exits non-zero when the log was changed past the application.
    Verify {
        /// A link `ID:HASH` printed by an earlier run (or logged by the
        /// sealer) that the chain must still hold: finds a chain rewritten or
        /// cut since.
        #[arg(long, env = "KLUBI_AUDIT_ANCHOR")]
        anchor: Option<String>,
        /// For tests only: the clock starts at this instant (RFC 3339) and runs on.
        #[arg(long, env = "KLUBI_CLOCK_START", hide = true)]
        clock_start: Option<jiff::Timestamp>,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Print a new API token for the user with that email.
    Create {
        #[arg(long, env = "KLUBI_EMAIL")]
        email: String,
        #[arg(long, default_value = "cli")]
        name: String,
        /// Days it works (1–365).
        #[arg(long, default_value_t = 90)]
        days: i64,
        /// It may only read.
        #[arg(long)]
        read_only: bool,
        #[command(flatten)]
        db: DbArgs,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KLUBI_LOG")
                .unwrap_or_else(|_| "info,tower_http=warn,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("klubi: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("klubi: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn config(db: DbArgs) -> Config {
    let mut c = Config::new(db.data_dir, db.database_url);
    c.secret_key_file = db.secret_key_file;
    c
}

/// What a command runs with: the database, the real clock, no mailer.
async fn command_state(db: DbArgs) -> anyhow::Result<AppStateRef> {
    AppState::for_command(config(db), Clock::system()).await
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            addr,
            demo,
            smtp_url,
            mail_from,
            public_url,
            trusted_proxies,
            metrics_token,
            max_in_flight,
            clock_start,
            db,
        } => {
            let mut c = config(db);
            c.addr = addr;
            c.demo = demo;
            c.smtp_url = smtp_url.filter(|s| !s.is_empty());
            c.mail_from = mail_from;
            c.public_url = public_url.filter(|s| !s.is_empty());
            c.metrics_token = metrics_token.filter(|t| !t.is_empty());
            c.max_in_flight = max_in_flight;
            c.trusted_proxies = Config::parse_trusted_proxies(&trusted_proxies.unwrap_or_default())
                .map_err(|e| anyhow::anyhow!(e))?;
            let clock = match clock_start {
                Some(t) => Clock::starting_at(t.as_second()),
                None => Clock::system(),
            };
            let running = crate::server::start(c, clock).await?;
            // Scripts (and the browser tests) read this line to find the port.
            println!("Klubi listening on http://{}", running.addr);
            running.until_signal().await;
            Ok(())
        }
        Command::Migrate { db } => {
            let state = command_state(db).await?;
            state.migrate().await?;
            println!("database is up to date");
            Ok(())
        }
        Command::BenchData {
            groups,
            meetings_per_group,
            coach_email,
            coach_groups,
            referrals,
            referral_groups,
            referral_ids,
            coordinator_email,
            case_manager_email,
            attendance_groups,
            attendance_ids,
            db,
        } => {
            let state = command_state(db).await?;
            let db = &*state;
            let t0 = std::time::Instant::now();
            if referrals > 0 {
                let ids = klubi_ops::bench_data::referrals(
                    db,
                    Clock::system().now(),
                    referrals,
                    referral_groups,
                    &coordinator_email,
                    &case_manager_email,
                )
                .await?;
                if let Some(path) = referral_ids {
                    std::fs::write(&path, ids.join("\n") + "\n")?;
                }
                println!(
                    "{} pending referrals to {} groups written in {:.1} s",
                    ids.len(),
                    referral_groups.max(1),
                    t0.elapsed().as_secs_f64()
                );
            }
            let t0 = std::time::Instant::now();
            let (g, m) = klubi_ops::bench_data::run(
                db,
                Clock::system().now(),
                &klubi_ops::bench_data::Spec {
                    groups,
                    meetings_per_group,
                    coach_email: coach_email.clone(),
                    coach_groups,
                },
            )
            .await?;
            println!(
                "{g} groups and {m} meetings written in {:.1} s",
                t0.elapsed().as_secs_f64()
            );
            // After the groups: the participants are marked at every meeting there is.
            let t0 = std::time::Instant::now();
            if attendance_groups > 0 {
                let lines = klubi_ops::bench_data::attendance(
                    db,
                    Clock::system().now(),
                    attendance_groups,
                    &coordinator_email,
                    &coach_email,
                )
                .await?;
                if let Some(path) = &attendance_ids {
                    std::fs::write(path, lines.join("\n") + "\n")?;
                }
                println!(
                    "attendance: {} groups, {} in {:.1} s",
                    attendance_groups,
                    lines.last().map(String::as_str).unwrap_or(""),
                    t0.elapsed().as_secs_f64()
                );
            }
            Ok(())
        }
        Command::Backup { to, db } => {
            if to.exists() {
                anyhow::bail!("{} exists already; choose a new file", to.display());
            }
            command_state(db).await?.backup(&to).await?;
            println!("backup written to {}", to.display());
            Ok(())
        }
        Command::Audit {
            command:
                AuditCommand::Verify {
                    anchor,
                    clock_start,
                    db,
                },
        } => {
            let anchor = anchor
                .filter(|a| !a.trim().is_empty())
                .map(|a| {
                    klubi_ops::audit::Head::parse(&a)
                        .ok_or_else(|| anyhow::anyhow!("--anchor: write it as ID:HASH, as printed"))
                })
                .transpose()?;
            let postgres = db.database_url.is_some();
            let clock =
                clock_start.map_or_else(Clock::system, |t| Clock::starting_at(t.as_second()));
            let state = AppState::for_command(config(db), clock).await?;
            let cx = Caller::system(&state, "cli audit verify");
            let v = klubi_ops::audit::verify(&cx, anchor)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            print!("{}", audit_report(&v, postgres));
            if v.holds() {
                Ok(())
            } else {
                anyhow::bail!(
                    "the audit log does not hold: {} problem(s), the first at row {}",
                    v.problem_count,
                    v.problems.first().map_or(0, |p| p.audit_id)
                )
            }
        }
        Command::Admin {
            command: AdminCommand::Create { email, name, db },
        } => {
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            let name = PersonName::parse(&name).map_err(|e| anyhow::anyhow!("--name: {e}"))?;
            let password = match std::env::var("KLUBI_PASSWORD") {
                Ok(p) => p,
                Err(_) => rpassword::prompt_password("Password for the new administrator: ")?,
            };
            let password = klubi_domain::people::NewPassword::parse(&password, &password)
                .map_err(|(_, e)| anyhow::anyhow!("password: {e}"))?;
            let state = command_state(db).await?;
            state.migrate().await?;
            let cx = Caller::system(&state, "cli admin create");
            let user = klubi_ops::accounts::create_administrator(&cx, &email, &name, &password)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "administrator {} created ({})",
                user.email.as_deref().unwrap_or_default(),
                user.id
            );
            Ok(())
        }
        Command::Token {
            command:
                TokenCommand::Create {
                    email,
                    name,
                    days,
                    read_only,
                    db,
                },
        } => {
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            let state = command_state(db).await?;
            let cx = Caller::system(&state, "cli token create");
            let request = klubi_ops::accounts::TokenRequest {
                name: &name,
                days: Some(days),
                read_only,
            };
            let created = klubi_ops::accounts::create_token_by_email(&cx, &email, &request)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .ok_or_else(|| anyhow::anyhow!("no active user with that email"))?;
            println!("{}", created.token);
            Ok(())
        }
    }
}

/// What `klubi audit verify` prints.
fn audit_report(v: &klubi_ops::audit::Verified, postgres: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "audit log: {} sealed rows checked ({} sealed by this run)",
        v.checked, v.sealed_now
    );
    if v.unsealed > 0 {
        let oldest = v
            .oldest_unsealed_at
            .and_then(|t| jiff::Timestamp::from_second(t).ok())
            .map_or_else(String::new, |t| format!(", the oldest written {t}"));
        let _ = writeln!(
            out,
            "{} newer rows are not sealed yet{oldest}: rows are sealed {} minutes after they are written",
            v.unsealed,
            klubi_domain::audit_chain::SEAL_AFTER_SECS / 60
        );
    }
    if let Some(head) = &v.head {
        let _ = writeln!(
            out,
            "head of the chain: {head}\n  (keep it elsewhere; a later `klubi audit verify --anchor {head}` finds the chain rewritten or cut)"
        );
    }
    if postgres && v.role_may_rewrite {
        let _ = writeln!(
            out,
            "note: this database role may UPDATE, DELETE or TRUNCATE the audit log; serve should run as one that may not (docs/deploy/postgresql.md)"
        );
    }
    if v.holds() {
        let _ = writeln!(out, "OK: every sealed row is as it was sealed");
        return out;
    }
    let _ = writeln!(
        out,
        "BROKEN: {} problem(s); the first {} in id order:",
        v.problem_count,
        v.problems.len()
    );
    for p in &v.problems {
        let _ = writeln!(out, "  row {}: {}", p.audit_id, fault_text(&p.fault));
    }
    out
}

fn fault_text(f: &klubi_ops::audit::Fault) -> String {
    use klubi_ops::audit::Fault;
    match f {
        Fault::DetailsChanged => "its details were changed after it was sealed".into(),
        Fault::RowChanged => "it was changed after it was sealed (its time, actor, action, entity, organisation or request id, or its link)".into(),
        Fault::RowMissing => "it was sealed and has been deleted".into(),
        Fault::LinkBroken { prev_id } => format!(
            "the chain is broken before it: its link follows row {prev_id}, which is not the row sealed before it (a row and its link were deleted, or a link was changed)"
        ),
        Fault::NotSealed => "it lies among the sealed rows but was never sealed: inserted later".into(),
        Fault::AnchorMismatch => "its link is not the anchor given: the chain was rewritten since the anchor was taken".into(),
        Fault::AnchorMissing => "the anchor names it, but the chain does not reach it: sealed rows were cut from the end".into(),
    }
}
