//! The wire contract: the profile that comes in, the program that goes out,
//! the errors, and the anatomy vocabulary both are written in.
//!
//! These types carry data and their serde shape only; the stages in
//! `generate` decide the values, and `input` turns raw JSON into them.

pub mod anatomy;
pub mod error;
pub mod json;
pub mod profile;
pub mod program;
