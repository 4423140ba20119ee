#![expect(
    clippy::unwrap_used,
    reason = "a test helper that cannot do its job should fail the test loudly"
)]

//! One integration-test binary: every test starts the real application on port 0
//! with a fresh database (SQLite file, or a new PostgreSQL database when
//! `KLUBI_TEST_DB=postgres`) and talks to it over HTTP.

mod helpers;
mod pilot;
mod reading;
mod sink;
mod world;

mod admin;
mod api;
mod attendance_alerts;
mod attendance_marks;
mod attendance_pages;
mod audit;
mod audit_chain;
mod auth;
mod calendar;
mod club_pages;
mod compensation;
mod compensation_approval;
mod deploy;
mod formats;
mod groups;
mod i18n;
mod internal_referrals;
mod invitations;
mod junk;
mod junk_pages;
mod locks;
mod mail;
mod meetings;
mod operations;
mod parity;
mod postgres_roles;
mod privacy;
mod record_of_processing;
mod referral_pages;
mod referrals;
mod reports;
mod resilience;
mod second_factor;
mod security_accounts;
mod security_links;
mod security_load;
mod security_referrals;
mod security_secrets;
mod security_throttle;
mod security_tokens;
mod snapshots;
mod tokens;
mod waiting_list;
