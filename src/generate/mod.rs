//! The generator: runs the pure stages in order.
//!
//! [`generate`] is one straight line, analyse (`rules::landmarks`) → plan
//! (`plan`) → select (`select`) → allocate (`allocate`) → prescribe
//! (`prescribe`) → progress (`progress`), that awaits a progress callback
//! between stages, so the async pipeline can report progress while the
//! stages know nothing of I/O. Each stage is a pure function of the earlier
//! stages' output; this module only wires them together, words the warnings,
//! and [`checked`] validates the result with the same code `validateProgram`
//! exports. [`generate_program`] does both for synchronous callers.

pub mod allocate;
pub mod guidance;
pub mod plan;
pub mod prescribe;
pub mod progress;
pub mod rng;
pub mod select;
pub mod substitutes;

use crate::generate::rng::Rng;
use crate::library::{self, Exercise};
use crate::model::anatomy::{Pattern, VolumeGroup};
use crate::model::error::{Error, Issue};
use crate::model::profile::{Goal, Profile};
use crate::model::program::{GeneratorInfo, Program, Split, Warning, Week, SCHEMA_VERSION};
use crate::rules::duration;
use crate::rules::landmarks::{self, Analysis};
use crate::rules::{self, WarningCode};
use crate::validate;
use allocate::{Allocation, SlotCost};
use plan::Plan;
use prescribe::RestMode;
use progress::{Slot, Template};
use select::Selection;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

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

    let pool = select::pool(profile);
    let plan = plan::plan(profile, &analysis, &pool);
    report(Stage::Plan).await?;

    if pool.len() < MIN_POOL {
        return Err(infeasible(profile, pool.len()));
    }
    let selection = select::select(profile, &analysis, &plan, &pool, 0, &mut rng);
    report(Stage::Select).await?;

    let (allocation, mode, selection) =
        allocate_with_restarts(profile, &analysis, &plan, &pool, selection, &mut rng);
    report(Stage::Allocate).await?;

    let template = template(profile, &pool, &selection, &allocation, mode);
    report(Stage::Prescribe).await?;

    let weeks = progress::build_weeks(profile, &plan, &template);
    report(Stage::Progress).await?;

    let mut warnings = warnings(profile, &pool, &allocation, &weeks);
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
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

/// Allocate the selection (see [`refine`]); if something still falls
/// short, restart from fresh selections drawn with derived seeds, with
/// one more exercise a session every other time, and keep the best
/// allocation with the selection it was made for.
fn allocate_with_restarts(
    profile: &Profile,
    analysis: &Analysis,
    plan: &Plan,
    pool: &[&'static Exercise],
    selection: Selection,
    rng: &mut Rng,
) -> (Allocation, RestMode, Selection) {
    let mut best = refine(profile, analysis, plan, pool, selection, rng);
    for restart in 1..=RESTARTS {
        if best.0.complete() {
            break;
        }
        let seed = profile.effective_seed() ^ (restart as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut rng = Rng::new(seed);
        let fresh = select::select(profile, analysis, plan, pool, restart % 2, &mut rng);
        let candidate = refine(profile, analysis, plan, pool, fresh, &mut rng);
        if candidate.0.shortfall() < best.0.shortfall() {
            best = candidate;
        }
    }
    best
}

/// The week's sessions as slots to prescribe: every exercise that got sets,
/// with its sets and its role in the session.
fn template(
    profile: &Profile,
    pool: &[&'static Exercise],
    selection: &Selection,
    allocation: &Allocation,
    mode: RestMode,
) -> Template {
    let sessions = selection
        .sessions
        .iter()
        .zip(&allocation.sets)
        .map(|(exercises, sets)| {
            exercises
                .iter()
                .enumerate()
                .zip(sets)
                .filter(|&(_, &sets)| sets > 0)
                .map(|((i, &exercise), &sets)| Slot {
                    exercise,
                    sets,
                    role: prescribe::role(profile, exercises, i),
                })
                .collect()
        })
        .collect();
    let has = |patterns: &[Pattern]| pool.iter().any(|e| patterns.contains(&e.pattern));
    Template {
        sessions,
        mode,
        balance: has(&rules::PUSH_PATTERNS) && has(&rules::PULL_PATTERNS),
    }
}

/// Weekly half sets per group of a selection with these sets.
fn weekly_halves(selection: &Selection, sets: &[Vec<u8>]) -> [u32; landmarks::GROUPS] {
    let mut weekly = [0u32; landmarks::GROUPS];
    for (exercises, sets) in selection.sessions.iter().zip(sets) {
        for (exercise, &n) in exercises.iter().zip(sets) {
            for (g, &h) in exercise.half_sets().iter().enumerate() {
                weekly[g] += u32::from(h) * u32::from(n);
            }
        }
    }
    weekly
}

/// Allocate with normal rests; if a floor or the week's minimum is missed,
/// retry with compact rests, then with the 5% time tolerance; if a binding
/// floor is still missed, reinforce the selection and repeat. The best
/// allocation wins, with the selection it was made for.
fn refine(
    profile: &Profile,
    analysis: &Analysis,
    plan: &Plan,
    pool: &[&'static Exercise],
    mut selection: Selection,
    rng: &mut Rng,
) -> (Allocation, RestMode, Selection) {
    let floors_binding = u32::from(profile.days_per_week) * u32::from(profile.session_minutes)
        >= rules::floors_binding_minutes(profile.experience);
    let (allocation, mode) = allocate_best(profile, analysis, plan, &selection, pool);
    let mut best = (allocation, mode, selection.clone());
    for _ in 0..REINFORCEMENTS {
        if best.0.complete() || !floors_binding {
            break;
        }
        let (allocation, _, _) = &best;
        let short = allocation.short_groups.clone();
        let allocation_sets = allocation.sets.clone();
        // A day whose primary sets of the group already reach its cap
        // cannot help the group.
        let saturated = |d: usize, group: VolumeGroup| {
            let g = group as usize;
            let cap = plan
                .days
                .get(d)
                .map_or(0, |day| u32::from(day.primary_cap[g]));
            let used: u32 = selection.sessions[d]
                .iter()
                .zip(&allocation_sets[d])
                .filter(|(e, _)| e.primary_groups()[g])
                .map(|(_, &n)| u32::from(n))
                .sum();
            used >= cap
        };
        // Taking an exercise out must leave every met floor met.
        let weekly = weekly_halves(&selection, &allocation_sets);
        let floors = analysis.floors.map(|f| 2 * u32::from(f));
        let removable = |d: usize, i: usize| {
            let (Some(exercise), Some(&sets)) = (
                selection.sessions.get(d).and_then(|s| s.get(i)),
                allocation_sets.get(d).and_then(|s| s.get(i)),
            ) else {
                return false;
            };
            let halves = exercise.half_sets();
            (0..landmarks::GROUPS).all(|g| {
                let lost = u32::from(halves[g]) * u32::from(sets);
                weekly[g] < floors[g] || weekly[g] - lost.min(weekly[g]) >= floors[g]
            })
        };
        let mut next = selection.clone();
        let shortfall = select::Shortfall {
            short: &short,
            saturated: &saturated,
            removable: &removable,
        };
        if !select::reinforce(profile, plan, pool, &mut next, &shortfall, rng) {
            break;
        }
        selection = next;
        let (allocation, mode) = allocate_best(profile, analysis, plan, &selection, pool);
        if allocation.shortfall() < best.0.shortfall() {
            best = (allocation, mode, selection.clone());
        }
    }
    best
}

/// Fresh selections tried when the first falls short.
const RESTARTS: usize = 6;

/// Rounds of reinforcing the selection for missed floors.
const REINFORCEMENTS: usize = 6;

/// The best allocation over the rest modes and time tolerances.
fn allocate_best(
    profile: &Profile,
    analysis: &Analysis,
    plan: &Plan,
    selection: &Selection,
    pool: &[&'static Exercise],
) -> (Allocation, RestMode) {
    let budget = u32::from(profile.session_minutes) * 60;
    let has = |patterns: &[Pattern]| pool.iter().any(|e| patterns.contains(&e.pattern));
    let run = |mode: RestMode, percent: u32| {
        let costs = slot_costs(profile, plan, selection, mode);
        let request = allocate::Request {
            analysis,
            plan,
            sessions: &selection.sessions,
            costs: &costs,
            budget_seconds: budget * percent / 100,
            frequency: profile.days_per_week >= rules::FREQUENCY_APPLIES_DAYS
                && profile.session_minutes >= rules::FREQUENCY_APPLIES_MINUTES,
            balance: has(&rules::PUSH_PATTERNS) && has(&rules::PULL_PATTERNS),
            min_exercises: select::min_exercises(profile, pool.len()),
            floors_binding: u32::from(profile.days_per_week) * u32::from(profile.session_minutes)
                >= rules::floors_binding_minutes(profile.experience),
            keep_lead: profile.goal == Goal::Strength,
            excusable: VolumeGroup::ALL.map(|group| {
                rules::group_patterns(group)
                    .iter()
                    .any(|&p| !pool.iter().any(|e| e.pattern == p))
            }),
        };
        (allocate::allocate(&request), mode)
    };
    let mut best = run(RestMode::Normal, 100);
    for (mode, percent) in [
        (RestMode::Compact, 100),
        (RestMode::Compact, rules::MAX_SESSION_PERCENT),
    ] {
        if best.0.complete() {
            break;
        }
        let next = run(mode, percent);
        if next.0.shortfall() < best.0.shortfall() {
            best = next;
        }
    }
    best
}

/// Worst-case set time of every selected exercise over all the program's blocks.
fn slot_costs(
    profile: &Profile,
    plan: &Plan,
    selection: &Selection,
    mode: RestMode,
) -> Vec<Vec<SlotCost>> {
    let mut blocks: Vec<(crate::model::program::Phase, u8)> = Vec::new();
    for week in plan.weeks.iter().filter(|w| !w.deload) {
        if !blocks.contains(&(week.phase, week.block_len)) {
            blocks.push((week.phase, week.block_len));
        }
    }
    plan.days
        .iter()
        .zip(&selection.sessions)
        .map(|(day, exercises)| {
            (0..exercises.len())
                .map(|i| {
                    let exercise = exercises[i];
                    let role = prescribe::role(profile, exercises, i);
                    let mut cost = SlotCost {
                        set_seconds: 0,
                        rest_seconds: u32::MAX,
                    };
                    for &(phase, len) in &blocks {
                        let scheme =
                            prescribe::scheme(profile, exercise, role, day.kind, phase, len, mode);
                        cost.set_seconds = cost
                            .set_seconds
                            .max(scheme.max_set_seconds(len, exercise.unilateral));
                        cost.rest_seconds = cost.rest_seconds.min(u32::from(scheme.rest_seconds));
                    }
                    if cost.rest_seconds == u32::MAX {
                        cost.rest_seconds = 0;
                    }
                    cost
                })
                .collect()
        })
        .collect()
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

/// What the trainee should know about how the program was constrained.
fn warnings(
    profile: &Profile,
    pool: &[&'static Exercise],
    allocation: &Allocation,
    weeks: &[Week],
) -> Vec<Warning> {
    let mut out = Vec::new();
    for family in &rules::PATTERN_FAMILIES {
        let available = pool.iter().any(|e| family.patterns.contains(&e.pattern));
        if available {
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
        });
    }
    let weekly_minutes = u32::from(profile.days_per_week) * u32::from(profile.session_minutes);
    let floors_bind = weekly_minutes >= rules::floors_binding_minutes(profile.experience);
    for &group in &allocation.short_groups {
        let floor = rules::weekly_floor(profile.goal, profile.experience, group);
        let trainable = pool.iter().any(|e| e.is_primary_for(group));
        // One of the group's patterns that equipment, injuries or exclusions rule out.
        let missing = rules::group_patterns(group)
            .iter()
            .copied()
            .find(|&p| !pool.iter().any(|e| e.pattern == p));
        if !trainable || (floors_bind && missing.is_some()) {
            out.push(Warning {
                code: WarningCode::PatternUnavailable.as_str().to_string(),
                message: format!(
                    "Your equipment, injuries and exclusions rule out some {} exercises, so they get fewer than {} weekly sets.",
                    group.name(),
                    floor
                ),
                pattern: missing,
                group: Some(group),
            });
            continue;
        }
        out.push(Warning {
            code: WarningCode::VolumeLimitedByTime.as_str().to_string(),
            message: format!(
                "Weekly {} volume stays under its floor of {} sets: {} × {} minutes leave no room for more.",
                group.name(),
                floor,
                profile.days_per_week,
                profile.session_minutes
            ),
            pattern: None,
            group: Some(group),
        });
    }
    let minimum = u32::from(profile.session_minutes) * 60 * rules::MIN_SESSION_PERCENT;
    let short = weeks
        .iter()
        .filter(|w| !w.deload)
        .flat_map(|w| &w.sessions)
        .any(|s| duration::session_seconds(&s.exercises) * 100 < minimum);
    if short {
        out.push(Warning {
            code: WarningCode::SessionShortenedByVolumeCap.as_str().to_string(),
            message: "Some sessions end early: more sets would push a muscle group past the weekly volume it can recover from.".to_string(),
            pattern: None,
            group: None,
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
