//! Substitutes: what the trainee may swap in for each prescribed exercise.
//!
//! Alternatives train the same pattern with the same primary groups and are
//! eligible for this trainee (`library::eligibility`: equipment, injuries,
//! exclusions, level); the best come first: same mechanic, then loaded for
//! loaded and bodyweight for bodyweight, then most shared
//! equipment, then closest minimum level, then library order. The library's
//! easier and harder variations follow, when eligible. The validator checks
//! the same definition with [`alternatives`].

use crate::library::{self, eligibility, Exercise, EXERCISES};
use crate::model::profile::Profile;
use crate::model::program::{Relation, Substitute};
use crate::rules::loading;
use std::cmp::Reverse;

/// Most alternatives listed per exercise.
pub const MAX_ALTERNATIVES: usize = 3;

/// Every eligible alternative to `exercise`, best first (not truncated).
pub fn alternatives(profile: &Profile, exercise: &Exercise) -> Vec<&'static Exercise> {
    let linked = [exercise.easier, exercise.harder];
    let groups = exercise.primary_groups();
    let mut found: Vec<(usize, &'static Exercise)> = EXERCISES
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.pattern == exercise.pattern
                && e.id != exercise.id
                && !linked.contains(&Some(e.id))
                && e.primary_groups() == groups
                && eligibility::is_eligible(profile, e)
        })
        .collect();
    found.sort_by_key(|&(index, e)| {
        let shared = e
            .equipment
            .iter()
            .filter(|item| exercise.equipment.contains(item))
            .count();
        let level_gap = (e.level_min as i8 - exercise.level_min as i8).unsigned_abs();
        // Loaded work is swapped for loaded work, bodyweight for bodyweight.
        let loading_differs = loading::externally_loaded(e.equipment)
            != loading::externally_loaded(exercise.equipment);
        (
            e.mechanic != exercise.mechanic,
            loading_differs,
            Reverse(shared),
            level_gap,
            index,
        )
    });
    found.into_iter().map(|(_, e)| e).collect()
}

/// The library's easier or harder variation of `exercise`, if eligible.
pub fn ladder_step(
    profile: &Profile,
    exercise: &Exercise,
    relation: Relation,
) -> Option<&'static Exercise> {
    let id = match relation {
        Relation::Easier => exercise.easier,
        Relation::Harder => exercise.harder,
        Relation::Alternative => None,
    }?;
    library::find(id).filter(|e| eligibility::is_eligible(profile, e))
}

/// The substitutes listed for `exercise`: up to three alternatives, then the
/// easier and harder steps.
pub fn substitutes(profile: &Profile, exercise: &Exercise) -> Vec<Substitute> {
    let listed = |e: &Exercise, relation| Substitute {
        exercise_id: e.id.to_string(),
        name: e.name.to_string(),
        relation,
    };
    let mut out: Vec<Substitute> = alternatives(profile, exercise)
        .into_iter()
        .take(MAX_ALTERNATIVES)
        .map(|e| listed(e, Relation::Alternative))
        .collect();
    for relation in [Relation::Easier, Relation::Harder] {
        if let Some(step) = ladder_step(profile, exercise, relation) {
            out.push(listed(step, relation));
        }
    }
    out
}
