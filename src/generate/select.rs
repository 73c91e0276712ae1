//! Selection: the construction heuristic that gives the search its start.
//!
//! Each training day walks its focus's list of patterns in order of
//! importance (main patterns first, then accessories: "first fit
//! decreasing") and takes, for each, the eligible exercise a coach would
//! pick first (`constraints` exercise choice), with a seeded choice among
//! equals; sets start at three for compounds and two for isolation, within
//! the day's planned hard/light caps. Everything this start leaves imperfect
//! is the search's job (`search`); nothing here repairs anything.

use crate::constraints::{self, Context};
use crate::generate::plan::{DayPlan, Plan};
use crate::generate::rng::Rng;
use crate::generate::search::{Slot, Template};
use crate::library::Exercise;
use crate::model::anatomy::{Mechanic, Pattern, VolumeGroup};
use crate::model::profile::{Goal, Profile};
use crate::rules;
use crate::rules::landmarks::Analysis;

/// How many exercises a session starts with: as many as the weekly volume
/// needs at about three sets each, no more than `minutes` allow (fewer,
/// longer ones for strength, whose heavy sets rest longer), and never fewer
/// than the shape rule asks.
pub fn exercises_per_session(profile: &Profile, analysis: &Analysis) -> usize {
    let minutes = usize::from(profile.session_minutes);
    let by_time = match profile.goal {
        Goal::Strength => minutes.saturating_sub(5) / 15 + 2,
        _ => minutes.saturating_sub(5) / 12 + 2,
    };
    // A set counts towards about two groups (primary plus synergists).
    let weekly_sets: usize = analysis
        .targets
        .iter()
        .map(|&t| usize::from(t))
        .sum::<usize>()
        / 2;
    let days = usize::from(profile.days_per_week.max(1));
    let by_volume = weekly_sets.div_ceil(3 * days);
    let floor = if minutes >= usize::from(rules::LONG_SESSION_MINUTES) {
        rules::MIN_EXERCISES_LONG_SESSION
    } else {
        *rules::EXERCISES_PER_SESSION.start()
    };
    by_volume
        .min(by_time)
        .clamp(floor, *rules::EXERCISES_PER_SESSION.end())
}

use Pattern::*;

const KNEE: &[Pattern] = &[Squat, Lunge];
const KNEE_LUNGE: &[Pattern] = &[Lunge, Squat];
const HIP: &[Pattern] = &[Hinge, Bridge];
const HIP_BRIDGE: &[Pattern] = &[Bridge, Hinge];
const H_PUSH: &[Pattern] = &[HorizontalPush];
const V_PUSH: &[Pattern] = &[VerticalPush];
const H_PULL: &[Pattern] = &[HorizontalPull];
const V_PULL: &[Pattern] = &[VerticalPull];
const LATERAL: &[Pattern] = &[ShoulderAbduction];
const REAR: &[Pattern] = &[RearDelt];
const CURL: &[Pattern] = &[ElbowFlexion];
const EXTENSION: &[Pattern] = &[ElbowExtension];
const LEG_CURL: &[Pattern] = &[KneeFlexion];
const LEG_EXTENSION: &[Pattern] = &[KneeExtension];
const CALF: &[Pattern] = &[CalfRaise];
const CORE: &[Pattern] = &[Core];

type Patterns = &'static [&'static [Pattern]];

const FULL_BODY: [Patterns; 3] = [
    &[
        KNEE, H_PUSH, H_PULL, HIP, V_PUSH, V_PULL, LATERAL, LEG_CURL, CURL, EXTENSION, CORE, CALF,
    ],
    &[
        HIP,
        V_PUSH,
        V_PULL,
        KNEE,
        H_PUSH,
        H_PULL,
        LEG_EXTENSION,
        REAR,
        EXTENSION,
        CURL,
        CORE,
        CALF,
    ],
    &[
        KNEE_LUNGE, H_PUSH, V_PULL, HIP_BRIDGE, V_PUSH, H_PULL, LATERAL, LEG_CURL, CURL, EXTENSION,
        CORE, CALF,
    ],
];
const UPPER: [Patterns; 2] = [
    &[
        H_PUSH, H_PULL, V_PUSH, V_PULL, LATERAL, CURL, EXTENSION, REAR, H_PUSH, H_PULL, CORE,
    ],
    &[
        V_PUSH, V_PULL, H_PUSH, H_PULL, REAR, EXTENSION, CURL, LATERAL, H_PULL, H_PUSH, CORE,
    ],
];
const LOWER: [Patterns; 2] = [
    &[
        KNEE,
        HIP,
        KNEE_LUNGE,
        LEG_CURL,
        LEG_EXTENSION,
        CALF,
        CORE,
        HIP_BRIDGE,
    ],
    &[
        HIP,
        KNEE,
        LEG_EXTENSION,
        HIP_BRIDGE,
        LEG_CURL,
        KNEE_LUNGE,
        CALF,
        CORE,
    ],
];
const PUSH: [Patterns; 2] = [
    &[H_PUSH, V_PUSH, H_PUSH, LATERAL, EXTENSION, V_PUSH, CORE],
    &[V_PUSH, H_PUSH, LATERAL, H_PUSH, EXTENSION, V_PUSH, CORE],
];
const PULL: [Patterns; 2] = [
    &[V_PULL, H_PULL, H_PULL, REAR, CURL, V_PULL, CORE],
    &[H_PULL, V_PULL, REAR, H_PULL, CURL, V_PULL, CORE],
];
const LEGS: [Patterns; 2] = [
    &[
        KNEE,
        HIP,
        KNEE_LUNGE,
        LEG_CURL,
        LEG_EXTENSION,
        CALF,
        HIP_BRIDGE,
        CORE,
    ],
    &[
        HIP,
        KNEE,
        LEG_EXTENSION,
        LEG_CURL,
        KNEE_LUNGE,
        CALF,
        HIP_BRIDGE,
        CORE,
    ],
];

/// The day's pattern list, most important first.
fn template(day: &DayPlan) -> Patterns {
    use crate::model::program::Focus;
    let variants: &[Patterns] = match day.focus {
        Focus::FullBody => &FULL_BODY,
        Focus::Upper => &UPPER,
        Focus::Lower => &LOWER,
        Focus::Push => &PUSH,
        Focus::Pull => &PULL,
        Focus::Legs => &LEGS,
    };
    variants[usize::from(day.variant) % variants.len()]
}

/// The starting template: every day filled from its pattern list.
pub fn construct(
    profile: &Profile,
    analysis: &Analysis,
    plan: &Plan,
    context: &Context,
    rng: &mut Rng,
) -> Template {
    let pool = &context.pool;
    let wanted = exercises_per_session(profile, analysis)
        .min(pool.len())
        .max(context.min_exercises.min(pool.len()));
    let considered = constraints::considered(pool, context.goal);
    plan.days
        .iter()
        .map(|day| construct_day(day, context, &considered, wanted, rng))
        .collect()
}

/// Day `day`'s slots, of `wanted` exercises where the pool allows, drawn
/// from those a coach would consider (`constraints::considered`).
fn construct_day(
    day: &DayPlan,
    context: &Context,
    considered: &[bool],
    wanted: usize,
    rng: &mut Rng,
) -> Vec<Slot> {
    let pool = &context.pool;
    let focus_applies = context.focus_applies(day.focus);
    let allowed = |e: &Exercise| !focus_applies || constraints::focus_allows(day.focus, e.pattern);
    let mut slots: Vec<Slot> = Vec::with_capacity(wanted);
    let repeats = context.max_repeats(day.focus, wanted);
    let fits = |slots: &[Slot], i: usize, limit: usize| {
        let e = pool[i];
        considered[i]
            && !slots.iter().any(|s| s.exercise == i)
            && slots
                .iter()
                .filter(|s| pool[s.exercise].pattern == e.pattern)
                .count()
                < limit
            && allowed(e)
    };
    for patterns in template(day) {
        if slots.len() >= wanted {
            break;
        }
        let candidates: Vec<usize> = (0..pool.len())
            .filter(|&i| patterns.contains(&pool[i].pattern) && fits(&slots, i, repeats))
            .collect();
        if let Some(pick) = best(context, &candidates, rng) {
            slots.push(Slot {
                exercise: pick,
                sets: 0,
            });
        }
    }
    // Fill what the pattern list could not, within the repeat limit, then
    // with anything the shape rule needs.
    for limit in [repeats, usize::MAX] {
        let target = if limit == repeats {
            wanted
        } else {
            context.min_exercises
        };
        while slots.len() < target {
            let candidates: Vec<usize> = (0..pool.len())
                .filter(|&i| fits(&slots, i, limit))
                .collect();
            let Some(pick) = best(context, &candidates, rng) else {
                break;
            };
            slots.push(Slot {
                exercise: pick,
                sets: 0,
            });
        }
    }
    while slots.len() < context.min_exercises.min(pool.len()) {
        let Some(i) = (0..pool.len()).find(|&i| !slots.iter().any(|s| s.exercise == i)) else {
            break;
        };
        slots.push(Slot {
            exercise: i,
            sets: 0,
        });
    }
    for slot in &mut slots {
        slot.sets = match pool[slot.exercise].mechanic {
            Mechanic::Compound => 3,
            Mechanic::Isolation => 2,
        };
    }
    // Keep within the day's planned primary sets per group (its hard and light days).
    for group in VolumeGroup::ALL {
        let g = group as usize;
        let cap = u32::from(day.primary_cap[g]);
        loop {
            let primary: u32 = slots
                .iter()
                .filter(|s| pool[s.exercise].is_primary_for(group))
                .map(|s| u32::from(s.sets))
                .sum();
            if primary <= cap {
                break;
            }
            let Some(slot) = slots
                .iter_mut()
                .filter(|s| pool[s.exercise].is_primary_for(group) && s.sets > 1)
                .max_by_key(|s| s.sets)
            else {
                break;
            };
            slot.sets -= 1;
        }
    }
    slots
}

/// The candidate a coach would pick first, with a seeded choice between equals.
fn best(context: &Context, candidates: &[usize], rng: &mut Rng) -> Option<usize> {
    let cost = |i: usize| constraints::choice_cost(context.pool[i], context.goal);
    let lowest = candidates.iter().map(|&i| cost(i)).min()?;
    let equal: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| cost(i) == lowest)
        .collect();
    Some(equal[rng.below(equal.len())])
}
