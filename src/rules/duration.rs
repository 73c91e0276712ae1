//! The one session-duration model, shared by the generator and the validator.
//!
//! In seconds: the warm-up, then per exercise `60` of set-up plus, per set,
//! `15` of preparation, `repsMax × 4` (doubled when unilateral) under load,
//! and the prescribed rest, minus the rest after the very last set. Four
//! seconds a repetition follows common tempo guidance (2–0–2).
//!
//! The warm-up is `300` s, or more when the ramp before the first loaded
//! lift needs it: at least `60` s of general warm-up, then each ramp set
//! (`15` of preparation, its reps at 4 s, doubled when unilateral, and `30`
//! of rest). The ramp the generator prescribes (three light sets of ≤ 5
//! reps) fits within the 300 s, so the allocator budgets for it with
//! [`WARM_UP_SECONDS`]; a longer ramp in a program handed to the validator
//! makes its session longer.

use crate::model::program::PrescribedExercise;

/// Warm-up before the first exercise, ramp sets included.
pub const WARM_UP_SECONDS: u32 = 300;
/// General warm-up that precedes any ramp.
pub const GENERAL_WARM_UP_SECONDS: u32 = 60;
/// Rest after each ramp set.
pub const RAMP_REST_SECONDS: u32 = 30;

/// Seconds the warm-up of a session with these exercises takes.
pub fn warm_up_seconds(exercises: &[PrescribedExercise]) -> u32 {
    let ramp: u32 = exercises
        .iter()
        .flat_map(|e| e.warm_up.iter().map(move |set| (e.unilateral, set.reps)))
        .map(|(unilateral, reps)| {
            let sides = if unilateral { 2 } else { 1 };
            SET_PREP_SECONDS + u32::from(reps) * SECONDS_PER_REP * sides + RAMP_REST_SECONDS
        })
        .fold(0u32, u32::saturating_add);
    WARM_UP_SECONDS.max(GENERAL_WARM_UP_SECONDS.saturating_add(ramp))
}
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
    let mut total = warm_up_seconds(exercises);
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
    use crate::generate::progress::tests_support;
    use crate::model::program::WarmUpSet;

    fn prescribed(sets: u8, reps_max: u8, unilateral: bool, rest: u16) -> PrescribedExercise {
        let mut e = tests_support::prescribed("back_squat");
        e.unilateral = unilateral;
        e.sets = sets;
        e.reps_min = 1;
        e.reps_max = reps_max;
        e.rest_seconds = rest;
        e.warm_up = Vec::new();
        e
    }

    #[test]
    fn the_prescribed_ramp_fits_the_warm_up_and_a_longer_one_counts() {
        let ramp = |n: usize| {
            let mut e = prescribed(3, 5, true, 120);
            e.warm_up = vec![
                WarmUpSet {
                    reps: 5,
                    percent: 50,
                    load: None,
                };
                n
            ];
            e
        };
        // 60 + 3 × (15 + 5×4×2 + 30) = 315 for a unilateral ramp of three fives.
        assert_eq!(warm_up_seconds(&[ramp(2)]), WARM_UP_SECONDS);
        assert_eq!(warm_up_seconds(&[ramp(3)]), 315);
        assert!(session_seconds(&[ramp(6)]) > session_seconds(&[ramp(0)]));
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
