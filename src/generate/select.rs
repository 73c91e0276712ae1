//! Selection: which exercises each training day gets.
//!
//! This module filters the library down to what the trainee may do (via
//! `library::eligibility`), then fills each day's slots in priority order with a seeded
//! choice among the best candidates, so that the week covers every movement
//! family, gives every major group a primary mover, and keeps each day within
//! its recovery limits. The same exercises repeat every week. How many sets
//! each exercise gets is decided in `allocate`.

use crate::generate::plan::{Cluster, DayPlan, Plan};
use crate::generate::prescribe;
use crate::generate::rng::Rng;
use crate::library::eligibility;
use crate::library::Exercise;
use crate::model::anatomy::{Mechanic, Pattern, VolumeGroup};
use crate::model::profile::{Equipment, Goal, Profile};
use crate::rules;
use crate::rules::landmarks::{Analysis, GROUPS};

/// Exercises chosen per training day, compounds first, in `plan.days` order.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    pub sessions: Vec<Vec<&'static Exercise>>,
}

/// Every exercise the trainee may be given, in library order.
pub fn pool(profile: &Profile) -> Vec<&'static Exercise> {
    eligibility::eligible_exercises(profile).collect()
}

/// Fewest exercises a training session must hold: four from 45 minutes
/// when four are eligible, else three.
pub fn min_exercises(profile: &Profile, eligible: usize) -> usize {
    if profile.session_minutes >= rules::LONG_SESSION_MINUTES
        && eligible >= rules::MIN_EXERCISES_LONG_SESSION
    {
        rules::MIN_EXERCISES_LONG_SESSION
    } else {
        *rules::EXERCISES_PER_SESSION.start()
    }
}

/// How many exercises a session holds: as many as the weekly volume needs at
/// about three sets each, no more than `minutes` allow (fewer, longer ones
/// for strength, whose heavy sets rest longer), and never fewer than the
/// shape rule asks.
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

type Template = &'static [&'static [Pattern]];

const FULL_BODY: [Template; 3] = [
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
const UPPER: [Template; 2] = [
    &[
        H_PUSH, H_PULL, V_PUSH, V_PULL, LATERAL, CURL, EXTENSION, REAR, H_PUSH, H_PULL, CORE,
    ],
    &[
        V_PUSH, V_PULL, H_PUSH, H_PULL, REAR, EXTENSION, CURL, LATERAL, H_PULL, H_PUSH, CORE,
    ],
];
const LOWER: [Template; 2] = [
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
const PUSH: [Template; 2] = [
    &[H_PUSH, V_PUSH, H_PUSH, LATERAL, EXTENSION, V_PUSH, CORE],
    &[V_PUSH, H_PUSH, LATERAL, H_PUSH, EXTENSION, V_PUSH, CORE],
];
const PULL: [Template; 2] = [
    &[V_PULL, H_PULL, H_PULL, REAR, CURL, V_PULL, CORE],
    &[H_PULL, V_PULL, REAR, H_PULL, CURL, V_PULL, CORE],
];
const LEGS: [Template; 2] = [
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

fn template(day: &DayPlan) -> Template {
    use crate::model::program::Focus;
    let variants: &[Template] = match day.focus {
        Focus::FullBody => &FULL_BODY,
        Focus::Upper => &UPPER,
        Focus::Lower => &LOWER,
        Focus::Push => &PUSH,
        Focus::Pull => &PULL,
        Focus::Legs => &LEGS,
    };
    variants[usize::from(day.variant) % variants.len()]
}

/// The muscle cluster a pattern mostly loads.
fn pattern_cluster(pattern: Pattern) -> Option<Cluster> {
    match pattern {
        Squat | Lunge | Hinge | Bridge | KneeFlexion | KneeExtension | CalfRaise => {
            Some(Cluster::Legs)
        }
        HorizontalPush | VerticalPush | ElbowExtension | ShoulderAbduction => Some(Cluster::Push),
        HorizontalPull | VerticalPull | ElbowFlexion | RearDelt => Some(Cluster::Pull),
        Core | Carry => None,
    }
}

/// A day's template slots, with a full-body day's slots for clusters it
/// may train hard moved first, so short sessions lead with what is fresh.
fn ordered_slots(day: &DayPlan) -> Vec<&'static [Pattern]> {
    let mut slots: Vec<&'static [Pattern]> = template(day).to_vec();
    if day.focus == crate::model::program::Focus::FullBody {
        let hard = |patterns: &[Pattern]| {
            let cluster = patterns.first().and_then(|&p| pattern_cluster(p));
            cluster.is_none_or(|c| {
                VolumeGroup::MAJOR.iter().any(|&g| {
                    Cluster::of(g) == Some(c)
                        && day.primary_cap[g as usize] >= rules::RECOVERY_HARD_DAY_SETS as u8
                })
            })
        };
        slots.sort_by_key(|patterns| !hard(patterns));
    }
    slots
}

fn is_family_pattern(pattern: Pattern) -> bool {
    rules::PATTERN_FAMILIES
        .iter()
        .any(|f| f.patterns.contains(&pattern))
}

fn externally_loaded(exercise: &Exercise) -> bool {
    exercise.equipment.iter().any(|e| {
        matches!(
            e,
            Equipment::Barbell
                | Equipment::Dumbbells
                | Equipment::Kettlebell
                | Equipment::Cable
                | Equipment::Machine
                | Equipment::EzBar
        )
    })
}

/// The goal's usual rep band, to prefer exercises whose sensible range fits it.
fn goal_reps(goal: Goal) -> (u8, u8) {
    match goal {
        Goal::Strength => (3, 8),
        Goal::Hypertrophy => (6, 15),
        Goal::MuscularEndurance => (12, 20),
        Goal::GeneralFitness | Goal::FatLoss => (8, 15),
    }
}

/// Choose the exercises of every day of the week, `extra` more a session
/// than the volume and time suggest.
pub fn select(
    profile: &Profile,
    analysis: &Analysis,
    plan: &Plan,
    pool: &[&'static Exercise],
    extra: usize,
    rng: &mut Rng,
) -> Selection {
    let per_session = (exercises_per_session(profile, analysis) + extra)
        .min(*rules::EXERCISES_PER_SESSION.end())
        .min(pool.len());
    let mut picker = Picker {
        profile,
        plan,
        pool,
        sessions: vec![Vec::new(); plan.days.len()],
        target: None,
        per_session,
    };
    for (d, day) in plan.days.iter().enumerate() {
        for patterns in ordered_slots(day) {
            if picker.sessions[d].len() >= per_session {
                break;
            }
            if let Some(exercise) =
                picker.choose(d, rng, |e| patterns.contains(&e.pattern), patterns)
            {
                picker.sessions[d].push(exercise);
            }
        }
        // Fill what the template could not: first with the day's own
        // patterns, then with anything the day allows.
        let own = template(day);
        while picker.sessions[d].len() < per_session {
            let exercise = picker
                .choose(d, rng, |e| own.iter().any(|p| p.contains(&e.pattern)), &[])
                .or_else(|| picker.choose(d, rng, |_| true, &[]));
            let Some(exercise) = exercise else { break };
            picker.sessions[d].push(exercise);
        }
    }
    picker.repair(rng);
    // A tiny pool may leave a day short of the exercises the shape rule asks
    // for under its recovery caps; the shape rule comes first.
    let minimum = min_exercises(profile, pool.len());
    for d in 0..picker.sessions.len() {
        while picker.sessions[d].len() < minimum {
            // The exercise that overruns the fewest of the day's caps.
            let extra = pool
                .iter()
                .copied()
                .filter(|e| !picker.sessions[d].iter().any(|s| s.id == e.id))
                .min_by_key(|e| picker.overruns(d, e));
            let Some(extra) = extra else { break };
            picker.sessions[d].push(extra);
        }
    }
    Selection {
        sessions: compounds_first(picker.sessions),
    }
}

/// What the last allocation says about the selection, for [`reinforce`].
pub struct Shortfall<'a> {
    /// Groups left below their floor.
    pub short: &'a [VolumeGroup],
    /// Whether day `d` already gives the group as many primary sets as it may.
    pub saturated: &'a dyn Fn(usize, VolumeGroup) -> bool,
    /// Whether exercise `i` of day `d` may go without breaking a met floor.
    pub removable: &'a dyn Fn(usize, usize) -> bool,
}

/// Give a group left below its floor a better chance: on a day that trains
/// the group and is below its cap there, swap the least important exercise
/// that `removable` allows (or add one) for one whose primary movers include
/// the group and as few others as possible. Returns whether the selection
/// changed.
pub fn reinforce(
    profile: &Profile,
    plan: &Plan,
    pool: &[&'static Exercise],
    selection: &mut Selection,
    shortfall: &Shortfall,
    rng: &mut Rng,
) -> bool {
    let Shortfall {
        short,
        saturated,
        removable,
    } = shortfall;
    let mut picker = Picker {
        profile,
        plan,
        pool,
        sessions: selection.sessions.clone(),
        target: None,
        per_session: *rules::EXERCISES_PER_SESSION.end(),
    };
    let needs = picker.needs();
    // A newcomer that also loads a group already at its cap that day would
    // get no sets.
    let loads_saturated = |e: &Exercise, d: usize| {
        VolumeGroup::ALL
            .iter()
            .any(|&h| e.is_primary_for(h) && saturated(d, h))
    };
    let mut changed = false;
    for &group in short.iter() {
        if changed {
            break;
        }
        picker.target = Some(group);
        let need = Need::PrimaryMover(group, usize::MAX);
        let kept: Vec<Need> = needs.iter().copied().filter(|&n| picker.met(n)).collect();
        'days: for d in picker.days_for(need) {
            // A day already at the group's cap cannot take more of it.
            if saturated(d, group) {
                continue;
            }
            for position in (0..picker.sessions[d].len()).rev() {
                let removed = picker.sessions[d][position];
                let primaries = |e: &Exercise| e.primary_groups().iter().filter(|&&p| p).count();
                // An exercise of the group that also loads others may give way
                // to a purer one, freeing the others' caps for other groups.
                let purer_swap = removed.is_primary_for(group) && primaries(removed) > 1;
                let trains_short = short
                    .iter()
                    .any(|&g| (g != group || !purer_swap) && removed.is_primary_for(g));
                let is_push_or_pull = rules::PUSH_PATTERNS.contains(&removed.pattern)
                    || rules::PULL_PATTERNS.contains(&removed.pattern);
                let unbalances = is_push_or_pull && !picker.on_long_side(removed);
                if trains_short || unbalances || !removable(d, position) {
                    continue;
                }
                picker.sessions[d].remove(position);
                let fits_group = |e: &Exercise| {
                    e.is_primary_for(group)
                        && (!purer_swap || primaries(e) < primaries(removed))
                        && !loads_saturated(e, d)
                };
                let candidate = if kept.iter().all(|&n| picker.met(n)) {
                    picker.choose(d, rng, fits_group, &[])
                } else {
                    None
                };
                match candidate {
                    Some(exercise) => {
                        picker.sessions[d].insert(position, exercise);
                        changed = true;
                        break 'days;
                    }
                    None => picker.sessions[d].insert(position, removed),
                }
            }
            if picker.sessions[d].len() < *rules::EXERCISES_PER_SESSION.end() {
                let fits_group = |e: &Exercise| e.is_primary_for(group) && !loads_saturated(e, d);
                if let Some(exercise) = picker.choose(d, rng, fits_group, &[]) {
                    picker.sessions[d].push(exercise);
                    changed = true;
                    break 'days;
                }
            }
        }
    }
    // Else unblock: on a day where the group's own exercises are held back
    // by another group at its cap, swap an exercise loading that group for
    // one of the same pattern that does not.
    for &group in short.iter() {
        if changed {
            break;
        }
        picker.target = None;
        for d in 0..picker.sessions.len() {
            let blockers: Vec<VolumeGroup> = VolumeGroup::ALL
                .iter()
                .copied()
                .filter(|&h| h != group && saturated(d, h))
                .filter(|&h| {
                    picker.sessions[d]
                        .iter()
                        .any(|e| e.is_primary_for(group) && e.is_primary_for(h))
                })
                .collect();
            let loads_blocker = |e: &Exercise| blockers.iter().any(|&h| e.is_primary_for(h));
            for position in 0..picker.sessions[d].len() {
                let removed = picker.sessions[d][position];
                if removed.is_primary_for(group)
                    || !loads_blocker(removed)
                    || !removable(d, position)
                {
                    continue;
                }
                picker.sessions[d].remove(position);
                let same_pattern = |e: &Exercise| e.pattern == removed.pattern && !loads_blocker(e);
                match picker.choose(d, rng, same_pattern, &[]) {
                    Some(exercise) => {
                        picker.sessions[d].insert(position, exercise);
                        changed = true;
                        break;
                    }
                    None => picker.sessions[d].insert(position, removed),
                }
            }
            if changed {
                break;
            }
        }
    }
    if changed {
        selection.sessions = compounds_first(picker.sessions);
    }
    changed
}

/// Each session with compounds before isolation, and compounds suited to
/// the main-lift scheme first among them, slot priority kept.
fn compounds_first(sessions: Vec<Vec<&'static Exercise>>) -> Vec<Vec<&'static Exercise>> {
    sessions
        .into_iter()
        .map(|mut session| {
            session.sort_by_key(|e| {
                (
                    e.mechanic == Mechanic::Isolation,
                    !prescribe::suits_main_lift(e),
                )
            });
            session
        })
        .collect()
}

/// Whether `exercise` can lead a session: a compound, suited to the
/// main-lift scheme when `suited_only`.
fn leads(exercise: &Exercise, suited_only: bool) -> bool {
    exercise.mechanic == Mechanic::Compound
        && (!suited_only || prescribe::suits_main_lift(exercise))
}

/// A week's requirement that selection must meet when the pool allows it.
#[derive(Clone, Copy, Debug)]
enum Need {
    /// Some exercise of this family in the week.
    Family(usize),
    /// A primary mover of this group on this many distinct days.
    PrimaryMover(VolumeGroup, usize),
    /// Some exercise that counts for this group on this many distinct days.
    Touch(VolumeGroup, usize),
    /// A compound in this session (strength sessions need a heavy compound).
    Compound(usize),
    /// As many pushing as pulling exercises in the week.
    Balance,
    /// The week at one set per exercise stays within this group's weekly cap.
    Cap(VolumeGroup),
}

struct Picker<'a> {
    profile: &'a Profile,
    plan: &'a Plan,
    pool: &'a [&'static Exercise],
    sessions: Vec<Vec<&'static Exercise>>,
    /// A group being reinforced: candidates training fewer other groups win.
    target: Option<VolumeGroup>,
    /// How many exercises a session is meant to hold.
    per_session: usize,
}

impl Picker<'_> {
    /// Whether `exercise` may join day `d` without exceeding its primary caps
    /// (each exercise gets at least one set).
    fn fits(&self, d: usize, exercise: &Exercise, skip: Option<usize>) -> bool {
        let session = &self.sessions[d];
        if session.iter().any(|e| e.id == exercise.id) {
            return false;
        }
        let groups = exercise.primary_groups();
        let caps = &self.plan.days[d].primary_cap;
        (0..GROUPS).all(|g| {
            if !groups[g] {
                return true;
            }
            let already = session
                .iter()
                .enumerate()
                .filter(|&(i, e)| Some(i) != skip && e.primary_groups()[g])
                .count();
            already < usize::from(caps[g])
        })
    }

    /// How many of day `d`'s primary caps `exercise` would overrun.
    fn overruns(&self, d: usize, exercise: &Exercise) -> usize {
        let groups = exercise.primary_groups();
        let caps = &self.plan.days[d].primary_cap;
        (0..GROUPS)
            .filter(|&g| {
                groups[g]
                    && self.sessions[d]
                        .iter()
                        .filter(|e| e.primary_groups()[g])
                        .count()
                        >= usize::from(caps[g])
            })
            .count()
    }

    fn score(&self, d: usize, exercise: &Exercise, patterns: &[Pattern]) -> i32 {
        let profile = self.profile;
        let mut score = 0i32;
        if let Some(position) = patterns.iter().position(|&p| p == exercise.pattern) {
            score += 4 - 2 * position.min(2) as i32;
        }
        // Each major group the day must keep light costs a little, so tight
        // days spend their few primary sets where they count.
        let caps = &self.plan.days[d].primary_cap;
        let light = exercise
            .primary_groups()
            .iter()
            .enumerate()
            .filter(|&(g, &p)| {
                p && VolumeGroup::ALL[g].is_major() && caps[g] < rules::RECOVERY_HARD_DAY_SETS as u8
            })
            .count();
        // Off-template picks (fill-ins, repairs) weigh it heavily: there the
        // day's caps decide whether the session can hold its exercises.
        score -= light as i32 * if patterns.is_empty() { 8 } else { 1 };
        let family = is_family_pattern(exercise.pattern);
        if family && exercise.mechanic == Mechanic::Compound {
            score += 4;
        }
        if externally_loaded(exercise) {
            score += 2;
        }
        if exercise.level_min == profile.experience {
            score += 1;
        }
        let known_max = exercise
            .one_rep_max_lift
            .zip(profile.one_rep_maxes)
            .is_some_and(|(lift, maxes)| maxes.get(lift).is_some());
        if known_max {
            score += if profile.goal == Goal::Strength { 4 } else { 1 };
        }
        if exercise.unilateral {
            score -= if profile.session_minutes <= 30 { 3 } else { 1 };
        }
        let (low, high) = goal_reps(profile.goal);
        if exercise.rep_range[1] < low || exercise.rep_range[0] > high {
            score -= 2;
        }
        // Reps stay inside the library's range: one that tops out at the
        // goal's bottom leaves no room to add reps within the goal.
        if exercise.rep_range[1] < low + 2 {
            score -= 6;
        }
        // Keep pushing and pulling exercises in step (rule 9).
        let (push, pull) = self.sessions.iter().flatten().fold((0, 0), |(a, b), e| {
            (
                a + i32::from(rules::PUSH_PATTERNS.contains(&e.pattern)),
                b + i32::from(rules::PULL_PATTERNS.contains(&e.pattern)),
            )
        });
        if (rules::PUSH_PATTERNS.contains(&exercise.pattern) && push > pull)
            || (rules::PULL_PATTERNS.contains(&exercise.pattern) && pull > push)
        {
            score -= 3;
        }
        if let Some(target) = self.target {
            // Reinforcing a group: the fewer other groups it loads, the
            // more of its sets fit under the other groups' caps.
            let others = exercise
                .primary_groups()
                .iter()
                .enumerate()
                .filter(|&(g, &p)| p && g != target as usize)
                .count();
            return score - 10 * others as i32;
        }
        let used_elsewhere = self
            .sessions
            .iter()
            .enumerate()
            .any(|(i, s)| i != d && s.iter().any(|e| e.id == exercise.id));
        if used_elsewhere {
            // Strength repeats its main lifts; other goals prefer variety.
            score += if profile.goal == Goal::Strength && known_max {
                1
            } else {
                -2
            };
        }
        score
    }

    /// A seeded choice among the best-scoring candidates that fit day `d`.
    fn choose(
        &self,
        d: usize,
        rng: &mut Rng,
        wanted: impl Fn(&Exercise) -> bool,
        patterns: &[Pattern],
    ) -> Option<&'static Exercise> {
        let mut best: Vec<&'static Exercise> = Vec::new();
        let mut best_score = i32::MIN;
        for &exercise in self.pool {
            if !wanted(exercise) || !self.fits(d, exercise, None) {
                continue;
            }
            let score = self.score(d, exercise, patterns);
            if score > best_score {
                best_score = score;
                best.clear();
            }
            if score == best_score {
                best.push(exercise);
            }
        }
        if best.is_empty() {
            return None;
        }
        Some(best[rng.below(best.len())])
    }

    fn needs(&self) -> Vec<Need> {
        let profile = self.profile;
        let weekly_minutes = u32::from(profile.days_per_week) * u32::from(profile.session_minutes);
        let frequency = profile.days_per_week >= rules::FREQUENCY_APPLIES_DAYS
            && profile.session_minutes >= rules::FREQUENCY_APPLIES_MINUTES;
        let floors_bind = weekly_minutes >= rules::floors_binding_minutes(profile.experience);
        let mut needs = Vec::new();
        if weekly_minutes >= rules::COVERAGE_APPLIES_MINUTES {
            for (f, family) in rules::PATTERN_FAMILIES.iter().enumerate() {
                if self
                    .pool
                    .iter()
                    .any(|e| family.patterns.contains(&e.pattern))
                {
                    needs.push(Need::Family(f));
                }
            }
        }
        // Two days only where the frequency rule applies.
        let days_wanted = if frequency {
            self.plan.days.len().min(rules::FREQUENCY_MIN_DAYS)
        } else {
            1
        };
        for group in VolumeGroup::MAJOR {
            let movers = self.pool.iter().any(|e| e.is_primary_for(group));
            let touches = self.pool.iter().any(|e| e.counts_for(group));
            if movers && (floors_bind || frequency) {
                needs.push(Need::PrimaryMover(group, days_wanted));
            } else if touches && frequency {
                needs.push(Need::Touch(group, days_wanted));
            }
        }
        if self.pool.iter().any(|e| e.mechanic == Mechanic::Compound) {
            for d in 0..self.sessions.len() {
                needs.push(Need::Compound(d));
            }
        }
        // A tiny pool can make one set of everything overrun a weekly cap.
        for group in VolumeGroup::ALL {
            needs.push(Need::Cap(group));
        }
        // Last, so that it settles what the other repairs moved.
        let has = |patterns: &[Pattern]| self.pool.iter().any(|e| patterns.contains(&e.pattern));
        if has(&rules::PUSH_PATTERNS) && has(&rules::PULL_PATTERNS) {
            needs.push(Need::Balance);
        }
        needs
    }

    fn met(&self, need: Need) -> bool {
        match need {
            Need::Family(f) => self
                .sessions
                .iter()
                .flatten()
                .any(|e| rules::PATTERN_FAMILIES[f].patterns.contains(&e.pattern)),
            Need::PrimaryMover(group, days) => {
                self.sessions
                    .iter()
                    .filter(|s| s.iter().any(|e| e.is_primary_for(group)))
                    .count()
                    >= days
            }
            Need::Touch(group, days) => {
                self.sessions
                    .iter()
                    .filter(|s| s.iter().any(|e| e.counts_for(group)))
                    .count()
                    >= days
            }
            Need::Compound(d) => {
                let suited_only = self.suited_only();
                self.sessions[d].iter().any(|e| leads(e, suited_only))
            }
            Need::Balance => {
                let (push, pull) = self.push_pull();
                push == pull
            }
            Need::Cap(group) => {
                let cap = rules::weekly_cap(self.profile.goal, self.profile.experience);
                f64::from(self.least_halves(group)) <= 2.0 * cap
            }
        }
    }

    /// Whether a session's compound must suit the main-lift scheme: for
    /// strength, when the pool holds one.
    fn suited_only(&self) -> bool {
        self.profile.goal == Goal::Strength
            && self.pool.iter().any(|e| prescribe::suits_main_lift(e))
    }

    /// Pushing and pulling exercises in the week.
    fn push_pull(&self) -> (usize, usize) {
        let all = || self.sessions.iter().flatten();
        (
            all()
                .filter(|e| rules::PUSH_PATTERNS.contains(&e.pattern))
                .count(),
            all()
                .filter(|e| rules::PULL_PATTERNS.contains(&e.pattern))
                .count(),
        )
    }

    /// Whether `exercise` is on the week's more numerous side of push:pull.
    fn on_long_side(&self, exercise: &Exercise) -> bool {
        let (push, pull) = self.push_pull();
        (push > pull && rules::PUSH_PATTERNS.contains(&exercise.pattern))
            || (pull > push && rules::PULL_PATTERNS.contains(&exercise.pattern))
    }

    fn satisfies(need: Need, exercise: &Exercise, suited_only: bool) -> bool {
        match need {
            Need::Family(f) => rules::PATTERN_FAMILIES[f]
                .patterns
                .contains(&exercise.pattern),
            Need::PrimaryMover(group, _) => exercise.is_primary_for(group),
            Need::Touch(group, _) => exercise.counts_for(group),
            Need::Compound(_) => leads(exercise, suited_only),
            Need::Cap(group) => !exercise.counts_for(group),
            Need::Balance => false,
        }
    }

    /// Weekly half sets of `group` with one set of every exercise.
    fn least_halves(&self, group: VolumeGroup) -> u32 {
        self.sessions
            .iter()
            .flatten()
            .map(|e| u32::from(e.half_sets()[group as usize]))
            .sum()
    }

    /// Days to try for `need`: its own session, or days whose focus trains it
    /// (hard days first), then the emptiest.
    fn days_for(&self, need: Need) -> Vec<usize> {
        if let Need::Compound(s) = need {
            return vec![s];
        }
        let mut days: Vec<usize> = (0..self.sessions.len()).collect();
        days.sort_by_cached_key(|&d| {
            let day = &self.plan.days[d];
            let (trains, hard) = match need {
                Need::PrimaryMover(group, _) | Need::Touch(group, _) => (
                    Cluster::of(group).is_some_and(|c| c.weight(day.focus) > 0),
                    day.primary_cap[group as usize] >= rules::RECOVERY_HARD_DAY_SETS as u8,
                ),
                // The short side goes where its muscles may be trained hard.
                Need::Balance => {
                    let (push, pull) = self.push_pull();
                    let group = if push > pull {
                        VolumeGroup::Back
                    } else {
                        VolumeGroup::Chest
                    };
                    let hard =
                        day.primary_cap[group as usize] >= rules::RECOVERY_HARD_DAY_SETS as u8;
                    (true, hard)
                }
                _ => (true, true),
            };
            (!trains, !hard, self.sessions[d].len())
        });
        days
    }

    /// Replace or add exercises until every need the pool allows is met.
    fn repair(&mut self, rng: &mut Rng) {
        let needs = self.needs();
        for &need in &needs {
            if self.met(need) {
                continue;
            }
            // Frequency needs take a day at a time, caps an exercise at a time.
            let passes = match need {
                Need::Cap(_) => self.sessions.iter().map(Vec::len).sum(),
                _ => self.sessions.len(),
            };
            for _ in 0..passes {
                if self.met(need) || !self.repair_one(need, &needs, rng) {
                    break;
                }
            }
        }
    }

    fn repair_one(&mut self, need: Need, needs: &[Need], rng: &mut Rng) -> bool {
        // Balance first tries to add the short side where it may be trained
        // hard, which costs the long side nothing.
        if matches!(need, Need::Balance) {
            let (push, pull) = self.push_pull();
            let (short_side, group): (&[Pattern], VolumeGroup) = if push > pull {
                (&rules::PULL_PATTERNS, VolumeGroup::Back)
            } else {
                (&rules::PUSH_PATTERNS, VolumeGroup::Chest)
            };
            for d in 0..self.sessions.len() {
                let hard = self.plan.days[d].primary_cap[group as usize]
                    >= rules::RECOVERY_HARD_DAY_SETS as u8;
                // Only into a session with room for one more exercise.
                if !hard || self.sessions[d].len() >= self.per_session {
                    continue;
                }
                if let Some(exercise) =
                    self.choose(d, rng, |e| short_side.contains(&e.pattern), &[])
                {
                    self.sessions[d].push(exercise);
                    return true;
                }
            }
            // Then other work there gives way to the short side.
            let kept: Vec<Need> = needs
                .iter()
                .copied()
                .filter(|&n| !matches!(n, Need::Balance) && self.met(n))
                .collect();
            for d in 0..self.sessions.len() {
                let hard = self.plan.days[d].primary_cap[group as usize]
                    >= rules::RECOVERY_HARD_DAY_SETS as u8;
                if !hard {
                    continue;
                }
                for position in (0..self.sessions[d].len()).rev() {
                    let removed = self.sessions[d][position];
                    let pushes_or_pulls = rules::PUSH_PATTERNS.contains(&removed.pattern)
                        || rules::PULL_PATTERNS.contains(&removed.pattern);
                    if pushes_or_pulls {
                        continue;
                    }
                    self.sessions[d].remove(position);
                    let candidate = if kept.iter().all(|&n| self.met(n)) {
                        self.choose(d, rng, |e| short_side.contains(&e.pattern), &[])
                    } else {
                        None
                    };
                    match candidate {
                        Some(exercise) => {
                            self.sessions[d].insert(position, exercise);
                            return true;
                        }
                        None => self.sessions[d].insert(position, removed),
                    }
                }
            }
        }
        for d in self.days_for(need) {
            let already = match need {
                Need::PrimaryMover(group, _) => {
                    self.sessions[d].iter().any(|e| e.is_primary_for(group))
                }
                Need::Touch(group, _) => self.sessions[d].iter().any(|e| e.counts_for(group)),
                _ => false,
            };
            if already {
                continue;
            }
            // Balance trades an exercise of the long side for one of the short side.
            let (push, pull) = self.push_pull();
            let short_side: &[Pattern] = if push > pull {
                &rules::PULL_PATTERNS
            } else {
                &rules::PUSH_PATTERNS
            };
            let suited_only = self.suited_only();
            let wanted = |e: &Exercise| match need {
                Need::Balance => short_side.contains(&e.pattern),
                _ => Self::satisfies(need, e, suited_only),
            };
            // Replace the least important exercise whose loss breaks nothing met.
            // Balance is settled last, so other repairs need not keep it.
            let kept: Vec<Need> = needs
                .iter()
                .copied()
                .filter(|&n| !matches!(n, Need::Balance) && self.met(n))
                .collect();
            for position in (0..self.sessions[d].len()).rev() {
                let removed = self.sessions[d][position];
                // Trading sides moves the difference by two; a difference of
                // one is closed by trading other work for the short side.
                let tradeable = if push.abs_diff(pull) >= 2 {
                    self.on_long_side(removed)
                } else {
                    !rules::PUSH_PATTERNS.contains(&removed.pattern)
                        && !rules::PULL_PATTERNS.contains(&removed.pattern)
                };
                if matches!(need, Need::Balance) && !tradeable {
                    continue;
                }
                if let Need::Cap(group) = need {
                    if !removed.counts_for(group) {
                        continue;
                    }
                }
                // Other repairs never take from the side that is not longer.
                let is_push_or_pull = rules::PUSH_PATTERNS.contains(&removed.pattern)
                    || rules::PULL_PATTERNS.contains(&removed.pattern);
                if !matches!(need, Need::Balance) && is_push_or_pull && !self.on_long_side(removed)
                {
                    continue;
                }
                self.sessions[d].remove(position);
                let still = kept.iter().all(|&n| self.met(n));
                // A cap is eased by anything that counts less for the group.
                let lighter = |e: &Exercise| match need {
                    Need::Cap(group) => {
                        let weight = |x: &Exercise| x.half_sets()[group as usize];
                        weight(e) < weight(removed)
                    }
                    _ => wanted(e),
                };
                let candidate = if still {
                    self.choose(d, rng, lighter, &[])
                } else {
                    None
                };
                if let Some(exercise) = candidate {
                    self.sessions[d].insert(position, exercise);
                    // The newcomer must not break what was met either.
                    if kept.iter().all(|&n| self.met(n)) {
                        return true;
                    }
                    self.sessions[d].remove(position);
                }
                self.sessions[d].insert(position, removed);
            }
            let adds = !matches!(need, Need::Cap(_));
            if adds && self.sessions[d].len() < *rules::EXERCISES_PER_SESSION.end() {
                if let Some(exercise) = self.choose(d, rng, wanted, &[]) {
                    self.sessions[d].push(exercise);
                    if kept.iter().all(|&n| self.met(n)) {
                        return true;
                    }
                    self.sessions[d].pop();
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::plan::plan;
    use crate::rules::landmarks::analyze;

    fn profile(json: serde_json::Value) -> Profile {
        Profile::from_value(&json).expect("valid profile")
    }

    fn run(p: &Profile) -> Selection {
        let analysis = analyze(p);
        let pool = pool(p);
        let plan = plan(p, &analysis, &pool);
        select(
            p,
            &analysis,
            &plan,
            &pool,
            0,
            &mut Rng::new(p.effective_seed()),
        )
    }

    #[test]
    fn compounds_come_before_isolation() {
        let p = profile(serde_json::json!({
            "goal": "hypertrophy", "experience": "intermediate", "daysPerWeek": 4,
            "sessionMinutes": 75, "weeks": 8,
            "equipment": ["barbell", "rack", "bench", "dumbbells", "cable", "machine", "pullup_bar"],
        }));
        for session in run(&p).sessions {
            let first_isolation = session
                .iter()
                .position(|e| e.mechanic == Mechanic::Isolation)
                .unwrap_or(session.len());
            assert!(session[first_isolation..]
                .iter()
                .all(|e| e.mechanic == Mechanic::Isolation));
        }
    }

    #[test]
    fn selection_never_uses_ineligible_exercises() {
        let p = profile(serde_json::json!({
            "goal": "strength", "experience": "beginner", "daysPerWeek": 3,
            "sessionMinutes": 60, "weeks": 4, "equipment": ["dumbbells"],
            "injuries": ["knee", "shoulder"], "excludedExercises": ["push_up"],
        }));
        for exercise in run(&p).sessions.iter().flatten() {
            assert!(eligibility::is_eligible(&p, exercise), "{}", exercise.id);
        }
    }

    #[test]
    fn week_covers_every_available_family() {
        let p = profile(serde_json::json!({
            "goal": "general_fitness", "experience": "beginner", "daysPerWeek": 3,
            "sessionMinutes": 30, "weeks": 4, "equipment": ["dumbbells", "pullup_bar"],
        }));
        let selection = run(&p);
        for family in rules::PATTERN_FAMILIES {
            assert!(
                selection
                    .sessions
                    .iter()
                    .flatten()
                    .any(|e| family.patterns.contains(&e.pattern)),
                "{}",
                family.name
            );
        }
    }

    #[test]
    fn same_seed_selects_the_same_exercises() {
        let p = profile(serde_json::json!({
            "goal": "hypertrophy", "experience": "advanced", "daysPerWeek": 6,
            "sessionMinutes": 90, "weeks": 8, "equipment": ["dumbbells", "bench", "cable"],
        }));
        assert_eq!(run(&p), run(&p));
    }

    #[test]
    fn short_sessions_hold_three_exercises_and_long_ones_more() {
        let count = |goal: &str, days: u8, minutes: u16| {
            let p = profile(serde_json::json!({
                "goal": goal, "experience": "intermediate", "daysPerWeek": days,
                "sessionMinutes": minutes, "weeks": 4, "equipment": [],
            }));
            exercises_per_session(&p, &analyze(&p))
        };
        assert_eq!(count("hypertrophy", 3, 20), 3);
        assert!(count("strength", 3, 45) >= 4);
        assert_eq!(count("hypertrophy", 1, 120), 9);
        assert!(count("general_fitness", 6, 120) < count("hypertrophy", 1, 120));
    }
}
