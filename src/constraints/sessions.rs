//! Constraints on each session: time, focus, variety, order, heavy lifts,
//! pattern coverage, and which exercises fill it.

use super::context::{focus_allows, suits_heavy};
use super::{At, Context, Groups, Sink, WeekView};
use crate::library::Exercise;
use crate::model::anatomy::{Mechanic, VolumeGroup};
use crate::model::profile::Goal;
use crate::model::program::Focus;
use crate::rules;
use crate::rules::landmarks::GROUPS;

/// Hard: each family of patterns that is possible appears in every training
/// week with enough weekly time.
pub(super) fn pattern_coverage(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if week.deload || !context.coverage_applies {
        return;
    }
    for family in &rules::PATTERN_FAMILIES {
        if !context.family_available(family) {
            continue;
        }
        let covered = family
            .patterns
            .iter()
            .any(|&p| week.tally.held[p as usize] > 0);
        if !covered {
            sink.breach(At::WEEK, 1, &|| format!("no {} exercise", family.name));
        }
    }
}

/// Hard: no session runs over the ceiling of its budget.
pub(super) fn time_ceiling(week: &WeekView, d: usize, context: &Context, sink: &mut dyn Sink) {
    let ceiling = u64::from(context.budget_seconds) * u64::from(rules::MAX_SESSION_PERCENT);
    let seconds = u64::from(week.days[d].seconds.1);
    if seconds * 100 > ceiling {
        let over = (seconds * 100 - ceiling)
            .div_ceil(1000)
            .min(u64::from(u32::MAX));
        sink.breach(At::day(d), over as u32, &|| {
            format!(
                "{seconds} s is over {}% of the {} min budget",
                rules::MAX_SESSION_PERCENT,
                context.session_minutes
            )
        });
    }
}

/// Medium: accumulation sessions use at least the time floor of their
/// budget, unless the week is truly capped: every group some eligible
/// exercise trains as a primary mover is within
/// `rules::CAPPED_MARGIN_SETS` of its weekly cap, so more time could only
/// hold junk volume.
pub(super) fn session_time(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if !week.accumulation {
        return;
    }
    let gap = cap_gap(week, context);
    if gap == 0 {
        return;
    }
    let floor = u64::from(context.budget_seconds) * u64::from(rules::MIN_SESSION_PERCENT);
    let short = |seconds: u32| (floor.saturating_sub(u64::from(seconds) * 100)).div_ceil(1000);
    let total: u64 = week.days.iter().map(|d| short(d.seconds.0)).sum();
    // The week can leave this rule either by using the time or by coming
    // within the margin of every cap; the penalty is the nearer of the two
    // (a half set is worth about 80 s), so the search sees both ways out.
    let nearer = total.min(u64::from(gap) * 8);
    for (d, day) in week.days.iter().enumerate() {
        let seconds = day.seconds.0;
        let own = short(seconds);
        if own == 0 {
            continue;
        }
        let amount = (own * nearer).div_ceil(total).min(u64::from(u32::MAX));
        sink.breach(At::day(d), amount as u32, &|| {
            format!(
                "{seconds} s is under {}% of the {} min budget, and the week is not capped",
                rules::MIN_SESSION_PERCENT,
                context.session_minutes
            )
        });
    }
}

/// Whether day `day` of `week` falls under the time floor (`session_time`).
pub fn session_time_short(week: &WeekView, context: &Context, day: usize) -> bool {
    let floor = u64::from(context.budget_seconds) * u64::from(rules::MIN_SESSION_PERCENT);
    week.accumulation
        && cap_gap(week, context) > 0
        && week
            .days
            .get(day)
            .is_some_and(|d| u64::from(d.seconds.0) * 100 < floor)
}

/// Half sets by which the trainable groups together fall short of being
/// within the margin of their weekly caps; 0 when the week is truly capped.
fn cap_gap(week: &WeekView, context: &Context) -> u32 {
    let margin = 2 * rules::CAPPED_MARGIN_SETS;
    VolumeGroup::ALL
        .iter()
        .map(|&g| g as usize)
        .filter(|&g| context.trainable[g])
        .map(|g| context.capped_halves[g].saturating_sub(margin + week.weekly[g]))
        .sum()
}

/// Whether every trainable group is within the margin of its weekly cap.
pub fn truly_capped(week: &WeekView, context: &Context) -> bool {
    cap_gap(week, context) == 0
}

/// Soft: every training session uses its whole budget, evenly across the week.
pub(super) fn unused_time(week: &WeekView, d: usize, context: &Context, sink: &mut dyn Sink) {
    if week.deload {
        return;
    }
    // Squared minutes: the week's time is spread evenly over its sessions.
    let unused = context
        .budget_seconds
        .saturating_sub(week.days[d].seconds.0)
        / 60;
    if unused > 0 {
        sink.breach(At::day(d), unused * unused / 2 + unused, &String::new);
    }
}

/// Hard: a day holds only exercises of its focus (when enough eligible
/// exercises fit the focus to fill its sessions).
pub(super) fn session_focus(week: &WeekView, d: usize, context: &Context, sink: &mut dyn Sink) {
    let day = &week.days[d];
    if !context.focus_applies(day.focus) {
        return;
    }
    for (i, entry) in day.entries.iter().enumerate() {
        if !focus_allows(day.focus, entry.exercise.pattern) {
            sink.breach(At::entry(d, i), 1, &|| {
                format!(
                    "{} ({:?}) does not belong on a {:?} day",
                    entry.exercise.id, entry.exercise.pattern, day.focus
                )
            });
        }
    }
}

/// Hard: no movement pattern repeats in a short session, none appears more
/// than twice in a long one.
pub(super) fn near_duplicates(week: &WeekView, d: usize, context: &Context, sink: &mut dyn Sink) {
    // A deload only drops exercises of a week that kept this rule.
    if week.deload {
        return;
    }
    let day = &week.days[d];
    let most = context.max_repeats(day.focus, day.entries.len());
    for (i, entry) in day.entries.iter().enumerate() {
        let pattern = entry.exercise.pattern;
        let before = day.entries[..i]
            .iter()
            .filter(|e| e.exercise.pattern == pattern)
            .count();
        if before >= most {
            sink.breach(At::entry(d, i), 1, &|| {
                format!(
                    "{} repeats the {pattern:?} pattern (at most {most} in a session of {})",
                    entry.exercise.id,
                    day.entries.len()
                )
            });
        }
    }
}

/// Hard: main lifts (loaded compounds of the main patterns) lead their sessions.
pub(super) fn main_lifts_first(week: &WeekView, d: usize, _: &Context, sink: &mut dyn Sink) {
    // A deload halves sets unevenly; the rule is for the training weeks.
    if week.deload {
        return;
    }
    let mut other_seen = false;
    for (i, entry) in week.days[d].entries.iter().enumerate() {
        if entry.main_lift && other_seen {
            sink.breach(At::entry(d, i), 1, &|| {
                format!(
                    "main lift {} comes after other exercises",
                    entry.exercise.id
                )
            });
        }
        other_seen |= !entry.main_lift;
    }
}

/// Hard: no isolation exercise of a group gets more weekly sets than that
/// group's best-served main lift.
pub(super) fn main_lift_sets(week: &WeekView, _: &Context, sink: &mut dyn Sink) {
    if week.deload {
        return;
    }
    let weekly = &week.by_exercise;
    let mut main_sets = [0u32; GROUPS];
    // Nested loops, not `flat_map`: this runs on most moves of the search.
    for day in &week.days {
        for entry in day.entries.iter().filter(|e| e.main_lift) {
            for g in entry.primary.indices() {
                main_sets[g] = main_sets[g].max(weekly[entry.key]);
            }
        }
    }
    for (d, day) in week.days.iter().enumerate() {
        for (i, entry) in day.entries.iter().enumerate() {
            if entry.exercise.mechanic != Mechanic::Isolation {
                continue;
            }
            // Reported once, where the exercise first appears.
            let first = || {
                week.days[..d]
                    .iter()
                    .flat_map(|x| &x.entries)
                    .chain(&day.entries[..i])
                    .all(|e| e.key != entry.key)
            };
            let sets = weekly[entry.key];
            for g in entry.primary.and(Groups::MAJOR).indices() {
                let main_sets = main_sets[g];
                if main_sets > 0 && sets > main_sets && first() {
                    sink.breach(At::entry(d, i), sets - main_sets, &|| {
                        format!(
                            "{} gets {sets} weekly sets, more than the {main_sets} of the main lift for {}",
                            entry.exercise.id,
                            VolumeGroup::ALL[g].name()
                        )
                    });
                }
            }
        }
    }
}

/// Hard: for strength, every session holds a compound suited to heavy work at
/// ≤ 6 reps (rule 10) whenever one fits the day.
pub(super) fn strength_compound(week: &WeekView, d: usize, context: &Context, sink: &mut dyn Sink) {
    if week.deload || context.goal != Goal::Strength {
        return;
    }
    let day = &week.days[d];
    let heavy = day
        .entries
        .iter()
        .any(|e| suits_heavy(e.exercise) && e.reps_max <= rules::HEAVY_REPS_MAX);
    if !heavy && context.heavy_fits(day.focus) {
        sink.breach(At::day(d), 1, &|| {
            "a strength session needs a compound at 6 reps or fewer".to_string()
        });
    }
}

/// Hard: in a training week, goals other than strength keep their share of
/// sets in the goal's rep band (rule 10), among the sets whose library rep
/// range can reach the band with room to progress.
pub(super) fn goal_reps_share(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    let Some(share) = rules::goal_share_percent(context.goal) else {
        return;
    };
    if week.deload {
        return;
    }
    let (mut fitting, mut total) = (0u32, 0u32);
    for entry in week.days.iter().flat_map(|d| &d.entries) {
        let e = entry.exercise;
        if !entry.band_reachable {
            continue;
        }
        let sets = u32::from(entry.sets);
        total += sets;
        if rules::set_fits_goal(context.goal, e.mechanic, entry.reps_min, entry.reps_max) {
            fitting += sets;
        }
    }
    let needed = (share * total).div_ceil(100);
    if fitting < needed {
        sink.breach(At::WEEK, needed - fitting, &|| {
            format!(
                "{fitting} of {total} sets fit the {:?} rep band; expected {share}%",
                context.goal
            )
        });
    }
}

/// Medium: for strength, the squat, hinge and bench families each get their
/// heavy weekly sets whenever a barbell version is eligible.
pub(super) fn heavy_main_lifts(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if week.deload || context.goal != Goal::Strength || !context.quality_applies {
        return;
    }
    for pattern in rules::HEAVY_FAMILIES {
        if !context.barbell[pattern as usize] {
            continue;
        }
        let heavy = week.tally.heavy[pattern as usize];
        if heavy < rules::HEAVY_FAMILY_SETS {
            sink.breach(At::WEEK, rules::HEAVY_FAMILY_SETS - heavy, &|| {
                format!(
                    "{pattern:?}: {heavy} weekly sets at ≤ {} reps; expected {}",
                    rules::HEAVY_REPS_MAX,
                    rules::HEAVY_FAMILY_SETS
                )
            });
        }
    }
}

/// Soft: for strength, each lift the trainee gave a 1RM for is trained at
/// least `rules::HEAVY_FAMILY_SETS` sets a week: it is the lift being
/// tested and the one whose loads are known; one per set short.
pub(super) fn tested_lifts(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if week.deload || context.goal != Goal::Strength {
        return;
    }
    for (lift, &sets) in week.tally.lifts.iter().enumerate() {
        if context.tested[lift] && sets < rules::HEAVY_FAMILY_SETS {
            sink.breach(At::WEEK, rules::HEAVY_FAMILY_SETS - sets, &String::new);
        }
    }
}

/// Soft: main patterns are trained with loadable compounds (a barbell first
/// for strength), staples before improvised variants, and exercises suit
/// the goal's rep band; per set, so the better exercise also gets the sets;
/// each slot costs a little, so fewer exercises with more sets each win.
pub(super) fn exercise_choice(week: &WeekView, d: usize, _: &Context, sink: &mut dyn Sink) {
    for (i, entry) in week.days[d].entries.iter().enumerate() {
        let cost = entry.choice * u32::from(entry.sets) + SLOT_COST;
        sink.breach(At::entry(d, i), cost, &String::new);
    }
}

/// Soft: in a training week each exercise gets `rules::choice::SETS_PER_EXERCISE`
/// working sets in its session, and the main lift leading it at least
/// `rules::choice::MAIN_LIFT_SETS_MIN`; one per set outside the range.
pub(super) fn sets_per_exercise(week: &WeekView, d: usize, _: &Context, sink: &mut dyn Sink) {
    if week.deload {
        return;
    }
    let range = rules::choice::SETS_PER_EXERCISE;
    for (i, entry) in week.days[d].entries.iter().enumerate() {
        let fewest = if entry.main_lift && entry.position == 0 {
            rules::choice::MAIN_LIFT_SETS_MIN
        } else {
            *range.start()
        };
        let off = fewest.saturating_sub(entry.sets) + entry.sets.saturating_sub(*range.end());
        if off > 0 {
            sink.breach(At::entry(d, i), u32::from(off), &String::new);
        }
    }
}

/// How much a coach would rather not pick `exercise` for `goal`.
pub fn choice_cost(exercise: &Exercise, goal: Goal) -> u32 {
    let strength = goal == Goal::Strength;
    let mut cost = match (rules::lift_kind(exercise), exercise.mechanic) {
        // The four lifts 1RMs are given for (squat, bench, deadlift, press)
        // come first: every program above is built on them, and for
        // strength their loads are known and they are what is tested.
        (Some(rules::LiftKind::Barbell), _) => u32::from(exercise.one_rep_max_lift.is_none()),
        // A barbell lift is the one a trainee learns and progresses longest
        // (the beginner programs in `rules::choice` are built on them).
        (Some(rules::LiftKind::Loaded), _) => 2 + u32::from(strength),
        (Some(rules::LiftKind::Unloaded), _) => 3 + 2 * u32::from(strength),
        (None, Mechanic::Compound) => 2 + u32::from(strength),
        (None, Mechanic::Isolation) => 2,
    };
    // Strength trains heavy: a compound suited to heavy work (`suits_heavy`)
    // beats any that is not, whatever its equipment.
    if strength && exercise.mechanic == Mechanic::Compound {
        cost = if suits_heavy(exercise) {
            cost.min(1)
        } else {
            cost + 2
        };
    }
    // Improvised variants are for trainees who own nothing better; the
    // pruning in the search keeps them out wherever a staple of the same
    // pattern is eligible.
    if !rules::choice::is_staple(exercise.id) {
        cost += NOT_STAPLE;
    }
    // Work that counts for no volume group (carries, grip) is a finisher, not a filler.
    if exercise.half_sets().iter().all(|&h| h == 0) {
        cost += 4;
    }
    // The goal's band is for the lifts that carry it; isolation assistance
    // runs at 8–20 reps whatever the goal (5/3/1's assistance work).
    let (low, high) = rules::goal_reps(goal);
    let outside = exercise.rep_range[1] < low || exercise.rep_range[0] > high;
    if outside && exercise.mechanic == Mechanic::Compound {
        cost += 2;
    }
    cost
}

/// Soft: the main patterns carry the week: each main pattern with an
/// eligible main lift gets one in the week.
pub(super) fn main_patterns(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if week.deload {
        return;
    }
    for pattern in rules::MAIN_PATTERNS {
        if !context.loaded[pattern as usize] {
            continue;
        }
        let held = week.tally.main_lift[pattern as usize] > 0;
        if !held {
            sink.breach(At::WEEK, MISSING_MAIN_LIFT, &String::new);
        }
    }
}

/// Soft: a full-body day trains every available main pattern, and a pattern
/// repeats within a session only when nothing else fits (filler comes from
/// new patterns, not a second calf raise or a second RDL).
pub(super) fn session_patterns(week: &WeekView, d: usize, context: &Context, sink: &mut dyn Sink) {
    if week.deload {
        return;
    }
    let day = &week.days[d];
    if day.focus == Focus::FullBody {
        for pattern in rules::MAIN_PATTERNS {
            let trained = day.entries.iter().any(|e| e.exercise.pattern == pattern);
            if context.pattern_available(pattern) && !trained {
                sink.breach(At::day(d), MISSING_FULL_BODY_PATTERN, &String::new);
            }
        }
    }
    for (i, entry) in day.entries.iter().enumerate() {
        let pattern = entry.exercise.pattern;
        if day.entries[..i]
            .iter()
            .any(|e| e.exercise.pattern == pattern)
        {
            sink.breach(At::entry(d, i), REPEATED_PATTERN, &String::new);
        }
    }
}

/// How much worse than the best of its pattern (`choice_cost`) an exercise
/// may be and still be considered: the value range is pruned to what a coach
/// would pick, so the construction and the search spend their effort there.
const CHOICE_SLACK: u32 = 2;

/// Fewer considered exercises than this (two full sessions' worth) and the
/// pruning is dropped.
const SMALL_POOL: usize = 2 * *rules::EXERCISES_PER_SESSION.end();

/// Per pool exercise, whether a coach would consider it: its choice cost is
/// within `CHOICE_SLACK` of the best eligible exercise of its pattern, or it
/// trains as a primary mover a group that nothing so considered does (a
/// close-grip push-up is someone's only chest work).
pub fn considered(pool: &[&Exercise], goal: Goal) -> Vec<bool> {
    let costs: Vec<u32> = pool.iter().map(|e| choice_cost(e, goal)).collect();
    let mut best = [u32::MAX; super::context::PATTERNS];
    for (e, &cost) in pool.iter().zip(&costs) {
        let b = &mut best[e.pattern as usize];
        *b = (*b).min(cost);
    }
    let mut considered: Vec<bool> = pool
        .iter()
        .zip(&costs)
        .map(|(e, &cost)| cost <= best[e.pattern as usize] + CHOICE_SLACK)
        .collect();
    // A small pool needs every exercise to fill its sessions without
    // repeating a pattern (`near_duplicates` counts on the whole pool).
    if considered.iter().filter(|&&c| c).count() < SMALL_POOL {
        return vec![true; pool.len()];
    }
    for group in VolumeGroup::ALL {
        let trains = |e: &Exercise| e.is_primary_for(group);
        let served = pool.iter().zip(&considered).any(|(e, &c)| c && trains(e));
        if !served {
            for (c, e) in considered.iter_mut().zip(pool) {
                *c |= trains(e);
            }
        }
    }
    considered
}

/// What each exercise in a session costs on its own: a set-up, a new
/// movement to learn, a longer page; fewer exercises at 3–4 sets read as a
/// program, many at 2 as a sampler.
const SLOT_COST: u32 = 4;

/// What not being a staple (`rules::choice::STAPLES`) adds to the choice
/// cost: more than the search's slack within a pattern.
const NOT_STAPLE: u32 = 3;

/// `main_patterns` penalties, in units of its weight: a week without a main
/// lift of an eligible main pattern costs more than a main lift of five sets
/// at the worst choice cost …
const MISSING_MAIN_LIFT: u32 = 24;
/// … a full-body day missing a main pattern somewhat less …
const MISSING_FULL_BODY_PATTERN: u32 = 8;
/// … and a pattern repeated within a session a little.
const REPEATED_PATTERN: u32 = 6;
