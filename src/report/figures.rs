//! The quality figures of one program.
//!
//! Everything is read from the program itself (and, for what the trainee
//! could have been given, from the library's eligibility filter); sets are
//! counted by `rules::counting` and minutes by `rules::duration`, never
//! restated here. The measured week is the first accumulation week: the
//! exercises repeat every week, and later weeks only change effort.

use crate::library::{eligibility, Exercise};
use crate::model::anatomy::{Pattern, VolumeGroup};
use crate::model::program::{Landmarks, Phase, PrescribedExercise, Program, Week};
use crate::rules::duration;
use crate::rules::{self, counting};
use serde::Serialize;
use std::collections::BTreeMap;

/// Weekly sets of one volume group against the trainee's landmarks.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupFigures {
    pub group: VolumeGroup,
    /// Fractional weekly sets in the measured week.
    pub sets: f64,
    pub landmarks: Landmarks,
    /// Whether some eligible exercise trains the group as a primary mover.
    pub trainable: bool,
}

/// Weekly sets of one main pattern's compounds in the measured week.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MainLiftFigures {
    pub pattern: Pattern,
    /// Sets of every compound of the pattern, loaded or not.
    pub compound_sets: u32,
    /// Sets of its loaded compounds (barbell included): the main lifts.
    pub loaded_sets: u32,
    /// Sets of its barbell compounds.
    pub barbell_sets: u32,
    /// Whether a loaded compound of the pattern is eligible.
    pub loaded_eligible: bool,
    /// Whether a barbell compound of the pattern is eligible.
    pub barbell_eligible: bool,
}

/// Every figure the report shows for one program.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramFigures {
    /// Estimated minutes over `sessionMinutes`, per accumulation-week session.
    pub session_time_use: Vec<f64>,
    pub groups: Vec<GroupFigures>,
    pub main_lifts: Vec<MainLiftFigures>,
    /// Whether the measured week trains calves as a primary mover.
    pub calf_work: bool,
    /// Whether the measured week trains abs as a primary mover.
    pub core_work: bool,
    /// Warning occurrences by code.
    pub warnings: BTreeMap<String, usize>,
}

/// The weeks measured for time use (accumulation), else every non-deload week.
fn accumulation_weeks(program: &Program) -> Vec<&Week> {
    let accumulation: Vec<&Week> = program
        .weeks
        .iter()
        .filter(|w| w.phase == Phase::Accumulation)
        .collect();
    if accumulation.is_empty() {
        program.weeks.iter().filter(|w| !w.deload).collect()
    } else {
        accumulation
    }
}

/// Compute the figures of one generated program.
pub fn program_figures(program: &Program) -> ProgramFigures {
    let profile = &program.profile;
    let budget = f64::from(profile.session_minutes);
    let weeks = accumulation_weeks(program);
    let session_time_use = weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .map(|s| f64::from(duration::session_seconds(&s.exercises)) / 60.0 / budget)
        .collect();

    let week = weeks.first().copied();
    let exercises: Vec<_> = week
        .iter()
        .flat_map(|w| &w.sessions)
        .flat_map(|s| &s.exercises)
        .collect();
    let weekly = week.map(counting::weekly_sets).unwrap_or_default();
    let eligible: Vec<_> = eligibility::eligible_exercises(profile).collect();
    let groups = program
        .volume_landmarks
        .iter()
        .map(|(&group, &landmarks)| GroupFigures {
            group,
            sets: weekly.get(group),
            landmarks,
            trainable: eligible.iter().any(|e| e.is_primary_for(group)),
        })
        .collect();

    let main_lifts = rules::MAIN_PATTERNS
        .iter()
        .map(|&pattern| main_lift_figures(pattern, &exercises, &eligible))
        .collect();

    let trains = |group| {
        exercises
            .iter()
            .any(|e| counting::primary_sets(e, group) > 0)
    };
    let mut warnings = BTreeMap::new();
    for warning in &program.warnings {
        *warnings.entry(warning.code.clone()).or_insert(0) += 1;
    }
    ProgramFigures {
        session_time_use,
        groups,
        main_lifts,
        calf_work: trains(VolumeGroup::Calves),
        core_work: trains(VolumeGroup::Abs),
        warnings,
    }
}

/// Sets of `pattern`'s compounds among `exercises`, and which kinds of them
/// the `eligible` library exercises offer.
fn main_lift_figures(
    pattern: Pattern,
    exercises: &[&PrescribedExercise],
    eligible: &[&Exercise],
) -> MainLiftFigures {
    let mut figures = MainLiftFigures {
        pattern,
        compound_sets: 0,
        loaded_sets: 0,
        barbell_sets: 0,
        loaded_eligible: false,
        barbell_eligible: false,
    };
    for e in exercises.iter().filter(|e| e.pattern == pattern) {
        let sets = u32::from(e.sets);
        let kind = rules::lift_kind_of(e.pattern, e.mechanic, &e.equipment);
        if kind.is_some() {
            figures.compound_sets += sets;
        }
        if matches!(
            kind,
            Some(rules::LiftKind::Loaded | rules::LiftKind::Barbell)
        ) {
            figures.loaded_sets += sets;
        }
        if kind == Some(rules::LiftKind::Barbell) {
            figures.barbell_sets += sets;
        }
    }
    for e in eligible.iter().filter(|e| e.pattern == pattern) {
        let kind = rules::lift_kind_of(e.pattern, e.mechanic, e.equipment);
        figures.loaded_eligible |= matches!(
            kind,
            Some(rules::LiftKind::Loaded | rules::LiftKind::Barbell)
        );
        figures.barbell_eligible |= kind == Some(rules::LiftKind::Barbell);
    }
    figures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library;

    fn kind(id: &str) -> Option<rules::LiftKind> {
        let e = library::find(id).expect("in the library");
        rules::lift_kind_of(e.pattern, e.mechanic, e.equipment)
    }

    #[test]
    fn main_lifts_are_main_pattern_compounds_sorted_by_load() {
        assert_eq!(kind("back_squat"), Some(rules::LiftKind::Barbell));
        assert_eq!(kind("goblet_squat"), Some(rules::LiftKind::Loaded));
        assert_eq!(kind("lat_pulldown"), Some(rules::LiftKind::Loaded));
        assert_eq!(kind("push_up"), Some(rules::LiftKind::Unloaded));
        assert_eq!(kind("band_row"), Some(rules::LiftKind::Unloaded));
        assert_eq!(kind("cable_fly"), None);
        assert_eq!(kind("straight_arm_pulldown"), None);
    }
}
