//! The generator: runs the pure stages in order.
//!
//! [`generate`] is one straight line, analyse (`rules::landmarks`) → plan
//! (`plan`) → select (`select`, the construction heuristic) → allocate
//! (`search`, the local search over exercises and sets, scored by
//! `constraints`) → prescribe (`prescribe`) → progress (`progress`), that
//! awaits a progress callback between stages, so the async pipeline can
//! report progress while the stages know nothing of I/O. Each stage is a
//! pure function of the earlier stages' output; this module only wires them
//! together, words the warnings (each one proven by `constraints::binding`),
//! and [`checked`] validates the result with the same code `validateProgram`
//! exports. [`generate_program`] does both for synchronous callers.

pub mod allocate;
pub mod deload;
pub mod guidance;
pub mod plan;
pub mod prescribe;
pub mod progress;
pub mod rng;
pub mod search;
pub mod select;
pub mod substitutes;

use crate::constraints::{binding, truly_capped, Context, Score, WeekView};
use crate::generate::rng::Rng;
use crate::library::{self, EXERCISES};
use crate::model::anatomy::{Pattern, VolumeGroup};
use crate::model::error::{Error, Issue};
use crate::model::profile::{Goal, Profile};
use crate::model::program::{GeneratorInfo, Program, Split, Warning, Week, SCHEMA_VERSION};
use crate::rules::landmarks;
use crate::rules::{self, WarningCode};
use crate::validate::{self, Rule};
use plan::Plan;
use prescribe::RestMode;
use progress::{Slot, Template};
use search::Problem;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::pin;
use std::task::{Context as TaskContext, Poll, Waker};

/// A step of the whole pipeline, reported to the caller as progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    LoadProfile,
    ValidateProfile,
    Analyze,
    Plan,
    Select,
    Allocate,
    Prescribe,
    Progress,
    ValidateProgram,
    Save,
}

impl Stage {
    /// Percent of the pipeline done once this stage has finished.
    pub fn percent(self) -> u8 {
        match self {
            Stage::LoadProfile => 5,
            Stage::ValidateProfile => 10,
            Stage::Analyze => 20,
            Stage::Plan => 30,
            Stage::Select => 45,
            Stage::Allocate => 60,
            Stage::Prescribe => 70,
            Stage::Progress => 80,
            Stage::ValidateProgram => 90,
            Stage::Save => 100,
        }
    }
}

/// Fewest eligible exercises a program can be built from.
const MIN_POOL: usize = 3;

/// Run the generation stages in order for an already validated profile,
/// awaiting `report` after each one; the program still needs [`checked`].
pub async fn generate(
    profile: &Profile,
    mut report: impl AsyncFnMut(Stage) -> Result<(), Error>,
) -> Result<Program, Error> {
    let mut rng = Rng::new(profile.effective_seed());
    let analysis = landmarks::analyze(profile);
    report(Stage::Analyze).await?;

    let context = Context::new(profile);
    let plan = plan::plan(profile, &analysis, &context.pool);
    report(Stage::Plan).await?;

    if context.pool.len() < MIN_POOL {
        return Err(infeasible(profile, context.pool.len()));
    }
    let start = select::construct(profile, &analysis, &plan, &context, &mut rng);
    report(Stage::Select).await?;

    let (week, mode) = allocate(profile, &plan, &context, start, &mut rng);
    report(Stage::Allocate).await?;

    let template = template(profile, &plan, &context, &week, mode);
    report(Stage::Prescribe).await?;

    let weeks = progress::build_weeks(profile, &plan, &template);
    report(Stage::Progress).await?;

    let mut warnings = warnings(profile, &context, &weeks);
    warnings.extend(prescribe::profile_warnings(profile));
    Ok(Program {
        schema_version: SCHEMA_VERSION,
        generator: GeneratorInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            library_version: library::LIBRARY_VERSION.to_string(),
        },
        seed: profile.effective_seed(),
        name: name(profile, plan.split),
        split: plan.split,
        periodization: plan.periodization,
        volume_landmarks: VolumeGroup::ALL
            .iter()
            .map(|&g| (g, analysis.landmarks[g as usize]))
            .collect(),
        weak_points: analysis.weak_points,
        warnings,
        weeks,
        glossary: guidance::glossary(profile.units),
        profile: profile.clone(),
    })
}

/// `program` if it keeps every rule `validateProgram` checks; otherwise an
/// internal error listing what it broke.
pub fn checked(program: Program) -> Result<Program, Error> {
    let violations = validate::validate_program(&program, &program.profile);
    if violations.is_empty() {
        return Ok(program);
    }
    let issues = violations
        .into_iter()
        .map(|v| Issue::new(v.path, format!("{}: {}", v.rule.as_str(), v.message)))
        .collect();
    Err(Error::internal(
        "generated program broke its own rules",
        issues,
    ))
}

/// Generate and check the whole program for a validated profile.
pub fn generate_program(profile: &Profile) -> Result<Program, Error> {
    // With a callback that returns at once, nothing in `generate` waits.
    let generation = ready(generate(profile, async |_| Ok(()))).ok_or_else(|| {
        Error::internal(
            "generation waited though nothing it awaits does",
            Vec::new(),
        )
    })?;
    checked(generation?)
}

/// The output of `future` if it finishes without waiting.
fn ready<F: Future>(future: F) -> Option<F::Output> {
    match pin!(future).poll(&mut TaskContext::from_waker(Waker::noop())) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

/// Search for the week from the constructed start with normal rests; when
/// a medium constraint other than the time floor is left unmet, search again
/// with the compact rests and keep the better week. Both searches draw from
/// the one seeded RNG.
fn allocate(
    profile: &Profile,
    plan: &Plan,
    context: &Context,
    start: search::Template,
    rng: &mut Rng,
) -> (search::Template, RestMode) {
    let mut problem = Problem::new(profile, plan, context, RestMode::Normal);
    let (week, score) = search::search(&mut problem, start, rng);
    // Compact rests only help when something other than unused time falls short.
    if score.hard == 0 && score.medium == problem.time_shortfall(&week) {
        return (week, RestMode::Normal);
    }
    let mut compact = Problem::new(profile, plan, context, RestMode::Compact);
    // It continues from the week found, with rests that leave more room.
    let (other, other_score) = search::search(&mut compact, week.clone(), rng);
    if better(other_score, score) {
        (other, RestMode::Compact)
    } else {
        (week, RestMode::Normal)
    }
}

/// Whether `a` is a better score than `b` on the levels that decide feasibility.
fn better(a: Score, b: Score) -> bool {
    (a.hard, a.medium) < (b.hard, b.medium)
}

/// The week's sessions as slots to prescribe, in session order with roles.
fn template(
    profile: &Profile,
    plan: &Plan,
    context: &Context,
    week: &search::Template,
    mode: RestMode,
) -> Template {
    let problem = Problem::new(profile, plan, context, mode);
    let sessions = week
        .iter()
        .map(|slots| {
            problem
                .ordered(slots)
                .into_iter()
                .map(|(slot, role)| Slot {
                    exercise: context.pool[slot.exercise],
                    sets: slot.sets,
                    role,
                })
                .collect()
        })
        .collect();
    Template {
        sessions,
        mode,
        balance: context.balance_applies,
    }
}

fn infeasible(profile: &Profile, eligible: usize) -> Error {
    let mut issues = vec![Issue::new(
        "equipment",
        format!("only {eligible} exercises fit this equipment; add equipment"),
    )];
    if !profile.injuries.is_empty() {
        issues.push(Issue::new(
            "injuries",
            "these injuries rule out most remaining exercises",
        ));
    }
    if !profile.excluded_exercises.is_empty() {
        issues.push(Issue::new(
            "excludedExercises",
            "exclusions remove most remaining exercises; exclude fewer",
        ));
    }
    Error::infeasible(
        format!("at least {MIN_POOL} exercises must fit the profile; {eligible} do"),
        issues,
    )
}

fn goal_name(goal: Goal) -> &'static str {
    match goal {
        Goal::Strength => "Strength",
        Goal::Hypertrophy => "Hypertrophy",
        Goal::GeneralFitness => "General fitness",
        Goal::MuscularEndurance => "Muscular endurance",
        Goal::FatLoss => "Fat loss",
    }
}

fn split_name(split: Split) -> &'static str {
    match split {
        Split::FullBody => "Full body",
        Split::UpperLower => "Upper/Lower",
        Split::UpperLowerPushPullLegs => "Upper/Lower + Push/Pull/Legs",
        Split::PushPullLegs => "Push/Pull/Legs",
    }
}

/// "Hypertrophy · Upper/Lower · 8 weeks".
fn name(profile: &Profile, split: Split) -> String {
    let weeks = if profile.weeks == 1 {
        "1 week".to_string()
    } else {
        format!("{} weeks", profile.weeks)
    };
    format!(
        "{} · {} · {}",
        goal_name(profile.goal),
        split_name(split),
        weeks
    )
}

/// Why no exercise of these patterns is eligible: equipment alone, or
/// injuries and exclusions on top.
fn unavailable_because(profile: &Profile, patterns: &[Pattern]) -> Rule {
    let equipped = EXERCISES.iter().any(|e| {
        patterns.contains(&e.pattern)
            && e.level_min <= profile.experience
            && e.equipment.iter().all(|x| profile.equipment.contains(x))
    });
    if equipped {
        Rule::InjuriesAndExclusions
    } else {
        Rule::Equipment
    }
}

/// What the trainee should know about how the program was constrained:
/// each warning names the constraint that binds, as `constraints::binding`
/// proves it from the program and the library.
fn warnings(profile: &Profile, context: &Context, weeks: &[Week]) -> Vec<Warning> {
    let mut out = Vec::new();
    for family in &rules::PATTERN_FAMILIES {
        if context.family_available(family) {
            continue;
        }
        out.push(Warning {
            code: WarningCode::PatternUnavailable.as_str().to_string(),
            message: format!(
                "No {} exercise fits your equipment, injuries and exclusions, so the program goes without one.",
                family.name
            ),
            pattern: family.patterns.first().copied(),
            group: None,
            binding: Some(unavailable_because(profile, family.patterns)),
        });
    }
    for group in VolumeGroup::MAJOR {
        if context.trainable[group as usize] {
            continue;
        }
        let patterns = rules::group_patterns(group);
        out.push(Warning {
            code: WarningCode::PatternUnavailable.as_str().to_string(),
            message: format!(
                "No exercise that trains {} directly fits your equipment, injuries and exclusions; it gets only indirect work.",
                group.name()
            ),
            pattern: patterns.first().copied(),
            group: Some(group),
            binding: Some(unavailable_because(profile, patterns)),
        });
    }
    let views = WeekView::of_weeks(weeks, profile.goal);
    let training: Vec<WeekView> = views.iter().filter(|w| !w.deload).cloned().collect();
    for group in VolumeGroup::ALL {
        let g = group as usize;
        let floor = context.floor_halves[g].max(context.minor_halves[g]);
        let Some(done) = training.iter().map(|w| w.weekly[g]).min() else {
            continue;
        };
        if !context.trainable[g] || done >= floor {
            continue;
        }
        let Some(rules_binding) = binding::group_binding(&training, context, group) else {
            continue;
        };
        let by_time = rules_binding.contains(&Rule::Duration);
        let first = rules_binding.first().copied().unwrap_or(Rule::WeeklyVolume);
        let rule = if by_time { Rule::Duration } else { first };
        let (code, why) = if by_time {
            (
                WarningCode::VolumeLimitedByTime,
                format!(
                    "{} × {} minutes leave no room for more",
                    profile.days_per_week, profile.session_minutes
                ),
            )
        } else {
            (
                WarningCode::VolumeLimitedByCap,
                format!("one more set would break the {} rule", rule.as_str()),
            )
        };
        out.push(Warning {
            code: code.as_str().to_string(),
            message: format!(
                "Weekly {} volume stays at {} sets, under its floor of {}: {why}.",
                group.name(),
                f64::from(done) / 2.0,
                f64::from(floor) / 2.0,
            ),
            pattern: None,
            group: Some(group),
            binding: Some(rule),
        });
    }
    let floor = u64::from(context.budget_seconds) * u64::from(rules::MIN_SESSION_PERCENT);
    let short_days: Vec<usize> = views
        .iter()
        .filter(|w| w.accumulation)
        .flat_map(|w| {
            w.days
                .iter()
                .enumerate()
                .filter(|(_, d)| u64::from(d.seconds.0) * 100 < floor)
                .map(|(d, _)| d)
                .collect::<Vec<_>>()
        })
        .collect();
    let capped = views
        .iter()
        .any(|w| w.accumulation && truly_capped(w, context));
    let proven = if capped && !short_days.is_empty() {
        Some(vec![Rule::WeeklyVolume])
    } else {
        short_days
            .iter()
            .find_map(|&d| binding::short_session_binding(&training, context, d))
    };
    if let Some(rule) = proven.map(|r| r.first().copied().unwrap_or(Rule::WeeklyVolume)) {
        out.push(Warning {
            code: WarningCode::SessionShortenedByVolumeCap
                .as_str()
                .to_string(),
            message: format!(
                "Some sessions end before {}% of your time: one more set would break the {} rule.",
                rules::MIN_SESSION_PERCENT,
                rule.as_str()
            ),
            pattern: None,
            group: None,
            binding: Some(rule),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(json: &str) -> Profile {
        Profile::from_json(json).expect("valid profile")
    }

    #[test]
    fn fixtures_generate_valid_programs() {
        for json in [
            include_str!("../../tests/fixtures/profile-small.json"),
            include_str!("../../tests/fixtures/profile-typical.json"),
            include_str!("../../tests/fixtures/profile-largest.json"),
        ] {
            let p = profile(json);
            if let Err(e) = generate_program(&p) {
                panic!("{e}: {:?}", e.issues);
            }
        }
    }

    #[test]
    fn name_reads_goal_split_and_weeks() {
        let p = profile(include_str!("../../tests/fixtures/profile-typical.json"));
        let program = generate_program(&p).expect("generates");
        assert_eq!(program.name, "Hypertrophy · Upper/Lower · 8 weeks");
        assert_eq!(program.volume_landmarks.len(), VolumeGroup::ALL.len());
    }

    #[test]
    fn same_profile_gives_identical_json() {
        let p = profile(include_str!("../../tests/fixtures/profile-largest.json"));
        let a = serde_json::to_string(&generate_program(&p).expect("generates"));
        let b = serde_json::to_string(&generate_program(&p).expect("generates"));
        assert_eq!(a.ok(), b.ok());
    }

    #[test]
    fn fewer_than_three_exercises_is_infeasible() {
        let ids: Vec<&str> = library::EXERCISES
            .iter()
            .filter(|e| e.equipment.is_empty())
            .map(|e| e.id)
            .skip(2)
            .collect();
        let json = serde_json::json!({
            "goal": "strength", "experience": "advanced", "daysPerWeek": 3,
            "sessionMinutes": 60, "weeks": 4, "equipment": [], "excludedExercises": ids,
        });
        let p = Profile::from_value(&json).expect("valid profile");
        let error = generate_program(&p).expect_err("infeasible");
        assert_eq!(error.code, crate::model::error::ErrorCode::Infeasible);
    }

    #[test]
    fn knee_injury_keeps_knee_friendly_quad_work() {
        let json = serde_json::json!({
            "goal": "hypertrophy", "experience": "intermediate", "daysPerWeek": 3,
            "sessionMinutes": 60, "weeks": 4, "equipment": ["dumbbells", "box"],
            "injuries": ["knee"],
        });
        let p = Profile::from_value(&json).expect("valid profile");
        let program = generate_program(&p).expect("generates");
        assert!(!program.warnings.iter().any(|w| {
            w.code == "pattern_unavailable"
                && matches!(w.pattern, Some(Pattern::Squat | Pattern::Lunge))
        }));
        let exercises: Vec<_> = program
            .weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .flat_map(|s| &s.exercises)
            .collect();
        assert!(exercises
            .iter()
            .any(|e| matches!(e.pattern, Pattern::Squat | Pattern::Lunge)));
        assert!(exercises.iter().all(|e| {
            !crate::library::find(&e.exercise_id)
                .expect("in the library")
                .contraindications
                .contains(&crate::model::profile::Injury::Knee)
        }));
    }

    #[test]
    fn short_weeks_warn_that_time_limits_volume() {
        let json = serde_json::json!({
            "goal": "hypertrophy", "experience": "advanced", "daysPerWeek": 1,
            "sessionMinutes": 20, "weeks": 2, "equipment": ["dumbbells", "bench"],
        });
        let p = Profile::from_value(&json).expect("valid profile");
        let program = generate_program(&p).expect("generates");
        assert!(program
            .warnings
            .iter()
            .any(|w| w.code == "volume_limited_by_time" && w.group.is_some()));
    }

    #[test]
    fn strength_sessions_lead_with_a_heavy_loaded_compound() {
        let p = profile(include_str!("../../tests/fixtures/profile-largest.json"));
        let program = generate_program(&p).expect("generates");
        for session in program
            .weeks
            .iter()
            .filter(|w| !w.deload)
            .flat_map(|w| &w.sessions)
        {
            let lead = &session.exercises[0];
            assert_eq!(lead.mechanic, crate::model::anatomy::Mechanic::Compound);
            assert!(
                lead.reps_max <= rules::HEAVY_REPS_MAX,
                "{}",
                lead.exercise_id
            );
        }
        let loaded: Vec<_> = program
            .weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .flat_map(|s| &s.exercises)
            .filter_map(|e| e.load)
            .collect();
        assert!(!loaded.is_empty());
        assert!(loaded.iter().all(|l| (l.value / 2.5).fract() == 0.0));
    }

    #[test]
    fn long_programs_deload_with_about_half_the_sets() {
        let p = profile(include_str!("../../tests/fixtures/profile-typical.json"));
        let program = generate_program(&p).expect("generates");
        let total = |w: &Week| -> u32 {
            w.sessions
                .iter()
                .flat_map(|s| &s.exercises)
                .map(|e| u32::from(e.sets))
                .sum()
        };
        let mut deloads = 0;
        for pair in program.weeks.windows(2) {
            if pair[1].deload {
                deloads += 1;
                let (before, after) = (total(&pair[0]), total(&pair[1]));
                assert!(after * 100 >= 40 * before && after * 100 <= 70 * before);
            }
        }
        assert!(deloads >= 1);
    }

    #[test]
    fn reports_each_stage_once_in_order() {
        let p = profile(include_str!("../../tests/fixtures/profile-small.json"));
        let mut seen = Vec::new();
        let program = ready(generate(&p, async |stage| {
            seen.push(stage);
            Ok(())
        }))
        .expect("nothing here waits")
        .expect("generates");
        assert!(checked(program).is_ok());
        assert_eq!(
            seen,
            [
                Stage::Analyze,
                Stage::Plan,
                Stage::Select,
                Stage::Allocate,
                Stage::Prescribe,
                Stage::Progress,
            ]
        );
    }

    #[test]
    fn a_failing_callback_stops_generation_with_its_error() {
        let p = profile(include_str!("../../tests/fixtures/profile-small.json"));
        let mut seen = Vec::new();
        let outcome = ready(generate(&p, async |stage| {
            seen.push(stage);
            match stage {
                Stage::Select => Err(Error::dependency_failed("sink full")),
                _ => Ok(()),
            }
        }))
        .expect("nothing here waits");
        assert_eq!(outcome.unwrap_err().message, "sink full");
        assert_eq!(seen, [Stage::Analyze, Stage::Plan, Stage::Select]);
    }
}
