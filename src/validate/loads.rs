//! Rules 18–25: a prescription that agrees with itself and a progression
//! that accumulates — reps inside the library's range, load and RIR agreeing
//! under the one %1RM table, loads between the empty bar and the 1RM, heavy
//! work only on the barbell lifts, the main-lift scheme only on suited
//! lifts, loads that never fall back outside deloads, the progression each
//! level follows, and AMRAP sets on main lifts.

use super::{exercise_path, Findings, Input, Located};
use crate::library::eligibility;
use crate::library::{self, Exercise};
use crate::model::profile::{Experience, Units};
use crate::model::program::{Cadence, IncrementUnit, ProgressionKind, Role};
use crate::rules::loading;
use crate::rules::progression as progression_rules;
use std::collections::BTreeMap;

/// Rule 18: reps fall within the library's `repRange` in every week.
pub(super) fn reps_within_library_range(input: &Input, findings: &mut Findings) {
    for located in input.exercises() {
        let Some(entry) = located.entry else { continue };
        let [low, high] = entry.rep_range;
        let e = located.exercise;
        if e.reps_min < low || e.reps_max > high {
            findings.report(
                format!("{}.repsMin", located.path()),
                format!(
                    "reps {}–{}; {} is done for {low}–{high}",
                    e.reps_min, e.reps_max, entry.id
                ),
            );
        }
    }
}

/// The 1RM of the lift an exercise is, from the profile.
fn one_rep_max(input: &Input, entry: &Exercise) -> Option<f64> {
    let lift = entry.one_rep_max_lift?;
    input.profile.one_rep_maxes?.get(lift)
}

/// Rule 19: load, reps and RIR agree under the %1RM table
/// (`rules::loading::reps_to_failure`): the stated RIR is within ±1 of what
/// the load implies against the week's training max, allowing for the
/// rounding to a whole percent of the 1RM and to the plate step.
pub(super) fn load_matches_effort(input: &Input, findings: &mut Findings) {
    let units = input.profile.units;
    for located in input.exercises() {
        let e = located.exercise;
        let (Some(load), Some(entry)) = (e.load, located.entry) else {
            continue;
        };
        let path = || located.path();
        let Some(tm) = e.progression.training_max else {
            findings.report(
                format!("{}.progression.trainingMax", path()),
                "a load needs the training max it is set from",
            );
            continue;
        };
        let Some(max) = one_rep_max(input, entry) else {
            continue;
        };
        if tm.value <= 0.0 || !tm.value.is_finite() {
            findings.report(
                format!("{}.progression.trainingMax", path()),
                "the training max must be positive",
            );
            continue;
        }
        let tolerance = loading::plate_step(units) / 2.0 + max * 0.005;
        let percent = |value: f64| value / tm.value * 100.0;
        let fewest = loading::reps_to_failure(percent(load.value + tolerance));
        let most = loading::reps_to_failure(percent((load.value - tolerance).max(0.0)));
        let (reps, rir) = (f64::from(e.reps_max), f64::from(e.rir));
        if rir < fewest - reps - 1.0 - 1e-9 || rir > most - reps + 1.0 + 1e-9 {
            findings.report(
                format!("{}.rir", path()),
                format!(
                    "RIR {} at {} × {}; the load leaves {:.0}–{:.0} reps in reserve (±1)",
                    e.rir,
                    e.reps_max,
                    load.value,
                    (fewest - reps).max(0.0),
                    (most - reps).max(0.0)
                ),
            );
        }
    }
}

/// Rule 20: barbell loads are at least the empty bar; no load is above the
/// 1RM; a training max comes with a 1RM lift, in the profile's units, on
/// the plate step.
pub(super) fn load_limits(input: &Input, findings: &mut Findings) {
    let units = input.profile.units;
    for located in input.exercises() {
        let e = located.exercise;
        let Some(entry) = located.entry else { continue };
        let path = || located.path();
        if let Some(load) = e.load {
            if entry
                .equipment
                .contains(&crate::model::profile::Equipment::Barbell)
                && load.value < loading::empty_bar(units) - 1e-9
            {
                findings.report(
                    format!("{}.load", path()),
                    format!(
                        "{} is below the empty bar ({})",
                        load.value,
                        loading::empty_bar(units)
                    ),
                );
            }
            if let Some(max) = one_rep_max(input, entry) {
                if load.value > max + 1e-9 {
                    findings.report(
                        format!("{}.load", path()),
                        format!("{} is above the {max} 1RM", load.value),
                    );
                }
            }
        }
        if e.load_percent_1rm.is_some() && e.load.is_none() {
            findings.report(
                format!("{}.load", path()),
                "a percentage of the 1RM needs its load",
            );
        }
        if let Some(tm) = e.progression.training_max {
            let known = one_rep_max(input, entry).is_some();
            if !known || tm.unit != units || !on_step(tm.value, units) {
                findings.report(
                    format!("{}.progression.trainingMax", path()),
                    "a training max needs the lift's 1RM, the profile's units and the plate step",
                );
            }
        }
    }
}

fn on_step(value: f64, units: Units) -> bool {
    let steps = value / loading::plate_step(units);
    value.is_finite() && (steps - steps.round()).abs() < 1e-9
}

/// Rule 21: sets of 3 reps or fewer only for barbell squats, hinges, bench
/// and overhead presses.
pub(super) fn heavy_reps_limited(input: &Input, findings: &mut Findings) {
    for located in input.exercises() {
        let Some(entry) = located.entry else { continue };
        let e = located.exercise;
        let allowed =
            loading::heavy_singles_allowed(entry.pattern, entry.mechanic, entry.equipment);
        if e.reps_min < loading::LIGHT_WORK_MIN_REPS && !allowed {
            findings.report(
                format!("{}.repsMin", located.path()),
                format!(
                    "{} reps of {}; only barbell squats, hinges, bench and overhead presses go below {}",
                    e.reps_min,
                    entry.id,
                    loading::LIGHT_WORK_MIN_REPS
                ),
            );
        }
    }
}

/// Rule 22: the main-lift role only for loaded compounds suited to it
/// (`rules::loading::suits_main_lift`), and roles match the mechanic.
pub(super) fn main_lift_suited(input: &Input, findings: &mut Findings) {
    for located in input.exercises() {
        let Some(entry) = located.entry else { continue };
        let role = located.exercise.role;
        let isolation = entry.mechanic == crate::model::anatomy::Mechanic::Isolation;
        let suited = loading::suits_main_lift(entry.mechanic, entry.equipment, entry.rep_range);
        let wrong = match role {
            Role::Main => !suited,
            Role::Compound => isolation,
            Role::Isolation => !isolation,
        };
        if wrong {
            findings.report(
                format!("{}.role", located.path()),
                format!("{} cannot take the {role:?} role", entry.id),
            );
        }
    }
}

/// Rule 23: a lift's load never falls below its top from an earlier
/// training week (deloads aside), and its training max starts at no more
/// than 90% of the 1RM and rises by exactly its increment: every training
/// week for linear progression, every block (after each deload) otherwise.
pub(super) fn loads_accumulate(input: &Input, findings: &mut Findings) {
    let weeks = &input.program.weeks;
    let mut best: BTreeMap<&str, f64> = BTreeMap::new();
    for (w, week) in weeks.iter().enumerate().filter(|(_, w)| !w.deload) {
        let mut tops: BTreeMap<&str, (f64, String)> = BTreeMap::new();
        for (s, session) in week.sessions.iter().enumerate() {
            for (e, exercise) in session.exercises.iter().enumerate() {
                if let Some(load) = exercise.load {
                    let top = tops
                        .entry(exercise.exercise_id.as_str())
                        .or_insert((load.value, exercise_path(w, s, e)));
                    if load.value > top.0 {
                        *top = (load.value, exercise_path(w, s, e));
                    }
                }
            }
        }
        for (id, (top, path)) in tops {
            let earlier = best.entry(id).or_insert(top);
            if top < *earlier - 1e-9 {
                findings.report(
                    format!("{path}.load"),
                    format!("{id} falls to {top} after {} in an earlier week", *earlier),
                );
            }
            *earlier = earlier.max(top);
        }
    }
    training_maxes_rise(input, findings);
}

/// The training max of each lift, week by week (training weeks only).
fn training_maxes_rise(input: &Input, findings: &mut Findings) {
    let units = input.profile.units;
    let level = input.profile.experience;
    // Per exercise id: (training max, training weeks before, deloads before).
    let mut seen: BTreeMap<String, (f64, u32, u32)> = BTreeMap::new();
    let (mut training, mut deloads) = (0u32, 0u32);
    for (w, week) in input.program.weeks.iter().enumerate() {
        if week.deload {
            deloads += 1;
            continue;
        }
        for (s, session) in week.sessions.iter().enumerate() {
            for (e, exercise) in session.exercises.iter().enumerate() {
                let (Some(tm), Some(entry)) = (
                    exercise.progression.training_max,
                    library::find(&exercise.exercise_id),
                ) else {
                    continue;
                };
                let (Some(lift), Some(max)) = (entry.one_rep_max_lift, one_rep_max(input, entry))
                else {
                    continue;
                };
                let path = || format!("{}.progression", exercise_path(w, s, e));
                let increment = loading::increment(lift, level, units, max);
                if (exercise.progression.increment.value - increment).abs() > 1e-9 {
                    findings.report(
                        format!("{}.increment", path()),
                        format!("{} steps by {increment} at this level", entry.id),
                    );
                }
                let linear = exercise.progression.kind == ProgressionKind::Linear;
                match seen.get(entry.id) {
                    None => {
                        let start = loading::starting_training_max(max, units);
                        if tm.value > start + 1e-9 {
                            findings.report(
                                format!("{}.trainingMax", path()),
                                format!("starts at {}, above 90% of the 1RM ({start})", tm.value),
                            );
                        }
                    }
                    Some(&(before, at_training, at_deloads)) => {
                        let steps = if linear {
                            training - at_training
                        } else {
                            deloads - at_deloads
                        };
                        let expected = before + f64::from(steps) * increment;
                        if (tm.value - expected).abs() > 1e-9 {
                            findings.report(
                                format!("{}.trainingMax", path()),
                                format!(
                                    "{} after {before}; expected {expected} ({steps} steps of {increment})",
                                    tm.value
                                ),
                            );
                        }
                    }
                }
                seen.insert(entry.id.to_string(), (tm.value, training, deloads));
            }
        }
        training += 1;
    }
}

/// Rule 24: each exercise's progression fits the trainee and the
/// exercise: lifts with a training max progress linearly for beginners
/// (week to week) and by double progression or waves otherwise (block to
/// block); bodyweight and band work climbs a ladder of reps, then the
/// harder variation when it is eligible; other loaded work uses double
/// progression; increments are in the profile's units (reps for ladders).
pub(super) fn progression_by_level(input: &Input, findings: &mut Findings) {
    let units = input.profile.units;
    let load_unit = match units {
        Units::Kg => IncrementUnit::Kg,
        Units::Lb => IncrementUnit::Lb,
    };
    for located in input.exercises() {
        let Some(entry) = located.entry else { continue };
        let p = &located.exercise.progression;
        let path = || format!("{}.progression", located.path());
        if p.description.trim().is_empty() {
            findings.report(
                format!("{}.description", path()),
                "the rule needs its words",
            );
        }
        let expected: &[ProgressionKind] = if p.training_max.is_some() {
            match input.profile.experience {
                Experience::Beginner => &[ProgressionKind::Linear],
                _ => &[ProgressionKind::Double, ProgressionKind::Wave],
            }
        } else if !loading::externally_loaded(entry.equipment) {
            &[ProgressionKind::Ladder]
        } else {
            &[ProgressionKind::Double, ProgressionKind::Linear]
        };
        if !expected.contains(&p.kind) {
            findings.report(
                format!("{}.kind", path()),
                format!("{:?} progression; expected one of {expected:?}", p.kind),
            );
        }
        let (unit, cadence_ok) = match p.kind {
            ProgressionKind::Ladder => (IncrementUnit::Reps, true),
            ProgressionKind::Linear if p.training_max.is_some() => {
                (load_unit, p.every == Cadence::Week)
            }
            _ if p.training_max.is_some() => (load_unit, p.every == Cadence::Block),
            _ => (load_unit, true),
        };
        if p.increment.unit != unit || !cadence_ok || p.increment.value <= 0.0 {
            findings.report(
                format!("{}.increment", path()),
                format!("expected a positive step in {unit:?} at the rule's cadence"),
            );
        }
        if p.kind == ProgressionKind::Ladder {
            let harder = entry
                .harder
                .and_then(library::find)
                .filter(|h| eligibility::is_eligible(input.profile, h))
                .map(|h| h.id);
            if p.next_variation.as_deref() != harder {
                findings.report(
                    format!("{}.nextVariation", path()),
                    format!("expected the eligible harder variation {harder:?}"),
                );
            }
        } else if p.next_variation.is_some() {
            findings.report(
                format!("{}.nextVariation", path()),
                "only a ladder names a next variation",
            );
        }
    }
}

/// Rule 25: main lifts loaded from a training max end with an AMRAP set in
/// training weeks (adults only), whose result moves the training max; no
/// other exercise has one.
pub(super) fn amrap_on_main_lifts(input: &Input, findings: &mut Findings) {
    let adult = progression_rules::amrap_allowed(input.profile);
    for located in input.exercises() {
        let e = located.exercise;
        let deload = input.program.weeks[located.at.0].deload;
        let expected = adult
            && !deload
            && e.role == Role::Main
            && e.load.is_some()
            && e.progression.training_max.is_some();
        let path = || format!("{}.progression.amrap", located.path());
        match (expected, e.progression.amrap) {
            (true, None) => findings.report(path(), "a main lift ends with an AMRAP set"),
            (false, Some(_)) => findings.report(
                path(),
                "only adults' main lifts in training weeks have an AMRAP set",
            ),
            (true, Some(amrap)) => {
                let sound = amrap.raise_at_reps > e.reps_max
                    && amrap.lower_below_reps <= e.reps_min
                    && amrap.stop_rir >= 1;
                if !sound {
                    findings.report(
                        path(),
                        "the AMRAP set raises above the top of the range, lowers below its bottom, and stops short of failure",
                    );
                }
            }
            (false, None) => {}
        }
    }
}

/// Whether a located exercise is barbell work (for the warm-up rules).
pub(super) fn barbell(located: &Located) -> bool {
    located.entry.map_or(
        located
            .exercise
            .equipment
            .contains(&crate::model::profile::Equipment::Barbell),
        |e| {
            e.equipment
                .contains(&crate::model::profile::Equipment::Barbell)
        },
    )
}
