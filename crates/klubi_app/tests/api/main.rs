#![expect(
    clippy::unwrap_used,
    reason = "a test helper that cannot do its job should fail the test loudly"
)]

//! One integration-test binary: every test starts the real application on port 0
//! with a fresh database (SQLite file, or a new PostgreSQL database when
//! `KLUBI_TEST_DB=postgres`) and talks to it over HTTP.

mod helpers;

mod admin;
mod api;
mod attendance;
mod attendance_pages;
mod audit;
mod auth;
mod club_pages;
mod clubs;
mod i18n;
mod junk;
mod junk_pages;
mod locks;
mod mail;
mod operations;
mod parity;
mod referral_pages;
mod referrals;
mod resilience;
mod tokens;
