//! Deterministic, evidence-based training-program generation.
//!
//! The core is pure: a [`Profile`] goes in, a [`Program`] or a typed [`Error`]
//! comes out, with no I/O, clock or global state. The stages run in one
//! direction:
//!
//! ```text
//! profile ─▶ plan ─▶ select ─▶ allocate ─▶ prescribe ─▶ progress ─▶ validate
//! ```
//!
//! I/O lives at the edges: [`pipeline`] drives load → generate → save through
//! injected async callbacks, the `wasm` module adapts those callbacks to
//! JavaScript, and the `program-gen` binary adapts them to files.

pub mod boundary;
pub mod constraints;
pub mod generate;
pub mod input;
pub mod library;
pub mod model;
pub mod report;
pub mod rules;
pub mod validate;

pub use boundary::pipeline::run_program_generation_pipeline;
pub use generate::{generate_program, Stage};
pub use input::decode_program;
pub use model::error::{Error, ErrorCode, Issue};
pub use model::profile::Profile;
pub use model::program::Program;
pub use validate::{validate_program, Rule, Violation};
