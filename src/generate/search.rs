//! The search: one seeded, deterministic, step-bounded local search over the
//! weekly template, scored by the declared constraints.
//!
//! The planning entities are exercise slots, per training day; their
//! variables are which eligible exercise and how many sets. A slot's place
//! in its session and its role (main lift, compound, isolation) follow from
//! the exercises (main lifts first, then compounds, then isolation), and its
//! rep scheme and set time from `prescribe`, so they are derived, not
//! searched. The search starts from `select`'s construction and runs late
//! acceptance (Burke & Bykov 2017) over six moves — change an exercise, add
//! or remove a set, move a set, swap slots across days, add or remove a
//! slot — for a fixed number of steps, every random choice drawn from the
//! one seeded [`Rng`]. It ends with a descent over every "one more set" move,
//! the very moves `constraints::binding` tries, so any shortfall left is one
//! the validator can prove forced.

use crate::constraints::{self, Context, Day, Entry, Level, Score, Sign, WeekView};
use crate::generate::plan::{DayKind, Plan};
use crate::generate::prescribe::{self, RestMode, Role};
use crate::generate::rng::Rng;
use crate::library::{self, Exercise};
use crate::model::anatomy::Mechanic;
use crate::model::profile::{Goal, Profile};
use crate::model::program::Phase;
use crate::rules::counting::PRIMARY_HALF_SETS;
use crate::rules::landmarks::GROUPS;
use crate::rules::{self, duration};

/// One slot of a day: an exercise (index into the pool) and its sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub exercise: usize,
    pub sets: u8,
}

/// The weekly template being searched: per day of the plan, its slots in
/// no particular order (the session order is derived).
pub type Template = Vec<Vec<Slot>>;

/// The fewest sets a slot's value range holds: where
/// `rules::choice::SETS_PER_EXERCISE` starts, except that a session shorter
/// than `rules::LONG_SESSION_MINUTES` may give an exercise a single set
/// (ACSM 2009: single-set programs suit time-limited trainees). A
/// construction trimmed for time may hold fewer; the moves only grow those.
fn fewest_sets(session_minutes: u16) -> u8 {
    if session_minutes >= rules::LONG_SESSION_MINUTES {
        FEWEST_SETS
    } else {
        1
    }
}

/// The sets a new slot starts with: where `rules::choice::SETS_PER_EXERCISE`
/// starts (the `sets_per_exercise` constraint weighs any slot below it; the
/// shortest sessions may need one).
const FEWEST_SETS: u8 = *rules::choice::SETS_PER_EXERCISE.start();

/// Late acceptance history length.
const HISTORY: usize = 32;
/// Steps of late acceptance per slot of the constructed week, and at least …
const STEPS_PER_SLOT: usize = 150;
const MIN_STEPS: usize = 1200;
/// … stopping early once the best has not improved for this many steps.
const PATIENCE: usize = 1800;

/// One distinct week of prescription: phase, block length, week in block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Config {
    phase: Phase,
    block_len: u8,
    week: u8,
}

/// Per-set time and rest of one exercise in one role on one kind of day.
#[derive(Clone, Debug)]
struct Cost {
    /// Per config: seconds of a set with its rest.
    set: Vec<u32>,
    /// Per config: rest seconds after a set.
    rest: Vec<u32>,
    /// Seconds of a set with its rest: shortest and longest over the configs.
    set_range: (u32, u32),
    /// Rest after a set: shortest and longest over the configs.
    rest_range: (u32, u32),
    /// Lowest `repsMin` over the configs.
    reps_min: u8,
    /// Highest `repsMax` over the configs.
    reps_max: u8,
}

/// Everything the search reads: the trainee, the plan, the pool, the cost table.
pub struct Problem<'a> {
    profile: &'a Profile,
    plan: &'a Plan,
    pub context: &'a Context,
    mode: RestMode,
    configs: Vec<Config>,
    costs: Vec<Option<Cost>>,
    /// Every pool exercise's part of an entry (`Entry::of`): what the
    /// constraints keep at hand about it, worked out once.
    entries: Vec<Entry>,
    /// Every pool exercise's rank in session order (`order_key`): sorting a
    /// day compares one number, not the key's four.
    order: Vec<usize>,
    /// `prescribe::suits_main_lift` of every pool exercise.
    suited: Vec<bool>,
    /// The role of every pool exercise (`role`): when it is not, and when it
    /// is, its session's first suited compound.
    roles: Vec<[Role; 2]>,
    /// The fewest sets the moves leave in a slot (`fewest_sets`).
    fewest_sets: u8,
    /// The week last judged, and per day the slots it was built from: a
    /// move touches one or two days, so only those are rebuilt.
    week: WeekView,
    built: Vec<Option<Vec<Slot>>>,
    /// Buffers for `day`: per-config session seconds, and the sorted slots.
    totals: Vec<u32>,
    sorted: Vec<Slot>,
    /// Per day, its penalties under the constraints that judge one session.
    day_scores: Vec<DayPenalties>,
    /// Per day, the version it had before its last rebuild.
    previous: Vec<Option<Previous>>,
}

/// A session's penalty at each level (`Level as usize`,
/// `constraints::day_penalty`), each worked out when first needed: `None`
/// since the day was rebuilt.
type DayPenalties = [Option<u64>; 3];

/// A day as built before its last rebuild, with the slots it was built from
/// and its score: undoing a rejected move brings it back without a rebuild.
struct Previous {
    slots: Vec<Slot>,
    day: Day,
    score: DayPenalties,
}

const ROLES: [Role; 3] = [Role::Main, Role::Compound, Role::Isolation];
const KINDS: [DayKind; 3] = [DayKind::Heavy, DayKind::Moderate, DayKind::Light];

impl<'a> Problem<'a> {
    /// The problem for this profile, plan and rest mode.
    pub fn new(profile: &'a Profile, plan: &'a Plan, context: &'a Context, mode: RestMode) -> Self {
        // A set only lengthens through a block (reps rise, rest holds), so
        // each block's first and last weeks bound all of its weeks.
        let mut configs: Vec<Config> = Vec::new();
        for week in plan.weeks.iter().filter(|w| !w.deload) {
            for at in [0, week.block_len.saturating_sub(1)] {
                let config = Config {
                    phase: week.phase,
                    block_len: week.block_len,
                    week: at,
                };
                if !configs.contains(&config) {
                    configs.push(config);
                }
            }
        }
        Problem {
            profile,
            plan,
            context,
            mode,
            configs,
            costs: vec![None; context.pool.len() * ROLES.len() * KINDS.len()],
            entries: context
                .pool
                .iter()
                .map(|e| {
                    let key = library::position(e.id).expect("the pool is drawn from the library");
                    Entry::of(key, context.goal)
                })
                .collect(),
            order: session_ranks(&context.pool),
            suited: context
                .pool
                .iter()
                .map(|e| prescribe::suits_main_lift(e))
                .collect(),
            roles: context
                .pool
                .iter()
                .map(|e| [role(profile, e, false), role(profile, e, true)])
                .collect(),
            fewest_sets: fewest_sets(profile.session_minutes),
            week: WeekView::planned(Vec::new()),
            built: Vec::new(),
            totals: Vec::new(),
            sorted: Vec::new(),
            day_scores: Vec::new(),
            previous: Vec::new(),
        }
    }

    /// The rest mode this problem prescribes with.
    pub fn mode(&self) -> RestMode {
        self.mode
    }

    fn cost(&mut self, exercise: usize, role: Role, kind: DayKind) -> &Cost {
        let r = ROLES.iter().position(|&x| x == role).unwrap_or(0);
        let k = KINDS.iter().position(|&x| x == kind).unwrap_or(0);
        let index = (exercise * ROLES.len() + r) * KINDS.len() + k;
        if self.costs[index].is_none() {
            let e = self.context.pool[exercise];
            let mut cost = Cost {
                set: Vec::with_capacity(self.configs.len()),
                rest: Vec::with_capacity(self.configs.len()),
                set_range: (0, 0),
                rest_range: (0, 0),
                reps_min: u8::MAX,
                reps_max: 0,
            };
            for config in &self.configs {
                let scheme = prescribe::scheme(
                    self.profile,
                    e,
                    role,
                    kind,
                    config.phase,
                    config.block_len,
                    self.mode,
                );
                let dose = scheme.dose(config.week);
                let set = duration::set_seconds(dose.reps_max, e.unilateral, scheme.rest_seconds);
                cost.set.push(set);
                cost.rest.push(u32::from(scheme.rest_seconds));
                cost.reps_min = cost.reps_min.min(dose.reps_min);
                cost.reps_max = cost.reps_max.max(dose.reps_max);
            }
            let range = |values: &[u32]| {
                let (low, high) = (values.iter().min(), values.iter().max());
                (low.copied().unwrap_or(0), high.copied().unwrap_or(0))
            };
            cost.set_range = range(&cost.set);
            cost.rest_range = range(&cost.rest);
            self.costs[index] = Some(cost);
        }
        self.costs[index].as_ref().expect("filled above")
    }

    /// The slots of a day in session order, with their roles.
    pub fn ordered(&self, slots: &[Slot]) -> Vec<(Slot, Role)> {
        let mut ordered: Vec<Slot> = slots.to_vec();
        let first_suited = self.sort_session(&mut ordered);
        ordered
            .iter()
            .enumerate()
            .map(|(i, &s)| (s, self.role_at(s, i, first_suited)))
            .collect()
    }

    /// Sort a day's slots into session order; returns where the first slot
    /// suited to the main-lift scheme is.
    fn sort_session(&self, slots: &mut [Slot]) -> Option<usize> {
        slots.sort_by_key(|s| self.order[s.exercise]);
        slots.iter().position(|s| self.suited[s.exercise])
    }

    /// The role of `slot` at position `i` of its sorted session.
    fn role_at(&self, slot: Slot, i: usize, first_suited: Option<usize>) -> Role {
        self.roles[slot.exercise][usize::from(first_suited == Some(i))]
    }

    /// The week the constraints judge for this template. Only the days whose
    /// slots differ from the last call's are rebuilt, and a day whose slots
    /// are back to its previous ones (a rejected move undone) is swapped back.
    pub fn view(&mut self, template: &Template) -> &WeekView {
        if self.built.len() != template.len() {
            self.built = vec![None; template.len()];
            self.day_scores = vec![DayPenalties::default(); template.len()];
            self.previous = (0..template.len()).map(|_| None).collect();
            self.week.days.clear();
            self.week.refresh_totals();
        }
        for (d, slots) in template.iter().enumerate() {
            if self.built[d].as_deref() == Some(slots.as_slice()) {
                continue;
            }
            let Some(current) = self.built[d].take() else {
                let day = self.day(d, slots, Vec::new());
                self.week.days.push(day);
                self.week.count_day(d, Sign::Add);
                self.built[d] = Some(slots.clone());
                continue;
            };
            self.week.count_day(d, Sign::Take);
            if let Some(previous) = self.previous[d].as_mut().filter(|p| p.slots == *slots) {
                std::mem::swap(&mut self.week.days[d], &mut previous.day);
                std::mem::swap(&mut self.day_scores[d], &mut previous.score);
                self.built[d] = Some(std::mem::replace(&mut previous.slots, current));
            } else {
                // The current day becomes the previous one; the old previous
                // lends its buffers to the new day.
                let (mut buffer, entries) = self.previous[d]
                    .take()
                    .map(|p| (p.slots, p.day.entries))
                    .unwrap_or_default();
                let day = self.day(d, slots, entries);
                buffer.clone_from(slots);
                self.previous[d] = Some(Previous {
                    slots: current,
                    day: std::mem::replace(&mut self.week.days[d], day),
                    score: std::mem::take(&mut self.day_scores[d]),
                });
                self.built[d] = Some(buffer);
            }
            self.week.count_day(d, Sign::Add);
        }
        &self.week
    }

    /// Day `d` of the week for these slots, its sums refreshed, built in
    /// the `entries` buffer.
    fn day(&mut self, d: usize, slots: &[Slot], mut entries: Vec<Entry>) -> Day {
        let plan_day = &self.plan.days[d];
        let kind = plan_day.kind;
        entries.clear();
        let mut sorted = std::mem::take(&mut self.sorted);
        sorted.clear();
        sorted.extend_from_slice(slots);
        let first_suited = self.sort_session(&mut sorted);
        // Per config: seconds so far; then less the rest after the last set.
        let mut totals = std::mem::take(&mut self.totals);
        totals.clear();
        totals.resize(self.configs.len(), duration::WARM_UP_SECONDS);
        for (position, &slot) in sorted.iter().enumerate() {
            let role = self.role_at(slot, position, first_suited);
            let exercise = self.entries[slot.exercise];
            let cost = self.cost(slot.exercise, role, kind);
            let sets = u32::from(slot.sets);
            for (total, &set) in totals.iter_mut().zip(&cost.set) {
                *total += duration::SETUP_SECONDS + sets * set;
            }
            // The session ends with the last set, not its rest.
            if position + 1 == sorted.len() && sets > 0 {
                for (total, &rest) in totals.iter_mut().zip(&cost.rest) {
                    *total = total.saturating_sub(rest);
                }
            }
            entries.push(Entry {
                position,
                sets: slot.sets,
                reps_min: cost.reps_min,
                reps_max: cost.reps_max,
                set_seconds: cost.set_range,
                rest_seconds: cost.rest_range,
                ..exercise
            });
        }
        let mut day = Day::new(plan_day.day, plan_day.focus, entries);
        let (mut shortest, mut longest) = (u32::MAX, 0);
        let accumulation = self.configs.iter().any(|c| c.phase == Phase::Accumulation);
        for (&seconds, config) in totals.iter().zip(&self.configs) {
            longest = longest.max(seconds);
            if !accumulation || config.phase == Phase::Accumulation {
                shortest = shortest.min(seconds);
            }
        }
        day.seconds = (shortest.min(longest), longest);
        day.refresh();
        self.totals = totals;
        self.sorted = sorted;
        day
    }

    /// The weighted penalty of the time floor (`session_time`) alone.
    pub fn time_shortfall(&mut self, template: &Template) -> u64 {
        let context = self.context;
        let view = self.view(template);
        constraints::CONSTRAINTS
            .iter()
            .filter(|c| c.rule == Some(crate::validate::Rule::SessionTime))
            .map(|c| constraints::penalty(c, view, context))
            .sum()
    }

    /// The score of a template.
    ///
    /// Incremental: the per-session constraints are rescored only for the
    /// days that changed since the last call; debug builds check the sum
    /// against the full score.
    pub fn score(&mut self, template: &Template) -> Score {
        self.score_within(template, Score::WORST)
            .expect("no score is worse than the worst")
    }

    /// The score of a template if it is better than `score`, else `None`.
    pub fn score_below(&mut self, template: &Template, score: Score) -> Option<Score> {
        self.score_within(template, score.just_below()?)
    }

    /// The score of a template if it is no worse than `bound`, else `None`,
    /// found out as soon as it is sure (`constraints::week_score_within`):
    /// late acceptance needs no more to turn a move down.
    pub fn score_within(&mut self, template: &Template, bound: Score) -> Option<Score> {
        let context = self.context;
        self.view(template);
        let (week, day_scores) = (&self.week, &mut self.day_scores);
        let days = |level: Level| {
            day_scores
                .iter_mut()
                .enumerate()
                .map(|(d, cached)| {
                    *cached[level as usize]
                        .get_or_insert_with(|| constraints::day_penalty(week, d, context, level))
                })
                .sum()
        };
        let score = constraints::week_score_within(week, context, days, bound);
        debug_assert_eq!(
            score,
            Some(constraints::score(&self.week, context)).filter(|&full| full <= bound)
        );
        score
    }
}

/// Each exercise's rank in session order (`order_key`), by pool index.
fn session_ranks(pool: &[&Exercise]) -> Vec<usize> {
    let mut in_order: Vec<usize> = (0..pool.len()).collect();
    in_order.sort_by_key(|&i| order_key(pool[i], i));
    let mut ranks = vec![0; pool.len()];
    for (rank, &i) in in_order.iter().enumerate() {
        ranks[i] = rank;
    }
    ranks
}

/// Where an exercise comes in its session (`order_key`).
type OrderKey = (u8, u8, usize, usize);

/// Session order: main lifts (those suited to heavy work first, then barbell
/// before other loading, then by main pattern), other compounds, then
/// isolation; library order breaks ties.
fn order_key(exercise: &Exercise, index: usize) -> OrderKey {
    let pattern = rules::MAIN_PATTERNS
        .iter()
        .position(|&p| p == exercise.pattern)
        .unwrap_or(rules::MAIN_PATTERNS.len());
    if rules::is_main_lift(exercise) {
        let light = u8::from(!prescribe::suits_main_lift(exercise));
        let unbarred = u8::from(rules::lift_kind(exercise) != Some(rules::LiftKind::Barbell));
        return (0, 2 * light + unbarred, pattern, index);
    }
    match exercise.mechanic {
        Mechanic::Compound => (1, 0, pattern, index),
        Mechanic::Isolation => (2, 0, pattern, index),
    }
}

/// A slot's role: the session's first compound suited to the main-lift scheme
/// (`prescribe::suits_main_lift`) is its main lift; for strength, a suited lift
/// with a known 1RM or a barbell squat, hinge or bench is trained heavy too.
fn role(profile: &Profile, exercise: &Exercise, first_suited: bool) -> Role {
    if exercise.mechanic == Mechanic::Isolation {
        return Role::Isolation;
    }
    if !prescribe::suits_main_lift(exercise) {
        return Role::Compound;
    }
    let heavy_family = rules::HEAVY_FAMILIES.contains(&exercise.pattern)
        && rules::lift_kind(exercise) == Some(rules::LiftKind::Barbell);
    let strength = profile.goal == Goal::Strength;
    if first_suited
        || (strength && (heavy_family || prescribe::one_rep_max(profile, exercise).is_some()))
    {
        Role::Main
    } else {
        Role::Compound
    }
}

/// A move, applied in place; `undo` restores the touched days.
struct Undo {
    days: [(usize, Vec<Slot>); 2],
    count: usize,
}

impl Undo {
    fn new() -> Self {
        Undo {
            days: [(0, Vec::new()), (0, Vec::new())],
            count: 0,
        }
    }

    fn save(&mut self, template: &Template, d: usize) {
        if self.days[..self.count].iter().any(|(x, _)| *x == d) {
            return;
        }
        let (day, slots) = &mut self.days[self.count];
        *day = d;
        slots.clear();
        slots.extend_from_slice(&template[d]);
        self.count += 1;
    }

    fn restore(&mut self, template: &mut Template) {
        for (d, slots) in &self.days[..self.count] {
            template[*d].clear();
            template[*d].extend_from_slice(slots);
        }
        self.count = 0;
    }
}

/// The last step of construction: trim the constructed sets, most first,
/// until every session fits under its time ceiling (one set each at least).
fn fit_time(problem: &mut Problem, template: &mut Template) {
    let ceiling = u64::from(problem.context.budget_seconds) * u64::from(rules::MAX_SESSION_PERCENT);
    for d in 0..template.len() {
        loop {
            let over = problem.view(template).days[d].seconds.1;
            if u64::from(over) * 100 <= ceiling {
                break;
            }
            let Some(slot) = template[d]
                .iter_mut()
                .filter(|s| s.sets > 1)
                .max_by_key(|s| s.sets)
            else {
                break;
            };
            slot.sets -= 1;
        }
    }
}

/// Independent runs of the search at most, while the best week found still
/// breaks a hard constraint or misses a medium one other than the time floor.
const RUNS: usize = 6;

/// Search from `start` and return the best template found with its score.
///
/// A local search can settle in a week that only a set of coordinated moves
/// would leave; so while the best week breaks a hard constraint or misses a
/// medium one other than the time floor (which is often forced), the search
/// restarts from the same construction along a new stretch of the one seeded
/// RNG — a bounded multi-start, deterministic like the rest — and the best
/// week of all runs wins.
pub fn search(problem: &mut Problem, start: Template, rng: &mut Rng) -> (Template, Score) {
    let mut start = start;
    fit_time(problem, &mut start);
    let allowed = allowed_exercises(problem, true);
    let (mut best, mut best_score) = run(problem, &allowed, start.clone(), rng);
    for _ in 1..RUNS {
        if !unmet(problem, &best, best_score) {
            break;
        }
        let (week, score) = run(problem, &allowed, start.clone(), rng);
        if score < best_score {
            best = week;
            best_score = score;
        }
    }
    // A week that still breaks a hard constraint gets the whole value range:
    // every exercise the day's focus allows, single sets in any session.
    if best_score.hard > 0 {
        let allowed = allowed_exercises(problem, false);
        problem.fewest_sets = 1;
        for _ in 0..RUNS {
            let (week, score) = run(problem, &allowed, best.clone(), rng);
            if score < best_score {
                best = week;
                best_score = score;
            }
            if best_score.hard == 0 {
                break;
            }
        }
    }
    (best, best_score)
}

/// Whether `week` breaks a hard constraint, misses a medium one other than
/// the time floor, or leaves a session short that `binding` cannot prove
/// forced: what another run of the search should try to fix.
fn unmet(problem: &mut Problem, week: &Template, score: Score) -> bool {
    let time = problem.time_shortfall(week);
    if score.hard > 0 || score.medium > time {
        return true;
    }
    if time == 0 {
        return false;
    }
    let view = problem.view(week).clone();
    let weeks = std::slice::from_ref(&view);
    (0..view.days.len()).any(|d| {
        constraints::session_time_short(&view, problem.context, d)
            && constraints::binding::short_session_binding(weeks, problem.context, d).is_none()
    })
}

/// One run of late acceptance from `start`, then the covering pass and the descent.
fn run(
    problem: &mut Problem,
    allowed: &[Vec<usize>],
    start: Template,
    rng: &mut Rng,
) -> (Template, Score) {
    let mut current = start;
    let mut current_score = problem.score(&current);
    let mut best = current.clone();
    let mut best_score = current_score;
    let mut history = [current_score; HISTORY];
    let slots: usize = current.iter().map(Vec::len).sum();
    let steps = (STEPS_PER_SLOT * slots).max(MIN_STEPS);
    let mut undo = Undo::new();
    let mut since_best = 0;
    // A week that still breaks a hard constraint gets up to four budgets.
    for step in 0..4 * steps {
        let feasible = best_score.hard == 0;
        if best_score == Score::default() || (feasible && (step >= steps || since_best >= PATIENCE))
        {
            break;
        }
        if since_best >= PATIENCE {
            // Stuck: continue from the best week found, with a fresh history.
            current.clone_from(&best);
            current_score = best_score;
            history = [best_score; HISTORY];
            since_best = 0;
        }
        // The two-set floor of a slot gives way while the week breaks a hard
        // constraint: a tiny pool may only fit its caps with single sets.
        let fewest = if current_score.hard > 0 {
            1
        } else {
            problem.fewest_sets
        };
        if !random_move(problem, allowed, &mut current, &mut undo, rng, fewest) {
            continue;
        }
        let slot = step % HISTORY;
        let bound = current_score.max(history[slot]);
        if let Some(score) = problem.score_within(&current, bound) {
            current_score = score;
            undo.count = 0;
        } else {
            undo.restore(&mut current);
        }
        history[slot] = current_score;
        if current_score < best_score {
            best_score = current_score;
            best.clone_from(&current);
            since_best = 0;
        } else {
            since_best += 1;
        }
    }
    cover(problem, allowed, &mut best, &mut best_score);
    if best_score.hard > 0 || best_score.medium > 0 {
        trade(problem, &mut best, &mut best_score);
    }
    descend(problem, &mut best, &mut best_score);
    (best, best_score)
}

/// While a hard or medium constraint is unmet, try within each day every
/// shift of one set from one slot to another, and every merge of a slot
/// into another (its sets go over, the slot goes), keeping each that
/// improves the score: the two-step trades late acceptance rarely finds
/// (a glute bridge giving its per-session glute budget to a single-leg RDL
/// that the hamstrings floor needs). Bounded to a few rounds.
fn trade(problem: &mut Problem, template: &mut Template, score: &mut Score) {
    for _ in 0..TRADE_ROUNDS {
        let mut improved = false;
        for d in 0..template.len() {
            improved |= trade_day(problem, template, score, d);
        }
        if !improved {
            return;
        }
    }
}

/// The first improving shift or merge within day `d`, applied; whether one was found.
fn trade_day(problem: &mut Problem, template: &mut Template, score: &mut Score, d: usize) -> bool {
    let len = template[d].len();
    for i in 0..len {
        for j in (0..len).filter(|&j| j != i) {
            for merge in [false, true] {
                // A merge keeps the shape rule's fewest exercises, as the
                // "remove a slot" move does.
                if (!merge && template[d][i].sets <= problem.fewest_sets)
                    || (merge && len <= problem.context.min_exercises)
                {
                    continue;
                }
                let before = template[d].clone();
                let moved = if merge { template[d][i].sets } else { 1 };
                template[d][j].sets = template[d][j].sets.saturating_add(moved);
                if merge {
                    template[d].remove(i);
                } else {
                    template[d][i].sets -= 1;
                }
                if let Some(next) = problem.score_below(template, *score) {
                    *score = next;
                    return true;
                }
                template[d] = before;
            }
        }
    }
    false
}

/// Rounds of `trade` at most.
const TRADE_ROUNDS: usize = 3;

/// For each group with a floor that no exercise of the week counts for, try
/// its best candidates at one set on each day, keeping what improves the
/// score: the "add a slot" move, tried exhaustively where `binding` would
/// otherwise have nothing to prove a shortfall with.
fn cover(
    problem: &mut Problem,
    allowed: &[Vec<usize>],
    template: &mut Template,
    score: &mut Score,
) {
    let context = problem.context;
    let max = *rules::EXERCISES_PER_SESSION.end();
    for group in crate::model::anatomy::VolumeGroup::ALL {
        let g = group as usize;
        let floor = context.floor_halves[g].max(context.minor_halves[g]);
        let counted = |t: &Template| {
            t.iter()
                .flatten()
                .any(|s| problem.entries[s.exercise].halves[g] > 0)
        };
        if floor == 0 || !context.trainable[g] || counted(template) {
            continue;
        }
        'days: for d in 0..template.len() {
            let mut candidates: Vec<usize> = allowed[d]
                .iter()
                .copied()
                .filter(|&i| problem.entries[i].halves[g] > 0)
                .filter(|&i| !template[d].iter().any(|s| s.exercise == i))
                .collect();
            candidates.sort_by_key(|&i| (problem.entries[i].choice, i));
            for &i in candidates.iter().take(3) {
                if template[d].len() >= max {
                    break;
                }
                template[d].push(Slot {
                    exercise: i,
                    sets: FEWEST_SETS,
                });
                if let Some(next) = problem.score_below(template, *score) {
                    *score = next;
                    break 'days;
                }
                template[d].pop();
            }
        }
    }
}

/// Try one more set on every slot, keeping each that improves the score,
/// until none does (bounded by the sets the template can hold).
fn descend(problem: &mut Problem, template: &mut Template, score: &mut Score) {
    loop {
        let mut improved = false;
        for d in 0..template.len() {
            for i in 0..template[d].len() {
                if template[d][i].sets >= *rules::SETS.end() {
                    continue;
                }
                template[d][i].sets += 1;
                if let Some(next) = problem.score_below(template, *score) {
                    *score = next;
                    improved = true;
                } else {
                    template[d][i].sets -= 1;
                }
            }
        }
        if !improved {
            return;
        }
    }
}

/// Per day, the pool indices its focus allows and, when `pruned`, a coach
/// would consider (`constraints::considered`).
fn allowed_exercises(problem: &Problem, pruned: bool) -> Vec<Vec<usize>> {
    let context = problem.context;
    let considered = if pruned {
        constraints::considered(&context.pool, context.goal)
    } else {
        vec![true; context.pool.len()]
    };
    problem
        .plan
        .days
        .iter()
        .map(|day| {
            let applies = context.focus_applies(day.focus);
            (0..context.pool.len())
                .filter(|&i| {
                    (!applies || constraints::focus_allows(day.focus, context.pool[i].pattern))
                        && considered[i]
                })
                .collect()
        })
        .collect()
}

/// Of two random candidates, the one a coach would rather pick
/// (`constraints::choice_cost`): the draw leans towards good exercises
/// without ruling any out.
fn tournament(problem: &Problem, candidates: &[usize], rng: &mut Rng) -> usize {
    let a = candidates[rng.below(candidates.len())];
    let b = candidates[rng.below(candidates.len())];
    let cost = |i: usize| problem.entries[i].choice;
    if cost(b) < cost(a) {
        b
    } else {
        a
    }
}

/// Take the sets of a new slot from the day's largest slots, as far as they
/// stay at the fewest sets.
fn pay_for_slot(slots: &mut [Slot]) {
    for _ in 0..FEWEST_SETS {
        if let Some(largest) = slots
            .iter_mut()
            .filter(|s| s.sets > FEWEST_SETS)
            .max_by_key(|s| s.sets)
        {
            largest.sets -= 1;
        }
    }
}

/// Apply one random legal move; false when the drawn move does not apply.
fn random_move(
    problem: &Problem,
    allowed: &[Vec<usize>],
    template: &mut Template,
    undo: &mut Undo,
    rng: &mut Rng,
    fewest: u8,
) -> bool {
    let days = template.len();
    let d = rng.below(days);
    let len = template[d].len();
    let min = problem.context.min_exercises;
    let max = (*rules::EXERCISES_PER_SESSION.end()).min(problem.context.pool.len());
    let pool = &problem.context.pool;
    let holds =
        |template: &Template, d: usize, e: usize| template[d].iter().any(|s| s.exercise == e);
    match rng.below(116) {
        // Bring a group short of its target: an exercise that trains it as
        // a primary mover joins the day at the fewest sets, paid for by the
        // day's largest slots, or takes a slot's place in a full day (what
        // a coach does when a muscle is under-served).
        108.. => {
            let context = problem.context;
            let mut weekly = [0u32; GROUPS];
            for slot in template.iter().flatten() {
                for (w, &h) in weekly
                    .iter_mut()
                    .zip(&problem.entries[slot.exercise].halves)
                {
                    *w += u32::from(h) * u32::from(slot.sets);
                }
            }
            let short: Vec<usize> = (0..GROUPS)
                .filter(|&g| {
                    let want = context.target_halves[g]
                        .max(context.floor_halves[g])
                        .max(context.minor_halves[g]);
                    context.trainable[g] && weekly[g] < want
                })
                .collect();
            if short.is_empty() {
                return false;
            }
            let g = short[rng.below(short.len())];
            let candidates: Vec<usize> = allowed[d]
                .iter()
                .copied()
                .filter(|&x| {
                    problem.entries[x].halves[g] == PRIMARY_HALF_SETS && !holds(template, d, x)
                })
                .collect();
            if candidates.is_empty() {
                return false;
            }
            let pick = tournament(problem, &candidates, rng);
            undo.save(template, d);
            if len >= max {
                let i = rng.below(len);
                template[d][i].exercise = pick;
            } else {
                pay_for_slot(&mut template[d]);
                template[d].push(Slot {
                    exercise: pick,
                    sets: FEWEST_SETS,
                });
            }
        }
        // Bring a main pattern the day lacks: replace a slot's exercise with
        // one of that pattern's main lifts (what a coach fixes first) …
        // For strength, the lift a 1RM was given for first: it takes a
        // slot's place at a usual dose, freeing the caps that slot held.
        100..=107 => {
            let i = rng.below(len);
            let tested = |x: usize| {
                pool[x]
                    .one_rep_max_lift
                    .is_some_and(|lift| problem.context.tested[lift as usize])
            };
            let lifts: Vec<usize> = allowed[d]
                .iter()
                .copied()
                .filter(|&x| {
                    problem.entries[x].main_lift
                        && !holds(template, d, x)
                        && (tested(x)
                            || !template[d]
                                .iter()
                                .any(|s| pool[s.exercise].pattern == pool[x].pattern))
                })
                .collect();
            if lifts.is_empty() {
                return false;
            }
            let strength = problem.context.goal == Goal::Strength;
            let pick = match lifts
                .iter()
                .copied()
                .filter(|&x| tested(x))
                .collect::<Vec<_>>()
            {
                first if strength && !first.is_empty() && rng.below(2) == 0 => {
                    first[rng.below(first.len())]
                }
                _ => lifts[rng.below(lifts.len())],
            };
            undo.save(template, d);
            let usual = *rules::choice::SETS_PER_EXERCISE.start() + 1;
            let slot = &mut template[d][i];
            slot.exercise = pick;
            slot.sets = slot.sets.min(usual);
        }
        // Add a set.
        0..=19 => {
            let i = rng.below(len);
            if template[d][i].sets >= *rules::SETS.end() {
                return false;
            }
            undo.save(template, d);
            template[d][i].sets += 1;
        }
        // Remove a set.
        20..=37 => {
            let i = rng.below(len);
            if template[d][i].sets <= fewest {
                return false;
            }
            undo.save(template, d);
            template[d][i].sets -= 1;
        }
        // Move a set to another slot (any day).
        38..=51 => {
            let i = rng.below(len);
            let e = rng.below(days);
            let j = rng.below(template[e].len());
            if (d, i) == (e, j)
                || template[d][i].sets <= fewest
                || template[e][j].sets >= *rules::SETS.end()
            {
                return false;
            }
            undo.save(template, d);
            undo.save(template, e);
            template[d][i].sets -= 1;
            template[e][j].sets += 1;
        }
        // Change the exercise in a slot, mostly within its pattern.
        52..=73 => {
            let i = rng.below(len);
            let old = template[d][i].exercise;
            let candidates = &allowed[d];
            if candidates.is_empty() {
                return false;
            }
            let same: Vec<usize> = if rng.below(3) > 0 {
                candidates
                    .iter()
                    .copied()
                    .filter(|&x| pool[x].pattern == pool[old].pattern && x != old)
                    .collect()
            } else {
                candidates.clone()
            };
            if same.is_empty() {
                return false;
            }
            let pick = tournament(problem, &same, rng);
            if holds(template, d, pick) {
                return false;
            }
            undo.save(template, d);
            template[d][i].exercise = pick;
            // Half the time the newcomer starts at a usual dose, so a slot
            // that grew on one exercise's terms does not block a better one
            // (a compound sharing a group already filled by isolation work).
            if rng.below(2) == 0 {
                let usual = *rules::choice::SETS_PER_EXERCISE.start() + 1;
                let slot = &mut template[d][i];
                slot.sets = slot.sets.min(usual);
            }
        }
        // Swap two slots across days.
        74..=81 => {
            let e = rng.below(days);
            if e == d {
                return false;
            }
            let i = rng.below(len);
            let j = rng.below(template[e].len());
            let (a, b) = (template[d][i], template[e][j]);
            if holds(template, d, b.exercise) || holds(template, e, a.exercise) {
                return false;
            }
            if !allowed[d].contains(&b.exercise) || !allowed[e].contains(&a.exercise) {
                return false;
            }
            undo.save(template, d);
            undo.save(template, e);
            template[d][i] = b;
            template[e][j] = a;
        }
        // Add a slot at the fewest sets, either on top or paid for by the
        // day's largest slots (so a full session can still change shape).
        82..=91 => {
            let candidates = &allowed[d];
            if len >= max || candidates.is_empty() {
                return false;
            }
            let pick = tournament(problem, candidates, rng);
            if holds(template, d, pick) {
                return false;
            }
            undo.save(template, d);
            if rng.below(2) == 0 {
                pay_for_slot(&mut template[d]);
            }
            template[d].push(Slot {
                exercise: pick,
                sets: FEWEST_SETS,
            });
        }
        // Remove a slot.
        92..=99 => {
            if len <= min {
                return false;
            }
            let i = rng.below(len);
            undo.save(template, d);
            template[d].remove(i);
        }
    }
    true
}
