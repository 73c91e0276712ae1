//! The program validator: every rule a program must satisfy, by name.
//!
//! The generator runs this on its own output before returning it, and the
//! same function is exported as `validateProgram` and `program-gen validate`,
//! so a program accepted anywhere is accepted everywhere. Each rule is one
//! small function that reports only under its own [`Rule`]; the numbers live
//! in `rules`, the set counting in `rules::counting`, the time model in
//! `rules::duration`, and what the trainee may be given in
//! `library::eligibility`.

mod declared;
mod guidance;
mod loads;
mod prescription;
mod structure;
mod volume;
mod weeks;

#[cfg(test)]
mod tests;

use crate::constraints::{Context, WeekView};
use crate::library::eligibility;
use crate::library::{self, Exercise};
use crate::model::anatomy::{Mechanic, Pattern, VolumeGroup};
use crate::model::profile::Profile;
use crate::model::program::{PrescribedExercise, Program, Warning};
use crate::rules::WarningCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::ops::Range;

/// A named rule from the program contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Shape,
    Equipment,
    InjuriesAndExclusions,
    Duration,
    WeeklyVolume,
    Frequency,
    Recovery,
    PatternCoverage,
    Balance,
    RepsFitGoal,
    Effort,
    Rest,
    Order,
    PerSessionCap,
    Progression,
    Deloads,
    Stability,
    SessionTime,
    MinorGroups,
    VolumeTargets,
    NearDuplicates,
    MainLiftsFirst,
    HeavyMainLifts,
    SessionFocus,
    RepsWithinLibraryRange,
    LoadMatchesEffort,
    LoadLimits,
    HeavyRepsLimited,
    MainLiftSuited,
    LoadsAccumulate,
    ProgressionByLevel,
    AmrapOnMainLifts,
    WarmUps,
    Substitutes,
    DeloadSpacing,
    AgeCautions,
    LiftRatios,
    TraineeWords,
}

impl Rule {
    /// Every rule: the seventeen, the quality rules of the
    /// generator model, then the trainee rules of the prescription.
    pub const ALL: [Rule; 38] = [
        Rule::Shape,
        Rule::Equipment,
        Rule::InjuriesAndExclusions,
        Rule::Duration,
        Rule::WeeklyVolume,
        Rule::Frequency,
        Rule::Recovery,
        Rule::PatternCoverage,
        Rule::Balance,
        Rule::RepsFitGoal,
        Rule::Effort,
        Rule::Rest,
        Rule::Order,
        Rule::PerSessionCap,
        Rule::Progression,
        Rule::Deloads,
        Rule::Stability,
        Rule::SessionTime,
        Rule::MinorGroups,
        Rule::VolumeTargets,
        Rule::NearDuplicates,
        Rule::MainLiftsFirst,
        Rule::HeavyMainLifts,
        Rule::SessionFocus,
        Rule::RepsWithinLibraryRange,
        Rule::LoadMatchesEffort,
        Rule::LoadLimits,
        Rule::HeavyRepsLimited,
        Rule::MainLiftSuited,
        Rule::LoadsAccumulate,
        Rule::ProgressionByLevel,
        Rule::AmrapOnMainLifts,
        Rule::WarmUps,
        Rule::Substitutes,
        Rule::DeloadSpacing,
        Rule::AgeCautions,
        Rule::LiftRatios,
        Rule::TraineeWords,
    ];

    /// The rule's wire name, e.g. `injuries_and_exclusions`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Shape => "shape",
            Rule::Equipment => "equipment",
            Rule::InjuriesAndExclusions => "injuries_and_exclusions",
            Rule::Duration => "duration",
            Rule::WeeklyVolume => "weekly_volume",
            Rule::Frequency => "frequency",
            Rule::Recovery => "recovery",
            Rule::PatternCoverage => "pattern_coverage",
            Rule::Balance => "balance",
            Rule::RepsFitGoal => "reps_fit_goal",
            Rule::Effort => "effort",
            Rule::Rest => "rest",
            Rule::Order => "order",
            Rule::PerSessionCap => "per_session_cap",
            Rule::Progression => "progression",
            Rule::Deloads => "deloads",
            Rule::Stability => "stability",
            Rule::SessionTime => "session_time",
            Rule::MinorGroups => "minor_groups",
            Rule::VolumeTargets => "volume_targets",
            Rule::NearDuplicates => "near_duplicates",
            Rule::MainLiftsFirst => "main_lifts_first",
            Rule::HeavyMainLifts => "heavy_main_lifts",
            Rule::SessionFocus => "session_focus",
            Rule::RepsWithinLibraryRange => "reps_within_library_range",
            Rule::LoadMatchesEffort => "load_matches_effort",
            Rule::LoadLimits => "load_limits",
            Rule::HeavyRepsLimited => "heavy_reps_limited",
            Rule::MainLiftSuited => "main_lift_suited",
            Rule::LoadsAccumulate => "loads_accumulate",
            Rule::ProgressionByLevel => "progression_by_level",
            Rule::AmrapOnMainLifts => "amrap_on_main_lifts",
            Rule::WarmUps => "warm_ups",
            Rule::Substitutes => "substitutes",
            Rule::DeloadSpacing => "deload_spacing",
            Rule::AgeCautions => "age_cautions",
            Rule::LiftRatios => "lift_ratios",
            Rule::TraineeWords => "trainee_words",
        }
    }

    /// What checks this rule beyond its declared constraints (`constraints::CONSTRAINTS`).
    fn check(self) -> Option<fn(&Input, &mut Findings)> {
        Some(match self {
            Rule::Shape => structure::shape,
            Rule::Equipment => structure::equipment,
            Rule::InjuriesAndExclusions => structure::injuries_and_exclusions,
            Rule::Duration => structure::estimated_minutes,
            Rule::WeeklyVolume => volume::volume_warnings,
            Rule::PatternCoverage => volume::pattern_warnings,
            Rule::SessionTime => volume::session_warnings,
            Rule::Effort => prescription::effort,
            Rule::Rest => prescription::rest,
            Rule::Order => prescription::order,
            Rule::Progression => weeks::progression,
            Rule::Deloads => weeks::deloads,
            Rule::Stability => weeks::stability,
            Rule::RepsWithinLibraryRange => loads::reps_within_library_range,
            Rule::LoadMatchesEffort => loads::load_matches_effort,
            Rule::LoadLimits => loads::load_limits,
            Rule::HeavyRepsLimited => loads::heavy_reps_limited,
            Rule::MainLiftSuited => loads::main_lift_suited,
            Rule::LoadsAccumulate => loads::loads_accumulate,
            Rule::ProgressionByLevel => loads::progression_by_level,
            Rule::AmrapOnMainLifts => loads::amrap_on_main_lifts,
            Rule::WarmUps => guidance::warm_ups,
            Rule::Substitutes => guidance::substitutes,
            Rule::DeloadSpacing => guidance::deload_spacing,
            Rule::AgeCautions => guidance::age_cautions,
            Rule::LiftRatios => guidance::lift_ratios,
            Rule::TraineeWords => guidance::trainee_words,
            Rule::RepsFitGoal
            | Rule::Frequency
            | Rule::Recovery
            | Rule::Balance
            | Rule::PerSessionCap
            | Rule::MinorGroups
            | Rule::VolumeTargets
            | Rule::NearDuplicates
            | Rule::MainLiftsFirst
            | Rule::HeavyMainLifts
            | Rule::SessionFocus => return None,
        })
    }
}

/// One broken rule at one place in the program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Violation {
    pub rule: Rule,
    /// JSON path into the program, e.g. `weeks[0].sessions[1].exercises[2]`.
    pub path: String,
    pub message: String,
}

/// Every rule violation in `program` for `profile`; empty means valid.
pub fn validate_program(program: &Program, profile: &Profile) -> Vec<Violation> {
    let input = Input::new(program, profile);
    let mut out = Vec::new();
    for rule in Rule::ALL {
        let mut findings = Findings {
            rule,
            out: &mut out,
        };
        if let Some(check) = rule.check() {
            check(&input, &mut findings);
        }
        declared::check(&input, &mut findings);
    }
    out
}

/// The program and profile, with what every rule looks up computed once.
struct Input<'a> {
    program: &'a Program,
    profile: &'a Profile,
    /// The library entry of each exercise, `[week][session][exercise]`.
    entries: Vec<Vec<Vec<Option<&'static Exercise>>>>,
    /// Whether some eligible exercise has a primary muscle in each group.
    trainable: [bool; VolumeGroup::ALL.len()],
    /// The patterns some eligible exercise trains.
    available: BTreeSet<Pattern>,
    /// What the declared constraints know about the trainee.
    context: Context,
    /// Every week as the constraints see it.
    views: Vec<WeekView>,
    /// The training (non-deload) weeks, for the binding proofs.
    training: Vec<WeekView>,
}

impl<'a> Input<'a> {
    fn new(program: &'a Program, profile: &'a Profile) -> Self {
        let entries = program
            .weeks
            .iter()
            .map(|week| {
                week.sessions
                    .iter()
                    .map(|s| {
                        s.exercises
                            .iter()
                            .map(|e| library::find(&e.exercise_id))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let mut trainable = [false; VolumeGroup::ALL.len()];
        let mut available = BTreeSet::new();
        for exercise in eligibility::eligible_exercises(profile) {
            available.insert(exercise.pattern);
            for (trains, primary) in trainable.iter_mut().zip(exercise.primary_groups()) {
                *trains |= primary;
            }
        }
        let views = WeekView::of_weeks(&program.weeks, profile.goal);
        let training = views.iter().filter(|v| !v.deload).cloned().collect();
        Input {
            program,
            profile,
            entries,
            trainable,
            available,
            context: Context::new(profile),
            views,
            training,
        }
    }

    /// Every exercise with its indices and library entry, in program order.
    fn exercises(&self) -> impl Iterator<Item = Located<'_>> + '_ {
        self.program
            .weeks
            .iter()
            .enumerate()
            .flat_map(move |(w, week)| {
                week.sessions
                    .iter()
                    .enumerate()
                    .flat_map(move |(s, session)| {
                        session
                            .exercises
                            .iter()
                            .enumerate()
                            .map(move |(e, exercise)| Located {
                                at: (w, s, e),
                                exercise,
                                entry: self.entries[w][s][e],
                            })
                    })
            })
    }

    /// The library entry of exercise `e` of session `s` of week `w`.
    fn entry(&self, w: usize, s: usize, e: usize) -> Option<&'static Exercise> {
        self.entries[w][s][e]
    }

    /// Whether the program carries a warning with `code` accepted by `accept`.
    fn has_warning(&self, code: WarningCode, accept: impl Fn(&Warning) -> bool) -> bool {
        self.program
            .warnings
            .iter()
            .any(|w| w.code == code.as_str() && accept(w))
    }

    /// Whether some eligible exercise trains `pattern` (as `eligibility::pattern_available`).
    fn pattern_available(&self, pattern: Pattern) -> bool {
        self.available.contains(&pattern)
    }

    /// The runs of week indices that form blocks (non-deload, same phase).
    fn blocks(&self) -> Vec<Range<usize>> {
        let weeks = &self.program.weeks;
        let mut blocks = Vec::new();
        let mut w = 0;
        while w < weeks.len() {
            if weeks[w].deload {
                w += 1;
                continue;
            }
            let start = w;
            while w < weeks.len() && !weeks[w].deload && weeks[w].phase == weeks[start].phase {
                w += 1;
            }
            blocks.push(start..w);
        }
        blocks
    }
}

/// One prescribed exercise with where it sits and what the library says.
struct Located<'a> {
    /// `(week, session, exercise)` indices.
    at: (usize, usize, usize),
    exercise: &'a PrescribedExercise,
    entry: Option<&'static Exercise>,
}

impl Located<'_> {
    fn path(&self) -> String {
        exercise_path(self.at.0, self.at.1, self.at.2)
    }

    /// The pattern, trusting the library over the program's own tags.
    fn pattern(&self) -> Pattern {
        self.entry.map_or(self.exercise.pattern, |e| e.pattern)
    }

    /// The mechanic, trusting the library over the program's own tags.
    fn mechanic(&self) -> Mechanic {
        self.entry.map_or(self.exercise.mechanic, |e| e.mechanic)
    }
}

/// Collects violations of one rule.
struct Findings<'a> {
    rule: Rule,
    out: &'a mut Vec<Violation>,
}

impl Findings<'_> {
    fn report(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.out.push(Violation {
            rule: self.rule,
            path: path.into(),
            message: message.into(),
        });
    }
}

fn week_path(w: usize) -> String {
    format!("weeks[{w}]")
}

fn session_path(w: usize, s: usize) -> String {
    format!("weeks[{w}].sessions[{s}]")
}

fn exercise_path(w: usize, s: usize, e: usize) -> String {
    format!("weeks[{w}].sessions[{s}].exercises[{e}]")
}
