//! Klubi's operations, between the rules (`klubi_domain`) and the storage
//! (`klubi_db`) on one side and the adapters (`klubi_app`'s pages, API and
//! command line, and the worker's jobs) on the other.
//!
//! One module per feature, named as in `klubi_domain` and `klubi_db`. Each
//! operation takes a [`Caller`] and typed input and returns a typed outcome or
//! an [`Error`]: parse → authorize (the feature's policy) → one transaction
//! (the change, its audit rows, its mail and jobs) → outcome. Nothing here
//! knows HTTP: this crate depends on no web crate.

pub mod accounts;
pub mod alerts;
pub mod attendance;
pub mod audit;
pub mod auth;
pub mod bench_data;
pub mod built;
pub mod calendar;
pub mod caller;
pub mod clock;
pub mod compensation;
pub mod config;
pub mod demo;
pub mod error;
pub mod formats;
pub mod groups;
pub mod home;
pub mod i18n;
pub mod internal_referrals;
pub mod jobs;
pub mod keys;
pub mod mail;
pub mod meetings;
pub mod organisations;
pub mod policy;
pub mod privacy;
pub mod referrals;
pub mod reports;
pub mod second_factor;
pub mod spreadsheet;
pub mod state;
pub mod users;

pub use caller::Caller;
pub use error::{Error, Result};
