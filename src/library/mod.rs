//! The embedded, versioned exercise library.
//!
//! Every exercise the generator can prescribe lives in [`EXERCISES`], tagged
//! with what selection needs: pattern, mechanic, muscles, required equipment
//! (all of it), minimum level, injury contraindications, rep range, and
//! easier/harder variations. The table is plain `static` data, so it costs no
//! parsing at start-up. Which exercises suit a trainee is decided in `select`.
//!
//! Curation policy, which `tests/library.rs` enforces:
//! - Contraindications are decided exercise by exercise: an exercise is
//!   tagged with every joint it loads at end range, under heavy load or on
//!   landing (deep squats, lunges, jumps and Nordic curls with `knee`; every
//!   overhead press, vertical pull and lateral raise with `shoulder`; every
//!   free-weight hinge and standing barbell lift with `lower_back`). Knee work
//!   that stays in a tolerated range (a chair or high-box squat, a low step-up,
//!   the Spanish squat, leg extensions and machine leg curls) is kept for a
//!   knee injury, because strengthening is first-line knee care, and so is
//!   shoulder work that avoids end range (a floor press, a landmine press, a
//!   neutral-grip pulldown, scaption); the evidence is in `rules::safety`.
//! - `highImpact` marks jumps, landings and ballistic swings, which are not
//!   given to older adults (`rules::safety`).
//! - Equipment is everything the exercise needs; household furniture (a chair,
//!   a sturdy table, a towel) counts as bodyweight.
//! - Everything is counted in reps: core work uses dynamic movements rather
//!   than timed holds, and one carry rep is one 5 m length.
//! - `oneRepMaxLift` is set only where the lift itself is performed.

use crate::model::anatomy::{Mechanic, Muscle, Pattern, VolumeGroup};
use crate::model::profile::{Equipment, Experience, Injury, Lift};
use crate::rules::counting::{self, PRIMARY_HALF_SETS};
use crate::rules::landmarks::GROUPS;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

pub mod eligibility;
mod exercises;

pub use exercises::EXERCISES;

/// Version of the library data; bump it whenever an entry changes.
pub const LIBRARY_VERSION: &str = "2026.11.3";

/// One curated exercise.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exercise {
    /// Stable snake_case id, used in programs and exclusions.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    pub pattern: Pattern,
    pub mechanic: Mechanic,
    pub primary_muscles: &'static [Muscle],
    pub secondary_muscles: &'static [Muscle],
    /// Everything needed; bodyweight exercises list nothing.
    pub equipment: &'static [Equipment],
    /// Trained one side at a time (doubles time under the duration model).
    pub unilateral: bool,
    /// Jumps, landings or ballistic swings: not given to older adults.
    pub high_impact: bool,
    /// Lowest experience level that should be prescribed this exercise.
    pub level_min: Experience,
    /// Injuries for which this exercise is unsuitable.
    pub contraindications: &'static [Injury],
    /// Sensible reps per set, `[min, max]`.
    pub rep_range: [u8; 2],
    /// The main lift whose 1RM sets this exercise's load, if any.
    pub one_rep_max_lift: Option<Lift>,
    /// Id of a regression, if one is in the library.
    pub easier: Option<&'static str>,
    /// Id of a progression, if one is in the library.
    pub harder: Option<&'static str>,
}

impl Exercise {
    /// Half sets one set of this exercise counts for each group, by
    /// [`counting::half_sets`], indexed by [`VolumeGroup`].
    pub fn half_sets(&self) -> [u8; GROUPS] {
        counting::half_sets_by_group(self.primary_muscles, self.secondary_muscles)
    }

    /// Which groups this exercise trains as a primary mover (its sets count in full).
    pub fn primary_groups(&self) -> [bool; GROUPS] {
        self.half_sets().map(|halves| halves == PRIMARY_HALF_SETS)
    }

    /// Whether this exercise trains `group` as a primary mover.
    pub fn is_primary_for(&self, group: VolumeGroup) -> bool {
        counting::half_sets(self.primary_muscles, self.secondary_muscles, group)
            == PRIMARY_HALF_SETS
    }

    /// Whether a set of this exercise counts at all for `group`.
    pub fn counts_for(&self, group: VolumeGroup) -> bool {
        counting::half_sets(self.primary_muscles, self.secondary_muscles, group) > 0
    }
}

/// The library as exported to clients: `{version, exercises}`.
#[derive(Serialize)]
pub struct LibraryExport {
    /// [`LIBRARY_VERSION`].
    pub version: &'static str,
    /// Every exercise, in library order.
    pub exercises: &'static [Exercise],
}

/// The whole library with its version.
pub fn export() -> LibraryExport {
    LibraryExport {
        version: LIBRARY_VERSION,
        exercises: EXERCISES,
    }
}

/// The exercise with this id, if any.
pub fn find(id: &str) -> Option<&'static Exercise> {
    position(id).map(|i| &EXERCISES[i])
}

/// The library index of the exercise with this id, if any: a dense key
/// for per-exercise tallies.
pub fn position(id: &str) -> Option<usize> {
    // Programs are checked exercise by exercise, week by week: look ids up
    // in an index built once rather than scanning the library each time.
    static BY_ID: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    BY_ID
        .get_or_init(|| {
            EXERCISES
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id, i))
                .collect()
        })
        .get(id)
        .copied()
}
