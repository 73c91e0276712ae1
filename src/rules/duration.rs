//! The one session-duration model, shared by the generator and the validator.
//!
//! In seconds: `300` of warm-up, then per exercise `60` of set-up plus, per
//! set, `15` of preparation, `repsMax × 4` (doubled when unilateral) under
//! load, and the prescribed rest, minus the rest after the very last set.
//! Four seconds a repetition follows common tempo guidance (2–0–2).

use crate::model::program::PrescribedExercise;

/// Warm-up before the first exercise.
pub const WARM_UP_SECONDS: u32 = 300;
/// Moving to and setting up each exercise.
pub const SETUP_SECONDS: u32 = 60;
/// Getting into position for each set.
pub const SET_PREP_SECONDS: u32 = 15;
/// Time under load per repetition.
pub const SECONDS_PER_REP: u32 = 4;

/// Seconds one set of `exercise` takes, including its rest.
pub fn set_seconds(reps_max: u8, unilateral: bool, rest_seconds: u16) -> u32 {
    let sides = if unilateral { 2 } else { 1 };
    SET_PREP_SECONDS + u32::from(reps_max) * SECONDS_PER_REP * sides + u32::from(rest_seconds)
}

/// Seconds a session with these exercises takes under the model.
pub fn session_seconds(exercises: &[PrescribedExercise]) -> u32 {
    if exercises.is_empty() {
        return WARM_UP_SECONDS;
    }
    // Saturating: a tampered program passed to `validateProgram` must not
    // overflow (and panic in debug builds); it only has to come out too long.
    let mut total = WARM_UP_SECONDS;
    for exercise in exercises {
        let sets = u32::from(exercise.sets).saturating_mul(set_seconds(
            exercise.reps_max,
            exercise.unilateral,
            exercise.rest_seconds,
        ));
        total = total.saturating_add(SETUP_SECONDS).saturating_add(sets);
    }
    let last_rest = exercises
        .last()
        .filter(|e| e.sets > 0)
        .map_or(0, |e| u32::from(e.rest_seconds));
    total.saturating_sub(last_rest)
}

/// The model's estimate in whole minutes, rounded half up.
pub fn session_minutes(exercises: &[PrescribedExercise]) -> u16 {
    (session_seconds(exercises).saturating_add(30) / 60).min(u32::from(u16::MAX)) as u16
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::anatomy::{Mechanic, Pattern};

    fn prescribed(sets: u8, reps_max: u8, unilateral: bool, rest: u16) -> PrescribedExercise {
        PrescribedExercise {
            exercise_id: "x".into(),
            name: "X".into(),
            pattern: Pattern::Squat,
            mechanic: Mechanic::Compound,
            primary_muscles: Vec::new(),
            secondary_muscles: Vec::new(),
            equipment: Vec::new(),
            unilateral,
            sets,
            reps_min: 1,
            reps_max,
            rir: 2,
            rest_seconds: rest,
            load_percent_1rm: None,
            load: None,
            notes: String::new(),
        }
    }

    #[test]
    fn worked_example_matches_the_formula() {
        // 300 warm-up
        // + 60 + 3 × (15 + 10×4 + 120) = 585 (bilateral)
        // + 60 + 2 × (15 + 12×4×2 + 60) = 402 (unilateral)
        // − 60 (no rest after the last set) = 1227 s ≈ 20.45 min.
        let session = [prescribed(3, 10, false, 120), prescribed(2, 12, true, 60)];
        assert_eq!(session_seconds(&session), 1227);
        assert_eq!(session_minutes(&session), 20);
    }

    #[test]
    fn minutes_round_half_up() {
        // 300 + 60 + 1 × (15 + 15×4 + 0) = 435 s = 7.25 min → 7; 450 s → 8.
        assert_eq!(session_minutes(&[prescribed(1, 15, false, 0)]), 7);
        let session = [prescribed(1, 15, false, 0), prescribed(1, 0, false, 0)];
        assert_eq!(session_seconds(&session), 510);
        assert_eq!(session_minutes(&session), 9);
    }

    #[test]
    fn empty_session_is_just_the_warm_up() {
        assert_eq!(session_seconds(&[]), WARM_UP_SECONDS);
    }
}
