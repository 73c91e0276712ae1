//! Rules 15–17: how weeks follow one another — progression within a block,
//! deload weeks between blocks, and a stable exercise selection.

use super::{exercise_path, week_path, Findings, Input};
use crate::model::program::{Phase, PrescribedExercise, Week};
use crate::rules;
use crate::rules::counting;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Rule 15: within a block an exercise on the same day never regresses
/// without progressing elsewhere, progresses at least every 2 weeks, and
/// weekly sets per group grow by at most 20% + 1.
pub(super) fn progression(input: &Input, findings: &mut Findings) {
    let weeks = &input.program.weeks;
    for block in input.blocks() {
        // Consecutive weeks without progress, per (weekday, exercise id).
        let mut stalls: BTreeMap<_, usize> = BTreeMap::new();
        for w in block.start + 1..block.end {
            growth(&weeks[w - 1], &weeks[w], w, findings);
            let mut next_stalls = BTreeMap::new();
            for (s, session) in weeks[w].sessions.iter().enumerate() {
                let Some(before) = weeks[w - 1].sessions.iter().find(|b| b.day == session.day)
                else {
                    continue;
                };
                for (e, exercise) in session.exercises.iter().enumerate() {
                    let Some(previous) = before
                        .exercises
                        .iter()
                        .find(|b| b.exercise_id == exercise.exercise_id)
                    else {
                        continue;
                    };
                    let change = Change::between(previous, exercise);
                    let path = || exercise_path(w, s, e);
                    if change.regressed() && !change.progressed() {
                        findings.report(
                            path(),
                            format!(
                                "{} regresses ({}) without progressing elsewhere",
                                exercise.exercise_id,
                                change.describe_regression()
                            ),
                        );
                    }
                    let key = (session.day, exercise.exercise_id.as_str());
                    let stalled = if change.progressed() {
                        0
                    } else {
                        stalls.get(&key).copied().unwrap_or(0) + 1
                    };
                    if stalled >= rules::PROGRESS_EVERY_WEEKS {
                        findings.report(
                            path(),
                            format!(
                                "{} has not progressed for {stalled} weeks",
                                exercise.exercise_id
                            ),
                        );
                    }
                    next_stalls.insert(key, stalled);
                }
            }
            stalls = next_stalls;
        }
    }
}

/// Weekly fractional sets per group grow by at most 20% + 1 set.
fn growth(previous: &Week, next: &Week, w: usize, findings: &mut Findings) {
    let before = counting::weekly_sets(previous);
    let after = counting::weekly_sets(next);
    for (group, sets) in after.iter() {
        if !rules::growth_allowed(before.get(group), sets) {
            findings.report(
                week_path(w),
                format!(
                    "{} grows from {} to {} weekly sets; at most 20% + 1",
                    group.name(),
                    before.get(group),
                    sets
                ),
            );
        }
    }
}

/// How one exercise's prescription changed from one week to the next.
struct Change {
    sets: Ordering,
    reps: Ordering,
    load: Ordering,
    /// Reversed: `Greater` means less in reserve, i.e. harder.
    effort: Ordering,
}

impl Change {
    fn between(previous: &PrescribedExercise, next: &PrescribedExercise) -> Self {
        let reps = |e: &PrescribedExercise| u16::from(e.reps_min) + u16::from(e.reps_max);
        Change {
            sets: next.sets.cmp(&previous.sets),
            reps: reps(next).cmp(&reps(previous)),
            load: compare_load(previous, next).unwrap_or(Ordering::Equal),
            effort: previous.rir.cmp(&next.rir),
        }
    }

    fn all(&self) -> [(&'static str, Ordering); 4] {
        [
            ("sets", self.sets),
            ("reps", self.reps),
            ("load", self.load),
            ("RIR", self.effort),
        ]
    }

    fn progressed(&self) -> bool {
        self.all().iter().any(|(_, o)| *o == Ordering::Greater)
    }

    fn regressed(&self) -> bool {
        self.all().iter().any(|(_, o)| *o == Ordering::Less)
    }

    fn describe_regression(&self) -> String {
        let parts: Vec<_> = self
            .all()
            .iter()
            .filter(|(_, o)| *o == Ordering::Less)
            .map(|(name, _)| *name)
            .collect();
        parts.join(", ")
    }
}

/// How `next`'s load compares with `previous`'s: by % of 1RM when both have
/// one, else by absolute load when both have one, else not comparable.
fn compare_load(previous: &PrescribedExercise, next: &PrescribedExercise) -> Option<Ordering> {
    if let (Some(a), Some(b)) = (previous.load_percent_1rm, next.load_percent_1rm) {
        return Some(b.cmp(&a));
    }
    match (previous.load, next.load) {
        (Some(a), Some(b)) => b.value.partial_cmp(&a.value),
        _ => None,
    }
}

/// Rule 16: deloads where needed, flagged consistently, on the same days,
/// with 40–70% of the previous week's sets and nothing heavier or harder.
pub(super) fn deloads(input: &Input, findings: &mut Findings) {
    let weeks = &input.program.weeks;
    for (w, week) in weeks.iter().enumerate() {
        if week.deload != (week.phase == Phase::Deload) {
            findings.report(
                format!("weeks[{w}].phase"),
                "a week is a deload exactly when its phase is deload",
            );
        }
    }
    if weeks.len() >= rules::DELOAD_REQUIRED_FROM_WEEKS && !weeks.iter().any(|w| w.deload) {
        findings.report(
            "weeks",
            format!("{} weeks without a deload week", weeks.len()),
        );
    }
    let mut run = 0;
    for (w, week) in weeks.iter().enumerate() {
        run = if week.deload { 0 } else { run + 1 };
        if run == rules::MAX_WEEKS_WITHOUT_DELOAD + 1 {
            findings.report(
                week_path(w),
                format!("{run} training weeks in a row without a deload"),
            );
        }
    }
    for (w, week) in weeks.iter().enumerate().filter(|(_, week)| week.deload) {
        match w.checked_sub(1).map(|p| &weeks[p]) {
            None => findings.report(week_path(w), "the first week cannot be a deload"),
            Some(previous) => deload_week(previous, week, w, findings),
        }
    }
}

fn deload_week(previous: &Week, deload: &Week, w: usize, findings: &mut Findings) {
    let days = |week: &Week| week.sessions.iter().map(|s| s.day).collect::<BTreeSet<_>>();
    if days(previous) != days(deload) {
        findings.report(
            format!("weeks[{w}].sessions"),
            "a deload week keeps the previous week's days",
        );
    }
    let total = |week: &Week| -> u64 {
        week.sessions
            .iter()
            .flat_map(|s| &s.exercises)
            .map(|e| u64::from(e.sets))
            .sum()
    };
    let (before, after) = (total(previous), total(deload));
    let band = &rules::DELOAD_SETS_PERCENT;
    let (low, high) = (u64::from(*band.start()), u64::from(*band.end()));
    // A deload at the smallest shape (three one-set exercises a session)
    // cannot shed more, whatever the week before held.
    let smallest = deload.sessions.iter().all(|s| {
        s.exercises.len() == *rules::EXERCISES_PER_SESSION.start()
            && s.exercises.iter().all(|e| e.sets == 1)
    });
    if after * 100 < low * before || (after * 100 > high * before && !smallest) {
        findings.report(
            week_path(w),
            format!("{after} sets after {before}; a deload keeps 40–70% of them"),
        );
    }
    for (s, session) in deload.sessions.iter().enumerate() {
        for (e, exercise) in session.exercises.iter().enumerate() {
            let same_id = |b: &&PrescribedExercise| b.exercise_id == exercise.exercise_id;
            let same_day: Vec<_> = previous
                .sessions
                .iter()
                .filter(|b| b.day == session.day)
                .flat_map(|b| &b.exercises)
                .filter(same_id)
                .collect();
            // Without the same exercise on the same day, the lightest and
            // easiest of its other occurrences is the bar.
            let earlier = if same_day.is_empty() {
                previous
                    .sessions
                    .iter()
                    .flat_map(|b| &b.exercises)
                    .filter(same_id)
                    .collect()
            } else {
                same_day
            };
            if earlier.is_empty() {
                continue;
            }
            let path = || exercise_path(w, s, e);
            let heavier = earlier
                .iter()
                .all(|b| compare_load(b, exercise) == Some(Ordering::Greater));
            if heavier {
                findings.report(path(), "a deload never raises the load");
            }
            if earlier.iter().all(|b| exercise.rir < b.rir) {
                findings.report(format!("{}.rir", path()), "a deload never lowers the RIR");
            }
        }
    }
}

/// Rule 17: ≥ 70% of a week's exercise ids recur in the next week of its block.
pub(super) fn stability(input: &Input, findings: &mut Findings) {
    let weeks = &input.program.weeks;
    let ids = |week: &Week| -> BTreeSet<String> {
        week.sessions
            .iter()
            .flat_map(|s| &s.exercises)
            .map(|e| e.exercise_id.clone())
            .collect()
    };
    for block in input.blocks() {
        for w in block.start + 1..block.end {
            let (before, after) = (ids(&weeks[w - 1]), ids(&weeks[w]));
            let kept = before.intersection(&after).count() as u64;
            let total = before.len() as u64;
            if kept * 100 < u64::from(rules::STABILITY_PERCENT) * total {
                findings.report(
                    week_path(w),
                    format!("{kept} of the previous week's {total} exercises recur; expected 70%"),
                );
            }
        }
    }
}
