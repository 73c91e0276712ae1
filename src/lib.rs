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

pub mod allocate;
pub mod anatomy;
pub mod decode;
pub mod duration;
pub mod eligibility;
pub mod error;
pub mod generate;
mod json;
pub mod library;
pub mod order;
pub mod pipeline;
pub mod planner;
pub mod prescribe;
pub mod profile;
pub mod program;
pub mod progression;
pub mod rng;
pub mod rules;
pub mod select;
mod sort;
pub mod validate;
pub mod volume;
pub mod volume_count;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, ErrorCode, Issue};
pub use generate::{generate_program, Stage};
pub use pipeline::run_program_generation_pipeline;
pub use profile::Profile;
pub use program::Program;
pub use validate::{validate_program, Rule, Violation};

// Talc replaces the default dlmalloc in the WASM build: the same job in
// fewer bytes (and faster); memory still grows on demand.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
