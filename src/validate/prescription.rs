//! Rules 10–13: reps, effort, rest and exercise order within sessions.

use super::{week_path, Findings, Input};
use crate::model::anatomy::Mechanic;
use crate::model::profile::Goal;
use crate::rules;

/// Rule 10: in non-deload weeks, other goals than strength keep their share
/// of sets in the goal's band, among the sets whose library rep range can
/// reach the band at all (strength's heavy compound in every session is the
/// declared `strength_compound` constraint).
pub(super) fn reps_fit_goal(input: &Input, findings: &mut Findings) {
    let goal = input.profile.goal;
    for (w, week) in input.program.weeks.iter().enumerate() {
        if week.deload {
            continue;
        }
        match rules::goal_share_percent(goal) {
            None => {}
            Some(share) => {
                let (mut fitting, mut total) = (0u64, 0u64);
                for (s, session) in week.sessions.iter().enumerate() {
                    for (e, exercise) in session.exercises.iter().enumerate() {
                        let entry = input.entry(w, s, e);
                        let mechanic = entry.map_or(exercise.mechanic, |x| x.mechanic);
                        // Reps stay in the library's range (rule 18) and
                        // progress (rule 15): a set of an exercise whose
                        // range cannot hold the band with room to progress
                        // is not judged against it.
                        if entry.is_some_and(|x| !band_reachable(goal, x)) {
                            continue;
                        }
                        let sets = u64::from(exercise.sets);
                        total += sets;
                        if rules::set_fits_goal(
                            goal,
                            mechanic,
                            exercise.reps_min,
                            exercise.reps_max,
                        ) {
                            fitting += sets;
                        }
                    }
                }
                if fitting * 100 < u64::from(share) * total {
                    findings.report(
                        week_path(w),
                        format!(
                            "{fitting} of {total} sets fit the {goal:?} rep band; expected {share}%"
                        ),
                    );
                }
            }
        }
    }
}

/// Whether some rep range inside the exercise's library range fits the goal
/// and leaves two reps of room below the library's top, so that reps can
/// progress (rule 15) without leaving the range (rule 18).
fn band_reachable(goal: Goal, exercise: &crate::library::Exercise) -> bool {
    let [low, high] = exercise.rep_range;
    let top = high.saturating_sub(2);
    (low..=top)
        .any(|min| (min..=top).any(|max| rules::set_fits_goal(goal, exercise.mechanic, min, max)))
}

/// Rule 11: RIR 0–4 in non-deload weeks; squat and hinge compounds keep
/// 1 in reserve (2 for beginners) in every week.
pub(super) fn effort(input: &Input, findings: &mut Findings) {
    let level = input.profile.experience;
    for located in input.exercises() {
        let rir = located.exercise.rir;
        let deload = input.program.weeks[located.at.0].deload;
        if !deload && !rules::RIR.contains(&rir) {
            findings.report(
                format!("{}.rir", located.path()),
                format!("RIR {rir}; expected 0 to 4 in a training week"),
            );
        }
        let floor = rules::min_rir(located.pattern(), located.mechanic(), level);
        if rir < floor {
            findings.report(
                format!("{}.rir", located.path()),
                format!("RIR {rir}; squat and hinge compounds keep at least {floor} in reserve"),
            );
        }
    }
}

/// Rule 12: rest fits the mechanic, the load and the goal.
pub(super) fn rest(input: &Input, findings: &mut Findings) {
    let goal: Goal = input.profile.goal;
    for located in input.exercises() {
        let exercise = located.exercise;
        let range = rules::rest_range(goal, located.mechanic(), exercise.reps_max);
        if !range.contains(&exercise.rest_seconds) {
            findings.report(
                format!("{}.restSeconds", located.path()),
                format!(
                    "{} s rest; expected {}–{} s for this exercise",
                    exercise.rest_seconds,
                    range.start(),
                    range.end()
                ),
            );
        }
    }
}

/// Rule 13: compounds come before isolation in every session.
pub(super) fn order(input: &Input, findings: &mut Findings) {
    let mut isolation_seen = None;
    for located in input.exercises() {
        let (w, s, e) = located.at;
        if e == 0 {
            isolation_seen = None;
        }
        match located.mechanic() {
            Mechanic::Isolation => isolation_seen = isolation_seen.or(Some((w, s))),
            Mechanic::Compound if isolation_seen == Some((w, s)) => findings.report(
                located.path(),
                "a compound comes after an isolation exercise",
            ),
            Mechanic::Compound => {}
        }
    }
}
