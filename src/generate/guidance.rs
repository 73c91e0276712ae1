//! What the trainee reads: each exercise's progression rule (machine-readable
//! and in words), its coaching note, and the program's glossary.
//!
//! The numbers come from `rules::loading` and `rules::progression`; this
//! module only chooses the rule that fits the exercise and words it in the
//! trainee's units. Bodyweight and band work never gets a load step in
//! kilograms or pounds; unilateral work always says "per side".

use crate::generate::prescribe::{Motion, Role, Scheme};
use crate::library::{self, eligibility, Exercise};
use crate::model::profile::{Equipment, Profile, Units};
use crate::model::program::{
    Amrap, Cadence, FailureAction, FailureReset, GlossaryEntry, Increment, IncrementUnit, Load,
    OnFailure, OnSuccess, Progression, ProgressionKind,
};
use crate::rules::loading;
use crate::rules::progression as progression_rules;

/// Everything the progression rule depends on.
pub struct Context<'a> {
    pub profile: &'a Profile,
    pub exercise: &'static Exercise,
    pub role: Role,
    pub scheme: &'a Scheme,
    /// This week's training max, when the load comes from one.
    pub training_max: Option<f64>,
    /// Whether this week's load was set (it is not below the empty bar).
    pub loaded: bool,
    pub deload: bool,
}

/// The progression rule of an exercise in one week.
pub fn progression(context: &Context) -> Progression {
    let Context {
        profile, exercise, ..
    } = *context;
    let units = profile.units;
    let per_side = if exercise.unilateral { " per side" } else { "" };
    let unit_name = unit_name(units);
    match (context.training_max, context.loaded) {
        (Some(tm), true) => with_training_max(context, tm),
        _ if !loading::externally_loaded(exercise.equipment) => {
            ladder(profile, exercise, context.scheme)
        }
        _ => {
            let step = loading::plate_step(units);
            let what = if exercise
                .equipment
                .iter()
                .any(|e| matches!(e, Equipment::Dumbbells | Equipment::Kettlebell))
            {
                "move up to the next weight (about"
            } else {
                "add the smallest step (about"
            };
            Progression {
                kind: ProgressionKind::Double,
                description: format!(
                    "Keep the weight until every set reaches {} reps{per_side} at the target RIR, then {what} {} {unit_name}) and start again at {} reps. Miss the bottom of the range three sessions running: take {}% off.",
                    context.scheme.reps_max + context.scheme.rep_weeks,
                    number(step),
                    context.scheme.reps_min,
                    loading::RESET_PERCENT
                ),
                increment: Increment {
                    value: step,
                    unit: increment_unit(units),
                },
                every: Cadence::Session,
                training_max: None,
                on_success: OnSuccess::AddRepsThenLoad,
                on_failure: OnFailure {
                    action: FailureAction::Repeat,
                    after_failures: loading::FAILURES_BEFORE_RESET,
                    then: FailureReset::ReduceLoad,
                    reduce_percent: Some(loading::RESET_PERCENT),
                },
                amrap: None,
                next_variation: None,
            }
        }
    }
}

fn with_training_max(context: &Context, tm: f64) -> Progression {
    let Context {
        profile,
        exercise,
        role,
        scheme,
        deload,
        ..
    } = *context;
    let units = profile.units;
    let unit_name = unit_name(units);
    let lift = exercise.one_rep_max_lift;
    let max = scheme.one_rep_max.unwrap_or(tm);
    let inc = lift.map_or(loading::plate_step(units), |lift| {
        loading::increment(lift, profile.experience, units, max)
    });
    let amrap =
        (role == Role::Main && !deload && progression_rules::amrap_allowed(profile)).then(|| {
            Amrap {
                stop_rir: scheme.rir_floor.max(1),
                raise_at_reps: scheme.reps_max + scheme.rep_weeks + loading::AMRAP_EXTRA_REPS,
                lower_below_reps: scheme.reps_min,
            }
        });
    let amrap_words = amrap.map_or(String::new(), |a| {
        format!(
            " Last set: as many reps as you can, stopping {} short of failure; {} or more reps adds a second {} {unit_name} to the training max, fewer than {} takes {}% off it.",
            a.stop_rir,
            a.raise_at_reps,
            number(inc),
            a.lower_below_reps,
            loading::RESET_PERCENT
        )
    });
    let (kind, every, on_success, then, words) = match scheme.motion {
        Motion::Linear => (
            ProgressionKind::Linear,
            Cadence::Week,
            OnSuccess::AddLoad,
            FailureReset::ReduceLoad,
            format!(
                "Same sets and reps every week; when every set is done at the target RIR, add {} {unit_name} next week. Miss reps: repeat the weight; after {} misses in a row take {}% off and build back up.",
                number(inc),
                loading::FAILURES_BEFORE_RESET,
                loading::RESET_PERCENT
            ),
        ),
        _ => {
            let kind = match progression_rules::style(
                profile.experience,
                crate::generate::plan::periodization(profile.goal, profile.experience),
            ) {
                progression_rules::ProgressionStyle::Wave => ProgressionKind::Wave,
                _ => ProgressionKind::Double,
            };
            (
                kind,
                Cadence::Block,
                OnSuccess::RaiseTrainingMax,
                FailureReset::LowerTrainingMax,
                format!(
                    "Loads come from a training max of {} {unit_name}. Keep the weight through the block while the reps climb each week; after the deload the training max rises by {} {unit_name} if every set was completed. Miss reps: repeat the week; after {} misses in a row lower the training max by {}%.",
                    number(tm),
                    number(inc),
                    loading::FAILURES_BEFORE_RESET,
                    loading::RESET_PERCENT
                ),
            )
        }
    };
    Progression {
        kind,
        description: format!("{words}{amrap_words}"),
        increment: Increment {
            value: inc,
            unit: increment_unit(units),
        },
        every,
        training_max: Some(Load {
            value: tm,
            unit: units,
        }),
        on_success,
        on_failure: OnFailure {
            action: FailureAction::Repeat,
            after_failures: loading::FAILURES_BEFORE_RESET,
            then,
            reduce_percent: Some(loading::RESET_PERCENT),
        },
        amrap,
        next_variation: None,
    }
}

/// Bodyweight and band work: reps, then the harder variation, then load.
fn ladder(profile: &Profile, exercise: &Exercise, scheme: &Scheme) -> Progression {
    let per_side = if exercise.unilateral { " per side" } else { "" };
    let top = scheme.reps_max + scheme.rep_weeks;
    let harder = exercise
        .harder
        .and_then(library::find)
        .filter(|e| eligibility::is_eligible(profile, e));
    let easier = exercise
        .easier
        .and_then(library::find)
        .filter(|e| eligibility::is_eligible(profile, e));
    let next = match harder {
        Some(h) => format!(
            "move on to {} and start again at the bottom of its range",
            h.name
        ),
        None if exercise.equipment.contains(&Equipment::Bands) => "use a stronger band".to_string(),
        None => "add load with a backpack or a dip belt, or slow the lowering to three seconds"
            .to_string(),
    };
    let back = match easier {
        Some(e) => format!("switch to {} for a while", e.name),
        None => "drop back to the bottom of the rep range".to_string(),
    };
    Progression {
        kind: ProgressionKind::Ladder,
        description: format!(
            "Add a rep{per_side} to each set every week while the target RIR holds; once every set reaches {top} reps{per_side}, {next}. Miss the bottom of the range three sessions running: {back}."
        ),
        increment: Increment {
            value: 1.0,
            unit: IncrementUnit::Reps,
        },
        every: Cadence::Week,
        training_max: None,
        on_success: OnSuccess::AddRepsThenHarderVariation,
        on_failure: OnFailure {
            action: FailureAction::Repeat,
            after_failures: loading::FAILURES_BEFORE_RESET,
            then: if easier.is_some() {
                FailureReset::EasierVariation
            } else {
                FailureReset::ReduceReps
            },
            reduce_percent: None,
        },
        amrap: None,
        next_variation: harder.map(|h| h.id.to_string()),
    }
}

/// A short coaching note for the exercise in this week.
pub fn note(exercise: &Exercise, role: Role, loaded: bool, deload: bool) -> String {
    let text = if deload {
        "Deload week: fewer sets and a lighter load; finish every set with reps to spare."
    } else {
        match (role, loaded) {
            (Role::Main, true) => {
                "Main lift: warm up with the ramp, then keep every working set at the same load."
            }
            (Role::Main, false) => "Main lift: warm up with the ramp, then work at a weight you can hold for every set.",
            (Role::Isolation, _) => "Controlled tempo and full range; stop at the target RIR.",
            (Role::Compound, _) => "Full range with a steady tempo; stop at the target RIR.",
        }
    };
    if exercise.unilateral {
        format!("{text} Reps are per side.")
    } else {
        text.to_string()
    }
}

/// The glossary: RIR and the load notation, explained once.
pub fn glossary(units: Units) -> Vec<GlossaryEntry> {
    let (unit, load, step) = match units {
        Units::Kg => ("kg", "60 kg", "2.5 kg"),
        Units::Lb => ("lb", "135 lb", "5 lb"),
    };
    let entry = |term: &str, meaning: String| GlossaryEntry {
        term: term.to_string(),
        meaning,
    };
    vec![
        entry(
            "RIR",
            "Reps in reserve: how many more clean reps you could still do when you end a set. RIR 2 means stop with two reps left in the tank.".to_string(),
        ),
        entry(
            "3×5",
            "Sets × reps: three sets of five. A range such as 3×8–10 means three sets of 8 to 10 reps.".to_string(),
        ),
        entry(
            "@",
            format!("The load for every working set, e.g. 3×5 @ {load}; loads are in {unit}, rounded to {step} plates.")
        ),
        entry(
            "% 1RM",
            "The load as a percentage of your one-rep max, the most you can lift once.".to_string(),
        ),
        entry(
            "Training max",
            "A working estimate of your 1RM that loads are computed from. It starts at 90% of the 1RM you gave and rises as you complete your sets.".to_string(),
        ),
        entry(
            "AMRAP",
            "As many reps as possible on the last set, with good form; the result moves your training max.".to_string(),
        ),
        entry(
            "Warm-up",
            "Lighter sets before the working sets of the first loaded lift, as a percentage of its working load.".to_string(),
        ),
        entry(
            "Per side",
            "For one-sided exercises, do the reps with each arm or leg.".to_string(),
        ),
        entry(
            "Deload",
            "A lighter week with fewer sets that lets fatigue clear before the next block.".to_string(),
        ),
    ]
}

fn unit_name(units: Units) -> &'static str {
    match units {
        Units::Kg => "kg",
        Units::Lb => "lb",
    }
}

fn increment_unit(units: Units) -> IncrementUnit {
    match units {
        Units::Kg => IncrementUnit::Kg,
        Units::Lb => IncrementUnit::Lb,
    }
}

/// A load without a trailing `.0`: `2.5`, `5`, `142.5`.
fn number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}
