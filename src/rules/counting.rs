//! How sets are counted towards volume groups: the one counting rule.
//!
//! A working set counts 1.0 for a group when one of the exercise's primary
//! muscles belongs to it, else 0.5 when a secondary muscle does, else 0
//! (fractional counting, Pelland et al. 2024). A set never counts twice for
//! one group, however many of its muscles belong there. [`half_sets`] states
//! the rule; everything else here, and every count the generator plans with,
//! derives from it, so the generator and the validator count alike.

use crate::model::anatomy::{Muscle, VolumeGroup};
use crate::model::program::{PrescribedExercise, Session, Week};
use crate::rules::landmarks::GROUPS;

/// Half sets one set counts for a group when a primary muscle belongs to it.
pub const PRIMARY_HALF_SETS: u8 = 2;

/// What one set of an exercise with these muscles counts for `group`, in
/// half sets (2 primary, 1 secondary, 0 neither), so sums stay exact integers.
pub fn half_sets(primary: &[Muscle], secondary: &[Muscle], group: VolumeGroup) -> u8 {
    let in_group = |muscles: &[Muscle]| muscles.iter().any(|m| m.group() == Some(group));
    if in_group(primary) {
        PRIMARY_HALF_SETS
    } else if in_group(secondary) {
        1
    } else {
        0
    }
}

/// [`half_sets`] for every group, indexed by [`VolumeGroup`].
pub fn half_sets_by_group(primary: &[Muscle], secondary: &[Muscle]) -> [u8; GROUPS] {
    // Selection asks this in its inner loops: ask the rule only for the few
    // groups the muscles belong to, every other group counts 0.
    let mut halves = [0; GROUPS];
    for group in primary.iter().chain(secondary).filter_map(|m| m.group()) {
        halves[group as usize] = half_sets(primary, secondary, group);
    }
    halves
}

/// What one set of an exercise with these muscles counts for `group`, in sets.
pub fn set_weight(primary: &[Muscle], secondary: &[Muscle], group: VolumeGroup) -> f64 {
    f64::from(half_sets(primary, secondary, group)) / 2.0
}

/// Fractional sets `exercise` contributes to `group`.
pub fn fractional_sets(exercise: &PrescribedExercise, group: VolumeGroup) -> f64 {
    f64::from(exercise.sets)
        * set_weight(
            &exercise.primary_muscles,
            &exercise.secondary_muscles,
            group,
        )
}

/// Sets of `exercise` in which a primary muscle belongs to `group`.
pub fn primary_sets(exercise: &PrescribedExercise, group: VolumeGroup) -> u32 {
    let halves = half_sets(
        &exercise.primary_muscles,
        &exercise.secondary_muscles,
        group,
    );
    if halves == PRIMARY_HALF_SETS {
        u32::from(exercise.sets)
    } else {
        0
    }
}

/// A count per volume group, indexed by [`VolumeGroup`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GroupSets([f64; VolumeGroup::ALL.len()]);

impl GroupSets {
    /// The count for `group`.
    pub fn get(&self, group: VolumeGroup) -> f64 {
        self.0[group as usize]
    }

    /// Add `sets` to `group`.
    pub fn add(&mut self, group: VolumeGroup, sets: f64) {
        self.0[group as usize] += sets;
    }

    /// Add every group's fractional sets from `exercise`.
    pub fn add_exercise(&mut self, exercise: &PrescribedExercise) {
        for group in VolumeGroup::ALL {
            self.add(group, fractional_sets(exercise, group));
        }
    }

    /// Every group with its count, in canonical order.
    pub fn iter(&self) -> impl Iterator<Item = (VolumeGroup, f64)> + '_ {
        VolumeGroup::ALL.iter().map(|&g| (g, self.get(g)))
    }
}

/// Fractional sets per group in one session.
pub fn session_sets(session: &Session) -> GroupSets {
    let mut sets = GroupSets::default();
    for exercise in &session.exercises {
        sets.add_exercise(exercise);
    }
    sets
}

/// Fractional sets per group over a whole week.
pub fn weekly_sets(week: &Week) -> GroupSets {
    let mut sets = GroupSets::default();
    for exercise in week.sessions.iter().flat_map(|s| &s.exercises) {
        sets.add_exercise(exercise);
    }
    sets
}

/// Primary sets of `group` in one session.
pub fn session_primary_sets(session: &Session, group: VolumeGroup) -> u32 {
    session
        .exercises
        .iter()
        .map(|e| primary_sets(e, group))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::anatomy::Muscle as M;

    #[test]
    fn primary_counts_one_secondary_half_other_nothing() {
        // Bench press: chest and triceps primary, front delts secondary.
        let primary = [M::Chest, M::Triceps];
        let secondary = [M::FrontDelts];
        assert_eq!(set_weight(&primary, &secondary, VolumeGroup::Chest), 1.0);
        assert_eq!(
            set_weight(&primary, &secondary, VolumeGroup::Shoulders),
            0.5
        );
        assert_eq!(set_weight(&primary, &secondary, VolumeGroup::Back), 0.0);
    }

    #[test]
    fn a_set_counts_once_per_group_however_many_of_its_muscles_belong_there() {
        // A row hits lats and upper back (both `back`) and rear delts.
        let primary = [M::Lats, M::UpperBack];
        let secondary = [M::RearDelts, M::Lats];
        assert_eq!(set_weight(&primary, &secondary, VolumeGroup::Back), 1.0);
        assert_eq!(
            set_weight(&primary, &secondary, VolumeGroup::Shoulders),
            0.5
        );
    }

    #[test]
    fn half_sets_by_group_are_indexed_by_group() {
        // A row: lats and upper back primary, biceps and rear delts secondary.
        let halves = half_sets_by_group(&[M::Lats, M::UpperBack], &[M::Biceps, M::RearDelts]);
        assert_eq!(halves[VolumeGroup::Back as usize], 2);
        assert_eq!(halves[VolumeGroup::Biceps as usize], 1);
        assert_eq!(halves[VolumeGroup::Shoulders as usize], 1);
        assert_eq!(halves[VolumeGroup::Chest as usize], 0);
    }

    #[test]
    fn half_sets_by_group_agree_with_the_rule_for_every_exercise() {
        for e in crate::library::EXERCISES {
            let halves = half_sets_by_group(e.primary_muscles, e.secondary_muscles);
            for group in VolumeGroup::ALL {
                let rule = half_sets(e.primary_muscles, e.secondary_muscles, group);
                assert_eq!(halves[group as usize], rule, "{} {group:?}", e.id);
            }
        }
    }

    #[test]
    fn primary_wins_over_secondary_in_the_same_group() {
        let primary = [M::FrontDelts];
        let secondary = [M::SideDelts];
        assert_eq!(
            set_weight(&primary, &secondary, VolumeGroup::Shoulders),
            1.0
        );
    }
}
