//! The declared model of a good training week: every constraint, once.
//!
//! A week is a [`WeekView`]: per training day, the exercises in session order
//! with their sets and set times. Each [`Constraint`] is a named function from
//! a week to penalties, with a [`Level`] and a weight:
//!
//! - **Hard** constraints must hold: a week with a hard penalty is not a
//!   program (caps, recovery, the time ceiling, balance, coverage, focus,
//!   near-duplicates, main lifts first).
//! - **Medium** constraints are what the trainee's situation may make
//!   impossible (volume floors, the 85% time floor, minor groups, heavy main
//!   lifts); what remains of them is exactly what a warning reports, and
//!   [`binding`] proves which hard constraint stops it.
//! - **Soft** constraints rate quality (distance to each group's target,
//!   unused time, exercise choice).
//!
//! The generator's search minimises the [`Score`] `(hard, medium, soft)`
//! lexicographically; `validateProgram` runs the same declarations over each
//! week of a finished program and reports every non-zero hard or medium
//! penalty under its [`Rule`]. The numbers come from `rules`; the set
//! counting from `rules::counting`; the time model from `rules::duration`.
//! This module decides only how a week is judged, not how one is found.

pub mod binding;
mod context;
mod sessions;
mod volume;
mod week;

pub use context::{focus_allows, Context};
pub use sessions::{choice_cost, considered, session_time_short, truly_capped};
pub use week::{Day, Entry, Groups, Sign, Tally, WeekView};

use crate::model::anatomy::VolumeGroup;
use crate::validate::Rule;

/// How much a constraint matters; compared before any weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Must hold.
    Hard,
    /// Should hold; may be impossible, and then a warning names why.
    Medium,
    /// Quality, traded by weight.
    Soft,
}

/// Where in a week a penalty arises.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct At {
    /// Index into `WeekView::days`.
    pub day: Option<usize>,
    /// Index into that day's entries.
    pub entry: Option<usize>,
    /// The volume group concerned.
    pub group: Option<VolumeGroup>,
}

impl At {
    /// The whole week.
    pub const WEEK: At = At {
        day: None,
        entry: None,
        group: None,
    };

    fn day(day: usize) -> At {
        At {
            day: Some(day),
            ..At::WEEK
        }
    }

    fn entry(day: usize, entry: usize) -> At {
        At {
            day: Some(day),
            entry: Some(entry),
            group: None,
        }
    }

    fn group(group: VolumeGroup) -> At {
        At {
            group: Some(group),
            ..At::WEEK
        }
    }
}

/// Receives the penalties a constraint finds; the message is only built on demand.
pub trait Sink {
    /// One breach of `amount` units at `at`.
    fn breach(&mut self, at: At, amount: u32, why: &dyn Fn() -> String);
}

/// What may excuse a medium constraint's breach in `validateProgram`: only
/// a fact proven by [`binding`] and stated in a warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Excuse {
    /// Nothing: the breach is a violation.
    Never,
    /// The session cannot take one more set, or no group short of its cap
    /// can (`binding::short_session_binding`), as a
    /// `session_shortened_by_volume_cap` warning says.
    SessionFull,
    /// Below `rules::floors_binding_minutes`, the group cannot get one more
    /// set (`binding::group_binding`), as a `volume_limited_*` warning says.
    GroupCapped,
}

/// A constraint's check: reports its breaches into the sink.
#[derive(Clone, Copy)]
pub enum Check {
    /// Judges one session at a time (`week.days[day]`): the search rescores
    /// only the sessions a move touched.
    Day(fn(week: &WeekView, day: usize, context: &Context, sink: &mut dyn Sink)),
    /// Judges the whole week.
    Week(fn(week: &WeekView, context: &Context, sink: &mut dyn Sink)),
}

/// One declared constraint.
pub struct Constraint {
    /// The declaration's own name.
    pub name: &'static str,
    /// The validator rule it reports under; soft constraints have none.
    pub rule: Option<Rule>,
    pub level: Level,
    /// Penalty per unit of breach, within its level.
    pub weight: u32,
    /// Where the constraint comes from.
    pub source: &'static str,
    /// What may excuse a breach (medium constraints only).
    pub excuse: Excuse,
    pub check: Check,
}

/// Every constraint of the model.
pub static CONSTRAINTS: &[Constraint] = &[
    // ── Hard ────────────────────────────────────────────────────────────────
    Constraint {
        name: "weekly_cap",
        rule: Some(Rule::WeeklyVolume),
        level: Level::Hard,
        weight: 1,
        source: "Schoenfeld, Ogborn & Krieger 2017; rules::weekly_cap",
        excuse: Excuse::Never,
        check: Check::Week(volume::weekly_cap),
    },
    Constraint {
        name: "per_session_cap",
        rule: Some(Rule::PerSessionCap),
        level: Level::Hard,
        weight: 1,
        source: "rules::session_primary_cap (junk volume past ~8–10 sets a session)",
        excuse: Excuse::Never,
        check: Check::Day(volume::per_session_cap),
    },
    Constraint {
        name: "recovery",
        rule: Some(Rule::Recovery),
        level: Level::Hard,
        weight: 1,
        source: "rules::RECOVERY_HARD_DAY_SETS (48 h between hard sessions of a group)",
        excuse: Excuse::Never,
        check: Check::Week(volume::recovery),
    },
    Constraint {
        name: "frequency",
        rule: Some(Rule::Frequency),
        level: Level::Hard,
        weight: 4,
        source: "Schoenfeld, Ogborn & Krieger 2016 (each muscle twice a week)",
        excuse: Excuse::Never,
        check: Check::Week(volume::frequency),
    },
    Constraint {
        name: "balance",
        rule: Some(Rule::Balance),
        level: Level::Hard,
        weight: 1,
        source: "rules::push_pull_balanced (3:4 to 4:3 push:pull)",
        excuse: Excuse::Never,
        check: Check::Week(volume::balance),
    },
    Constraint {
        name: "deload_shape",
        rule: Some(Rule::Deloads),
        level: Level::Hard,
        weight: 1,
        source: "Rogerson et al. 2024 (deloads at about half the volume); rules::DELOAD_SETS_PERCENT, rules::push_pull_balanced",
        excuse: Excuse::Never,
        check: Check::Week(volume::deload_shape),
    },
    Constraint {
        name: "pattern_coverage",
        rule: Some(Rule::PatternCoverage),
        level: Level::Hard,
        weight: 8,
        source: "rules::PATTERN_FAMILIES (a balanced week's six families)",
        excuse: Excuse::Never,
        check: Check::Week(sessions::pattern_coverage),
    },
    Constraint {
        name: "time_ceiling",
        rule: Some(Rule::Duration),
        level: Level::Hard,
        weight: 1,
        source: "rules::MAX_SESSION_PERCENT with the rules::duration model",
        excuse: Excuse::Never,
        check: Check::Day(sessions::time_ceiling),
    },
    Constraint {
        name: "session_focus",
        rule: Some(Rule::SessionFocus),
        level: Level::Hard,
        weight: 8,
        source: "the split's day focus (upper, lower, push, pull, legs)",
        excuse: Excuse::Never,
        check: Check::Day(sessions::session_focus),
    },
    Constraint {
        name: "near_duplicates",
        rule: Some(Rule::NearDuplicates),
        level: Level::Hard,
        weight: 8,
        source: "rules::max_pattern_repeats (variety within a session)",
        excuse: Excuse::Never,
        check: Check::Day(sessions::near_duplicates),
    },
    Constraint {
        name: "main_lifts_first",
        rule: Some(Rule::MainLiftsFirst),
        level: Level::Hard,
        weight: 4,
        source: "Simão et al. 2012 (exercise order: multi-joint first); rules::MAIN_PATTERNS",
        excuse: Excuse::Never,
        check: Check::Day(sessions::main_lifts_first),
    },
    Constraint {
        name: "main_lift_sets",
        rule: Some(Rule::MainLiftsFirst),
        level: Level::Hard,
        weight: 4,
        source: "Simão et al. 2012 (the main lifts get their sets first); rules::MAIN_PATTERNS",
        excuse: Excuse::Never,
        check: Check::Week(sessions::main_lift_sets),
    },
    Constraint {
        name: "strength_compound",
        rule: Some(Rule::RepsFitGoal),
        level: Level::Hard,
        weight: 8,
        source: "ACSM 2009 (strength: heavy multi-joint work every session)",
        excuse: Excuse::Never,
        check: Check::Day(sessions::strength_compound),
    },
    Constraint {
        name: "goal_reps_share",
        rule: Some(Rule::RepsFitGoal),
        level: Level::Hard,
        weight: 4,
        source: "ACSM 2009 position stand (repetition bands per goal); rules::goal_share_percent",
        excuse: Excuse::Never,
        check: Check::Week(sessions::goal_reps_share),
    },
    // ── Medium ──────────────────────────────────────────────────────────────
    Constraint {
        name: "weekly_floor",
        rule: Some(Rule::WeeklyVolume),
        level: Level::Medium,
        weight: 20,
        source: "Schoenfeld, Ogborn & Krieger 2017; rules::weekly_floor",
        excuse: Excuse::GroupCapped,
        check: Check::Week(volume::weekly_floor),
    },
    Constraint {
        name: "minor_groups",
        rule: Some(Rule::MinorGroups),
        level: Level::Medium,
        weight: 20,
        source: "rules::minor_floor (direct arm, calf and core work)",
        excuse: Excuse::Never,
        check: Check::Week(volume::minor_groups),
    },
    Constraint {
        name: "volume_targets",
        rule: Some(Rule::VolumeTargets),
        level: Level::Medium,
        weight: 10,
        source: "rules::landmarks (MEV, Israetel et al. volume landmarks)",
        excuse: Excuse::Never,
        check: Check::Week(volume::minimum_effective_volume),
    },
    Constraint {
        name: "heavy_main_lifts",
        rule: Some(Rule::HeavyMainLifts),
        level: Level::Medium,
        weight: 200,
        source: "ACSM 2009 (strength: heavy loads, ≤ 6 reps); rules::HEAVY_FAMILY_SETS",
        excuse: Excuse::Never,
        check: Check::Week(sessions::heavy_main_lifts),
    },
    Constraint {
        name: "session_time",
        rule: Some(Rule::SessionTime),
        level: Level::Medium,
        weight: 1,
        source: "rules::MIN_SESSION_PERCENT (use the time the trainee gives)",
        excuse: Excuse::SessionFull,
        check: Check::Week(sessions::session_time),
    },
    // ── Soft ────────────────────────────────────────────────────────────────
    Constraint {
        name: "target_volume",
        rule: None,
        level: Level::Soft,
        weight: 4,
        source: "rules::landmarks: aim between MEV and MAV",
        excuse: Excuse::Never,
        check: Check::Week(volume::target_volume),
    },
    Constraint {
        name: "unused_time",
        rule: None,
        level: Level::Soft,
        weight: 1,
        source: "the session time the trainee gives",
        excuse: Excuse::Never,
        check: Check::Day(sessions::unused_time),
    },
    Constraint {
        name: "main_patterns",
        rule: None,
        level: Level::Soft,
        weight: 5,
        source: "Simão et al. 2012; ACSM 2009 (multi-joint lifts for the main patterns every week, variety within a session)",
        excuse: Excuse::Never,
        check: Check::Week(sessions::main_patterns),
    },
    Constraint {
        name: "session_patterns",
        rule: None,
        level: Level::Soft,
        weight: 5,
        source: "Simão et al. 2012; ACSM 2009 (a full-body day trains every main pattern; variety within a session)",
        excuse: Excuse::Never,
        check: Check::Day(sessions::session_patterns),
    },
    Constraint {
        name: "tested_lifts",
        rule: None,
        level: Level::Soft,
        weight: 100,
        source: "Wendler 2013 (5/3/1: the tested lifts carry the program); ACSM 2009",
        excuse: Excuse::Never,
        check: Check::Week(sessions::tested_lifts),
    },
    Constraint {
        name: "sets_per_exercise",
        rule: None,
        level: Level::Soft,
        weight: 40,
        source: "rules::choice::SETS_PER_EXERCISE (Helms, Morgan & Valdez 2019: 2–5 sets an exercise)",
        excuse: Excuse::Never,
        check: Check::Day(sessions::sets_per_exercise),
    },
    Constraint {
        name: "exercise_choice",
        rule: None,
        level: Level::Soft,
        weight: 5,
        source: "ACSM 2009 (free-weight multi-joint lifts for strength); coaching practice",
        excuse: Excuse::Never,
        check: Check::Day(sessions::exercise_choice),
    },
];

/// A week's rating: compared hard first, then medium, then soft; lower is better.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score {
    pub hard: u64,
    pub medium: u64,
    pub soft: u64,
}

/// Adds up breaches, ignoring where they are.
struct Total(u64);

impl Sink for Total {
    fn breach(&mut self, _: At, amount: u32, _: &dyn Fn() -> String) {
        self.0 += u64::from(amount);
    }
}

impl Constraint {
    /// Report every breach of `week` into `sink`.
    pub fn report(&self, week: &WeekView, context: &Context, sink: &mut dyn Sink) {
        match self.check {
            Check::Day(check) => {
                for day in 0..week.days.len() {
                    check(week, day, context, sink);
                }
            }
            Check::Week(check) => check(week, context, sink),
        }
    }
}

/// The weighted penalty of one constraint on `week`.
pub fn penalty(constraint: &Constraint, week: &WeekView, context: &Context) -> u64 {
    let mut total = Total(0);
    constraint.report(week, context, &mut total);
    total.0 * u64::from(constraint.weight)
}

impl Score {
    /// The worst score there is: every score is within it.
    pub const WORST: Score = Score {
        hard: u64::MAX,
        medium: u64::MAX,
        soft: u64::MAX,
    };

    /// The largest score below this one: a score beats this one exactly when
    /// it is at most that. `None` for the perfect score, which none beats.
    pub fn just_below(self) -> Option<Score> {
        let Score { hard, medium, soft } = self;
        if soft > 0 {
            Some(Score {
                soft: soft - 1,
                ..self
            })
        } else if medium > 0 {
            Some(Score {
                medium: medium - 1,
                soft: u64::MAX,
                ..self
            })
        } else if hard > 0 {
            Some(Score {
                hard: hard - 1,
                medium: u64::MAX,
                soft: u64::MAX,
            })
        } else {
            None
        }
    }

    /// The score's levels down to `level`, the lower ones left out.
    fn up_to(self, level: Level) -> (u64, u64, u64) {
        match level {
            Level::Hard => (self.hard, 0, 0),
            Level::Medium => (self.hard, self.medium, 0),
            Level::Soft => (self.hard, self.medium, self.soft),
        }
    }

    /// The score's penalty at `level`.
    pub fn at(self, level: Level) -> u64 {
        match level {
            Level::Hard => self.hard,
            Level::Medium => self.medium,
            Level::Soft => self.soft,
        }
    }

    fn add(&mut self, level: Level, penalty: u64) {
        match level {
            Level::Hard => self.hard += penalty,
            Level::Medium => self.medium += penalty,
            Level::Soft => self.soft += penalty,
        }
    }
}

impl std::ops::Add for Score {
    type Output = Score;

    fn add(self, other: Score) -> Score {
        Score {
            hard: self.hard + other.hard,
            medium: self.medium + other.medium,
            soft: self.soft + other.soft,
        }
    }
}

/// The score of `week` under every constraint.
pub fn score(week: &WeekView, context: &Context) -> Score {
    (0..week.days.len()).fold(week_score(week, context), |score, day| {
        score + day_score(week, day, context)
    })
}

/// The score of session `day` under the constraints that judge one session.
pub fn day_score(week: &WeekView, day: usize, context: &Context) -> Score {
    scored(|check, sink| match check {
        Check::Day(check) => check(week, day, context, sink),
        Check::Week(_) => {}
    })
}

/// The score of `week` under the constraints that judge the whole week.
pub fn week_score(week: &WeekView, context: &Context) -> Score {
    scored(|check, sink| match check {
        Check::Week(check) => check(week, context, sink),
        Check::Day(_) => {}
    })
}

/// The penalty of session `day` under the constraints of `level` that judge
/// one session.
pub fn day_penalty(week: &WeekView, day: usize, context: &Context, level: Level) -> u64 {
    CONSTRAINTS
        .iter()
        .filter(|c| c.level == level)
        .map(|c| match c.check {
            Check::Day(check) => {
                let mut total = Total(0);
                check(week, day, context, &mut total);
                total.0 * u64::from(c.weight)
            }
            Check::Week(_) => 0,
        })
        .sum()
}

/// The score of `week`, with `days(level)` its sessions' penalties at each
/// level (`day_penalty` summed); or `None` as soon as the total is sure to
/// be worse than `bound`. Penalties only add, and the constraints come level
/// by level (hard first), each level's sessions before its weekly checks, so
/// a level's sum is final once the next level starts: a move that breaks a
/// hard constraint never has its medium and soft penalties worked out.
pub fn week_score_within(
    week: &WeekView,
    context: &Context,
    mut days: impl FnMut(Level) -> u64,
    bound: Score,
) -> Option<Score> {
    let mut score = Score::default();
    let mut level = None;
    for constraint in CONSTRAINTS {
        if level != Some(constraint.level) {
            level = Some(constraint.level);
            score.add(constraint.level, days(constraint.level));
            if score.up_to(constraint.level) > bound.up_to(constraint.level) {
                return None;
            }
        }
        let Check::Week(check) = constraint.check else {
            continue;
        };
        let mut total = Total(0);
        check(week, context, &mut total);
        score.add(constraint.level, total.0 * u64::from(constraint.weight));
        if score.up_to(constraint.level) > bound.up_to(constraint.level) {
            return None;
        }
    }
    Some(score)
}

/// Every constraint's weighted penalty, as `run` reports it for its check.
fn scored(run: impl Fn(Check, &mut Total)) -> Score {
    let mut score = Score::default();
    for constraint in CONSTRAINTS {
        let mut total = Total(0);
        run(constraint.check, &mut total);
        score.add(constraint.level, total.0 * u64::from(constraint.weight));
    }
    score
}

/// Every constraint's weighted penalty on `week`, by name (for reports and debugging).
pub fn breakdown(week: &WeekView, context: &Context) -> Vec<(&'static str, Level, u64)> {
    CONSTRAINTS
        .iter()
        .map(|c| (c.name, c.level, penalty(c, week, context)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate_program;
    use crate::model::profile::Profile;

    #[test]
    fn constraints_are_declared_hard_first_then_medium_then_soft() {
        // `week_score_within` relies on it to know when a level's sum is final.
        assert!(CONSTRAINTS.windows(2).all(|w| w[0].level <= w[1].level));
    }

    #[test]
    fn just_below_is_the_largest_smaller_score() {
        let at = |hard, medium, soft| Score { hard, medium, soft };
        let max = u64::MAX;
        assert_eq!(at(2, 3, 4).just_below(), Some(at(2, 3, 3)));
        assert_eq!(at(2, 3, 0).just_below(), Some(at(2, 2, max)));
        assert_eq!(at(2, 0, 0).just_below(), Some(at(1, max, max)));
        assert_eq!(at(0, 0, 0).just_below(), None);
    }

    #[test]
    fn a_bounded_score_is_the_score_within_its_bound_and_none_beyond() {
        let profile = Profile::from_value(&serde_json::json!({
            "goal": "hypertrophy", "experience": "intermediate", "daysPerWeek": 4,
            "sessionMinutes": 60, "weeks": 8, "equipment": ["barbell", "rack", "bench", "dumbbells"],
        }))
        .expect("valid profile");
        let program = generate_program(&profile).expect("generates");
        let context = Context::new(&profile);
        let mut week = WeekView::of_week(&program.weeks[0], profile.goal);
        // Far too many sets of the first exercise break hard constraints.
        week.add_sets(0, 0, 30);
        let full = score(&week, &context);
        assert!(full.hard > 0 && full.soft > 0, "{full:?}");
        let days =
            (0..week.days.len()).fold(Score::default(), |s, d| s + day_score(&week, d, &context));
        let at = |hard, medium, soft| Score { hard, medium, soft };
        let (h, m, s) = (full.hard, full.medium, full.soft);
        for d in 0..week.days.len() {
            let levels = [Level::Hard, Level::Medium, Level::Soft];
            let by_level = levels.map(|level| day_penalty(&week, d, &context, level));
            let whole = day_score(&week, d, &context);
            assert_eq!(by_level, [whole.hard, whole.medium, whole.soft]);
        }
        let within = |bound| week_score_within(&week, &context, |level| days.at(level), bound);
        for bound in [full, at(h, m, s + 1), at(h, m + 1, 0), at(h + 1, 0, 0)] {
            assert_eq!(within(bound), Some(full));
        }
        let mut below = vec![at(h - 1, u64::MAX, u64::MAX), at(h, m, s - 1)];
        if m > 0 {
            below.push(at(h, m - 1, u64::MAX));
        }
        for bound in below {
            assert_eq!(within(bound), None, "{bound:?}");
        }
    }
}
