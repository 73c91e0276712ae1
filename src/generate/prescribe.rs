//! Prescription: reps, effort, rest and load for each exercise.
//!
//! This module decides, for an exercise's role in its session, the goal, the
//! phase and the day's kind, a [`Scheme`]: the rep range (inside the
//! library's), the rest, the RIR, and whether its load comes from a training
//! max. A scheme also says how it moves through a block (see
//! [`Scheme::dose`]); which weeks are blocks is decided in `plan`, the sets
//! in `allocate`, and the training max of each week in `progress`.
//!
//! Sources: ACSM 2009 position stand (repetition ranges and rest per goal);
//! Helms et al. 2016 (*Strength Cond J* 38(4), RIR-based RPE scale) and
//! Zourdos et al. 2016 for effort prescribed as reps in reserve; loads from
//! the one %1RM ↔ reps table in `rules::loading`.

use crate::generate::plan::DayKind;
use crate::library::Exercise;
use crate::model::anatomy::{Mechanic, Pattern};
use crate::model::profile::{Equipment, Experience, Goal, Profile, Units};
use crate::model::program::{Load, Phase, PrescribedExercise, WarmUpSet, Warning};
use crate::rules;
use crate::rules::duration;
use crate::rules::loading;
use crate::rules::progression::{self as progression_rules, AgeGroup, ProgressionStyle};
use crate::rules::WarningCode;

pub use crate::model::program::Role;

/// How generously rest is given: compact when time is short for the volume.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestMode {
    Normal,
    Compact,
}

/// Reps, RIR and, for lifts loaded from a training max, the reps to failure
/// the load is set for, in one week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dose {
    pub reps_min: u8,
    pub reps_max: u8,
    pub rir: u8,
    /// Reps to failure the load is chosen for (`None` when unloaded).
    pub load_reps_to_failure: Option<u8>,
}

/// How a scheme moves through a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    /// No load from a training max: RIR falls a week, then reps rise.
    Effort,
    /// Loaded, linear: reps and RIR hold; the training max rises each week.
    Linear,
    /// Loaded, double progression or waves: the load holds through the
    /// block while reps climb and RIR falls with them.
    Climb,
}

/// How an exercise is prescribed through one block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scheme {
    /// Rep range in the block's first week.
    pub reps_min: u8,
    pub reps_max: u8,
    pub rest_seconds: u16,
    /// RIR in the first week; it falls by one a week down to `rir_floor`.
    pub rir_start: u8,
    pub rir_floor: u8,
    /// The trainee's 1RM for this lift, when load is prescribed from it.
    pub one_rep_max: Option<f64>,
    pub motion: Motion,
    /// Weeks reps may climb (Climb) or rise (Effort) in a block.
    pub rep_weeks: u8,
}

impl Scheme {
    /// The dose in week `week` (0-based) of the block.
    pub fn dose(&self, week: u8) -> Dose {
        match self.motion {
            Motion::Effort => {
                let effort_weeks = self.rir_start.saturating_sub(self.rir_floor);
                let rir = self.rir_start.saturating_sub(week).max(self.rir_floor);
                let extra = week.saturating_sub(effort_weeks).min(self.rep_weeks);
                Dose {
                    reps_min: self.reps_min.saturating_add(extra),
                    reps_max: self.reps_max.saturating_add(extra),
                    rir,
                    load_reps_to_failure: None,
                }
            }
            Motion::Linear => Dose {
                reps_min: self.reps_min,
                reps_max: self.reps_max,
                rir: self.rir_start,
                load_reps_to_failure: Some(self.reps_max + self.rir_start),
            },
            Motion::Climb => {
                let climb = week.min(self.rep_weeks);
                Dose {
                    reps_min: self.reps_min + climb,
                    reps_max: self.reps_max + climb,
                    rir: self.rir_start.saturating_sub(climb).max(self.rir_floor),
                    load_reps_to_failure: Some(self.reps_max + self.rir_start),
                }
            }
        }
    }

    /// Longest set, in seconds, across a block of `weeks` weeks.
    pub fn max_set_seconds(&self, weeks: u8, unilateral: bool) -> u32 {
        let last = self.dose(weeks.saturating_sub(1));
        duration::set_seconds(last.reps_max, unilateral, self.rest_seconds)
    }
}

/// Whether an exercise may lead a session as its main lift.
pub fn suits_main_lift(exercise: &Exercise) -> bool {
    loading::suits_main_lift(exercise.mechanic, exercise.equipment, exercise.rep_range)
}

/// The role of `session[index]`: the first compound suited to heavy work
/// leads the session (and, for strength, every lift with a known 1RM).
pub fn role(profile: &Profile, session: &[&Exercise], index: usize) -> Role {
    let Some(exercise) = session.get(index) else {
        return Role::Isolation;
    };
    if exercise.mechanic == Mechanic::Isolation {
        return Role::Isolation;
    }
    if !suits_main_lift(exercise) {
        return Role::Compound;
    }
    let first_suited = session.iter().position(|e| suits_main_lift(e));
    if first_suited == Some(index) {
        return Role::Main;
    }
    if profile.goal == Goal::Strength && one_rep_max(profile, exercise).is_some() {
        return Role::Main;
    }
    Role::Compound
}

/// The trainee's 1RM for the lift this exercise is, if both are known.
pub fn one_rep_max(profile: &Profile, exercise: &Exercise) -> Option<f64> {
    let lift = exercise.one_rep_max_lift?;
    profile.one_rep_maxes?.get(lift).filter(|&max| max > 0.0)
}

/// The scheme of an exercise in a block of `block_len` weeks.
pub fn scheme(
    profile: &Profile,
    exercise: &Exercise,
    role: Role,
    kind: DayKind,
    phase: Phase,
    block_len: u8,
    mode: RestMode,
) -> Scheme {
    let (low, high, normal_rest) = nominal(profile.goal, role, kind, phase);
    let rir_floor = rir_floor(profile, exercise, role, phase);
    let style = progression_rules::style(
        profile.experience,
        crate::generate::plan::periodization(profile.goal, profile.experience),
    );
    let one_rep_max =
        one_rep_max(profile, exercise).filter(|&max| loadable(profile, exercise, max, style));
    let motion = match (one_rep_max, style) {
        (None, _) => Motion::Effort,
        (Some(_), ProgressionStyle::Linear) => Motion::Linear,
        (Some(_), _) => Motion::Climb,
    };
    let (rir_start, rep_weeks) = match motion {
        // Effort first, then reps, within the block.
        Motion::Effort => {
            let start = (rir_floor + block_len.saturating_sub(1)).min(*rules::RIR.end());
            let effort_weeks = start.saturating_sub(rir_floor);
            (
                start,
                block_len.saturating_sub(1).saturating_sub(effort_weeks),
            )
        }
        // One above the floor, every week.
        Motion::Linear => ((rir_floor + 1).min(*rules::RIR.end()).max(rir_floor), 0),
        // The same start in every block, so each block's load is at least the
        // last one's; reps climb for as many weeks as the level's blocks last
        // and the RIR can follow them (one week past the floor stays within
        // the ±1 the table allows).
        Motion::Climb => {
            let start = (rir_floor + 3).min(*rules::RIR.end()).max(rir_floor);
            let low_recovery = false;
            let level_weeks =
                progression_rules::weeks_between_deloads(profile.experience, low_recovery) - 1;
            let climb = (level_weeks as u8).min(start - rir_floor + 1);
            (start, climb)
        }
    };
    let [library_low, library_high] = exercise.rep_range;
    let min_reps = progression_rules::min_reps(profile).max(
        if loading::heavy_singles_allowed(exercise.pattern, exercise.mechanic, exercise.equipment) {
            1
        } else {
            loading::LIGHT_WORK_MIN_REPS
        },
    );
    let floor_reps = library_low.max(min_reps);
    let ceiling = rep_ceiling(profile.goal, exercise.mechanic, role).min(library_high);
    // An exercise whose library range starts at the goal's ceiling climbs
    // above it rather than stall (the goal's rule is a share of the sets);
    // a strength main lift never does.
    let top = if profile.goal == Goal::Strength && role == Role::Main {
        ceiling
    } else {
        ceiling.max(floor_reps.saturating_add(rep_weeks).min(library_high))
    };
    // Room for every rep week where the goal's band allows it; else the
    // band's bottom, giving up one rep week where effort still progresses
    // (one week without progress is allowed, two are not).
    let given_up = u8::from(motion == Motion::Effort);
    let reps_max = high
        .min(top.saturating_sub(rep_weeks))
        .max(low.min(top.saturating_sub(rep_weeks.saturating_sub(given_up))))
        .max(floor_reps)
        .min(library_high);
    let reps_min = low.max(floor_reps).min(reps_max);
    // Reps may rise only as far as the goal's ceiling and the library allow.
    let rep_weeks = rep_weeks.min(top.max(reps_max) - reps_max);
    // Rest fits the rest rule from the block's first week to its last.
    let first = rules::rest_range(profile.goal, exercise.mechanic, reps_max);
    let last = rules::rest_range(profile.goal, exercise.mechanic, reps_max + rep_weeks);
    let (shortest, longest) = (
        *first.start().max(last.start()),
        *first.end().min(last.end()),
    );
    // Compact rest is the shortest the rest rule allows for the set.
    let rest_seconds = match mode {
        RestMode::Normal => normal_rest.clamp(shortest, longest.max(shortest)),
        RestMode::Compact => shortest,
    };
    Scheme {
        reps_min,
        reps_max,
        rest_seconds,
        rir_start,
        rir_floor,
        one_rep_max,
        motion,
        rep_weeks,
    }
}

/// Whether loads can be set from this 1RM for the whole program: the
/// training max can take every increment the program may add while its
/// lightest load (at least 66% of it: ≤ 14 reps to failure, as the 1RM
/// lifts' library ranges top out at 10 reps and RIR at 4) stays on the bar
/// and its heaviest (at most 90%: ≥ 4 reps to failure) a step under the
/// 1RM, with a step of slack for rounding at each end. A lift too light for
/// that is prescribed by reps and effort instead.
fn loadable(profile: &Profile, exercise: &Exercise, max: f64, style: ProgressionStyle) -> bool {
    let Some(lift) = exercise.one_rep_max_lift else {
        return false;
    };
    let units = profile.units;
    let step = loading::plate_step(units);
    let lightest = if barbell(exercise) {
        loading::empty_bar(units)
    } else {
        step
    };
    let steps = match style {
        ProgressionStyle::Linear => profile.weeks.saturating_sub(1),
        _ => profile.weeks / 4,
    };
    let room = (max - step) / 0.9 - lightest / 0.66 - 2.0 * step;
    let start_fits = loading::starting_training_max(max, units) * 0.66 >= lightest + step;
    start_fits
        && room >= f64::from(steps) * loading::increment(lift, profile.experience, units, max)
}

/// `(repsMin, repsMax, rest)` before progression room is taken. Compounds
/// rest 120–180 s when heavy (≤ 6 reps), else 60–180 s; isolation 45–90 s;
/// endurance work 30–120 s; every value sits inside `rules::rest_range`.
fn nominal(goal: Goal, role: Role, kind: DayKind, phase: Phase) -> (u8, u8, u16) {
    use DayKind::{Heavy, Light, Moderate};
    use Role::{Compound, Isolation, Main};
    match goal {
        Goal::Strength => match (role, phase, kind) {
            (Main, Phase::Intensification, _) | (Main, _, Heavy) => (3, 5, 180),
            (Main, Phase::Realization, _) => (2, 3, 180),
            (Main, _, Light) => (5, 6, 150),
            (Main, _, Moderate) => (4, 6, 180),
            (Compound, Phase::Intensification | Phase::Realization, _) | (Compound, _, Heavy) => {
                (6, 8, 120)
            }
            (Compound, _, Light) => (10, 12, 90),
            (Compound, _, Moderate) => (8, 10, 120),
            (Isolation, _, Heavy) => (8, 10, 90),
            (Isolation, _, Light) => (12, 15, 60),
            (Isolation, _, Moderate) => (8, 12, 90),
        },
        Goal::Hypertrophy => match (role, kind) {
            (Main, Heavy) => (5, 8, 150),
            (Main, Moderate) => (6, 10, 120),
            (Main, Light) | (Compound, Light) => (12, 15, 75),
            (Compound, Heavy) => (6, 10, 120),
            (Compound, Moderate) => (8, 12, 90),
            (Isolation, Heavy) => (8, 12, 75),
            (Isolation, Moderate) => (10, 15, 60),
            (Isolation, Light) => (15, 20, 60),
        },
        Goal::MuscularEndurance => match (role, kind) {
            (Isolation, Heavy) => (12, 15, 45),
            (Isolation, Moderate) => (15, 20, 45),
            (Isolation, Light) => (20, 25, 45),
            (_, Heavy | Moderate) => (12, 15, 60),
            (_, Light) => (15, 20, 60),
        },
        Goal::GeneralFitness | Goal::FatLoss => {
            let (low, high) = match (role, kind) {
                (Main, Heavy) => (6, 8),
                (Main, Moderate) => (8, 10),
                (Isolation, Heavy) => (8, 12),
                (Isolation, Moderate) => (10, 12),
                (_, Light) => (12, 15),
                (Compound, _) => (8, 12),
            };
            let rest = match (goal, role) {
                (Goal::FatLoss, Isolation) => 45,
                (Goal::FatLoss, _) => 60,
                (_, Isolation) => 60,
                (_, _) => 90,
            };
            (low, high, rest)
        }
    }
}

/// The highest `repsMax` the goal's rep rule allows for this exercise.
fn rep_ceiling(goal: Goal, mechanic: Mechanic, role: Role) -> u8 {
    match (goal, role, mechanic) {
        (Goal::Strength, Role::Main, _) => rules::HEAVY_REPS_MAX,
        (Goal::Strength, _, _) => 20,
        (Goal::Hypertrophy, _, Mechanic::Compound) => 20,
        (Goal::Hypertrophy, _, Mechanic::Isolation) => 30,
        (Goal::MuscularEndurance, _, _) => *rules::REPS.end(),
        (Goal::GeneralFitness | Goal::FatLoss, _, _) => 15,
    }
}

/// Lowest RIR: beginners keep 2 in reserve, trained lifters 1 on compounds
/// and, when advanced, 0 on isolation; a realization phase keeps 1 so the
/// heaviest weeks stay technically sound; older adults keep one more. Never
/// below `rules::min_rir`.
pub fn rir_floor(profile: &Profile, exercise: &Exercise, role: Role, phase: Phase) -> u8 {
    let experience = profile.experience;
    let base = match (experience, role) {
        (Experience::Beginner, _) => 2,
        (Experience::Advanced, Role::Isolation) if phase != Phase::Realization => 0,
        _ => 1,
    };
    let lower_body = matches!(
        exercise.pattern,
        Pattern::Squat | Pattern::Lunge | Pattern::Hinge | Pattern::Bridge
    );
    let squat_or_hinge = if lower_body {
        rules::min_rir(Pattern::Squat, exercise.mechanic, experience)
    } else {
        rules::min_rir(exercise.pattern, exercise.mechanic, experience)
    };
    (base.max(squat_or_hinge) + progression_rules::extra_rir(profile)).min(*rules::RIR.end())
}

/// Percent of 1RM that leaves `reps_to_failure` reps possible (reps + RIR).
pub fn percent_of_max(reps_to_failure: u8) -> u8 {
    loading::percent_of_max(reps_to_failure)
}

/// The load for `reps_to_failure` from `training_max`, as a whole percent of
/// the 1RM and the absolute load on the plate step; `None` when it falls
/// below what the equipment allows (the empty bar) or rounds to nothing.
pub fn load(
    one_rep_max: f64,
    training_max: f64,
    reps_to_failure: u8,
    units: Units,
    barbell: bool,
) -> Option<(u8, Load)> {
    let exact = training_max * f64::from(percent_of_max(reps_to_failure)) / 100.0;
    let percent = (exact / one_rep_max * 100.0).round();
    if !(f64::from(*rules::LOAD_PERCENT_1RM.start())..=f64::from(*rules::LOAD_PERCENT_1RM.end()))
        .contains(&percent)
    {
        return None;
    }
    let percent = percent as u8;
    let value = loading::round_to_step(one_rep_max * f64::from(percent) / 100.0, units);
    let lightest = if barbell {
        loading::empty_bar(units)
    } else {
        loading::plate_step(units)
    };
    (value >= lightest).then_some((percent, Load { value, unit: units }))
}

/// Whether an exercise is loaded on a barbell.
pub fn barbell(exercise: &Exercise) -> bool {
    exercise.equipment.contains(&Equipment::Barbell)
}

/// Give the first loaded compound of a session its warm-up ramp (and clear
/// every other exercise's): 40/50/60% × 5/5/3 of the working load on the
/// plate step, never below the empty bar, dropping steps that round to the
/// same load or reach the working load.
pub fn add_warm_ups(exercises: &mut [PrescribedExercise], units: Units) {
    let first = exercises
        .iter()
        .position(|e| e.mechanic == Mechanic::Compound && loading::externally_loaded(&e.equipment));
    for (i, exercise) in exercises.iter_mut().enumerate() {
        exercise.warm_up = if Some(i) == first {
            ramp(exercise, units)
        } else {
            Vec::new()
        };
    }
}

/// Warnings the profile itself calls for: an age caution, and each pair of
/// 1RMs in an implausible ratio (`rules::loading::RATIO_BANDS`).
pub fn profile_warnings(profile: &Profile) -> Vec<Warning> {
    let warning = |code: WarningCode, message: String| Warning {
        code: code.as_str().to_string(),
        message,
        pattern: None,
        group: None,
        binding: None,
    };
    let mut out = Vec::new();
    match progression_rules::age_group(profile) {
        AgeGroup::Youth => out.push(warning(
            WarningCode::AgeYouthCaution,
            "You are under 18: no set goes below 4 reps and no set is taken to failure. Learn each lift with a coach before adding load.".to_string(),
        )),
        AgeGroup::OlderAdult => out.push(warning(
            WarningCode::AgeOlderAdultCaution,
            "You are 65 or over: every set keeps an extra rep in reserve, there are no all-out sets, and jumping or explosive moves are left out. Check with your doctor before starting.".to_string(),
        )),
        AgeGroup::Adult => {}
    }
    for band in implausible_ratios(profile) {
        out.push(warning(
            WarningCode::ImplausibleLiftRatio,
            format!(
                "Your {} 1RM is outside {:.0}–{:.0}% of your {} 1RM, which is rare; check both numbers, since loads are set from them.",
                band.numerator.name(),
                band.low * 100.0,
                band.high * 100.0,
                band.denominator.name()
            ),
        ));
    }
    out
}

/// The ratio bands the profile's 1RMs fall outside of.
pub fn implausible_ratios(profile: &Profile) -> Vec<loading::RatioBand> {
    let Some(maxes) = profile.one_rep_maxes else {
        return Vec::new();
    };
    loading::RATIO_BANDS
        .iter()
        .copied()
        .filter(
            |band| match (maxes.get(band.numerator), maxes.get(band.denominator)) {
                (Some(a), Some(b)) if b > 0.0 => {
                    let ratio = a / b;
                    ratio < band.low || ratio > band.high
                }
                _ => false,
            },
        )
        .collect()
}

fn ramp(exercise: &PrescribedExercise, units: Units) -> Vec<WarmUpSet> {
    let Some(working) = exercise.load else {
        return loading::WARM_UP_RAMP
            .iter()
            .map(|step| WarmUpSet {
                reps: step.reps,
                percent: step.percent,
                load: None,
            })
            .collect();
    };
    let bar = exercise
        .equipment
        .contains(&Equipment::Barbell)
        .then(|| loading::empty_bar(units));
    let lightest = bar.unwrap_or_else(|| loading::plate_step(units));
    let mut sets: Vec<WarmUpSet> = Vec::new();
    for step in loading::WARM_UP_RAMP {
        let value = loading::round_to_step(working.value * f64::from(step.percent) / 100.0, units)
            .max(lightest);
        let repeated = sets
            .last()
            .and_then(|s| s.load)
            .is_some_and(|l| l.value >= value);
        if value >= working.value || repeated {
            continue;
        }
        sets.push(WarmUpSet {
            reps: step.reps,
            percent: (value / working.value * 100.0).round() as u8,
            load: Some(Load { value, unit: units }),
        });
    }
    if sets.is_empty() {
        // The working load is the lightest there is: one set of five with it.
        sets.push(WarmUpSet {
            reps: loading::WARM_UP_RAMP[0].reps,
            percent: 100,
            load: Some(working),
        });
    }
    sets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library;

    fn profile(goal: Goal, experience: Experience) -> Profile {
        let json = serde_json::json!({
            "goal": goal, "experience": experience, "daysPerWeek": 3,
            "sessionMinutes": 60, "weeks": 8, "equipment": ["barbell", "rack", "bench"],
            "oneRepMaxes": {"squat": 140, "benchPress": 100},
        });
        Profile::from_value(&json).expect("valid profile")
    }

    fn exercise(id: &str) -> &'static Exercise {
        library::find(id).expect("library exercise")
    }

    const GOALS: [Goal; 5] = [
        Goal::Strength,
        Goal::Hypertrophy,
        Goal::MuscularEndurance,
        Goal::GeneralFitness,
        Goal::FatLoss,
    ];
    const LEVELS: [Experience; 3] = [
        Experience::Beginner,
        Experience::Intermediate,
        Experience::Advanced,
    ];

    fn block(p: &Profile, id: &str, role: Role, len: u8) -> Scheme {
        scheme(
            p,
            exercise(id),
            role,
            DayKind::Light,
            Phase::Accumulation,
            len,
            RestMode::Normal,
        )
    }

    #[test]
    fn a_block_never_regresses_and_progresses_at_least_every_other_week() {
        for goal in GOALS {
            for level in LEVELS {
                let p = profile(goal, level);
                // Blocks last at most as long as the level goes between deloads.
                let longest = progression_rules::weeks_between_deloads(level, false) as u8;
                for id in ["back_squat", "bench_press", "dumbbell_curl", "push_up"] {
                    for role in [Role::Main, Role::Compound, Role::Isolation] {
                        // Only suited lifts take the main-lift scheme.
                        if role == Role::Main && !suits_main_lift(exercise(id)) {
                            continue;
                        }
                        for len in 1..=longest {
                            let s = block(&p, id, role, len);
                            // As rule 15: never two weeks in a row without progress.
                            let mut stalled = 0;
                            for week in 1..len {
                                let (a, b) = (s.dose(week - 1), s.dose(week));
                                assert!(b.reps_min >= a.reps_min && b.rir <= a.rir);
                                assert_eq!(a.load_reps_to_failure, b.load_reps_to_failure);
                                let progressed = b.reps_min > a.reps_min
                                    || b.rir < a.rir
                                    || s.motion == Motion::Linear;
                                stalled = if progressed { 0 } else { stalled + 1 };
                                assert!(stalled < 2, "{goal:?} {level:?} {id} {role:?} {len}");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn reps_stay_within_the_library_range() {
        for goal in GOALS {
            for level in LEVELS {
                let p = profile(goal, level);
                for id in ["back_squat", "chin_up", "push_press", "dumbbell_curl"] {
                    let [low, high] = exercise(id).rep_range;
                    for len in 1..=5 {
                        let s = block(&p, id, Role::Compound, len);
                        for week in 0..len {
                            let d = s.dose(week);
                            assert!(d.reps_min >= low && d.reps_max <= high, "{id} {d:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_climbing_block_keeps_the_load_and_its_rir_within_one_of_the_table() {
        let p = profile(Goal::Strength, Experience::Intermediate);
        let s = block(&p, "back_squat", Role::Main, 4);
        assert_eq!(s.motion, Motion::Climb);
        let rtf = s.dose(0).load_reps_to_failure.expect("loaded");
        for week in 0..4 {
            let d = s.dose(week);
            let implied = i16::from(rtf) - i16::from(d.reps_max);
            assert!((implied - i16::from(d.rir)).abs() <= 1, "{d:?}");
            assert!(d.reps_max <= rules::HEAVY_REPS_MAX);
        }
    }

    #[test]
    fn beginners_hold_reps_and_effort_while_the_load_rises() {
        let p = profile(Goal::Strength, Experience::Beginner);
        let s = block(&p, "back_squat", Role::Main, 5);
        assert_eq!(s.motion, Motion::Linear);
        assert!((0..5).all(|w| s.dose(w) == s.dose(0)));
        assert!(s.dose(0).rir >= 2);
    }

    #[test]
    fn only_free_weight_compounds_lead_a_session() {
        assert!(suits_main_lift(exercise("back_squat")));
        assert!(suits_main_lift(exercise("chin_up")));
        for id in [
            "chair_squat",
            "lat_pulldown",
            "seated_cable_row",
            "knee_push_up",
        ] {
            assert!(!suits_main_lift(exercise(id)), "{id}");
        }
        let p = profile(Goal::Hypertrophy, Experience::Intermediate);
        let session = [exercise("chair_squat"), exercise("bench_press")];
        assert_eq!(role(&p, &session, 0), Role::Compound);
        assert_eq!(role(&p, &session, 1), Role::Main);
    }

    #[test]
    fn only_barbell_squats_hinges_and_presses_go_to_three_reps() {
        let p = profile(Goal::Strength, Experience::Advanced);
        for id in [
            "chin_up",
            "dumbbell_bench_press",
            "push_press",
            "back_squat",
        ] {
            let s = scheme(
                &p,
                exercise(id),
                Role::Main,
                DayKind::Heavy,
                Phase::Realization,
                1,
                RestMode::Normal,
            );
            let heavy = loading::heavy_singles_allowed(
                exercise(id).pattern,
                exercise(id).mechanic,
                exercise(id).equipment,
            );
            assert_eq!(s.reps_min <= 3, heavy && s.reps_min <= 3, "{id}");
            if !heavy {
                assert!(s.reps_min >= loading::LIGHT_WORK_MIN_REPS, "{id}");
            }
        }
    }

    #[test]
    fn loads_round_to_the_plate_step_and_respect_the_bar() {
        let (percent, kg) = load(142.0, 127.5, 8, Units::Kg, true).expect("a load");
        assert_eq!(percent, 72);
        assert_eq!(kg.value, 102.5);
        let (_, lb) = load(315.0, 285.0, 5, Units::Lb, true).expect("a load");
        assert_eq!(lb.value, 250.0);
        assert!(load(22.0, 20.0, 8, Units::Kg, true).is_none());
    }

    #[test]
    fn the_ramp_climbs_to_below_the_working_load_from_the_empty_bar() {
        let mut e = crate::generate::progress::tests_support::prescribed("back_squat");
        e.load = Some(Load {
            value: 100.0,
            unit: Units::Kg,
        });
        let sets = ramp(&e, Units::Kg);
        let loads: Vec<f64> = sets
            .iter()
            .filter_map(|s| s.load)
            .map(|l| l.value)
            .collect();
        assert_eq!(loads, [40.0, 50.0, 60.0]);
        e.load = Some(Load {
            value: 25.0,
            unit: Units::Kg,
        });
        let loads: Vec<f64> = ramp(&e, Units::Kg)
            .iter()
            .filter_map(|s| s.load)
            .map(|l| l.value)
            .collect();
        assert_eq!(loads, [20.0]);
    }
}
