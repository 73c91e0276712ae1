//! Which exercises a coach reaches for first, and how many sets one exercise
//! takes in a session.
//!
//! Sources (practitioner consensus):
//! - The exercise menus of programs trainees already choose: the r/Fitness
//!   basic beginner routine, GZCLP (Cody Lefever), 5/3/1 for Beginners and
//!   Boring But Big (Wendler 2013), PHUL, and Renaissance Periodization's
//!   hypertrophy templates (Israetel, Hoffmann & Case 2021, *Scientific
//!   Principles of Hypertrophy Training*, exercise selection chapter):
//!   barbell, dumbbell, cable and machine staples first, body-weight
//!   staples (push-up, pull-up, chin-up, dip, inverted row, core work) as
//!   equals, and improvised variants (towel curls, band pulldowns, carries,
//!   kettlebell stand-ins for dumbbells) only when nothing better is owned.
//! - Sets per exercise: 2–5 working sets per exercise per session
//!   (Helms, Morgan & Valdez 2019, *The Muscle and Strength Pyramid:
//!   Training*, 2nd ed., volume chapter; the same range as the programs
//!   above). One set is a sampler, not a dose; past five, a second exercise
//!   for the group serves it better.

use std::collections::HashSet;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

/// Working sets one exercise takes in one training session.
pub const SETS_PER_EXERCISE: RangeInclusive<u8> = 2..=5;
/// Fewest working sets of a session's main lift: it gets its sets first
/// (Starting Strength 3×5, GZCLP's T1 5×3, 5/3/1's three work sets).
pub const MAIN_LIFT_SETS_MIN: u8 = 3;

/// Library ids of the staples: the exercises the programs above program by
/// default, so a coach's first choice wherever the trainee can do them.
pub const STAPLES: &[&str] = &[
    // Squat and lunge.
    "back_squat",
    "front_squat",
    "goblet_squat",
    "leg_press",
    "hack_squat",
    "bulgarian_split_squat",
    "dumbbell_reverse_lunge",
    "dumbbell_walking_lunge",
    "dumbbell_split_squat",
    "dumbbell_step_up",
    "bodyweight_squat",
    "split_squat",
    "reverse_lunge",
    // Hinge and bridge.
    "deadlift",
    "romanian_deadlift",
    "dumbbell_romanian_deadlift",
    "kettlebell_swing",
    "hip_thrust",
    "dumbbell_hip_thrust",
    "back_extension",
    "glute_bridge",
    "single_leg_rdl",
    // Pushes.
    "bench_press",
    "incline_bench_press",
    "close_grip_bench_press",
    "dumbbell_bench_press",
    "dumbbell_floor_press",
    "incline_dumbbell_press",
    "machine_chest_press",
    "push_up",
    "dip",
    "dumbbell_fly",
    "cable_fly",
    "pec_deck",
    "overhead_press",
    "push_press",
    "dumbbell_shoulder_press",
    "seated_dumbbell_press",
    "machine_shoulder_press",
    "pike_push_up",
    // Pulls.
    "barbell_row",
    "one_arm_dumbbell_row",
    "bent_over_dumbbell_row",
    "chest_supported_row",
    "seated_cable_row",
    "machine_row",
    "inverted_row",
    "pull_up",
    "chin_up",
    "lat_pulldown",
    "neutral_grip_pulldown",
    // Arms and shoulders.
    "barbell_curl",
    "ez_bar_curl",
    "dumbbell_curl",
    "hammer_curl",
    "incline_dumbbell_curl",
    "cable_curl",
    "cable_pushdown",
    "overhead_cable_extension",
    "skull_crusher",
    "dumbbell_overhead_extension",
    "dumbbell_lateral_raise",
    "cable_lateral_raise",
    "machine_lateral_raise",
    "cable_face_pull",
    "reverse_pec_deck",
    "bent_over_reverse_fly",
    "band_pull_apart",
    // Legs, isolated.
    "lying_leg_curl",
    "seated_leg_curl",
    "nordic_curl",
    "leg_extension",
    "standing_calf_raise",
    "dumbbell_calf_raise",
    "machine_calf_raise",
    "seated_calf_raise",
    // Core.
    "dead_bug",
    "crunch",
    "reverse_crunch",
    "side_plank_raise",
    "cable_crunch",
    "hanging_knee_raise",
    "hanging_leg_raise",
    "barbell_rollout",
];

/// Whether the exercise with library id `id` is a staple.
pub fn is_staple(id: &str) -> bool {
    // Asked for every exercise of every week the validator reads.
    static INDEX: OnceLock<HashSet<&str>> = OnceLock::new();
    INDEX
        .get_or_init(|| STAPLES.iter().copied().collect())
        .contains(id)
}
