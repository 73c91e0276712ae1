//! Raw JSON to typed values, with the path of every problem.
//!
//! The profile is checked field by field in `model::profile`, so that every
//! bad field is reported at once; a program is decoded here for
//! `validateProgram` and `program-gen validate`.

pub mod program;

pub use program::program as decode_program;
