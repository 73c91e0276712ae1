//! Rules 1–4: the program's shape, what the trainee may be given, and time.

use super::{exercise_path, session_path, Findings, Input, Located};
use crate::library::Exercise;
use crate::model::profile::{Profile, Units};
use crate::model::program::PrescribedExercise;
use crate::rules;
use crate::rules::duration;
use std::collections::BTreeSet;

/// Rule 1: weeks, sessions, days, exercise counts, field ranges and tags.
pub(super) fn shape(input: &Input, findings: &mut Findings) {
    let (program, profile) = (input.program, input.profile);
    if program.weeks.len() != usize::from(profile.weeks) {
        findings.report(
            "weeks",
            format!(
                "expected {} weeks, found {}",
                profile.weeks,
                program.weeks.len()
            ),
        );
    }
    // Four distinct exercises need four eligible ones (rule 19 allows three).
    let eligible = crate::library::eligibility::eligible_exercises(profile).count();
    for (w, week) in program.weeks.iter().enumerate() {
        if usize::from(week.number) != w + 1 {
            findings.report(
                format!("weeks[{w}].number"),
                format!("week {} is numbered {}", w + 1, week.number),
            );
        }
        session_days(input, w, findings);
        for (s, session) in week.sessions.iter().enumerate() {
            let count = session.exercises.len();
            let path = || format!("{}.exercises", session_path(w, s));
            if !rules::EXERCISES_PER_SESSION.contains(&count) {
                findings.report(path(), format!("{count} exercises; expected 3 to 9"));
            } else if !week.deload
                && profile.session_minutes >= rules::LONG_SESSION_MINUTES
                && count < rules::MIN_EXERCISES_LONG_SESSION
                && eligible >= rules::MIN_EXERCISES_LONG_SESSION
            {
                findings.report(
                    path(),
                    format!("{count} exercises; sessions of 45 minutes or more need at least 4"),
                );
            }
            let mut seen = BTreeSet::new();
            for (e, exercise) in session.exercises.iter().enumerate() {
                if !seen.insert(exercise.exercise_id.as_str()) {
                    findings.report(
                        exercise_path(w, s, e),
                        format!("{} appears twice in the session", exercise.exercise_id),
                    );
                }
            }
        }
    }
    for located in input.exercises() {
        prescription_ranges(&located, findings);
        match located.entry {
            Some(entry) => tags(&located, entry, findings),
            None => findings.report(
                format!("{}.exerciseId", located.path()),
                format!("{} is not a library exercise", located.exercise.exercise_id),
            ),
        }
        load(profile, &located, findings);
    }
}

/// Sessions fall on distinct weekdays, exactly the preferred ones if given.
fn session_days(input: &Input, w: usize, findings: &mut Findings) {
    let week = &input.program.weeks[w];
    let expected = usize::from(input.profile.days_per_week);
    if week.sessions.len() != expected {
        findings.report(
            format!("weeks[{w}].sessions"),
            format!(
                "expected {expected} sessions, found {}",
                week.sessions.len()
            ),
        );
    }
    let mut days = BTreeSet::new();
    for (s, session) in week.sessions.iter().enumerate() {
        if !days.insert(session.day) {
            findings.report(
                format!("{}.day", session_path(w, s)),
                "two sessions on the same day",
            );
        }
    }
    if let Some(preferred) = &input.profile.preferred_days {
        let preferred: BTreeSet<_> = preferred.iter().copied().collect();
        if days != preferred {
            findings.report(
                format!("weeks[{w}].sessions"),
                "sessions are not on exactly the preferred days",
            );
        }
    }
}

/// Sets 1–10, 1 ≤ repsMin ≤ repsMax ≤ 30, rest 0–300 s, load % 30–100.
fn prescription_ranges(located: &Located, findings: &mut Findings) {
    let (exercise, path) = (located.exercise, || located.path());
    if !rules::SETS.contains(&exercise.sets) {
        findings.report(
            format!("{}.sets", path()),
            format!("{} sets; expected 1 to 10", exercise.sets),
        );
    }
    let reps_ok = rules::REPS.contains(&exercise.reps_min)
        && rules::REPS.contains(&exercise.reps_max)
        && exercise.reps_min <= exercise.reps_max;
    if !reps_ok {
        findings.report(
            format!("{}.repsMin", path()),
            format!(
                "reps {}–{}; expected 1 ≤ repsMin ≤ repsMax ≤ 30",
                exercise.reps_min, exercise.reps_max
            ),
        );
    }
    if !rules::REST_SECONDS.contains(&exercise.rest_seconds) {
        findings.report(
            format!("{}.restSeconds", path()),
            format!("{} s rest; expected 0 to 300", exercise.rest_seconds),
        );
    }
    if let Some(percent) = exercise.load_percent_1rm {
        if !rules::LOAD_PERCENT_1RM.contains(&percent) {
            findings.report(
                format!("{}.loadPercent1rm", path()),
                format!("{percent}% of 1RM; expected 30 to 100"),
            );
        }
    }
}

/// The program's copy of the tags equals the library entry.
fn tags(located: &Located, entry: &Exercise, findings: &mut Findings) {
    let (exercise, path) = (located.exercise, || located.path());
    let mismatches = [
        ("name", exercise.name != entry.name),
        ("pattern", exercise.pattern != entry.pattern),
        ("mechanic", exercise.mechanic != entry.mechanic),
        (
            "primaryMuscles",
            exercise.primary_muscles != entry.primary_muscles,
        ),
        (
            "secondaryMuscles",
            exercise.secondary_muscles != entry.secondary_muscles,
        ),
        ("equipment", exercise.equipment != entry.equipment),
        ("unilateral", exercise.unilateral != entry.unilateral),
    ];
    for (field, differs) in mismatches {
        if differs {
            findings.report(
                format!("{}.{field}", path()),
                format!("{field} differs from the library entry {}", entry.id),
            );
        }
    }
}

/// An absolute load comes from the profile's 1RM, in its units, on the plate step.
fn load(profile: &Profile, located: &Located, findings: &mut Findings) {
    let (Some(load), Some(entry)) = (located.exercise.load, located.entry) else {
        return;
    };
    let path = || format!("{}.load", located.path());
    if let Some(problem) = load_problem(profile, located.exercise, entry, load.value, load.unit) {
        findings.report(path(), problem);
    }
}

fn load_problem(
    profile: &Profile,
    exercise: &PrescribedExercise,
    entry: &Exercise,
    value: f64,
    unit: Units,
) -> Option<String> {
    let Some(lift) = entry.one_rep_max_lift else {
        return Some(format!("{} has no 1RM lift to load from", entry.id));
    };
    let Some(one_rep_max) = profile.one_rep_maxes.and_then(|m| m.get(lift)) else {
        return Some(format!("the profile gives no 1RM for {lift:?}"));
    };
    let Some(percent) = exercise.load_percent_1rm else {
        return Some("an absolute load needs loadPercent1rm".into());
    };
    if unit != profile.units {
        return Some(format!(
            "load is in {unit:?}, the profile in {:?}",
            profile.units
        ));
    }
    let step = match unit {
        Units::Kg => rules::LOAD_STEP_KG,
        Units::Lb => rules::LOAD_STEP_LB,
    };
    let steps = value / step;
    if !value.is_finite() || value < 0.0 || (steps - steps.round()).abs() > 1e-9 {
        return Some(format!("{value} is not a multiple of {step}"));
    }
    let exact = one_rep_max * f64::from(percent) / 100.0;
    if (value - exact).abs() > step / 2.0 + 1e-9 {
        return Some(format!(
            "{value} is not {percent}% of the {one_rep_max} 1RM rounded to {step}"
        ));
    }
    None
}

/// Rule 2: every exercise's equipment is in the profile.
pub(super) fn equipment(input: &Input, findings: &mut Findings) {
    for located in input.exercises() {
        // The library is the truth; the program's own tags only for unknown ids.
        let needed = located
            .entry
            .map_or(located.exercise.equipment.as_slice(), |e| e.equipment);
        let missing: Vec<_> = needed
            .iter()
            .filter(|item| !input.profile.equipment.contains(item))
            .collect();
        if !missing.is_empty() {
            findings.report(
                located.path(),
                format!(
                    "{} needs {missing:?}, which the profile lacks",
                    located.exercise.exercise_id
                ),
            );
        }
    }
}

/// Rule 3: no contraindicated, excluded or too advanced exercise.
pub(super) fn injuries_and_exclusions(input: &Input, findings: &mut Findings) {
    let profile = input.profile;
    for located in input.exercises() {
        let id = &located.exercise.exercise_id;
        if profile.excluded_exercises.contains(id) {
            findings.report(located.path(), format!("{id} is excluded by the trainee"));
        }
        let Some(entry) = located.entry else {
            continue;
        };
        let hurt: Vec<_> = entry
            .contraindications
            .iter()
            .filter(|injury| profile.injuries.contains(injury))
            .collect();
        if !hurt.is_empty() {
            findings.report(
                located.path(),
                format!("{id} is contraindicated for {hurt:?}"),
            );
        }
        if entry.level_min > profile.experience {
            findings.report(
                located.path(),
                format!(
                    "{id} needs {:?} experience; the trainee is {:?}",
                    entry.level_min, profile.experience
                ),
            );
        }
    }
}

/// Rule 4: `estimatedMinutes` is the duration model's estimate (the ceiling
/// is the declared `time_ceiling` constraint).
pub(super) fn estimated_minutes(input: &Input, findings: &mut Findings) {
    for (w, week) in input.program.weeks.iter().enumerate() {
        for (s, session) in week.sessions.iter().enumerate() {
            let minutes = duration::session_minutes(&session.exercises);
            if session.estimated_minutes != minutes {
                findings.report(
                    format!("{}.estimatedMinutes", session_path(w, s)),
                    format!(
                        "estimatedMinutes is {}; the duration model gives {minutes}",
                        session.estimated_minutes
                    ),
                );
            }
        }
    }
}
