//! The declared constraints (`constraints::CONSTRAINTS`) as validator rules:
//! every non-zero hard or medium penalty of a program's week is reported
//! under its rule, unless a warning states a fact that `constraints::binding`
//! proves.

use super::{exercise_path, session_path, week_path, Findings, Input};
use crate::constraints::{binding, At, Excuse, Level, Sink, WeekView, CONSTRAINTS};
use crate::model::anatomy::VolumeGroup;
use crate::rules::WarningCode;
use std::collections::BTreeMap;

/// Collects breaches with their messages.
#[derive(Default)]
struct Collect {
    out: Vec<(At, String)>,
}

impl Sink for Collect {
    fn breach(&mut self, at: At, amount: u32, why: &dyn Fn() -> String) {
        if amount > 0 {
            self.out.push((at, why()));
        }
    }
}

/// Report every breach of the constraints declared under `findings.rule`.
pub(super) fn check(input: &Input, findings: &mut Findings) {
    let mut proofs = Proofs::default();
    let rule = findings.rule;
    let declared = CONSTRAINTS
        .iter()
        .filter(|c| c.rule == Some(rule) && c.level != Level::Soft);
    for constraint in declared {
        for (w, view) in input.views.iter().enumerate() {
            let mut collect = Collect::default();
            constraint.report(view, &input.context, &mut collect);
            for (at, message) in collect.out {
                if proofs.excused(input, constraint.excuse, at) {
                    continue;
                }
                findings.report(path(w, view, at), message);
            }
        }
    }
}

fn path(w: usize, view: &WeekView, at: At) -> String {
    match (at.day, at.entry) {
        (Some(d), Some(i)) => {
            let position = view.days[d].entries.get(i).map_or(i, |e| e.position);
            exercise_path(w, d, position)
        }
        (Some(d), None) => session_path(w, d),
        _ => week_path(w),
    }
}

/// The binding proofs, computed once per session and group.
#[derive(Default)]
struct Proofs {
    sessions: BTreeMap<usize, bool>,
    groups: BTreeMap<VolumeGroup, bool>,
}

impl Proofs {
    fn excused(&mut self, input: &Input, excuse: Excuse, at: At) -> bool {
        let context = &input.context;
        match (excuse, at.day, at.group) {
            (Excuse::SessionFull, Some(d), _) => {
                input.has_warning(WarningCode::SessionShortenedByVolumeCap, |_| true)
                    && *self.sessions.entry(d).or_insert_with(|| {
                        binding::short_session_binding(&input.training, context, d).is_some()
                    })
            }
            (Excuse::GroupCapped, _, Some(group)) => {
                !context.floors_binding
                    && input
                        .has_warning(WarningCode::VolumeLimitedByTime, |w| w.group == Some(group))
                        | input.has_warning(WarningCode::VolumeLimitedByCap, |w| {
                            w.group == Some(group)
                        })
                    && *self.groups.entry(group).or_insert_with(|| {
                        binding::group_binding(&input.training, context, group).is_some()
                    })
            }
            _ => false,
        }
    }
}
