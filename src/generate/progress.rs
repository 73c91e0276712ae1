//! Progression: the weeks themselves, block by block, with deloads.
//!
//! This module turns the weekly template (exercises and sets per day) into
//! concrete weeks. Within a block the same exercises and sets repeat while
//! effort rises (RIR falls one a week) and then reps rise, with loads
//! following the effort, so nothing ever regresses and something progresses
//! every week. A deload week keeps the days and exercises, halves the sets
//! (40–70% of the week before, push:pull still balanced), adds two reps in
//! reserve and takes 10% off the load. Sources: ACSM 2009 position stand
//! (progression in small steps); Rogerson et al. 2024 (deloads at about half
//! the volume with lighter loads).

use crate::generate::allocate::push_or_pull;
use crate::generate::plan::{Plan, WeekPlan};
use crate::generate::prescribe::{self, RestMode, Role};
use crate::library::Exercise;
use crate::model::anatomy::Mechanic;
use crate::model::profile::Profile;
use crate::model::program::{Periodization, PrescribedExercise, Session, Week};
use crate::rules;
use crate::rules::duration;

/// One exercise of the weekly template.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slot {
    pub exercise: &'static Exercise,
    pub sets: u8,
    pub role: Role,
}

/// The weekly template every training week follows.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    /// Per day of `plan.days`, the exercises in session order.
    pub sessions: Vec<Vec<Slot>>,
    pub mode: RestMode,
    /// Whether push:pull must stay balanced (both are possible).
    pub balance: bool,
}

/// RIR a deload adds.
const DELOAD_EXTRA_RIR: u8 = 2;
/// Percentage points of 1RM a deload takes off.
const DELOAD_LOAD_DROP: u8 = 10;

/// Every week of the program.
pub fn build_weeks(profile: &Profile, plan: &Plan, template: &Template) -> Vec<Week> {
    let deload_sets = deload_sets(template);
    let mut weeks: Vec<Week> = Vec::with_capacity(plan.weeks.len());
    for week in &plan.weeks {
        let built = match weeks.last() {
            Some(previous) if week.deload => deload(profile, week, previous, &deload_sets),
            _ => training_week(profile, plan, template, week),
        };
        weeks.push(built);
    }
    weeks
}

fn training_week(profile: &Profile, plan: &Plan, template: &Template, week: &WeekPlan) -> Week {
    let linear = plan.periodization == Periodization::Linear;
    let sessions =
        plan.days
            .iter()
            .zip(&template.sessions)
            .map(|(day, slots)| {
                let exercises: Vec<PrescribedExercise> = slots
                    .iter()
                    .map(|slot| {
                        let scheme = prescribe::scheme(
                            profile,
                            slot.exercise,
                            slot.role,
                            day.kind,
                            week.phase,
                            week.block_len,
                            template.mode,
                        );
                        let dose = scheme.dose(week.week_in_block);
                        let load = scheme.one_rep_max.zip(dose.load_percent_1rm).and_then(
                            |(max, percent)| prescribe::load(max, percent, profile.units),
                        );
                        let note = prescribe::note(
                            slot.role,
                            scheme.one_rep_max.is_some(),
                            false,
                            profile.units,
                            linear,
                        );
                        let mut exercise = base(slot.exercise, slot.sets, note);
                        exercise.reps_min = dose.reps_min;
                        exercise.reps_max = dose.reps_max;
                        exercise.rir = dose.rir;
                        exercise.rest_seconds = scheme.rest_seconds;
                        exercise.load_percent_1rm = dose.load_percent_1rm;
                        exercise.load = load;
                        exercise
                    })
                    .collect();
                session(day.day, day.focus, exercises)
            })
            .collect();
    Week {
        number: week.number,
        phase: week.phase,
        deload: false,
        sessions,
    }
}

fn deload(profile: &Profile, week: &WeekPlan, previous: &Week, sets: &[Vec<u8>]) -> Week {
    let sessions = previous
        .sessions
        .iter()
        .zip(sets)
        .map(|(before, sets)| {
            let exercises = before
                .exercises
                .iter()
                .zip(sets)
                .filter(|&(_, &sets)| sets > 0)
                .map(|(exercise, &sets)| {
                    let mut lighter = exercise.clone();
                    lighter.sets = sets;
                    lighter.rir = exercise
                        .rir
                        .saturating_add(DELOAD_EXTRA_RIR)
                        .min(exercise.rir.max(*rules::RIR.end()));
                    lighter.load_percent_1rm = exercise.load_percent_1rm.map(|p| {
                        p.saturating_sub(DELOAD_LOAD_DROP)
                            .max(*rules::LOAD_PERCENT_1RM.start())
                            .min(p)
                    });
                    let max = exercise
                        .load
                        .zip(exercise.load_percent_1rm)
                        .and_then(|_| one_rep_max(profile, exercise));
                    lighter.load = max
                        .zip(lighter.load_percent_1rm)
                        .and_then(|(max, p)| prescribe::load(max, p, profile.units));
                    lighter.notes =
                        prescribe::note(Role::Isolation, false, true, profile.units, false)
                            .to_string();
                    lighter
                })
                .collect();
            session(before.day, before.focus, exercises)
        })
        .collect();
    Week {
        number: week.number,
        phase: week.phase,
        deload: true,
        sessions,
    }
}

fn one_rep_max(profile: &Profile, exercise: &PrescribedExercise) -> Option<f64> {
    crate::library::find(&exercise.exercise_id).and_then(|e| prescribe::one_rep_max(profile, e))
}

fn base(exercise: &Exercise, sets: u8, note: &str) -> PrescribedExercise {
    PrescribedExercise {
        exercise_id: exercise.id.to_string(),
        name: exercise.name.to_string(),
        pattern: exercise.pattern,
        mechanic: exercise.mechanic,
        primary_muscles: exercise.primary_muscles.to_vec(),
        secondary_muscles: exercise.secondary_muscles.to_vec(),
        equipment: exercise.equipment.to_vec(),
        unilateral: exercise.unilateral,
        sets,
        reps_min: 1,
        reps_max: 1,
        rir: 0,
        rest_seconds: 0,
        load_percent_1rm: None,
        load: None,
        notes: note.to_string(),
    }
}

fn session(
    day: crate::model::profile::Weekday,
    focus: crate::model::program::Focus,
    exercises: Vec<PrescribedExercise>,
) -> Session {
    Session {
        day,
        focus,
        estimated_minutes: duration::session_minutes(&exercises),
        exercises,
    }
}

/// Sets per template slot in a deload week (0 = left out): about half, at
/// most 70% and at least 40% of the training week's total, at least three
/// exercises a session, push:pull kept within 3:4–4:3.
pub fn deload_sets(template: &Template) -> Vec<Vec<u8>> {
    let full: Vec<Vec<u8>> = template
        .sessions
        .iter()
        .map(|s| s.iter().map(|slot| slot.sets).collect())
        .collect();
    let mut sets: Vec<Vec<u8>> = full
        .iter()
        .map(|s| s.iter().map(|&n| n.div_ceil(2)).collect())
        .collect();
    let total: u32 = full.iter().flatten().map(|&n| u32::from(n)).sum();
    let sum = |sets: &[Vec<u8>]| -> u32 { sets.iter().flatten().map(|&n| u32::from(n)).sum() };
    let (low, high) = (
        *rules::DELOAD_SETS_PERCENT.start(),
        *rules::DELOAD_SETS_PERCENT.end(),
    );
    let slots = template.sessions.iter().map(Vec::len).sum::<usize>();
    for _ in 0..4 * slots + 8 {
        let (push, pull) = push_pull(template, &sets);
        let balanced = !template.balance || rules::push_pull_balanced(push, pull);
        let count = sum(&sets);
        let over = 100 * count > high * total;
        if !over && balanced {
            break;
        }
        // The side to take from: the longer one, or neither when balanced.
        let long = |slot: &Slot| {
            let (is_push, is_pull) = push_or_pull(slot.exercise);
            (is_push && 3 * push > 4 * pull) || (is_pull && 3 * pull > 4 * push)
        };
        let may_shrink = over || 100 * count.saturating_sub(1) >= low * total;
        if may_shrink && trim_one(template, &mut sets, over, balanced, &long) {
            continue;
        }
        // Growing the short side must keep the deload within 70%.
        let room = 100 * (count + 1) <= high * total;
        if balanced || !room || !grow_short_side(template, &full, &mut sets, push > pull) {
            break;
        }
    }
    sets
}

/// Take one set off: from the slot with most sets, else leave out a one-set
/// exercise (isolation and non-push/pull work first) in a session that keeps
/// three. When push:pull is off, only the long side gives; when only the
/// total is over, push/pull work gives last. Returns whether anything changed.
fn trim_one(
    template: &Template,
    sets: &mut [Vec<u8>],
    over: bool,
    balanced: bool,
    long: &dyn Fn(&Slot) -> bool,
) -> bool {
    let allowed = |slot: &Slot| balanced || long(slot);
    let push_or_pull_work = |slot: &Slot| {
        let (is_push, is_pull) = push_or_pull(slot.exercise);
        is_push || is_pull
    };
    let positions = || {
        template
            .sessions
            .iter()
            .enumerate()
            .flat_map(|(d, slots)| slots.iter().enumerate().map(move |(i, slot)| (d, i, slot)))
    };
    let reduce = positions()
        .filter(|&(d, i, slot)| sets[d][i] >= 2 && allowed(slot))
        .max_by_key(|&(d, i, slot)| (sets[d][i], !balanced || !push_or_pull_work(slot), d, i));
    if let Some((d, i, _)) = reduce {
        sets[d][i] -= 1;
        return true;
    }
    let min_exercises = *rules::EXERCISES_PER_SESSION.start();
    let drop = positions()
        .filter(|&(d, i, slot)| {
            sets[d][i] == 1
                && allowed(slot)
                && (over || !balanced)
                && sets[d].iter().filter(|&&n| n > 0).count() > min_exercises
        })
        .max_by_key(|&(d, i, slot)| {
            (
                !push_or_pull_work(slot) || !balanced,
                slot.exercise.mechanic == Mechanic::Isolation,
                i,
                d,
            )
        });
    if let Some((d, i, _)) = drop {
        sets[d][i] = 0;
        return true;
    }
    false
}

/// Add a set back to the short side of push:pull, up to the training week's.
fn grow_short_side(
    template: &Template,
    full: &[Vec<u8>],
    sets: &mut [Vec<u8>],
    pull_is_short: bool,
) -> bool {
    for (d, slots) in template.sessions.iter().enumerate() {
        for (i, slot) in slots.iter().enumerate() {
            let (is_push, is_pull) = push_or_pull(slot.exercise);
            let short = if pull_is_short { is_pull } else { is_push };
            if short && sets[d][i] < full[d][i] {
                sets[d][i] += 1;
                return true;
            }
        }
    }
    false
}

fn push_pull(template: &Template, sets: &[Vec<u8>]) -> (u32, u32) {
    let mut push = 0;
    let mut pull = 0;
    for (d, slots) in template.sessions.iter().enumerate() {
        for (i, slot) in slots.iter().enumerate() {
            let n = u32::from(sets[d][i]);
            match push_or_pull(slot.exercise) {
                (true, _) => push += n,
                (_, true) => pull += n,
                _ => {}
            }
        }
    }
    (push, pull)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library;

    fn slot(id: &str, sets: u8) -> Slot {
        let exercise = library::find(id).expect("in library");
        let role = if exercise.mechanic == Mechanic::Compound {
            Role::Compound
        } else {
            Role::Isolation
        };
        Slot {
            exercise,
            sets,
            role,
        }
    }

    #[test]
    fn deload_week_halves_volume() {
        let template = Template {
            sessions: vec![
                vec![
                    slot("back_squat", 4),
                    slot("bench_press", 4),
                    slot("barbell_row", 4),
                    slot("dumbbell_curl", 3),
                ],
                vec![
                    slot("deadlift", 3),
                    slot("overhead_press", 3),
                    slot("pull_up", 3),
                    slot("cable_pushdown", 1),
                ],
            ],
            mode: RestMode::Normal,
            balance: true,
        };
        let full: u32 = 25;
        let deload: u32 = deload_sets(&template)
            .iter()
            .flatten()
            .map(|&n| u32::from(n))
            .sum();
        assert!(
            deload * 100 >= 40 * full && deload * 100 <= 70 * full,
            "{deload}"
        );
    }

    #[test]
    fn deload_of_single_sets_leaves_out_isolation_work() {
        let template = Template {
            sessions: vec![vec![
                slot("goblet_squat", 1),
                slot("push_up", 1),
                slot("inverted_row", 1),
                slot("dumbbell_curl", 1),
                slot("cable_pushdown", 1),
                slot("dead_bug", 1),
            ]],
            mode: RestMode::Normal,
            balance: true,
        };
        let sets = deload_sets(&template);
        let kept: Vec<&str> = template.sessions[0]
            .iter()
            .zip(&sets[0])
            .filter(|&(_, &n)| n > 0)
            .map(|(s, _)| s.exercise.id)
            .collect();
        assert!(kept.len() >= 3 && kept.len() <= 4, "{kept:?}");
        assert!(kept.contains(&"goblet_squat"));
    }
}
