//! Progression: the weeks themselves, block by block, with deloads.
//!
//! This module turns the weekly template (exercises and sets per day) into
//! concrete weeks. Within a block the same exercises and sets repeat and
//! something progresses every week (see `prescribe::Scheme::dose`). Lifts
//! loaded from a 1RM follow a training max that starts at 90% of it and
//! rises by the lift's increment every week for beginners (linear) and every
//! block for everyone else (5/3/1), so a lift's load never falls below an
//! earlier training week's. A deload week keeps the days and exercises,
//! halves the sets (40–70% of the week before, push:pull still balanced),
//! adds [`DELOAD_EXTRA_RIR`] reps in reserve and sets the load for them.
//! Sources: ACSM 2009 position stand (progression in small steps); Wendler
//! 2011 (training max); Rogerson et al. 2024 (deloads at about half the
//! volume with lighter loads).

use crate::generate::deload;
use crate::generate::guidance::{self, Context};
use crate::generate::plan::{DayPlan, Plan, WeekPlan};
use crate::generate::prescribe::{self, Motion, RestMode, Role};
use crate::generate::substitutes;
use crate::library::Exercise;
use crate::model::profile::{Lift, Profile};
use crate::model::program::{PrescribedExercise, Progression, Session, Substitute, Week};
use crate::rules::duration;
use crate::rules::loading;

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

/// RIR a deload adds (about 8% off the load by the table).
pub const DELOAD_EXTRA_RIR: u8 = 3;

/// Every week of the program.
pub fn build_weeks(profile: &Profile, plan: &Plan, template: &Template) -> Vec<Week> {
    let deload_sets = deload::deload_sets(&template.sessions, template.balance);
    let starts = starting_training_maxes(profile, plan, template);
    // Every training week lists the same substitutes for a slot.
    let substitutes: Vec<Vec<Vec<Substitute>>> = template
        .sessions
        .iter()
        .map(|slots| {
            slots
                .iter()
                .map(|slot| substitutes::substitutes(profile, slot.exercise))
                .collect()
        })
        .collect();
    let mut written: Vec<Vec<Option<Written>>> = template
        .sessions
        .iter()
        .map(|slots| vec![None; slots.len()])
        .collect();
    let mut weeks: Vec<Week> = Vec::with_capacity(plan.weeks.len());
    let mut training_weeks_before = 0u8;
    for week in &plan.weeks {
        let built = match weeks.last() {
            Some(previous) if week.deload => deload(profile, week, previous, &deload_sets),
            _ => {
                let at = Progress {
                    week,
                    training_weeks_before,
                    starts: &starts,
                    substitutes: &substitutes,
                };
                let built = training_week(profile, plan, template, &at, &mut written);
                training_weeks_before += 1;
                built
            }
        };
        weeks.push(built);
    }
    weeks
}

/// A slot's progression rule as last written, with what it was written
/// from: a block's weeks mostly share it, and the texts are costly to format.
#[derive(Clone)]
struct Written {
    scheme: prescribe::Scheme,
    training_max: Option<f64>,
    loaded: bool,
    progression: Progression,
}

/// Where a training week sits in the program's progression.
struct Progress<'a> {
    week: &'a WeekPlan,
    /// Training (non-deload) weeks before this one.
    training_weeks_before: u8,
    /// The first training max of each lift, indexed by `Lift as usize`.
    starts: &'a [Option<f64>; 4],
    /// Per template slot, its substitutes.
    substitutes: &'a [Vec<Vec<Substitute>>],
}

/// Steps of progression completed by a week: training weeks for linear
/// progression, blocks (deloads passed) for the others.
fn steps(motion: Motion, week: &WeekPlan, training_weeks_before: u8) -> u8 {
    match motion {
        Motion::Linear => training_weeks_before,
        _ => week.meso,
    }
}

/// The first training max of each lift: 90% of the 1RM (5/3/1), or lower
/// when the program's increments would otherwise take its heaviest load
/// above the 1RM — a long linear program starts lighter, as GZCLP and the
/// r/Fitness beginner routines do, so that it can add weight to the end.
fn starting_training_maxes(
    profile: &Profile,
    plan: &Plan,
    template: &Template,
) -> [Option<f64>; 4] {
    let mut starts = [None; 4];
    let units = profile.units;
    let step = loading::plate_step(units);
    for lift in [
        Lift::Squat,
        Lift::BenchPress,
        Lift::Deadlift,
        Lift::OverheadPress,
    ] {
        let Some(max) = profile.one_rep_maxes.and_then(|m| m.get(lift)) else {
            continue;
        };
        // The heaviest percent of the training max any week asks for, and
        // the steps taken by then.
        let mut heaviest: Option<(u8, u8)> = None;
        let mut training_weeks_before = 0u8;
        for week in plan.weeks.iter() {
            if week.deload {
                continue;
            }
            for (day, slots) in plan.days.iter().zip(&template.sessions) {
                for slot in slots
                    .iter()
                    .filter(|s| s.exercise.one_rep_max_lift == Some(lift))
                {
                    let scheme = slot_scheme(profile, template, day, week, slot);
                    let Some(rtf) = scheme.dose(week.week_in_block).load_reps_to_failure else {
                        continue;
                    };
                    let percent = loading::percent_of_max(rtf);
                    let taken = steps(scheme.motion, week, training_weeks_before);
                    heaviest = Some(
                        heaviest.map_or((percent, taken), |(p, t)| (p.max(percent), t.max(taken))),
                    );
                }
            }
            training_weeks_before += 1;
        }
        let Some((percent, taken)) = heaviest else {
            continue;
        };
        let increment = loading::increment(lift, profile.experience, units, max);
        // The training max at which the heaviest load stays a step under the 1RM.
        let cap = (max - step) * 100.0 / f64::from(percent);
        let latest_start = ((cap - f64::from(taken) * increment) / step).floor() * step;
        starts[lift as usize] = Some(loading::starting_training_max(max, units).min(latest_start));
    }
    starts
}

/// The training max of a lift after `steps` steps from `start`.
pub fn training_max(
    profile: &Profile,
    exercise: &Exercise,
    one_rep_max: f64,
    start: f64,
    steps: u8,
) -> f64 {
    let increment = exercise.one_rep_max_lift.map_or(0.0, |lift| {
        loading::increment(lift, profile.experience, profile.units, one_rep_max)
    });
    start + f64::from(steps) * increment
}

/// The scheme of `slot` on `day` in `week`.
fn slot_scheme(
    profile: &Profile,
    template: &Template,
    day: &DayPlan,
    week: &WeekPlan,
    slot: &Slot,
) -> prescribe::Scheme {
    prescribe::scheme(
        profile,
        slot.exercise,
        slot.role,
        day.kind,
        week.phase,
        week.block_len,
        template.mode,
    )
}

fn training_week(
    profile: &Profile,
    plan: &Plan,
    template: &Template,
    at: &Progress,
    written: &mut [Vec<Option<Written>>],
) -> Week {
    let week = at.week;
    let sessions = plan
        .days
        .iter()
        .zip(&template.sessions)
        .zip(at.substitutes)
        .zip(written)
        .map(|(((day, slots), substitutes), written)| {
            let mut exercises: Vec<PrescribedExercise> = slots
                .iter()
                .zip(substitutes)
                .zip(written)
                .map(|((slot, substitutes), written)| {
                    let scheme = slot_scheme(profile, template, day, week, slot);
                    let dose = scheme.dose(week.week_in_block);
                    let taken = steps(scheme.motion, week, at.training_weeks_before);
                    let start = slot
                        .exercise
                        .one_rep_max_lift
                        .and_then(|lift| at.starts[lift as usize]);
                    let tm = scheme.one_rep_max.zip(start).map(|(max, start)| {
                        training_max(profile, slot.exercise, max, start, taken)
                    });
                    let loaded = scheme
                        .one_rep_max
                        .zip(tm)
                        .zip(dose.load_reps_to_failure)
                        .and_then(|((max, tm), rtf)| {
                            prescribe::load(
                                max,
                                tm,
                                rtf,
                                profile.units,
                                prescribe::barbell(slot.exercise),
                            )
                        });
                    // The rule is a function of the context, whose other
                    // fields are the slot's own.
                    let progression = match written {
                        Some(w)
                            if w.scheme == scheme
                                && w.training_max == tm
                                && w.loaded == loaded.is_some() =>
                        {
                            w.progression.clone()
                        }
                        _ => {
                            let context = Context {
                                profile,
                                exercise: slot.exercise,
                                role: slot.role,
                                scheme: &scheme,
                                training_max: tm,
                                loaded: loaded.is_some(),
                                deload: false,
                            };
                            let progression = guidance::progression(&context);
                            *written = Some(Written {
                                scheme,
                                training_max: tm,
                                loaded: loaded.is_some(),
                                progression: progression.clone(),
                            });
                            progression
                        }
                    };
                    let mut exercise = base(
                        slot.exercise,
                        slot.role,
                        slot.sets,
                        progression,
                        substitutes.clone(),
                    );
                    exercise.reps_min = dose.reps_min;
                    exercise.reps_max = dose.reps_max;
                    exercise.rir = dose.rir;
                    exercise.rest_seconds = scheme.rest_seconds;
                    exercise.load_percent_1rm = loaded.map(|(percent, _)| percent);
                    exercise.load = loaded.map(|(_, load)| load);
                    exercise.notes =
                        guidance::note(slot.exercise, slot.role, loaded.is_some(), false);
                    exercise
                })
                .collect();
            prescribe::add_warm_ups(&mut exercises, profile.units);
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
            let mut exercises: Vec<PrescribedExercise> = before
                .exercises
                .iter()
                .zip(sets)
                .filter(|&(_, &sets)| sets > 0)
                .map(|(exercise, &sets)| lighter(profile, exercise, sets))
                .collect();
            prescribe::add_warm_ups(&mut exercises, profile.units);
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

/// The deload version of a training week's exercise: fewer sets, more in
/// reserve, and the load the table gives for them from the same training max.
fn lighter(profile: &Profile, exercise: &PrescribedExercise, sets: u8) -> PrescribedExercise {
    let entry = crate::library::find(&exercise.exercise_id);
    let mut lighter = exercise.clone();
    lighter.sets = sets;
    lighter.rir = exercise.rir.saturating_add(DELOAD_EXTRA_RIR);
    let max = entry.and_then(|e| prescribe::one_rep_max(profile, e));
    let tm = exercise.progression.training_max.map(|l| l.value);
    let loaded = match (max, tm, exercise.load, entry) {
        (Some(max), Some(tm), Some(_), Some(entry)) => prescribe::load(
            max,
            tm,
            lighter.reps_max.saturating_add(lighter.rir),
            profile.units,
            prescribe::barbell(entry),
        ),
        _ => None,
    };
    lighter.load_percent_1rm = loaded.map(|(percent, _)| percent);
    lighter.load = loaded.map(|(_, load)| load);
    lighter.progression.amrap = None;
    if let Some(entry) = entry {
        lighter.notes = guidance::note(entry, exercise.role, loaded.is_some(), true);
    }
    lighter
}

fn base(
    exercise: &Exercise,
    role: Role,
    sets: u8,
    progression: Progression,
    substitutes: Vec<Substitute>,
) -> PrescribedExercise {
    PrescribedExercise {
        exercise_id: exercise.id.to_string(),
        name: exercise.name.to_string(),
        pattern: exercise.pattern,
        mechanic: exercise.mechanic,
        primary_muscles: exercise.primary_muscles.to_vec(),
        secondary_muscles: exercise.secondary_muscles.to_vec(),
        equipment: exercise.equipment.to_vec(),
        unilateral: exercise.unilateral,
        role,
        sets,
        reps_min: 1,
        reps_max: 1,
        rir: 0,
        rest_seconds: 0,
        load_percent_1rm: None,
        load: None,
        notes: String::new(),
        warm_up: Vec::new(),
        substitutes,
        progression,
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

/// Prescriptions for unit tests elsewhere in the crate.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;
    use crate::generate::plan::DayKind;
    use crate::model::program::Phase;

    /// Library exercise `id` as an intermediate lifter's compound, no load.
    pub fn prescribed(id: &str) -> PrescribedExercise {
        let exercise = crate::library::find(id).expect("in library");
        let profile = Profile::from_value(&serde_json::json!({
            "goal": "hypertrophy", "experience": "intermediate", "daysPerWeek": 3,
            "sessionMinutes": 60, "weeks": 8, "equipment": ["barbell", "rack", "bench"],
        }))
        .expect("valid profile");
        let scheme = prescribe::scheme(
            &profile,
            exercise,
            Role::Compound,
            DayKind::Moderate,
            Phase::Accumulation,
            4,
            RestMode::Normal,
        );
        let context = Context {
            profile: &profile,
            exercise,
            role: Role::Compound,
            scheme: &scheme,
            training_max: None,
            loaded: false,
            deload: false,
        };
        base(
            exercise,
            Role::Compound,
            3,
            guidance::progression(&context),
            substitutes::substitutes(&profile, exercise),
        )
    }
}
