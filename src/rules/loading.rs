//! Loads: the one %1RM ↔ reps table, training maxes and their increments,
//! the empty bar, plausible 1RMs and ratios between lifts, and the warm-up
//! ramp.
//!
//! The generator sets every load from these numbers and `validate::trainee`
//! checks them with the same functions. Sources:
//!
//! - NSCA, *Essentials of Strength Training and Conditioning* (4th ed.,
//!   table 17.7): %1RM ↔ repetitions to failure → [`percent_of_max`]; RIR is
//!   read off it as "reps to failure − reps done" (Helms et al. 2016,
//!   *Strength Cond J* 38(4); Zourdos et al. 2016).
//! - Wendler, *5/3/1* (2nd ed., 2011) and *5/3/1 for Beginners*: the training
//!   max starts at 90% of the 1RM and rises by +5 lb (upper body) / +10 lb
//!   (lower body) a cycle → [`TRAINING_MAX_START_PERCENT`], [`increment`].
//!   GZCLP and the r/Fitness basic beginner routine add the same steps week
//!   to week for novices.
//! - IWF/IPF equipment rules: a men's bar weighs 20 kg; the common gym bar in
//!   pounds is 45 lb → [`empty_bar`].
//! - IPF raw world records (squat ≈ 490 kg, deadlift ≈ 460 kg, bench
//!   ≈ 355 kg in 2024): nothing above 600 kg / 1,320 lb is a human 1RM →
//!   [`max_one_rep_max`].
//! - Strength-standard ratios between the lifts (Rippetoe & Kilgore,
//!   *Practical Programming*, 3rd ed.; ExRx strength standards): bench ≈ 60–75%
//!   of squat, squat ≈ 80–90% of deadlift, press ≈ 60–70% of bench →
//!   [`RATIO_BANDS`], widened so only a likely typo is flagged.
//! - Warm-up ramps of 5/3/1 and *Starting Strength* (40/50/60% × 5/5/3 of
//!   the working load) → [`WARM_UP_RAMP`].

use crate::model::anatomy::{Mechanic, Pattern};
use crate::model::profile::{Equipment, Experience, Lift, Units};

/// Equipment that adds external load (bands and bodyweight do not).
pub const LOADING_EQUIPMENT: [Equipment; 6] = [
    Equipment::Barbell,
    Equipment::EzBar,
    Equipment::Dumbbells,
    Equipment::Kettlebell,
    Equipment::Cable,
    Equipment::Machine,
];

/// Whether an exercise with this equipment is loaded with weight.
pub fn externally_loaded(equipment: &[Equipment]) -> bool {
    equipment.iter().any(|e| LOADING_EQUIPMENT.contains(e))
}

/// Whether an exercise is a barbell squat, hinge, bench or overhead press:
/// the only work that may go to 3 reps or fewer.
pub fn heavy_singles_allowed(
    pattern: Pattern,
    mechanic: Mechanic,
    equipment: &[Equipment],
) -> bool {
    mechanic == Mechanic::Compound
        && equipment.contains(&Equipment::Barbell)
        && matches!(
            pattern,
            Pattern::Squat | Pattern::Hinge | Pattern::HorizontalPush | Pattern::VerticalPush
        )
}

/// Fewest reps a set of anything else may have.
pub const LIGHT_WORK_MIN_REPS: u8 = 4;

/// Whether an exercise suits the main-lift scheme: a compound loaded with
/// free weights (barbell, dumbbells or kettlebell), or a chin-up, pull-up or
/// dip, which take a dip belt; never cables or machines, whose stacks and
/// paths do not suit heavy low-rep work, nor band-assisted work; and only
/// when the library's rep range reaches down to [`MAIN_LIFT_LOWEST_REPS`],
/// so a heavy scheme has room to add reps.
pub fn suits_main_lift(mechanic: Mechanic, equipment: &[Equipment], rep_range: [u8; 2]) -> bool {
    let free_weight = equipment.iter().any(|e| {
        matches!(
            e,
            Equipment::Barbell | Equipment::Dumbbells | Equipment::Kettlebell
        )
    });
    let belt = equipment
        .iter()
        .any(|e| matches!(e, Equipment::PullupBar | Equipment::DipBars));
    mechanic == Mechanic::Compound
        && (free_weight || belt)
        && !equipment.contains(&Equipment::Bands)
        && rep_range[0] <= MAIN_LIFT_LOWEST_REPS
}

/// A main lift's library range reaches down to this many reps: two under
/// the heavy ceiling (`rules::HEAVY_REPS_MAX`), room for two weeks of reps.
pub const MAIN_LIFT_LOWEST_REPS: u8 = super::HEAVY_REPS_MAX - 2;

/// Percent of 1RM that leaves `reps_to_failure` repetitions possible.
pub fn percent_of_max(reps_to_failure: u8) -> u8 {
    let n = usize::from(reps_to_failure.max(1));
    match PERCENT_BY_REPS.get(n - 1) {
        Some(&percent) => percent,
        // Beyond the table, about one percent a repetition, down to 30%.
        None => 57u8
            .saturating_sub((n - PERCENT_BY_REPS.len()).min(255) as u8)
            .max(30),
    }
}

/// The table, 1 to 20 repetitions to failure.
const PERCENT_BY_REPS: [u8; 20] = [
    100, 95, 93, 90, 87, 85, 83, 80, 77, 75, 73, 70, 68, 66, 65, 63, 61, 60, 58, 57,
];

/// Repetitions to failure at `percent` of the max, read off the table with
/// linear interpolation (a real number, 1 at 100% or above).
pub fn reps_to_failure(percent: f64) -> f64 {
    if percent >= 100.0 {
        return 1.0;
    }
    let mut above = (1.0, 100.0);
    for n in 2..=60u8 {
        let at = f64::from(percent_of_max(n));
        if percent >= at {
            let (n_above, p_above) = above;
            return n_above + (p_above - percent) / (p_above - at) * (f64::from(n) - n_above);
        }
        above = (f64::from(n), at);
    }
    60.0
}

/// The plate step loads are rounded to: 2.5 kg or 5 lb.
pub fn plate_step(units: Units) -> f64 {
    match units {
        Units::Kg => super::LOAD_STEP_KG,
        Units::Lb => super::LOAD_STEP_LB,
    }
}

/// `value` rounded to the nearest plate step.
pub fn round_to_step(value: f64, units: Units) -> f64 {
    let step = plate_step(units);
    (value / step).round() * step
}

/// The empty barbell: the lightest load a barbell exercise can be given.
pub fn empty_bar(units: Units) -> f64 {
    match units {
        Units::Kg => 20.0,
        Units::Lb => 45.0,
    }
}

/// The heaviest 1RM a profile may give: beyond every human record.
pub fn max_one_rep_max(units: Units) -> f64 {
    match units {
        Units::Kg => 600.0,
        Units::Lb => 1320.0,
    }
}

/// The training max of the first block, in percent of the 1RM (5/3/1).
pub const TRAINING_MAX_START_PERCENT: u8 = 90;

/// The first block's training max: 90% of the 1RM, on the plate step.
pub fn starting_training_max(one_rep_max: f64, units: Units) -> f64 {
    round_to_step(
        one_rep_max * f64::from(TRAINING_MAX_START_PERCENT) / 100.0,
        units,
    )
}

/// Whether a lift is trained by the lower body (squat, deadlift): these
/// take the larger step.
pub fn lower_body(lift: Lift) -> bool {
    matches!(lift, Lift::Squat | Lift::Deadlift)
}

/// What a successful step adds to the training max: beginners every week
/// (linear), everyone else every block (after each deload). Beginners and
/// intermediates take 5/3/1's steps (5 kg / 10 lb lower body, 2.5 kg / 5 lb
/// upper body); advanced lifters, who gain more slowly, one plate step.
/// A beginner's weekly step is at least [`BEGINNER_MIN_STEP_PERCENT`] of the
/// 1RM, so it shows on a heavy lift too.
pub fn increment(lift: Lift, level: Experience, units: Units, one_rep_max: f64) -> f64 {
    let step = plate_step(units);
    match level {
        Experience::Advanced => step,
        Experience::Intermediate if lower_body(lift) => 2.0 * step,
        Experience::Intermediate => step,
        Experience::Beginner => {
            let fixed = if lower_body(lift) { 2.0 * step } else { step };
            let relative = round_to_step(
                one_rep_max * f64::from(BEGINNER_MIN_STEP_PERCENT) / 100.0,
                units,
            );
            fixed.max(relative)
        }
    }
}

/// ACSM 2009: add 2–10% once the current load is done for 1–2 reps more
/// than prescribed; a beginner's weekly step is at least the low end.
pub const BEGINNER_MIN_STEP_PERCENT: u8 = 2;

/// Failures in a row (at the same load) before the load is reduced.
pub const FAILURES_BEFORE_RESET: u8 = 3;
/// How much a reset takes off the load or training max, in percent.
pub const RESET_PERCENT: u8 = 10;

/// Reps beyond the top of the range on the AMRAP set that earn a second
/// increment of the training max at the next block (5/3/1 for Beginners).
pub const AMRAP_EXTRA_REPS: u8 = 2;

/// A plausible band for `numerator / denominator` between two lifts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RatioBand {
    pub numerator: Lift,
    pub denominator: Lift,
    /// Lowest and highest plausible ratio.
    pub low: f64,
    pub high: f64,
}

/// Ratios between the lifts outside which the 1RMs are likely a typo; each
/// band is about twice as wide as the spread between trained lifters.
pub const RATIO_BANDS: [RatioBand; 3] = [
    RatioBand {
        numerator: Lift::Squat,
        denominator: Lift::Deadlift,
        low: 0.5,
        high: 1.3,
    },
    RatioBand {
        numerator: Lift::BenchPress,
        denominator: Lift::Squat,
        low: 0.35,
        high: 1.3,
    },
    RatioBand {
        numerator: Lift::OverheadPress,
        denominator: Lift::BenchPress,
        low: 0.35,
        high: 1.0,
    },
];

/// One warm-up set of the ramp: reps at a percent of the working load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RampStep {
    pub reps: u8,
    pub percent: u8,
}

/// The warm-up ramp before the first loaded compound of a session.
pub const WARM_UP_RAMP: [RampStep; 3] = [
    RampStep {
        reps: 5,
        percent: 40,
    },
    RampStep {
        reps: 5,
        percent: 50,
    },
    RampStep {
        reps: 3,
        percent: 60,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_falls_with_reps_and_stops_at_thirty_percent() {
        assert_eq!(percent_of_max(1), 100);
        assert_eq!(percent_of_max(5), 87);
        assert!((1..60).all(|n| percent_of_max(n) >= percent_of_max(n + 1)));
        assert_eq!(percent_of_max(200), 30);
    }

    #[test]
    fn reps_to_failure_inverts_the_table() {
        for n in 1..=40u8 {
            let back = reps_to_failure(f64::from(percent_of_max(n)));
            assert!(back <= f64::from(n) + 1e-9, "{n} → {back}");
        }
        assert!((reps_to_failure(87.0) - 5.0).abs() < 1e-9);
        assert!((reps_to_failure(86.0) - 5.5).abs() < 1e-9);
    }

    #[test]
    fn training_max_starts_at_ninety_percent_on_the_plate_step() {
        assert_eq!(starting_training_max(140.0, Units::Kg), 125.0);
        assert_eq!(starting_training_max(315.0, Units::Lb), 285.0);
    }

    #[test]
    fn lower_body_lifts_take_the_bigger_step_until_advanced() {
        let kg = Units::Kg;
        assert_eq!(increment(Lift::Squat, Experience::Beginner, kg, 100.0), 5.0);
        assert_eq!(
            increment(Lift::BenchPress, Experience::Beginner, kg, 60.0),
            2.5
        );
        assert_eq!(
            increment(Lift::BenchPress, Experience::Beginner, kg, 300.0),
            5.0
        );
        assert_eq!(
            increment(Lift::Deadlift, Experience::Intermediate, Units::Lb, 400.0),
            10.0
        );
        assert_eq!(
            increment(Lift::Deadlift, Experience::Advanced, kg, 250.0),
            2.5
        );
    }
}
