//! Klubi's rules. Pure: no IO, no clock of its own (the caller passes `now`),
//! and newtypes that parse input at the edge so the rest of the code cannot
//! hold an invalid value.

pub mod attendance;
pub mod audit_chain;
pub mod compensation;
pub mod enrolment;
pub mod formats;
pub mod groups;
pub mod holidays;
pub mod jobs;
pub mod login;
pub mod meetings;
pub mod money;
pub mod month;
pub mod organisations;
pub mod people;
pub mod referrals;
pub mod reports;
pub mod roles;
pub mod schedule;
pub mod second_factor;
pub mod validation;

pub use validation::{FieldError, Invalid};
