//! Whether a shortfall is forced: the proof behind every volume and time
//! warning, shared by the generator and the validator.
//!
//! A shortfall (a session under its time floor, a group under its floor) is
//! forced when no single added set of an exercise already in the program
//! fits: for every candidate, one more set in every training week breaks a
//! hard constraint there. The hard constraints it breaks are the binding
//! ones, which the warning names. The generator's search ends in a descent
//! over exactly these moves, so a shortfall it leaves is one this proves.

use super::{penalty, Context, Level, WeekView, CONSTRAINTS};
use crate::model::anatomy::VolumeGroup;
use crate::rules;
use crate::validate::Rule;

/// The hard rules one more set of exercise `id` on day `day` breaks in some
/// of `weeks` (empty when it fits everywhere it appears).
pub fn added_set_breaks(weeks: &[WeekView], context: &Context, day: usize, id: &str) -> Vec<Rule> {
    let mut broken = Vec::new();
    for week in weeks {
        let Some(i) = week
            .days
            .get(day)
            .and_then(|d| d.entries.iter().position(|e| e.exercise.id == id))
        else {
            continue;
        };
        if week.days[day].entries[i].sets >= *rules::SETS.end() {
            push(&mut broken, Rule::Shape);
            continue;
        }
        let mut more = week.clone();
        more.add_sets(day, i, 1);
        for constraint in CONSTRAINTS.iter().filter(|c| c.level == Level::Hard) {
            if penalty(constraint, &more, context) > penalty(constraint, week, context) {
                if let Some(rule) = constraint.rule {
                    push(&mut broken, rule);
                }
            }
        }
    }
    broken
}

fn push(rules: &mut Vec<Rule>, rule: Rule) {
    if !rules.contains(&rule) {
        rules.push(rule);
    }
}

/// The candidates `(day, id)` among the exercises of `weeks` that `fits` accepts.
fn candidates(
    weeks: &[WeekView],
    fits: impl Fn(usize, &crate::library::Exercise) -> bool,
) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, &'static str)> = Vec::new();
    for week in weeks {
        for (d, day) in week.days.iter().enumerate() {
            for entry in &day.entries {
                let key = (d, entry.exercise.id);
                if fits(d, entry.exercise) && !out.contains(&key) {
                    out.push(key);
                }
            }
        }
    }
    out
}

/// The rules that together stop every candidate; `None` when one fits (or
/// there is no candidate, so nothing is proven).
fn binding(
    weeks: &[WeekView],
    context: &Context,
    candidates: &[(usize, &'static str)],
) -> Option<Vec<Rule>> {
    if candidates.is_empty() {
        return None;
    }
    let mut rules = Vec::new();
    for &(day, id) in candidates {
        let broken = added_set_breaks(weeks, context, day, id);
        if broken.is_empty() {
            return None;
        }
        for rule in broken {
            push(&mut rules, rule);
        }
    }
    Some(rules)
}

/// Why session `day` cannot take one more set: the binding rules, or `None`
/// when some exercise of it could.
pub fn session_binding(weeks: &[WeekView], context: &Context, day: usize) -> Option<Vec<Rule>> {
    binding(weeks, context, &candidates(weeks, |d, _| d == day))
}

/// Why `group` cannot get one more set: the binding rules, or `None` when
/// some exercise counting for it could. When no exercise of the week counts
/// for the group, the proof is that no session has room for a new exercise
/// (`session_has_room`).
pub fn group_binding(
    weeks: &[WeekView],
    context: &Context,
    group: VolumeGroup,
) -> Option<Vec<Rule>> {
    let candidates = candidates(weeks, |_, e| e.counts_for(group));
    if candidates.is_empty() {
        let days = weeks.iter().map(|w| w.days.len()).max().unwrap_or(0);
        let room = (0..days).any(|d| weeks.iter().any(|w| session_has_room(w, context, d)));
        return (!room && days > 0).then(|| vec![Rule::Duration]);
    }
    binding(weeks, context, &candidates)
}

/// Whether day `day` of `week` could hold one more exercise: fewer than the
/// most exercises a session holds, and time under the ceiling for its
/// set-up plus one set as short as the session's shortest.
pub fn session_has_room(week: &WeekView, context: &Context, day: usize) -> bool {
    let Some(d) = week.days.get(day) else {
        return false;
    };
    if d.entries.len() >= *rules::EXERCISES_PER_SESSION.end() {
        return false;
    }
    let shortest = d.entries.iter().map(|e| e.set_seconds.1).min().unwrap_or(0);
    let ceiling = u64::from(context.budget_seconds) * u64::from(rules::MAX_SESSION_PERCENT);
    let with_new = u64::from(d.seconds.1 + crate::rules::duration::SETUP_SECONDS + shortest);
    with_new * 100 <= ceiling
}

/// Why the week cannot come closer to being truly capped: for every group
/// short of the margin below its cap (`sessions::cap_gap`), the rules that
/// stop one more set of it; `None` when some such group could take a set.
pub fn cap_binding(weeks: &[WeekView], context: &Context) -> Option<Vec<Rule>> {
    let mut rules = Vec::new();
    for group in VolumeGroup::ALL {
        let g = group as usize;
        let margin = 2 * crate::rules::CAPPED_MARGIN_SETS;
        let short = weeks
            .iter()
            .any(|w| w.weekly[g] + margin < context.capped_halves[g]);
        if !context.trainable[g] || !short {
            continue;
        }
        for rule in group_binding(weeks, context, group)? {
            push(&mut rules, rule);
        }
    }
    Some(rules)
}

/// Why the short session `day` is forced: it cannot take one more set, or
/// the week cannot come closer to its caps.
pub fn short_session_binding(
    weeks: &[WeekView],
    context: &Context,
    day: usize,
) -> Option<Vec<Rule>> {
    session_binding(weeks, context, day).or_else(|| cap_binding(weeks, context))
}
