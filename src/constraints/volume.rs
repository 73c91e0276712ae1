//! Constraints on how much each group is trained, how often and on which days.

use super::{At, Context, Sink, Tally, WeekView};
use crate::generate::deload::{self, Deload};
use crate::model::anatomy::VolumeGroup;
use crate::rules;

/// Half sets shown as sets, e.g. `10.5`.
fn sets(halves: u32) -> f64 {
    f64::from(halves) / 2.0
}

/// Hard: no group exceeds its weekly cap in a training week (unless the
/// exercises every session must hold force more).
pub(super) fn weekly_cap(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if week.deload {
        return;
    }
    for group in VolumeGroup::ALL {
        let (done, cap) = (
            week.weekly_halves(group),
            context.cap_halves[group as usize],
        );
        if done > cap {
            sink.breach(At::group(group), done - cap, &|| {
                format!(
                    "{}: {} weekly sets, over the cap of {}",
                    group.name(),
                    sets(done),
                    sets(cap)
                )
            });
        }
    }
}

/// The shortfall of `group` below `floor` half sets, reported as `what`.
/// The penalty is the square of the shortfall, so the search spreads a
/// scarce budget over every group rather than leaving one with nothing.
fn short(week: &WeekView, group: VolumeGroup, floor: u32, what: &'static str, sink: &mut dyn Sink) {
    let done = week.weekly_halves(group);
    if done < floor {
        let missing = floor - done;
        sink.breach(At::group(group), missing * missing, &|| {
            format!(
                "{}: {} weekly sets, under the {what} of {}",
                group.name(),
                sets(done),
                sets(floor)
            )
        });
    }
}

/// Medium: every major group some eligible exercise trains reaches its floor.
pub(super) fn weekly_floor(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if week.deload {
        return;
    }
    for group in VolumeGroup::MAJOR {
        if context.trainable[group as usize] {
            short(
                week,
                group,
                context.floor_halves[group as usize],
                "floor",
                sink,
            );
        }
    }
}

/// Medium: with enough weekly time, arms, calves and abs get direct work.
pub(super) fn minor_groups(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if week.deload {
        return;
    }
    for group in VolumeGroup::ALL {
        let floor = context.minor_halves[group as usize];
        if floor > 0 && context.trainable[group as usize] {
            short(week, group, floor, "minor-group floor", sink);
        }
    }
}

/// Medium: with enough weekly time, every trainable major group reaches its MEV.
pub(super) fn minimum_effective_volume(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if week.deload {
        return;
    }
    for group in VolumeGroup::MAJOR {
        let mev = context.mev_halves[group as usize];
        if mev > 0 && context.trainable[group as usize] {
            short(week, group, mev, "MEV", sink);
        }
    }
}

/// Soft: each group near its target (the middle of MEV..MAV), not past its MAV.
pub(super) fn target_volume(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if week.deload {
        return;
    }
    for group in VolumeGroup::ALL {
        let g = group as usize;
        if !context.trainable[g] {
            continue;
        }
        let done = week.weekly[g];
        let (target, mav) = (context.target_halves[g], context.mav_halves[g]);
        let weight = if group.is_major() { 2 } else { 1 };
        if done < target {
            sink.breach(At::group(group), weight * (target - done), &String::new);
        } else if done > mav {
            // Past MAV still grows muscle up to MRV (the hard cap), only
            // less per set; compounds spill onto synergists (squats onto
            // glutes), and a coach accepts that rather than drop the squat.
            sink.breach(At::group(group), done - mav, &String::new);
        }
    }
}

/// Hard: at most the per-session cap of primary sets per group.
pub(super) fn per_session_cap(week: &WeekView, d: usize, context: &Context, sink: &mut dyn Sink) {
    let cap = rules::session_primary_cap(context.experience);
    let day = &week.days[d];
    for group in VolumeGroup::ALL {
        let sets = day.primary[group as usize];
        if sets > cap {
            sink.breach(
                At {
                    group: Some(group),
                    ..At::day(d)
                },
                sets - cap,
                &|| {
                    format!(
                        "{} gets {sets} primary sets; the cap is {cap}",
                        group.name()
                    )
                },
            );
        }
    }
}

/// Hard: no major group is trained hard on two consecutive calendar days.
pub(super) fn recovery(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    let hard = rules::RECOVERY_HARD_DAY_SETS;
    for (d, day) in week.days.iter().enumerate() {
        let next = day.day.next();
        for group in VolumeGroup::MAJOR {
            let g = group as usize;
            if context.unavoidable[g] {
                continue;
            }
            let today = week.by_weekday[day.day.index()][g];
            let tomorrow = week.by_weekday[next.index()][g];
            if today >= hard && tomorrow >= hard {
                sink.breach(
                    At {
                        group: Some(group),
                        ..At::day(d)
                    },
                    today.min(tomorrow) - hard + 1,
                    &|| {
                        format!(
                            "{} gets 3+ primary sets on {:?} and again on {next:?}",
                            group.name(),
                            day.day
                        )
                    },
                );
            }
        }
    }
}

/// Hard: each trainable major group gets a set or more on at least two days.
pub(super) fn frequency(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if week.deload || !context.frequency_applies {
        return;
    }
    let min_halves = (2.0 * rules::FREQUENCY_MIN_SETS) as u32;
    for group in VolumeGroup::MAJOR {
        let g = group as usize;
        if !context.trainable[g] {
            continue;
        }
        let mut on = [false; 7];
        for day in week.days.iter().filter(|d| d.halves[g] >= min_halves) {
            on[day.day.index()] = true;
        }
        let count = on.iter().filter(|&&on| on).count();
        if count < rules::FREQUENCY_MIN_DAYS {
            sink.breach(
                At::group(group),
                (rules::FREQUENCY_MIN_DAYS - count) as u32,
                &|| {
                    format!(
                        "{} gets a set or more on {count} day(s); expected at least 2",
                        group.name()
                    )
                },
            );
        }
    }
}

/// Hard: push and pull sets within 3:4 … 4:3, when both are possible.
pub(super) fn balance(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if !context.balance_applies {
        return;
    }
    // A week at the smallest shape (three one-set exercises a session) has
    // no sets left to trade.
    let smallest = week.days.iter().all(|d| {
        d.entries.len() == *rules::EXERCISES_PER_SESSION.start()
            && d.entries.iter().all(|e| e.sets == 1)
    });
    if smallest {
        return;
    }
    let push = Tally::of(&week.tally.sets, &rules::PUSH_PATTERNS);
    let pull = Tally::of(&week.tally.sets, &rules::PULL_PATTERNS);
    if !rules::push_pull_balanced(push, pull) {
        let off = (3 * pull).saturating_sub(4 * push) + (3 * push).saturating_sub(4 * pull);
        sink.breach(At::WEEK, off, &|| {
            format!("{push} push sets to {pull} pull sets; expected between 3:4 and 4:3")
        });
    }
}

/// Hard: when the program has deload weeks, the deload this training week
/// turns into (`Deload::of`) keeps push:pull within 3:4 … 4:3 and
/// 40–70% of the sets, so the deload weeks keep `balance` and `deloads` too.
pub(super) fn deload_shape(week: &WeekView, context: &Context, sink: &mut dyn Sink) {
    if week.deload || !context.deloads {
        return;
    }
    if halving_keeps_shape(week, context) {
        return;
    }
    let deload = Deload::of(&week.days, context.balance_applies);
    let before: u32 = week.tally.sets.iter().sum();
    let after = deload.count;
    let (low, high) = (
        *rules::DELOAD_SETS_PERCENT.start(),
        *rules::DELOAD_SETS_PERCENT.end(),
    );
    let fewest = *rules::EXERCISES_PER_SESSION.start();
    // A deload at the smallest shape (three one-set exercises a session)
    // cannot shed more, whatever the week before held (as `validate`'s
    // deload check reads it).
    let smallest =
        week.days.iter().all(|d| d.entries.len() == fewest) && deload.sets.iter().all(|&n| n == 1);
    let over = if smallest {
        0
    } else {
        (100 * after).saturating_sub(high * before)
    };
    let off = (low * before).saturating_sub(100 * after) + over;
    if off > 0 {
        sink.breach(At::WEEK, off.div_ceil(100), &|| {
            format!("its deload keeps {after} of {before} sets; expected 40–70%")
        });
    }
    if !context.balance_applies {
        return;
    }
    // As `balance`: a deload at the smallest shape has no sets left to trade.
    let smallest = deload.kept.iter().all(|&k| k == fewest) && deload.sets.iter().all(|&n| n <= 1);
    if smallest {
        return;
    }
    let (push, pull) = (deload.push, deload.pull);
    if !rules::push_pull_balanced(push, pull) {
        let off = (3 * pull).saturating_sub(4 * push) + (3 * push).saturating_sub(4 * pull);
        sink.breach(At::WEEK, off, &|| {
            format!(
                "its deload has {push} push sets to {pull} pull sets; expected between 3:4 and 4:3"
            )
        });
    }
}

/// Whether halving every exercise's sets (rounding up), where
/// `Deload::of` starts, already has the deload's shape (`deload::shaped`):
/// then that is the deload, and it keeps at most 70% of the sets and push:pull
/// within 3:4 … 4:3.
fn halving_keeps_shape(week: &WeekView, context: &Context) -> bool {
    let tally = &week.tally;
    deload::shaped(
        tally.halved.iter().sum(),
        tally.sets.iter().sum(),
        Tally::of(&tally.halved, &rules::PUSH_PATTERNS),
        Tally::of(&tally.halved, &rules::PULL_PATTERNS),
        context.balance_applies,
    )
}
