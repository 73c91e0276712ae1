//! Which sets count as pushing and which as pulling, for the push:pull
//! balance that the allocation keeps (`constraints`) and the deload keeps
//! (`progress`).
//!
//! How many sets each exercise gets is decided by the search (`search`),
//! scored by the declared constraints.

use crate::library::Exercise;
use crate::rules;

/// Whether an exercise's sets count as `(push, pull)`.
pub fn push_or_pull(exercise: &Exercise) -> (bool, bool) {
    (
        rules::PUSH_PATTERNS.contains(&exercise.pattern),
        rules::PULL_PATTERNS.contains(&exercise.pattern),
    )
}
