//! The imperative shell: the async pipeline with injected I/O, and its
//! adapter to JavaScript.
//!
//! Everything here moves data in and out; the decisions stay in the pure
//! core (`generate`, `validate`).

pub mod pipeline;
pub mod vocabulary;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
