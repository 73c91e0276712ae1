//! How programs move over the weeks, and what age changes: deload spacing by
//! level, which progression each level follows, and the age adjustments.
//!
//! The calendar (`generate::plan`) lays deloads out with these numbers and
//! `validate::trainee` checks them. Sources:
//!
//! - Rogerson et al. 2024, *Sports Med Open* 10:22 (survey of coaches and
//!   athletes): a deload every 5.6 ± 2.3 weeks, more often for advanced
//!   lifters and slower recovery → [`weeks_between_deloads`] (a cycle of
//!   training weeks plus the deload: 6 for beginners, 5 for intermediates,
//!   4 for advanced lifters, all within 3.3–7.9 weeks).
//! - ACSM 2009 position stand: linear progression for novices, periodized
//!   (double progression or waves) for trained lifters → [`ProgressionStyle`].
//! - Faigenbaum et al. 2009 (NSCA youth position statement) and Lloyd et al.
//!   2014 (international consensus on youth resistance training): youths lift
//!   submaximal loads and avoid maximal and near-maximal attempts →
//!   [`YOUTH_MIN_REPS`]. Fragala et al. 2019 (NSCA position statement on
//!   older adults): older adults train at moderate effort, well short of
//!   failure → [`OLDER_ADULT_EXTRA_RIR`].

use crate::model::profile::{Experience, Profile};
use crate::model::program::Periodization;

/// Programs of this many weeks or fewer need no deload.
pub const NO_DELOAD_UP_TO_WEEKS: usize = 4;
/// The first deload comes after at least this many training weeks, and at
/// least this many separate two deloads.
pub const MIN_WEEKS_BEFORE_DELOAD: usize = 3;

/// Most training weeks in a row before a deload, by level; one fewer when
/// recovery is low (but never fewer than [`MIN_WEEKS_BEFORE_DELOAD`]).
pub fn weeks_between_deloads(level: Experience, low_recovery: bool) -> usize {
    let base = match level {
        Experience::Beginner => 5,
        Experience::Intermediate => 4,
        Experience::Advanced => 3,
    };
    if low_recovery {
        (base - 1).max(MIN_WEEKS_BEFORE_DELOAD)
    } else {
        base
    }
}

/// How a loaded lift progresses from week to week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgressionStyle {
    /// Same reps and effort, more load every week.
    Linear,
    /// Same load through a block while reps climb; more load the next block.
    Double,
    /// Load waves between the week's heavy and light days and between phases;
    /// each block starts from a raised training max.
    Wave,
}

/// The style a level and periodization call for.
pub fn style(level: Experience, periodization: Periodization) -> ProgressionStyle {
    match (level, periodization) {
        (Experience::Beginner, _) => ProgressionStyle::Linear,
        (_, Periodization::Undulating | Periodization::Block) => ProgressionStyle::Wave,
        _ => ProgressionStyle::Double,
    }
}

/// Under this age a trainee is a youth.
pub const ADULT_AGE: u8 = 18;
/// From this age a trainee is an older adult (the same age that leaves out
/// high-impact work in `rules::safety`).
pub use super::safety::OLDER_ADULT_AGE;
/// Youths do no set of fewer reps than this (no work at ≤ 3 reps).
pub const YOUTH_MIN_REPS: u8 = 4;
/// Extra reps in reserve older adults keep on every exercise.
pub const OLDER_ADULT_EXTRA_RIR: u8 = 1;

/// Which age caution applies to a trainee, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeGroup {
    Youth,
    Adult,
    OlderAdult,
}

/// The trainee's age group; an unknown age counts as adult.
pub fn age_group(profile: &Profile) -> AgeGroup {
    match profile.age {
        Some(age) if age < ADULT_AGE => AgeGroup::Youth,
        Some(age) if age >= OLDER_ADULT_AGE => AgeGroup::OlderAdult,
        _ => AgeGroup::Adult,
    }
}

/// Fewest reps any set may have for this trainee.
pub fn min_reps(profile: &Profile) -> u8 {
    match age_group(profile) {
        AgeGroup::Youth => YOUTH_MIN_REPS,
        _ => 1,
    }
}

/// RIR added to every floor for this trainee.
pub fn extra_rir(profile: &Profile) -> u8 {
    match age_group(profile) {
        AgeGroup::OlderAdult => OLDER_ADULT_EXTRA_RIR,
        _ => 0,
    }
}

/// Whether main lifts end with an AMRAP set: adults only (youths and older
/// adults keep reps in reserve on every set).
pub fn amrap_allowed(profile: &Profile) -> bool {
    age_group(profile) == AgeGroup::Adult
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deload_spacing_stays_within_rogerson_et_al() {
        for level in [
            Experience::Beginner,
            Experience::Intermediate,
            Experience::Advanced,
        ] {
            for low in [false, true] {
                let cycle = weeks_between_deloads(level, low) + 1;
                // 5.6 ± 2.3 weeks.
                assert!((4..=7).contains(&cycle), "{level:?} {low}");
            }
        }
        assert!(
            weeks_between_deloads(Experience::Beginner, false)
                > weeks_between_deloads(Experience::Advanced, false)
        );
    }

    #[test]
    fn beginners_progress_linearly_and_others_do_not() {
        assert_eq!(
            style(Experience::Beginner, Periodization::Linear),
            ProgressionStyle::Linear
        );
        assert_eq!(
            style(Experience::Intermediate, Periodization::DoubleProgression),
            ProgressionStyle::Double
        );
        assert_eq!(
            style(Experience::Advanced, Periodization::Block),
            ProgressionStyle::Wave
        );
    }
}
