//! Profile analysis: how much weekly volume this trainee should get.
//!
//! This module decides the trainee's training age, recovery capacity and
//! volume tolerance, the individual volume landmarks (MEV < MAV < MRV, in
//! weekly fractional sets) of every volume group, the weekly set target the
//! allocation aims for, and the weak points found from the strength ratios.
//! Which days, exercises and sets realise those targets is left to the later
//! stages; the hard floors and caps come from `rules`.
//!
//! Sources for the constants:
//! - Schoenfeld, Ogborn & Krieger 2017 (*J Sports Sci* 35(11)): hypertrophy
//!   rises with weekly sets up to roughly 10–20 per muscle → the base
//!   landmark table (MEV near 10, MAV in the mid teens, MRV near 20+).
//! - Pelland et al. 2024: fractional counting, with diminishing returns above
//!   ~20 weekly sets → MRV never exceeds the rule cap.
//! - ACSM 2009 position stand (*Med Sci Sports Exerc* 41(3)): novices need
//!   less volume than trained lifters; older adults recover more slowly →
//!   the experience and age factors.
//! - Typical strength ratios (coaching norms, e.g. Rippetoe & Kilgore;
//!   Helms, Morgan & Valdez, *The Muscle and Strength Pyramid*): squat ≈ 80–85%
//!   of deadlift, bench ≈ 70–75% of squat, overhead press ≈ 60–65% of bench
//!   → [`TYPICAL_RATIOS`].

use crate::model::anatomy::VolumeGroup;
use crate::model::profile::{Experience, Goal, Lift, Profile};
use crate::model::program::{Landmarks, WeakPoint};
use crate::rules;

/// Number of volume groups; arrays below are indexed by `VolumeGroup as usize`.
pub const GROUPS: usize = VolumeGroup::ALL.len();

/// How quickly the trainee recovers between sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Recovery {
    Low,
    Moderate,
    High,
}

/// Everything later stages need to know about the trainee's volume.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Approximate years of consistent training implied by the level.
    pub training_age_years: u8,
    pub recovery: Recovery,
    /// Volume tolerance in percent of a typical intermediate's.
    pub tolerance_percent: u32,
    /// Individual landmarks per group.
    pub landmarks: [Landmarks; GROUPS],
    /// Hard weekly floor per group (rule 5), whole sets; 0 for minor groups.
    pub floors: [u8; GROUPS],
    /// Hard weekly cap per group (rule 5), whole sets.
    pub caps: [u8; GROUPS],
    /// Weekly sets the allocation aims for (MAV, more for weak points).
    pub targets: [u8; GROUPS],
    /// Lagging lifts found from the 1RM ratios.
    pub weak_points: Vec<WeakPoint>,
    /// Groups that get extra volume because of a weak point.
    pub weak_groups: [bool; GROUPS],
}

/// Base landmarks `(MEV, MAV, MRV)` for a typical intermediate training for
/// hypertrophy, from the dose-response literature.
const BASE_LANDMARKS: [(u32, u32, u32); GROUPS] = [
    (10, 16, 22), // chest
    (10, 18, 24), // back
    (8, 16, 22),  // shoulders
    (8, 14, 20),  // quads
    (6, 12, 18),  // hamstrings
    (4, 10, 16),  // glutes
    (6, 14, 20),  // biceps
    (6, 12, 18),  // triceps
    (6, 12, 16),  // calves
    (4, 12, 18),  // abs
];

/// A typical strength ratio: `numerator` lifts `low..=high` percent of `denominator`.
pub struct TypicalRatio {
    pub numerator: Lift,
    pub denominator: Lift,
    pub low_percent: u32,
    pub high_percent: u32,
}

/// The three ratios the weak-point analysis checks.
pub const TYPICAL_RATIOS: [TypicalRatio; 3] = [
    TypicalRatio {
        numerator: Lift::Squat,
        denominator: Lift::Deadlift,
        low_percent: 80,
        high_percent: 85,
    },
    TypicalRatio {
        numerator: Lift::BenchPress,
        denominator: Lift::Squat,
        low_percent: 70,
        high_percent: 75,
    },
    TypicalRatio {
        numerator: Lift::OverheadPress,
        denominator: Lift::BenchPress,
        low_percent: 60,
        high_percent: 65,
    },
];

/// Extra weekly sets a weak group gets, still within its landmarks.
pub const WEAK_POINT_EXTRA_SETS: u8 = 2;

/// Analyse a validated profile.
pub fn analyze(profile: &Profile) -> Analysis {
    let recovery = recovery(profile.age);
    let tolerance_percent = tolerance_percent(profile.experience, recovery);
    // General fitness sits nearer hypertrophy than endurance: the Liftosaur
    // beginner guide's ranges (chest 8–12, quads 6–12 weekly sets) are what a
    // full-gym beginner on 3 × 60 should land in (issue 9).
    let goal_percent = match profile.goal {
        Goal::Hypertrophy => 100,
        Goal::GeneralFitness => 85,
        Goal::Strength => 75,
        Goal::FatLoss => 70,
        Goal::MuscularEndurance => 60,
    };
    let cap = rules::weekly_cap(profile.goal, profile.experience) as u32;
    let (weak_points, weak_lifts) = weak_points(profile);
    let mut weak_groups = [false; GROUPS];
    for lift in weak_lifts {
        for &group in lift_groups(lift) {
            weak_groups[group as usize] = true;
        }
    }
    let mut landmarks = [Landmarks {
        mev: 0,
        mav: 0,
        mrv: 0,
    }; GROUPS];
    let mut floors = [0u8; GROUPS];
    let mut caps = [0u8; GROUPS];
    let mut targets = [0u8; GROUPS];
    for group in VolumeGroup::ALL {
        let i = group as usize;
        let floor = rules::weekly_floor(profile.goal, profile.experience, group) as u32;
        let (mev, mav, mrv) = BASE_LANDMARKS[i];
        let scale = |sets: u32| sets * goal_percent * tolerance_percent / 10_000;
        let mev = scale(mev).max(floor).max(2);
        let mrv = scale(mrv).min(cap).max(mev + 2);
        let mav = scale(mav).clamp(mev + 1, mrv - 1);
        landmarks[i] = Landmarks {
            mev: mev as u8,
            mav: mav as u8,
            mrv: mrv as u8,
        };
        floors[i] = floor as u8;
        caps[i] = cap as u8;
        let bonus = if weak_groups[i] {
            WEAK_POINT_EXTRA_SETS
        } else {
            0
        };
        targets[i] = (mav as u8 + bonus).min(mrv as u8);
    }
    Analysis {
        training_age_years: match profile.experience {
            Experience::Beginner => 0,
            Experience::Intermediate => 2,
            Experience::Advanced => 5,
        },
        recovery,
        tolerance_percent,
        landmarks,
        floors,
        caps,
        targets,
        weak_points,
        weak_groups,
    }
}

/// Recovery from age: adolescents and adults over 40 recover more slowly;
/// an unknown age is treated as moderate, the cautious middle.
fn recovery(age: Option<u8>) -> Recovery {
    match age {
        None => Recovery::Moderate,
        Some(age) if age < 18 => Recovery::Moderate,
        Some(age) if age < 40 => Recovery::High,
        Some(age) if age < 60 => Recovery::Moderate,
        Some(_) => Recovery::Low,
    }
}

/// Volume tolerance relative to a typical intermediate, in percent.
fn tolerance_percent(experience: Experience, recovery: Recovery) -> u32 {
    let experience_percent = match experience {
        Experience::Beginner => 70,
        Experience::Intermediate => 100,
        Experience::Advanced => 115,
    };
    let recovery_percent = match recovery {
        Recovery::High => 100,
        Recovery::Moderate => 90,
        Recovery::Low => 80,
    };
    experience_percent * recovery_percent / 100
}

/// Groups that benefit when `lift` lags.
pub fn lift_groups(lift: Lift) -> &'static [VolumeGroup] {
    match lift {
        Lift::Squat => &[VolumeGroup::Quads],
        Lift::Deadlift => &[VolumeGroup::Hamstrings, VolumeGroup::Glutes],
        Lift::BenchPress => &[VolumeGroup::Chest],
        Lift::OverheadPress => &[VolumeGroup::Shoulders],
    }
}

fn lift_code(lift: Lift) -> &'static str {
    match lift {
        Lift::Squat => "weak_squat",
        Lift::BenchPress => "weak_bench_press",
        Lift::Deadlift => "weak_deadlift",
        Lift::OverheadPress => "weak_overhead_press",
    }
}

/// Compare each known ratio with its typical band: below the band the
/// numerator lags, above it the denominator does. Each lift is reported once.
fn weak_points(profile: &Profile) -> (Vec<WeakPoint>, Vec<Lift>) {
    let mut points = Vec::new();
    let mut lifts: Vec<Lift> = Vec::new();
    let Some(maxes) = profile.one_rep_maxes else {
        return (points, lifts);
    };
    for ratio in &TYPICAL_RATIOS {
        let (Some(top), Some(bottom)) = (maxes.get(ratio.numerator), maxes.get(ratio.denominator))
        else {
            continue;
        };
        if bottom <= 0.0 {
            continue;
        }
        let percent = (top * 100.0 / bottom).round();
        let lagging = if percent < f64::from(ratio.low_percent) {
            ratio.numerator
        } else if percent > f64::from(ratio.high_percent) {
            ratio.denominator
        } else {
            continue;
        };
        if lifts.contains(&lagging) {
            continue;
        }
        lifts.push(lagging);
        let percent = percent.min(999.0) as u32;
        points.push(WeakPoint {
            code: lift_code(lagging).to_string(),
            message: format!(
                "Your {} is {}% of your {} (typically {}–{}%), so the {} lags; its muscles get {} extra weekly sets.",
                ratio.numerator.name(),
                percent,
                ratio.denominator.name(),
                ratio.low_percent,
                ratio.high_percent,
                lagging.name(),
                WEAK_POINT_EXTRA_SETS,
            ),
        });
    }
    (points, lifts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::OneRepMaxes;

    fn profile(goal: Goal, experience: Experience, age: Option<u8>) -> Profile {
        let json = serde_json::json!({
            "goal": goal, "experience": experience, "daysPerWeek": 4,
            "sessionMinutes": 60, "weeks": 8, "equipment": [], "age": age,
        });
        Profile::from_value(&json).expect("valid profile")
    }

    #[test]
    fn landmarks_are_strictly_ordered_and_within_rule_bounds() {
        for goal in [Goal::Strength, Goal::Hypertrophy, Goal::FatLoss] {
            for level in [
                Experience::Beginner,
                Experience::Intermediate,
                Experience::Advanced,
            ] {
                for age in [None, Some(15), Some(30), Some(50), Some(80)] {
                    let analysis = analyze(&profile(goal, level, age));
                    for group in VolumeGroup::ALL {
                        let l = analysis.landmarks[group as usize];
                        assert!(l.mev < l.mav && l.mav < l.mrv, "{group:?} {l:?}");
                        let floor = rules::weekly_floor(goal, level, group) as u8;
                        let cap = rules::weekly_cap(goal, level) as u8;
                        assert!(l.mev >= floor && l.mrv <= cap, "{group:?} {l:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn older_trainees_tolerate_less_volume() {
        let young = analyze(&profile(Goal::Hypertrophy, Experience::Advanced, Some(25)));
        let old = analyze(&profile(Goal::Hypertrophy, Experience::Advanced, Some(70)));
        assert!(old.tolerance_percent < young.tolerance_percent);
        let back = VolumeGroup::Back as usize;
        assert!(old.landmarks[back].mrv < young.landmarks[back].mrv);
    }

    #[test]
    fn weak_bench_gets_extra_chest_volume() {
        let mut p = profile(Goal::Hypertrophy, Experience::Intermediate, Some(30));
        p.one_rep_maxes = Some(OneRepMaxes {
            squat: Some(150.0),
            bench_press: Some(90.0),
            deadlift: Some(180.0),
            overhead_press: Some(58.0),
        });
        let analysis = analyze(&p);
        assert_eq!(analysis.weak_points.len(), 1);
        assert_eq!(analysis.weak_points[0].code, "weak_bench_press");
        let chest = VolumeGroup::Chest as usize;
        let back = VolumeGroup::Back as usize;
        assert!(analysis.weak_groups[chest] && !analysis.weak_groups[back]);
        assert!(analysis.targets[chest] > analysis.landmarks[chest].mav);
        assert!(analysis.targets[chest] <= analysis.landmarks[chest].mrv);
    }

    #[test]
    fn typical_ratios_find_no_weak_point() {
        let mut p = profile(Goal::Strength, Experience::Advanced, None);
        p.one_rep_maxes = Some(OneRepMaxes {
            squat: Some(120.0),
            bench_press: Some(88.0),
            deadlift: Some(146.0),
            overhead_press: Some(55.0),
        });
        assert!(analyze(&p).weak_points.is_empty());
    }

    #[test]
    fn strong_squat_relative_to_deadlift_flags_the_deadlift() {
        let mut p = profile(Goal::Strength, Experience::Advanced, None);
        p.one_rep_maxes = Some(OneRepMaxes {
            squat: Some(180.0),
            deadlift: Some(190.0),
            ..OneRepMaxes::default()
        });
        let analysis = analyze(&p);
        assert_eq!(analysis.weak_points[0].code, "weak_deadlift");
        assert!(analysis.weak_groups[VolumeGroup::Hamstrings as usize]);
    }
}
