//! Rules 11–13: effort, rest and exercise order within sessions (rule 10,
//! reps that fit the goal, is declared in `constraints`).

use super::{Findings, Input};
use crate::model::anatomy::Mechanic;
use crate::model::profile::Goal;
use crate::rules;

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
