//! The numbers every program must respect, in one place.
//!
//! The generator plans with these constants and the validator checks them, so
//! the two cannot drift apart. Each rule number refers to "Rules every program
//! must satisfy" in the generator issue. Sources:
//!
//! - Schoenfeld, Ogborn & Krieger 2017, *J Sports Sci* 35(11): dose-response of
//!   weekly sets per muscle group → the weekly floors and caps ([`weekly_floor`],
//!   [`weekly_cap`]).
//! - Schoenfeld, Ogborn & Krieger 2016, *Sports Med* 46(11): training a muscle
//!   at least twice a week → [`FREQUENCY_MIN_DAYS`].
//! - ACSM 2009 position stand, *Med Sci Sports Exerc* 41(3): repetition bands
//!   per goal, rest intervals, progression by small steps → [`rest_range`],
//!   [`set_fits_goal`], [`GROWTH_PERCENT`].
//! - Rogerson et al. 2024, *Sports Med Open*: deloads every 4–6 weeks at
//!   roughly half the volume without heavier loads → [`DELOAD_SETS_PERCENT`],
//!   [`MAX_WEEKS_WITHOUT_DELOAD`].
//! - Pelland et al. 2024 (volume meta-regression): a set counts fully for the
//!   muscles it targets and about half for synergists → fractional counting in
//!   `counting`.
//!
//! Percentages are integers and comparisons are done in integer arithmetic
//! wherever the rule allows it, so a boundary value is judged the same way on
//! every platform.
//!
//! How the validator reads the points the issue leaves open (a coach's reading):
//! - "Heavy" / "at ≤ 6 reps" means `repsMax ≤ 6`; a set "at 5–20 reps" has
//!   `repsMin ≥ 5` and `repsMax ≤ 20`.
//! - A week with `deload: true` has phase `deload`, and only such a week;
//!   the first week is never a deload (it has no previous week to lighten).
//! - Frequency (6), floors and caps (5), coverage (8), reps (10) and the RIR
//!   band (11) apply to non-deload weeks; recovery (7), balance (9), the
//!   squat/hinge RIR floor (11), rest (12), order (13) and the per-session cap
//!   (14) apply to every week.
//! - Frequency (6) applies to the major groups some eligible exercise trains
//!   as a primary mover, the same test that lets `pattern_unavailable` excuse
//!   a floor.
//! - Reps-fit-goal shares are judged per non-deload week, not pooled.
//! - Push:pull counts the sets of horizontal/vertical push and pull patterns.
//! - Progression compares the same exercise id on the same weekday in
//!   consecutive weeks of a block; reps compare by `repsMin + repsMax`, load by
//!   `loadPercent1rm` when both weeks have one, else by `load.value`. Weekly
//!   growth is checked within a block only (the week after a deload rebounds).
//! - A deload is compared with the same exercise on the same day of the week
//!   before (else its other occurrences that week): load not higher, RIR not lower.
//! - A floor is excused by `volume_limited_by_time` (for its `group`, or for
//!   all when `group` is absent) only below [`floors_binding_minutes`], and by
//!   `pattern_unavailable` when no eligible exercise trains the group as a
//!   primary mover, or when the warning names the group and one of its
//!   [`group_patterns`] that is really unavailable.
//! - Every family of [`PATTERN_FAMILIES`] that no eligible exercise can cover
//!   needs a `pattern_unavailable` warning naming one of its patterns, whatever
//!   the time budget; a `pattern_unavailable` warning must name a pattern, and
//!   that pattern must really be unavailable.
//! - An absolute `load` needs an exercise tagged with `oneRepMaxLift` whose 1RM
//!   the profile gives, a `loadPercent1rm`, the profile's units, and a value on
//!   the plate step within half a step of `1RM × loadPercent1rm / 100`.

use crate::library::Exercise;
use crate::model::anatomy::{Mechanic, Pattern, VolumeGroup};
use crate::model::profile::{Equipment, Experience, Goal};

pub mod choice;
pub mod counting;
pub mod duration;
pub mod landmarks;
pub mod loading;
pub mod progression;
pub mod safety;
use std::ops::RangeInclusive;

// ── Rule 1: shape ───────────────────────────────────────────────────────────

/// Exercises per session.
pub const EXERCISES_PER_SESSION: RangeInclusive<usize> = 3..=9;
/// Fewest exercises in a non-deload session of at least [`LONG_SESSION_MINUTES`].
pub const MIN_EXERCISES_LONG_SESSION: usize = 4;
/// Sessions at least this long need [`MIN_EXERCISES_LONG_SESSION`] exercises.
pub const LONG_SESSION_MINUTES: u16 = 45;
/// Working sets per exercise.
pub const SETS: RangeInclusive<u8> = 1..=10;
/// Repetitions per set (both `repsMin` and `repsMax`).
pub const REPS: RangeInclusive<u8> = 1..=30;
/// Rest between sets, seconds (any exercise, any goal).
pub const REST_SECONDS: RangeInclusive<u16> = 0..=300;
/// `loadPercent1rm`, when given.
pub const LOAD_PERCENT_1RM: RangeInclusive<u8> = 30..=100;
/// Plate rounding for absolute loads in kilograms.
pub const LOAD_STEP_KG: f64 = 2.5;
/// Plate rounding for absolute loads in pounds.
pub const LOAD_STEP_LB: f64 = 5.0;

// ── Rule 4: duration ────────────────────────────────────────────────────────

/// Longest session, in percent of `sessionMinutes`.
pub const MAX_SESSION_PERCENT: u32 = 105;
/// Shortest accumulation-week session, in percent of `sessionMinutes`, unless
/// no single added set fits (`constraints::binding`). The trainee's time is
/// the scarce resource: a session that ends at 60% wastes it (issue 9).
pub const MIN_SESSION_PERCENT: u32 = 85;
/// A week is truly capped, and its sessions may end before
/// [`MIN_SESSION_PERCENT`], when every group some eligible exercise trains as
/// a primary mover is within this many sets of its weekly cap (issue 9); the
/// cap is the trainee's own MRV (`rules::landmarks`), the most volume they
/// recover from, never above [`weekly_cap`].
pub const CAPPED_MARGIN_SETS: u32 = 2;

// ── Rule 5: weekly volume ───────────────────────────────────────────────────

/// Weekly fractional-set floor of a major group in a non-deload week
/// (0 for groups without a floor).
pub fn weekly_floor(goal: Goal, level: Experience, group: VolumeGroup) -> f64 {
    if !group.is_major() {
        return 0.0;
    }
    let lower_body_posterior = matches!(group, VolumeGroup::Hamstrings | VolumeGroup::Glutes);
    match (goal, level, lower_body_posterior) {
        (Goal::Hypertrophy, Experience::Beginner, false) => 6.0,
        (Goal::Hypertrophy, Experience::Beginner, true) => 4.0,
        (Goal::Hypertrophy, _, false) => 10.0,
        (Goal::Hypertrophy, _, true) => 6.0,
        _ => 4.0,
    }
}

/// Weekly fractional-set cap of any group in a non-deload week.
pub fn weekly_cap(goal: Goal, level: Experience) -> f64 {
    match (goal, level) {
        (_, Experience::Beginner) => 16.0,
        (Goal::Hypertrophy, Experience::Advanced) => 25.0,
        _ => 22.0,
    }
}

/// Weekly minutes (`daysPerWeek × sessionMinutes`) from which every floor of
/// a group whose patterns are available must be met, warnings or not: the
/// issue's "floors without excuses" from [`QUALITY_APPLIES_MINUTES`]; a
/// beginner's lower floors fit from 90 minutes.
pub fn floors_binding_minutes(level: Experience) -> u32 {
    match level {
        Experience::Beginner => 90,
        _ => QUALITY_APPLIES_MINUTES,
    }
}

/// The patterns that train a major group as a primary mover; when
/// equipment or injuries rule one out, a `pattern_unavailable` warning naming
/// it and the group excuses the group's floor.
pub fn group_patterns(group: VolumeGroup) -> &'static [Pattern] {
    use Pattern::*;
    match group {
        VolumeGroup::Chest => &[HorizontalPush],
        VolumeGroup::Back => &[HorizontalPull, VerticalPull],
        VolumeGroup::Shoulders => &[VerticalPush, ShoulderAbduction, RearDelt],
        VolumeGroup::Quads => &[Squat, Lunge, KneeExtension],
        VolumeGroup::Hamstrings => &[Hinge, KneeFlexion],
        VolumeGroup::Glutes => &[Hinge, Bridge, Squat, Lunge],
        VolumeGroup::Biceps => &[ElbowFlexion],
        VolumeGroup::Triceps => &[ElbowExtension],
        VolumeGroup::Calves => &[CalfRaise],
        VolumeGroup::Abs => &[Core],
    }
}

/// Weekly minutes (`daysPerWeek × sessionMinutes`) from which the quality
/// rules bind without excuse: minor groups, MEV and heavy main lifts. Three
/// hours a week fit a complete program (e.g. 3 × 60 full body, the usual
/// novice template; Rippetoe & Kilgore, *Starting Strength*).
pub const QUALITY_APPLIES_MINUTES: u32 = 180;

/// Whether the goal gets direct arm, calf and core work by rule.
pub fn minor_floor_applies(goal: Goal) -> bool {
    matches!(goal, Goal::Hypertrophy | Goal::GeneralFitness)
}

/// Weekly fractional-set floor of a minor group where [`minor_floor_applies`]:
/// biceps and triceps 4, calves and abs 3 (a small direct dose; the arms get
/// indirect work from every press and row — Schoenfeld et al. 2017 count
/// from about 4 weekly sets as a measurable dose).
pub fn minor_floor(group: VolumeGroup) -> u32 {
    match group {
        VolumeGroup::Biceps | VolumeGroup::Triceps => 4,
        VolumeGroup::Calves | VolumeGroup::Abs => 3,
        _ => 0,
    }
}

// ── Rule 6: frequency ───────────────────────────────────────────────────────

/// Distinct days on which each major group must get [`FREQUENCY_MIN_SETS`].
pub const FREQUENCY_MIN_DAYS: usize = 2;
/// Fractional sets that count as training a group on a day.
pub const FREQUENCY_MIN_SETS: f64 = 1.0;
/// The frequency rule applies from this many days per week …
pub const FREQUENCY_APPLIES_DAYS: u8 = 2;
/// … and this many minutes per session.
pub const FREQUENCY_APPLIES_MINUTES: u16 = 40;

// ── Rule 7: recovery ────────────────────────────────────────────────────────

/// Primary sets of one major group that make a day "hard" for it; two hard
/// days in a row (Sunday → Monday included) break recovery.
pub const RECOVERY_HARD_DAY_SETS: u32 = 3;

// ── Rule 8: pattern coverage ────────────────────────────────────────────────

/// Weekly minutes from which every non-deload week covers every family.
pub const COVERAGE_APPLIES_MINUTES: u32 = 90;

/// A family of patterns of which each non-deload week needs at least one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternFamily {
    /// What a coach calls it, for messages.
    pub name: &'static str,
    /// Any of these patterns covers the family.
    pub patterns: &'static [Pattern],
}

/// The six families a balanced week covers.
pub const PATTERN_FAMILIES: [PatternFamily; 6] = [
    PatternFamily {
        name: "knee-dominant (squat or lunge)",
        patterns: &[Pattern::Squat, Pattern::Lunge],
    },
    PatternFamily {
        name: "hip-dominant (hinge or bridge)",
        patterns: &[Pattern::Hinge, Pattern::Bridge],
    },
    PatternFamily {
        name: "horizontal push",
        patterns: &[Pattern::HorizontalPush],
    },
    PatternFamily {
        name: "vertical push",
        patterns: &[Pattern::VerticalPush],
    },
    PatternFamily {
        name: "horizontal pull",
        patterns: &[Pattern::HorizontalPull],
    },
    PatternFamily {
        name: "vertical pull",
        patterns: &[Pattern::VerticalPull],
    },
];

// ── Rule 9: balance ─────────────────────────────────────────────────────────

/// Patterns whose sets count as pushing for the push:pull balance.
pub const PUSH_PATTERNS: [Pattern; 2] = [Pattern::HorizontalPush, Pattern::VerticalPush];
/// Patterns whose sets count as pulling for the push:pull balance.
pub const PULL_PATTERNS: [Pattern; 2] = [Pattern::HorizontalPull, Pattern::VerticalPull];

/// Whether `push : pull` sets lie within 3:4 and 4:3 (the 0.75–1.33;
/// 1.33 is read as 4/3, the reciprocal of 0.75). `0 : 0` is balanced.
pub fn push_pull_balanced(push_sets: u32, pull_sets: u32) -> bool {
    let (push, pull) = (u64::from(push_sets), u64::from(pull_sets));
    4 * push >= 3 * pull && 3 * push <= 4 * pull
}

// ── Session quality: variety and main lifts ─────────────────────────────────

/// How often one pattern may appear in a session of `exercises` exercises:
/// once up to five exercises, twice beyond (a coach varies the stimulus
/// before repeating a movement; issue 9).
pub fn max_pattern_repeats(exercises: usize) -> usize {
    if exercises <= 5 {
        1
    } else {
        2
    }
}

/// The main movement patterns whose loaded compounds are the main lifts.
pub const MAIN_PATTERNS: [Pattern; 6] = [
    Pattern::Squat,
    Pattern::Hinge,
    Pattern::HorizontalPush,
    Pattern::HorizontalPull,
    Pattern::VerticalPush,
    Pattern::VerticalPull,
];

/// Equipment that puts an external, progressively loadable weight on a lift;
/// bodyweight and bands alone do not.
pub const LOADING_EQUIPMENT: [Equipment; 6] = [
    Equipment::Barbell,
    Equipment::Dumbbells,
    Equipment::Kettlebell,
    Equipment::Cable,
    Equipment::Machine,
    Equipment::EzBar,
];

/// Which kind of main-pattern exercise this is, if it is one at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiftKind {
    /// A compound of a main pattern without external load (push-up, pull-up, band row).
    Unloaded,
    /// A compound of a main pattern that needs [`LOADING_EQUIPMENT`].
    Loaded,
    /// A loaded compound that needs a barbell.
    Barbell,
}

/// The kind of main lift an exercise with these tags is, or `None` when it is
/// an isolation exercise or outside [`MAIN_PATTERNS`].
pub fn lift_kind_of(
    pattern: Pattern,
    mechanic: Mechanic,
    equipment: &[Equipment],
) -> Option<LiftKind> {
    if mechanic != Mechanic::Compound || !MAIN_PATTERNS.contains(&pattern) {
        return None;
    }
    Some(if equipment.contains(&Equipment::Barbell) {
        LiftKind::Barbell
    } else if equipment.iter().any(|e| LOADING_EQUIPMENT.contains(e)) {
        LiftKind::Loaded
    } else {
        LiftKind::Unloaded
    })
}

/// [`lift_kind_of`] a library exercise.
pub fn lift_kind(exercise: &Exercise) -> Option<LiftKind> {
    lift_kind_of(exercise.pattern, exercise.mechanic, exercise.equipment)
}

/// Whether `exercise` is a main lift: a loaded compound of a main pattern,
/// or one suited to heavy work with a belt (a pull-up, a chin-up, a dip;
/// [`loading::suits_main_lift`]).
pub fn is_main_lift(exercise: &Exercise) -> bool {
    match lift_kind(exercise) {
        Some(LiftKind::Loaded | LiftKind::Barbell) => true,
        Some(LiftKind::Unloaded) => {
            loading::suits_main_lift(exercise.mechanic, exercise.equipment, exercise.rep_range)
        }
        None => false,
    }
}

/// The families a strength program trains heavy: squat, hinge and bench.
pub const HEAVY_FAMILIES: [Pattern; 3] = [Pattern::Squat, Pattern::Hinge, Pattern::HorizontalPush];
/// Whether `exercise` is a barbell version of its family that can be trained
/// heavy: a barbell compound suited to the main-lift scheme
/// ([`loading::suits_main_lift`]; an incline bench's 5–10 or a Romanian
/// deadlift's 6–12 leave no heavy scheme room to add reps).
pub fn heavy_barbell_version(exercise: &Exercise) -> bool {
    lift_kind(exercise) == Some(LiftKind::Barbell)
        && loading::suits_main_lift(exercise.mechanic, exercise.equipment, exercise.rep_range)
}

/// Weekly sets at ≤ [`HEAVY_REPS_MAX`] reps each heavy family gets for
/// strength whenever a barbell version is eligible (ACSM 2009: strength
/// needs heavy loads, 1–6 reps, in multi-joint lifts).
pub const HEAVY_FAMILY_SETS: u32 = 4;

/// The goal's usual rep band, to prefer exercises whose sensible range fits it.
pub fn goal_reps(goal: Goal) -> (u8, u8) {
    match goal {
        Goal::Strength => (3, 8),
        Goal::Hypertrophy => (6, 15),
        Goal::MuscularEndurance => (12, 20),
        Goal::GeneralFitness | Goal::FatLoss => (8, 15),
    }
}

// ── Rule 10: reps fit the goal ──────────────────────────────────────────────

/// Reps at or below which a set is heavy (strength sessions need a heavy compound).
pub const HEAVY_REPS_MAX: u8 = 6;

/// Percent of a non-deload week's working sets that must fit the goal
/// ([`set_fits_goal`]); `None` for strength, which is checked per session.
pub fn goal_share_percent(goal: Goal) -> Option<u32> {
    match goal {
        Goal::Strength => None,
        Goal::Hypertrophy => Some(80),
        Goal::MuscularEndurance | Goal::GeneralFitness | Goal::FatLoss => Some(70),
    }
}

/// Whether some rep range inside a library range of `rep_range` fits the
/// goal and leaves two reps of room below its top, so that reps can progress
/// (rule 15) without leaving the library range (rule 18); sets of other
/// exercises are not judged against the goal's share.
pub fn band_reachable(goal: Goal, mechanic: Mechanic, rep_range: [u8; 2]) -> bool {
    let [low, high] = rep_range;
    // `set_fits_goal` bounds repsMin from below and repsMax from above, so a
    // range fits exactly when a one-rep-count range inside it does.
    (low..=high.saturating_sub(2)).any(|reps| set_fits_goal(goal, mechanic, reps, reps))
}

/// Whether a set of `reps_min..=reps_max` counts towards the goal's share:
/// hypertrophy 5–20 (isolation 5–30), muscular endurance `repsMin ≥ 12`,
/// general fitness and fat loss 6–15; for strength, a heavy set.
pub fn set_fits_goal(goal: Goal, mechanic: Mechanic, reps_min: u8, reps_max: u8) -> bool {
    match goal {
        Goal::Strength => reps_max <= HEAVY_REPS_MAX,
        Goal::Hypertrophy => {
            let top = match mechanic {
                Mechanic::Compound => 20,
                Mechanic::Isolation => 30,
            };
            reps_min >= 5 && reps_max <= top
        }
        Goal::MuscularEndurance => reps_min >= 12,
        Goal::GeneralFitness | Goal::FatLoss => reps_min >= 6 && reps_max <= 15,
    }
}

// ── Rule 11: effort ─────────────────────────────────────────────────────────

/// Repetitions in reserve in non-deload weeks.
pub const RIR: RangeInclusive<u8> = 0..=4;

/// The lowest RIR allowed for an exercise (any week): squat and hinge
/// compounds keep 1 in reserve, 2 for beginners; everything else may reach 0.
pub fn min_rir(pattern: Pattern, mechanic: Mechanic, level: Experience) -> u8 {
    let spinal = matches!(pattern, Pattern::Squat | Pattern::Hinge);
    match (spinal, mechanic, level) {
        (true, Mechanic::Compound, Experience::Beginner) => 2,
        (true, Mechanic::Compound, _) => 1,
        _ => 0,
    }
}

// ── Rule 12: rest ───────────────────────────────────────────────────────────

/// Allowed rest for an exercise: heavy compounds (`repsMax ≤ 6`) 120–300 s,
/// other compounds 60–180 s, isolation 45–120 s; for the muscular endurance
/// goal 30–120 s compounds and 30–90 s isolation, whatever the reps.
pub fn rest_range(goal: Goal, mechanic: Mechanic, reps_max: u8) -> RangeInclusive<u16> {
    match (goal, mechanic) {
        (Goal::MuscularEndurance, Mechanic::Compound) => 30..=120,
        (Goal::MuscularEndurance, Mechanic::Isolation) => 30..=90,
        (_, Mechanic::Compound) if reps_max <= HEAVY_REPS_MAX => 120..=300,
        (_, Mechanic::Compound) => 60..=180,
        (_, Mechanic::Isolation) => 45..=120,
    }
}

// ── Rule 14: per-session cap ────────────────────────────────────────────────

/// Most primary sets of one group in one session.
pub fn session_primary_cap(level: Experience) -> u32 {
    match level {
        Experience::Advanced => 10,
        _ => 8,
    }
}

// ── Rule 15: progression ────────────────────────────────────────────────────

/// Within a block, an exercise on the same day progresses at least once in
/// any this many consecutive weeks.
pub const PROGRESS_EVERY_WEEKS: usize = 2;
/// Weekly fractional sets of a group may grow by at most this percent …
pub const GROWTH_PERCENT: u32 = 20;
/// … plus this many sets, from one week to the next in a block.
pub const GROWTH_EXTRA_SETS: f64 = 1.0;

/// Whether a group may go from `previous` to `next` weekly fractional sets:
/// `next ≤ previous × 1.2 + 1`, compared exactly on half sets.
pub fn growth_allowed(previous: f64, next: f64) -> bool {
    let halves = |sets: f64| (sets * 2.0).round() as i64;
    let (prev, next) = (halves(previous), halves(next));
    // next/2 ≤ prev/2 × (100 + G)/100 + E  ⇔  100·next ≤ (100 + G)·prev + 200·E
    100 * next <= i64::from(100 + GROWTH_PERCENT) * prev + (200.0 * GROWTH_EXTRA_SETS) as i64
}

// ── Rule 16: deloads ────────────────────────────────────────────────────────

/// Programs of this many weeks or more contain a deload week.
pub const DELOAD_REQUIRED_FROM_WEEKS: usize = 6;
/// Most non-deload weeks in a row.
pub const MAX_WEEKS_WITHOUT_DELOAD: usize = 6;
/// A deload week's total sets, in percent of the previous week's.
pub const DELOAD_SETS_PERCENT: RangeInclusive<u32> = 40..=70;

// ── Rule 17: stability ──────────────────────────────────────────────────────

/// Percent of a week's exercise ids that recur in the next week of its block.
pub const STABILITY_PERCENT: u32 = 70;

// ── Warnings the rules recognise ────────────────────────────────────────────

/// A warning code that excuses a rule; the wire form is [`WarningCode::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningCode {
    /// Accumulation sessions are under 85% of the budget because no single
    /// added set fits; `binding` names the rule that stops it.
    SessionShortenedByVolumeCap,
    /// A weekly floor is missed because the session time binds; `group` names it.
    VolumeLimitedByTime,
    /// A weekly floor is missed because a cap or recovery binds, not time;
    /// `group` and `binding` name them.
    VolumeLimitedByCap,
    /// Equipment, injuries or exclusions rule out `pattern` (which must be set).
    PatternUnavailable,
    /// The trainee is under 18: no sets of 3 reps or fewer, no AMRAP sets.
    AgeYouthCaution,
    /// The trainee is 65 or over: more reps in reserve, no AMRAP sets.
    AgeOlderAdultCaution,
    /// Two of the given 1RMs are in an implausible ratio.
    ImplausibleLiftRatio,
}

impl WarningCode {
    /// The `code` string written into `Program::warnings`.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::SessionShortenedByVolumeCap => "session_shortened_by_volume_cap",
            WarningCode::VolumeLimitedByTime => "volume_limited_by_time",
            WarningCode::VolumeLimitedByCap => "volume_limited_by_cap",
            WarningCode::PatternUnavailable => "pattern_unavailable",
            WarningCode::AgeYouthCaution => "age_youth_caution",
            WarningCode::AgeOlderAdultCaution => "age_older_adult_caution",
            WarningCode::ImplausibleLiftRatio => "implausible_lift_ratio",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypertrophy_floors_are_lower_for_hamstrings_and_glutes() {
        let level = Experience::Intermediate;
        assert_eq!(
            weekly_floor(Goal::Hypertrophy, level, VolumeGroup::Chest),
            10.0
        );
        assert_eq!(
            weekly_floor(Goal::Hypertrophy, level, VolumeGroup::Glutes),
            6.0
        );
        assert_eq!(
            weekly_floor(Goal::Strength, level, VolumeGroup::Hamstrings),
            4.0
        );
        assert_eq!(
            weekly_floor(Goal::Hypertrophy, level, VolumeGroup::Biceps),
            0.0
        );
    }

    #[test]
    fn caps_are_lowest_for_beginners_and_highest_for_advanced_hypertrophy() {
        assert_eq!(weekly_cap(Goal::Strength, Experience::Beginner), 16.0);
        assert_eq!(weekly_cap(Goal::Strength, Experience::Advanced), 22.0);
        assert_eq!(weekly_cap(Goal::Hypertrophy, Experience::Advanced), 25.0);
    }

    #[test]
    fn band_reachable_means_some_rep_range_inside_fits_the_goal() {
        let goals = [
            Goal::Strength,
            Goal::Hypertrophy,
            Goal::MuscularEndurance,
            Goal::GeneralFitness,
            Goal::FatLoss,
        ];
        for goal in goals {
            for mechanic in [Mechanic::Compound, Mechanic::Isolation] {
                for low in 1..=40u8 {
                    for high in low..=40u8 {
                        let top = high.saturating_sub(2);
                        let any_range = (low..=top).any(|min| {
                            (min..=top).any(|max| set_fits_goal(goal, mechanic, min, max))
                        });
                        assert_eq!(
                            band_reachable(goal, mechanic, [low, high]),
                            any_range,
                            "{goal:?} {mechanic:?} {low}-{high}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn growth_allows_twenty_percent_plus_one_set() {
        assert!(growth_allowed(10.0, 13.0));
        assert!(!growth_allowed(10.0, 13.5));
        assert!(growth_allowed(0.0, 1.0));
        assert!(!growth_allowed(0.0, 1.5));
        assert!(growth_allowed(12.5, 16.0));
        assert!(!growth_allowed(12.5, 16.5));
    }

    #[test]
    fn push_pull_balance_is_symmetric_between_three_to_four_and_four_to_three() {
        assert!(push_pull_balanced(4, 3));
        assert!(push_pull_balanced(3, 4));
        assert!(!push_pull_balanced(5, 3));
        assert!(!push_pull_balanced(3, 5));
        assert!(push_pull_balanced(0, 0));
        assert!(!push_pull_balanced(1, 0));
    }

    #[test]
    fn endurance_rest_overrides_heavy_compound_rest() {
        assert_eq!(rest_range(Goal::Strength, Mechanic::Compound, 5), 120..=300);
        assert_eq!(rest_range(Goal::Strength, Mechanic::Compound, 8), 60..=180);
        assert_eq!(
            rest_range(Goal::MuscularEndurance, Mechanic::Compound, 5),
            30..=120
        );
    }

    #[test]
    fn beginners_keep_two_reps_in_reserve_on_squats_and_hinges() {
        let squat = (Pattern::Squat, Mechanic::Compound);
        assert_eq!(min_rir(squat.0, squat.1, Experience::Beginner), 2);
        assert_eq!(min_rir(squat.0, squat.1, Experience::Advanced), 1);
        assert_eq!(
            min_rir(Pattern::Lunge, Mechanic::Compound, Experience::Beginner),
            0
        );
    }
}
