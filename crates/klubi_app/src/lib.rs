//! The `klubi` binary's library: the adapters around `klubi_ops` — web pages,
//! the JSON API and the command line — and the server that runs them. See
//! ARCHITECTURE.md for the map.

pub mod api;
pub mod assets;
pub mod cli;
mod direction;
pub mod error;
pub mod metrics;
pub mod request;
pub mod server;
pub mod web;

// Paths the tests (and older code) know, kept where they were.
pub use klubi_ops::{auth, clock, config, demo, i18n, state};
