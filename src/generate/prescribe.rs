//! Prescription: reps, effort, rest and load for each exercise.
//!
//! This module decides, for an exercise's role in its session, the goal, the
//! phase and the day's kind, a [`Scheme`]: the rep range, the rest, the RIR
//! band, and whether its load comes from a known 1RM. A scheme also says how
//! it moves through a block (see [`Scheme::dose`]); which weeks are blocks is
//! decided in `plan`, and the sets in `allocate`.
//!
//! Sources: ACSM 2009 position stand (repetition ranges and rest per goal);
//! Helms et al. 2016 (*Strength Cond J* 38(4), RIR-based RPE scale) and
//! Zourdos et al. 2016 for effort prescribed as reps in reserve; the common
//! %1RM ↔ reps-to-failure table (NSCA, *Essentials of Strength Training and
//! Conditioning*) for [`percent_of_max`].

use crate::generate::plan::DayKind;
use crate::library::Exercise;
use crate::model::anatomy::{Mechanic, Pattern};
use crate::model::profile::{Experience, Goal, Profile, Units};
use crate::model::program::{Load, Phase};
use crate::rules;
use crate::rules::duration;

/// What an exercise is doing in its session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The session's first compound (and, for strength, every lift with a known 1RM).
    Main,
    Compound,
    Isolation,
}

/// How generously rest is given: compact when time is short for the volume.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestMode {
    Normal,
    Compact,
}

/// Reps, RIR and load for one week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dose {
    pub reps_min: u8,
    pub reps_max: u8,
    pub rir: u8,
    pub load_percent_1rm: Option<u8>,
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
}

impl Scheme {
    /// The dose in week `week` (0-based) of the block: effort rises first,
    /// then reps; loads follow the effort and hold while reps rise, so
    /// nothing ever falls within a block.
    pub fn dose(&self, week: u8) -> Dose {
        let effort_weeks = self.rir_start.saturating_sub(self.rir_floor);
        let rir = self.rir_start.saturating_sub(week).max(self.rir_floor);
        let extra = week.saturating_sub(effort_weeks);
        Dose {
            reps_min: self.reps_min.saturating_add(extra),
            reps_max: self.reps_max.saturating_add(extra),
            rir,
            load_percent_1rm: self
                .one_rep_max
                .map(|_| percent_of_max(self.reps_max.saturating_add(rir))),
        }
    }

    /// Longest set, in seconds, across a block of `weeks` weeks.
    pub fn max_set_seconds(&self, weeks: u8, unilateral: bool) -> u32 {
        let last = self.dose(weeks.saturating_sub(1));
        duration::set_seconds(last.reps_max, unilateral, self.rest_seconds)
    }
}

/// The role of `session[index]`: the first compound leads the session.
pub fn role(profile: &Profile, session: &[&Exercise], index: usize) -> Role {
    let Some(exercise) = session.get(index) else {
        return Role::Isolation;
    };
    if exercise.mechanic == Mechanic::Isolation {
        return Role::Isolation;
    }
    let first_compound = session
        .iter()
        .position(|e| e.mechanic == Mechanic::Compound);
    if first_compound == Some(index) {
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
    let rir_floor = rir_floor(profile.experience, exercise, role, phase);
    let rir_start = (rir_floor + block_len.saturating_sub(1)).min(*rules::RIR.end());
    let effort_weeks = rir_start.saturating_sub(rir_floor);
    let rep_weeks = block_len.saturating_sub(1).saturating_sub(effort_weeks);
    let top = rep_ceiling(profile.goal, exercise.mechanic, role);
    let reps_max = high.min(top.saturating_sub(rep_weeks)).max(1);
    let reps_min = low.min(reps_max);
    // Compact rest is the shortest the rest rule allows for the set.
    let rest_seconds = match mode {
        RestMode::Normal => normal_rest,
        RestMode::Compact => *rules::rest_range(profile.goal, exercise.mechanic, reps_max).start(),
    };
    Scheme {
        reps_min,
        reps_max,
        rest_seconds,
        rir_start,
        rir_floor,
        one_rep_max: one_rep_max(profile, exercise),
    }
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
/// heaviest weeks stay technically sound. Never below `rules::min_rir`.
fn rir_floor(experience: Experience, exercise: &Exercise, role: Role, phase: Phase) -> u8 {
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
    base.max(squat_or_hinge).min(*rules::RIR.end())
}

/// Percent of 1RM that leaves `reps_to_failure` reps possible (reps + RIR).
pub fn percent_of_max(reps_to_failure: u8) -> u8 {
    const TABLE: [u8; 20] = [
        100, 95, 93, 90, 87, 85, 83, 80, 77, 75, 73, 70, 68, 66, 65, 63, 61, 60, 58, 57,
    ];
    let n = usize::from(reps_to_failure.max(1));
    match TABLE.get(n - 1) {
        Some(&percent) => percent,
        None => 57u8.saturating_sub((n - TABLE.len()) as u8).max(30),
    }
}

/// The absolute load for `percent` of `one_rep_max`, rounded to the nearest
/// plate step (2.5 kg or 5 lb); `None` when it rounds to nothing.
pub fn load(one_rep_max: f64, percent: u8, units: Units) -> Option<Load> {
    let step = match units {
        Units::Kg => rules::LOAD_STEP_KG,
        Units::Lb => rules::LOAD_STEP_LB,
    };
    let value = (one_rep_max * f64::from(percent) / 100.0 / step).round() * step;
    (value >= step).then_some(Load { value, unit: units })
}

/// A short coaching note for the exercise.
pub fn note(role: Role, loaded: bool, deload: bool, units: Units, linear: bool) -> &'static str {
    if deload {
        return "Deload week: fewer sets and lighter load; finish every set with reps to spare.";
    }
    match (role, loaded, units, linear) {
        (Role::Main, true, Units::Kg, _) => {
            "Load is set from your 1RM; if every set hits the top of the range at the target RIR, add 2.5 kg next block."
        }
        (Role::Main, true, Units::Lb, _) => {
            "Load is set from your 1RM; if every set hits the top of the range at the target RIR, add 5 lb next block."
        }
        (_, _, Units::Kg, true) => {
            "Add 2.5 kg (or a rep) each week while every rep stays clean at the target RIR."
        }
        (_, _, Units::Lb, true) => {
            "Add 5 lb (or a rep) each week while every rep stays clean at the target RIR."
        }
        (Role::Isolation, _, _, _) => {
            "Controlled tempo and full range; stop at the target RIR."
        }
        _ => "Work up through the rep range; once every set reaches the top, add load and restart at the bottom.",
    }
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

    #[test]
    fn a_block_never_regresses_and_always_progresses() {
        let goals = [
            Goal::Strength,
            Goal::Hypertrophy,
            Goal::MuscularEndurance,
            Goal::GeneralFitness,
            Goal::FatLoss,
        ];
        let levels = [
            Experience::Beginner,
            Experience::Intermediate,
            Experience::Advanced,
        ];
        for goal in goals {
            for level in levels {
                let p = profile(goal, level);
                for id in ["back_squat", "bench_press", "dumbbell_curl"] {
                    for role in [Role::Main, Role::Compound, Role::Isolation] {
                        for len in 1..=5 {
                            let s = scheme(
                                &p,
                                exercise(id),
                                role,
                                DayKind::Light,
                                Phase::Accumulation,
                                len,
                                RestMode::Normal,
                            );
                            for week in 1..len {
                                let (a, b) = (s.dose(week - 1), s.dose(week));
                                assert!(b.reps_min >= a.reps_min && b.rir <= a.rir);
                                assert!(b.load_percent_1rm >= a.load_percent_1rm);
                                let progressed = b.reps_min > a.reps_min || b.rir < a.rir;
                                assert!(progressed, "{goal:?} {level:?} {id} {role:?} {len}");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn strength_main_lifts_stay_heavy_through_the_block() {
        let p = profile(Goal::Strength, Experience::Intermediate);
        let s = scheme(
            &p,
            exercise("back_squat"),
            Role::Main,
            DayKind::Light,
            Phase::Accumulation,
            5,
            RestMode::Normal,
        );
        for week in 0..5 {
            assert!(s.dose(week).reps_max <= rules::HEAVY_REPS_MAX);
        }
        let rest = rules::rest_range(Goal::Strength, Mechanic::Compound, s.reps_max);
        assert!(rest.contains(&s.rest_seconds));
    }

    #[test]
    fn beginners_keep_two_reps_in_reserve_on_squats() {
        let p = profile(Goal::Hypertrophy, Experience::Beginner);
        let s = scheme(
            &p,
            exercise("back_squat"),
            Role::Main,
            DayKind::Moderate,
            Phase::Accumulation,
            5,
            RestMode::Normal,
        );
        assert!((0..5).all(|w| s.dose(w).rir >= 2));
    }

    #[test]
    fn loads_round_to_the_plate_step() {
        let kg = load(142.0, 80, Units::Kg).expect("a load");
        assert_eq!(kg.value, 112.5);
        let lb = load(315.0, 77, Units::Lb).expect("a load");
        assert_eq!(lb.value, 245.0);
        assert!(load(2.0, 50, Units::Kg).is_none());
    }

    #[test]
    fn lower_effort_means_a_heavier_percentage() {
        assert!(percent_of_max(5) > percent_of_max(6));
        assert_eq!(percent_of_max(1), 100);
        assert!(percent_of_max(200) >= 30);
    }
}
