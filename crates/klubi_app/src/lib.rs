//! The `klubi` binary's library: web pages, the JSON API, background jobs,
//! mail and the command line. See ARCHITECTURE.md for the map.

pub mod accounts;
pub mod api;
pub mod assets;
pub mod attendance;
pub mod auth;
pub mod built;
pub mod cli;
pub mod clock;
pub mod clubs;
pub mod config;
pub mod demo;
pub mod error;
pub mod i18n;
pub mod internal_referrals;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod policy;
pub mod referrals;
pub mod request;
pub mod server;
pub mod state;
pub mod web;
