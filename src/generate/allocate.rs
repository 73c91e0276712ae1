//! Allocation: how many sets each selected exercise gets each week.
//!
//! This module spreads sets across the week's sessions so that every major
//! group reaches its weekly floor first, is trained on at least two days,
//! then approaches its target (MAV), and finally fills the session's time up
//! to the group's MRV, while never exceeding the weekly cap, the per-session
//! and recovery caps of each day, or the time budget, and while keeping the
//! push:pull sets balanced. Everything is counted in half sets (fractional
//! counting, Pelland et al. 2024) so the arithmetic is exact integers. What
//! the sets look like (reps, rest) is decided in `prescribe`; this module only
//! needs each set's worst-case duration.

use crate::generate::plan::Plan;
use crate::library::Exercise;
use crate::model::anatomy::{Mechanic, VolumeGroup};
use crate::rules;
use crate::rules::duration;
use crate::rules::landmarks::{Analysis, GROUPS};

/// Sets an exercise normally gets at most; more only to reach a floor.
const USUAL_MAX_SETS: u8 = 5;
/// Fewest sets a training week holds, so that a deload, which keeps at
/// least three one-set exercises a session plus a set per exercise of
/// push:pull imbalance, stays within 70% of it.
pub fn min_week_sets(sessions: &[Vec<&'static Exercise>]) -> u32 {
    let (push, pull) = sessions.iter().flatten().fold((0u32, 0u32), |(a, b), e| {
        let (is_push, is_pull) = push_or_pull(e);
        (a + u32::from(is_push), b + u32::from(is_pull))
    });
    let floor =
        *rules::EXERCISES_PER_SESSION.start() as u32 * sessions.len() as u32 + push.abs_diff(pull);
    (100 * floor).div_ceil(*rules::DELOAD_SETS_PERCENT.end())
}
/// Most single-set moves the last-resort polish makes.
const POLISH_ROUNDS: usize = 24;
/// Share of the time budget the filling stage aims for, in percent.
const FILL_PERCENT: u32 = 95;

/// Worst-case time of one exercise's sets over the whole program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotCost {
    /// Longest single set including its rest, seconds.
    pub set_seconds: u32,
    /// Shortest rest it is prescribed (subtracted when it ends the session).
    pub rest_seconds: u32,
}

/// The inputs of one allocation.
pub struct Request<'a> {
    pub analysis: &'a Analysis,
    pub plan: &'a Plan,
    pub sessions: &'a [Vec<&'static Exercise>],
    /// Per session, per exercise.
    pub costs: &'a [Vec<SlotCost>],
    /// Seconds each session may take.
    pub budget_seconds: u32,
    /// Whether each major group must be trained on two days (rule 6).
    pub frequency: bool,
    /// Whether the pool allows both pushing and pulling (rule 9).
    pub balance: bool,
    /// Fewest exercises a training session may keep (rule 1).
    pub min_exercises: usize,
    /// Whether the weekly floors must be met whatever the time (rule 5).
    pub floors_binding: bool,
    /// Whether each session's first compound must stay (strength needs its heavy lift).
    pub keep_lead: bool,
    /// Groups whose floor a `pattern_unavailable` warning may excuse (one of
    /// their patterns is ruled out), so balance may take precedence.
    pub excusable: [bool; GROUPS],
}

/// Sets per exercise per session, and the floors that could not be met.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    pub sets: Vec<Vec<u8>>,
    /// Major groups left below their weekly floor.
    pub short_groups: Vec<VolumeGroup>,
    /// Sets missing from [`min_week_sets`].
    pub missing_sets: u32,
    /// Whether push:pull ended outside 3:4–4:3 although both are possible.
    pub unbalanced: bool,
    /// Half sets over the weekly caps (only forced one-set exercises overrun).
    pub over_caps: u32,
    /// Movement families the selection covers but no set does.
    pub uncovered: u32,
}

impl Allocation {
    /// How far the allocation falls short; lower is better, 0 is complete.
    pub fn shortfall(&self) -> (u32, u32, bool, u32, usize) {
        (
            self.over_caps,
            self.uncovered,
            self.unbalanced,
            self.missing_sets,
            self.short_groups.len(),
        )
    }

    /// Whether nothing fell short.
    pub fn complete(&self) -> bool {
        self.shortfall() == (0, 0, false, 0, 0)
    }
}

/// Whether an exercise's sets count as pushing or pulling for rule 9.
pub fn push_or_pull(exercise: &Exercise) -> (bool, bool) {
    (
        rules::PUSH_PATTERNS.contains(&exercise.pattern),
        rules::PULL_PATTERNS.contains(&exercise.pattern),
    )
}

struct State<'a> {
    request: &'a Request<'a>,
    contrib: Vec<Vec<[u8; GROUPS]>>,
    sets: Vec<Vec<u8>>,
    week: [u32; GROUPS],
    day: Vec<[u32; GROUPS]>,
    day_primary: Vec<[u32; GROUPS]>,
    /// Push and pull sets so far (rule 9).
    push: u32,
    pull: u32,
    /// Whether additions must keep push:pull from drifting apart.
    keep_balance: bool,
    /// Whether some selected exercise trains each group as a primary mover.
    trainable: [bool; GROUPS],
}

/// A set taken from one exercise and/or given to another.
type Move = (Option<(usize, usize)>, Option<(usize, usize)>);

/// The mutable part of [`State`], to try a change and take it back.
struct Snapshot {
    sets: Vec<Vec<u8>>,
    week: [u32; GROUPS],
    day: Vec<[u32; GROUPS]>,
    day_primary: Vec<[u32; GROUPS]>,
    push: u32,
    pull: u32,
}

/// Distribute the week's sets.
pub fn allocate(request: &Request) -> Allocation {
    let contrib: Vec<Vec<[u8; GROUPS]>> = request
        .sessions
        .iter()
        .map(|s| s.iter().map(|e| e.half_sets()).collect())
        .collect();
    let count = request.sessions.len();
    let mut state = State {
        request,
        sets: request.sessions.iter().map(|s| vec![0; s.len()]).collect(),
        contrib,
        week: [0; GROUPS],
        day: vec![[0; GROUPS]; count],
        day_primary: vec![[0; GROUPS]; count],
        push: 0,
        pull: 0,
        keep_balance: false,
        trainable: [false; GROUPS],
    };
    for halves in state.contrib.iter().flatten() {
        for (g, &h) in halves.iter().enumerate() {
            state.trainable[g] |= h == 2;
        }
    }
    let analysis = request.analysis;
    let halves = |sets: [u8; GROUPS]| sets.map(|s| 2 * u32::from(s));
    let caps = halves(analysis.caps);
    let mrv = halves(analysis.landmarks.map(|l| l.mrv));
    let targets = halves(analysis.targets);
    let floors = halves(analysis.floors);

    state.seed(&caps);
    // A floor stuck behind another group's deficit may move once that
    // group is met, so the floor pass repeats while it makes progress.
    for _ in 0..3 {
        let before = state.total();
        state.raise_to(&floors, &caps, true, rules::SETS.end().to_owned());
        if state.total() == before {
            break;
        }
    }
    if request.frequency {
        state.spread(&caps, &floors);
    }
    // From here on, extra volume must not unbalance pushing and pulling.
    state.keep_balance = request.balance;
    state.minimum_sets(&mrv, &caps);
    state.raise_to(&targets, &mrv, false, USUAL_MAX_SETS);
    state.fill_time(&mrv);
    if request.balance {
        state.balance(&[&mrv, &caps], &floors);
    }
    state.polish(&caps, &floors);
    let short_groups = VolumeGroup::MAJOR
        .iter()
        .copied()
        .filter(|&g| state.week[g as usize] < floors[g as usize])
        .collect();
    let missing_sets = min_week_sets(request.sessions).saturating_sub(state.total());
    let in_family = |family: &rules::PatternFamily, (d, i): (usize, usize)| {
        family.patterns.contains(&request.sessions[d][i].pattern)
    };
    let uncovered = rules::PATTERN_FAMILIES
        .iter()
        .filter(|family| {
            state.slots().any(|at| in_family(family, at))
                && !state
                    .slots()
                    .any(|(d, i)| in_family(family, (d, i)) && state.sets[d][i] > 0)
        })
        .count() as u32;
    Allocation {
        short_groups,
        missing_sets,
        unbalanced: request.balance && !rules::push_pull_balanced(state.push, state.pull),
        over_caps: (0..GROUPS)
            .map(|g| state.week[g].saturating_sub(caps[g]))
            .sum(),
        uncovered,
        sets: state.sets,
    }
}

impl State<'_> {
    fn cost(&self, d: usize) -> u32 {
        self.cost_plus(d, None)
    }

    /// Session seconds, with one more set of `plus` if given.
    fn cost_plus(&self, d: usize, plus: Option<usize>) -> u32 {
        let costs = &self.request.costs[d];
        let mut total = duration::WARM_UP_SECONDS;
        let mut last_rest = 0;
        for (i, &sets) in self.sets[d].iter().enumerate() {
            let sets = sets + u8::from(plus == Some(i));
            if sets == 0 {
                continue;
            }
            let cost = costs.get(i).copied().unwrap_or(SlotCost {
                set_seconds: 0,
                rest_seconds: 0,
            });
            total += duration::SETUP_SECONDS + u32::from(sets) * cost.set_seconds;
            last_rest = cost.rest_seconds;
        }
        total.saturating_sub(last_rest)
    }

    /// Whether one more set of exercise `i` on day `d` keeps every limit.
    fn can_add(&self, d: usize, i: usize, limit: &[u32; GROUPS], max_sets: u8) -> bool {
        if self.sets[d][i] >= max_sets {
            return false;
        }
        if self.keep_balance {
            let (is_push, is_pull) = push_or_pull(self.request.sessions[d][i]);
            if (is_push && 3 * (self.push + 1) > 4 * self.pull)
                || (is_pull && 3 * (self.pull + 1) > 4 * self.push)
            {
                return false;
            }
        }
        let contrib = &self.contrib[d][i];
        let caps = &self.request.plan.days[d].primary_cap;
        for g in 0..GROUPS {
            if contrib[g] == 0 {
                continue;
            }
            if self.week[g] + u32::from(contrib[g]) > limit[g] {
                return false;
            }
            if contrib[g] == 2 && self.day_primary[d][g] + 1 > u32::from(caps[g]) {
                return false;
            }
        }
        self.cost_plus(d, Some(i)) <= self.request.budget_seconds
    }

    fn add(&mut self, d: usize, i: usize) {
        self.sets[d][i] += 1;
        self.tally(d, i, true);
    }

    fn remove(&mut self, d: usize, i: usize) {
        self.sets[d][i] -= 1;
        self.tally(d, i, false);
    }

    fn tally(&mut self, d: usize, i: usize, up: bool) {
        let (is_push, is_pull) = push_or_pull(self.request.sessions[d][i]);
        let (push, pull) = (u32::from(is_push), u32::from(is_pull));
        if up {
            self.push += push;
            self.pull += pull;
        } else {
            self.push -= push;
            self.pull -= pull;
        }
        let contrib = self.contrib[d][i];
        for (g, &c) in contrib.iter().enumerate() {
            let c = u32::from(c);
            let primary = u32::from(c == 2);
            if up {
                self.week[g] += c;
                self.day[d][g] += c;
                self.day_primary[d][g] += primary;
            } else {
                self.week[g] -= c;
                self.day[d][g] -= c;
                self.day_primary[d][g] -= primary;
            }
        }
    }

    /// One set for every exercise that fits, in priority order; then, where
    /// a session still holds fewer exercises than the shape rule asks, one
    /// set regardless.
    fn seed(&mut self, caps: &[u32; GROUPS]) {
        let minimum = self.request.min_exercises;
        // Each movement family's first exercise goes first, so the week
        // keeps every family the selection covers.
        for family in &rules::PATTERN_FAMILIES {
            let first = self.slots().find(|&(d, i)| {
                family
                    .patterns
                    .contains(&self.request.sessions[d][i].pattern)
            });
            if let Some((d, i)) = first {
                if self.can_add(d, i, caps, 1) {
                    self.add(d, i);
                }
            }
        }
        for d in 0..self.sets.len() {
            for i in 0..self.sets[d].len() {
                if self.can_add(d, i, caps, 1) {
                    self.add(d, i);
                }
            }
            for i in 0..self.sets[d].len() {
                if self.sets[d].iter().filter(|&&n| n > 0).count() >= minimum {
                    break;
                }
                if self.sets[d][i] == 0 {
                    self.add(d, i);
                }
            }
        }
    }

    /// How much adding a set of `(d, i)` overshoots other groups' targets.
    fn overshoot(&self, d: usize, i: usize, group: usize) -> u32 {
        let targets = &self.request.analysis.targets;
        self.contrib[d][i]
            .iter()
            .enumerate()
            .filter(|&(g, &c)| g != group && c > 0)
            .filter(|&(g, &c)| self.week[g] + u32::from(c) > 2 * u32::from(targets[g]))
            .count() as u32
    }

    /// The best exercise to add a set to for `group`, if any fits.
    fn best_for(
        &self,
        group: usize,
        limit: &[u32; GROUPS],
        max_sets: u8,
    ) -> Option<(usize, usize)> {
        self.best_for_excluding(group, limit, max_sets, (usize::MAX, usize::MAX))
    }

    /// [`Self::best_for`] without exercise `skip`.
    fn best_for_excluding(
        &self,
        group: usize,
        limit: &[u32; GROUPS],
        max_sets: u8,
        skip: (usize, usize),
    ) -> Option<(usize, usize)> {
        self.slots()
            .filter(|&(d, i)| {
                (d, i) != skip
                    && self.contrib[d][i][group] > 0
                    && self.sets[d][i] > 0
                    && self.can_add(d, i, limit, max_sets)
            })
            .min_by_key(|&(d, i)| {
                // Primary sets first, from the exercise loading fewest other
                // groups, so shared caps stay free for other floors.
                let others = self.contrib[d][i].iter().filter(|&&c| c == 2).count();
                (
                    2 - self.contrib[d][i][group],
                    others,
                    self.overshoot(d, i, group),
                    self.day[d][group],
                    self.sets[d][i],
                    self.cost(d),
                )
            })
    }

    /// Every `(day, exercise)` position, in order.
    fn slots(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.sets
            .iter()
            .enumerate()
            .flat_map(|(d, s)| (0..s.len()).map(move |i| (d, i)))
    }

    /// Add sets until every group reaches `goal` or nothing fits.
    fn raise_to(
        &mut self,
        goal: &[u32; GROUPS],
        limit: &[u32; GROUPS],
        majors_only: bool,
        max_sets: u8,
    ) {
        let mut stuck = [false; GROUPS];
        loop {
            let next = (0..GROUPS)
                .filter(|&g| !stuck[g] && self.week[g] < goal[g])
                .filter(|&g| !majors_only || VolumeGroup::ALL[g].is_major())
                .max_by_key(|&g| {
                    let weight = if VolumeGroup::ALL[g].is_major() { 2 } else { 1 };
                    // Larger relative deficit first; ties go to the first group.
                    (
                        (goal[g] - self.week[g]) * weight * 100 / goal[g].max(1),
                        GROUPS - g,
                    )
                });
            let Some(group) = next else { return };
            match self.best_for(group, limit, max_sets) {
                Some((d, i)) => self.add(d, i),
                // Floors may take sets from exercises that hog a capped group.
                None if majors_only && self.evict_for_floor(group, limit, goal) => {}
                None => stuck[group] = true,
            }
        }
    }

    /// Add one primary set for `g` where a day's primary cap blocks it, by
    /// taking a set from another exercise that uses the capped group; kept
    /// only if no met floor or two-day frequency is lost.
    fn evict_for_floor(&mut self, g: usize, limit: &[u32; GROUPS], floors: &[u32; GROUPS]) -> bool {
        let mut candidates: Vec<(usize, usize)> = self
            .slots()
            .filter(|&(d, i)| self.contrib[d][i][g] == 2 && self.sets[d][i] > 0)
            .collect();
        candidates.sort_by_key(|&(d, i)| self.contrib[d][i].iter().filter(|&&c| c == 2).count());
        for (d, i) in candidates {
            let saved = self.snapshot();
            let before = self.standing(floors);
            let gained = self.week[g];
            for _ in 0..4 {
                if self.can_add(d, i, limit, *rules::SETS.end()) {
                    self.add(d, i);
                    break;
                }
                // Groups whose day cap or weekly limit the next set would break.
                let capped = |state: &State, h: usize| {
                    let c = u32::from(state.contrib[d][i][h]);
                    (c == 2
                        && state.day_primary[d][h]
                            >= u32::from(state.request.plan.days[d].primary_cap[h]))
                        || (c > 0 && state.week[h] + c > limit[h])
                };
                // A victim keeps every group it trains at or above its floor,
                // so floors never trade sets back and forth.
                // Groups no selected exercise trains as a primary mover can
                // never reach a floor, so they need no protecting.
                let spare = |state: &State, j: usize| {
                    (0..GROUPS).all(|h| {
                        let c = u32::from(state.contrib[d][j][h]);
                        c == 0 || !state.trainable[h] || state.week[h] >= floors[h] + c
                    })
                };
                // When time is what blocks, any spare set of the day will do.
                let out_of_time = self.cost_plus(d, Some(i)) > self.request.budget_seconds;
                let victim = (0..self.sets[d].len())
                    .filter(|&j| {
                        j != i
                            && self.contrib[d][j][g] == 0
                            && spare(self, j)
                            && self.sets[d][j] > 0
                            && (self.sets[d][j] > 1 || self.can_drop(d, j))
                            && !self.tips_balance(d, j)
                    })
                    .filter(|&j| {
                        out_of_time
                            || (0..GROUPS).any(|h| capped(self, h) && self.contrib[d][j][h] > 0)
                    })
                    .max_by_key(|&j| (self.sets[d][j], std::cmp::Reverse(j)));
                if let Some(j) = victim {
                    self.remove(d, j);
                    continue;
                }
                // Else a victim whose floors other exercises can make good.
                let compensated = (0..self.sets[d].len()).find(|&j| {
                    j != i
                        && self.contrib[d][j][g] == 0
                        && self.sets[d][j] > 0
                        && (self.sets[d][j] > 1 || self.can_drop(d, j))
                        && !self.tips_balance(d, j)
                        && (0..GROUPS).any(|h| capped(self, h) && self.contrib[d][j][h] > 0)
                        && self.remove_compensated(d, j, limit, floors)
                });
                if compensated.is_none() {
                    break;
                }
            }
            let after = self.standing(floors);
            if self.week[g] > gained && after.0 >= before.0 && after.1 >= before.1 {
                return true;
            }
            self.restore(saved);
        }
        false
    }

    /// Take a set from `(d, j)` and restore every floor that falls below
    /// with other exercises; undone (returning false) if one cannot be.
    fn remove_compensated(
        &mut self,
        d: usize,
        j: usize,
        limit: &[u32; GROUPS],
        floors: &[u32; GROUPS],
    ) -> bool {
        // Never take from a group still short of its floor: floors would
        // trade sets back and forth.
        let short_of_floor = (0..GROUPS)
            .any(|h| self.contrib[d][j][h] > 0 && self.trainable[h] && self.week[h] < floors[h]);
        if short_of_floor {
            return false;
        }
        let saved = self.snapshot();
        let met: Vec<bool> = (0..GROUPS).map(|h| self.week[h] >= floors[h]).collect();
        self.remove(d, j);
        for h in 0..GROUPS {
            while met[h] && self.week[h] < floors[h] {
                let Some((e, k)) = self.best_for_excluding(h, limit, *rules::SETS.end(), (d, j))
                else {
                    self.restore(saved);
                    return false;
                };
                self.add(e, k);
            }
        }
        true
    }

    /// Give each major group at least one fractional set on two days.
    fn spread(&mut self, caps: &[u32; GROUPS], floors: &[u32; GROUPS]) {
        let min_day = (2.0 * rules::FREQUENCY_MIN_SETS) as u32;
        for group in VolumeGroup::MAJOR {
            let g = group as usize;
            loop {
                let trained = self.day.iter().filter(|day| day[g] >= min_day).count();
                if trained >= rules::FREQUENCY_MIN_DAYS {
                    break;
                }
                // The untrained day closest to a full set, via its best exercise.
                let best = self
                    .slots()
                    .filter(|&(d, i)| {
                        self.day[d][g] < min_day
                            && self.contrib[d][i][g] > 0
                            && self.sets[d][i] > 0
                            && self.can_add(d, i, caps, *rules::SETS.end())
                    })
                    .min_by_key(|&(d, i)| {
                        (
                            min_day - self.day[d][g],
                            2 - self.contrib[d][i][g],
                            self.sets[d][i],
                        )
                    });
                match best {
                    Some((d, i)) => self.add(d, i),
                    None if self.evict_for(g, caps, floors) => {}
                    None => break,
                }
            }
        }
    }

    /// Train `g` on one more day by taking sets from exercises that share a
    /// capped primary group with an exercise that trains `g` there; kept
    /// only if no floor or other group's frequency is lost.
    fn evict_for(&mut self, g: usize, caps: &[u32; GROUPS], floors: &[u32; GROUPS]) -> bool {
        let min_day = (2.0 * rules::FREQUENCY_MIN_SETS) as u32;
        let candidates: Vec<(usize, usize)> = self
            .slots()
            .filter(|&(d, i)| {
                self.day[d][g] < min_day && self.contrib[d][i][g] > 0 && self.sets[d][i] > 0
            })
            .collect();
        for (d, i) in candidates {
            let saved = self.snapshot();
            let before = self.standing(floors);
            for _ in 0..2 * min_day {
                if self.day[d][g] >= min_day {
                    break;
                }
                if self.can_add(d, i, caps, *rules::SETS.end()) {
                    self.add(d, i);
                    continue;
                }
                let capped = |state: &State, h: usize| {
                    state.contrib[d][i][h] == 2
                        && state.day_primary[d][h]
                            >= u32::from(state.request.plan.days[d].primary_cap[h])
                };
                let victim = (0..self.sets[d].len()).find(|&j| {
                    j != i
                        && self.sets[d][j] > 0
                        && (self.sets[d][j] > 1 || self.can_drop(d, j))
                        && !self.tips_balance(d, j)
                        && (0..GROUPS).any(|h| capped(self, h) && self.contrib[d][j][h] == 2)
                });
                match victim {
                    Some(j) => self.remove(d, j),
                    None => break,
                }
            }
            let after = self.standing(floors);
            if self.day[d][g] >= min_day && after.0 >= before.0 && after.1 > before.1 {
                return true;
            }
            self.restore(saved);
        }
        false
    }

    /// Whether taking a set from `(d, i)` would shorten the side of push:pull
    /// that is not the longer one.
    fn tips_balance(&self, d: usize, i: usize) -> bool {
        if !self.request.balance {
            return false;
        }
        match push_or_pull(self.request.sessions[d][i]) {
            (true, _) => self.push <= self.pull,
            (_, true) => self.pull <= self.push,
            _ => false,
        }
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            sets: self.sets.clone(),
            week: self.week,
            day: self.day.clone(),
            day_primary: self.day_primary.clone(),
            push: self.push,
            pull: self.pull,
        }
    }

    fn restore(&mut self, saved: Snapshot) {
        self.sets = saved.sets;
        self.week = saved.week;
        self.day = saved.day;
        self.day_primary = saved.day_primary;
        self.push = saved.push;
        self.pull = saved.pull;
    }

    fn total(&self) -> u32 {
        self.sets.iter().flatten().map(|&n| u32::from(n)).sum()
    }

    fn session_total(&self, d: usize) -> u32 {
        self.sets[d].iter().map(|&n| u32::from(n)).sum()
    }

    /// Top the week up to [`min_week_sets`], thinnest session first.
    fn minimum_sets(&mut self, mrv: &[u32; GROUPS], caps: &[u32; GROUPS]) {
        let goal = min_week_sets(self.request.sessions);
        for limit in [mrv, caps] {
            while self.total() < goal {
                let pick = self
                    .slots()
                    .filter(|&(d, i)| {
                        self.sets[d][i] > 0 && self.can_add(d, i, limit, USUAL_MAX_SETS)
                    })
                    .min_by_key(|&(d, i)| (self.session_total(d), self.sets[d][i]));
                match pick {
                    Some((d, i)) => self.add(d, i),
                    None => break,
                }
            }
        }
    }

    /// Add sets, fewest-sets exercise first, until each session nears its budget.
    fn fill_time(&mut self, mrv: &[u32; GROUPS]) {
        let goal = self.request.budget_seconds * FILL_PERCENT / 100;
        for d in 0..self.sets.len() {
            while self.cost(d) < goal {
                let pick = (0..self.sets[d].len())
                    .filter(|&i| self.sets[d][i] > 0)
                    .filter(|&i| self.can_add(d, i, mrv, USUAL_MAX_SETS))
                    .min_by_key(|&i| {
                        let isolation = self.request.sessions[d][i].mechanic == Mechanic::Isolation;
                        (self.sets[d][i], isolation, self.overshoot(d, i, GROUPS))
                    });
                match pick {
                    Some(i) => self.add(d, i),
                    None => break,
                }
            }
        }
    }

    /// Whether a set of `(d, i)` can go without breaking a floor, a two-day
    /// frequency, the session minimum, or, when it is the exercise's last
    /// set, the session's exercise count, lead compound or the week's
    /// coverage of its movement family.
    fn can_remove(&self, d: usize, i: usize, floors: &[u32; GROUPS], replaced: bool) -> bool {
        let sets = self.sets[d][i];
        if sets == 0 {
            return false;
        }
        if !replaced && self.total() <= min_week_sets(self.request.sessions) {
            return false;
        }
        if sets == 1 && !self.can_drop(d, i) {
            return false;
        }
        let min_day = (2.0 * rules::FREQUENCY_MIN_SETS) as u32;
        self.contrib[d][i].iter().enumerate().all(|(g, &c)| {
            let c = u32::from(c);
            if c == 0 {
                return true;
            }
            let keeps_floor = !self.request.floors_binding
                || self.week[g] < floors[g]
                || self.week[g] - c >= floors[g];
            let trained = self.day.iter().filter(|day| day[g] >= min_day).count();
            let keeps_day = !self.request.frequency
                || self.day[d][g] < min_day
                || self.day[d][g] - c >= min_day
                || trained > rules::FREQUENCY_MIN_DAYS;
            keeps_floor && keeps_day
        })
    }

    /// What is still wrong, weighted: missing floor half-sets (when floors
    /// bind), groups trained on too few days, push:pull imbalance, and sets
    /// missing from the week's minimum. Zero means complete.
    fn defects(&self, floors: &[u32; GROUPS]) -> u32 {
        let mut defects = 0;
        if self.request.floors_binding {
            for g in VolumeGroup::MAJOR.map(|g| g as usize) {
                if self.trainable[g] && !self.request.excusable[g] {
                    defects += 3 * floors[g].saturating_sub(self.week[g]);
                }
            }
        }
        if self.request.frequency {
            let min_day = (2.0 * rules::FREQUENCY_MIN_SETS) as u32;
            for group in VolumeGroup::MAJOR {
                let g = group as usize;
                let days = self.day.iter().filter(|day| day[g] >= min_day).count();
                if self.trainable[g] && days < rules::FREQUENCY_MIN_DAYS {
                    defects += 20;
                }
            }
        }
        if self.request.balance {
            defects += (3 * self.pull).saturating_sub(4 * self.push)
                + (3 * self.push).saturating_sub(4 * self.pull);
        }
        defects + 10 * min_week_sets(self.request.sessions).saturating_sub(self.total())
    }

    /// Last resort: move single sets between exercises while that lowers the
    /// defects, within every cap and the time budget.
    fn polish(&mut self, caps: &[u32; GROUPS], floors: &[u32; GROUPS]) {
        self.keep_balance = false;
        for _ in 0..POLISH_ROUNDS {
            let current = self.defects(floors);
            if current == 0 {
                return;
            }
            let slots: Vec<(usize, usize)> =
                self.slots().filter(|&(d, i)| self.sets[d][i] > 0).collect();
            let mut best: Option<(u32, Move)> = None;
            let mut consider = |score: u32, step: Move| {
                if score < current && best.is_none_or(|(b, _)| score < b) {
                    best = Some((score, step));
                }
            };
            for from in slots.iter().copied().map(Some).chain(std::iter::once(None)) {
                if let Some((d, i)) = from {
                    if self.sets[d][i] == 1 && !self.can_drop(d, i) {
                        continue;
                    }
                    self.remove(d, i);
                    // Taking a set away may be enough on its own.
                    consider(self.defects(floors), (from, None));
                }
                for &(e, j) in &slots {
                    if Some((e, j)) != from && self.can_add(e, j, caps, *rules::SETS.end()) {
                        self.add(e, j);
                        consider(self.defects(floors), (from, Some((e, j))));
                        self.remove(e, j);
                    }
                }
                if let Some((d, i)) = from {
                    self.add(d, i);
                }
            }
            let Some((_, (from, to))) = best else {
                return;
            };
            if let Some((d, i)) = from {
                self.remove(d, i);
            }
            if let Some((e, j)) = to {
                self.add(e, j);
            }
        }
    }

    /// How many binding floors are met and major groups trained on two days:
    /// a trade must not lower either.
    fn standing(&self, floors: &[u32; GROUPS]) -> (usize, usize) {
        let min_day = (2.0 * rules::FREQUENCY_MIN_SETS) as u32;
        let floors_met = if self.request.floors_binding {
            (0..GROUPS).filter(|&g| self.week[g] >= floors[g]).count()
        } else {
            0
        };
        let frequent = if self.request.frequency {
            VolumeGroup::MAJOR
                .iter()
                .filter(|&&g| {
                    self.day
                        .iter()
                        .filter(|day| day[g as usize] >= min_day)
                        .count()
                        >= rules::FREQUENCY_MIN_DAYS
                })
                .count()
        } else {
            0
        };
        (floors_met, frequent)
    }

    /// Whether exercise `(d, i)` may leave the session altogether.
    fn can_drop(&self, d: usize, i: usize) -> bool {
        let sessions = self.request.sessions;
        let present = self.sets[d].iter().filter(|&&s| s > 0).count();
        if present <= self.request.min_exercises {
            return false;
        }
        let exercise = sessions[d][i];
        let lead = (0..sessions[d].len())
            .find(|&j| self.sets[d][j] > 0 && sessions[d][j].mechanic == Mechanic::Compound);
        if self.request.keep_lead && lead == Some(i) {
            return false;
        }
        let family = rules::PATTERN_FAMILIES
            .iter()
            .find(|f| f.patterns.contains(&exercise.pattern));
        family.is_none_or(|family| {
            self.slots().any(|(e, j)| {
                (e, j) != (d, i)
                    && self.sets[e][j] > 0
                    && family.patterns.contains(&sessions[e][j].pattern)
            })
        })
    }

    /// Move push:pull into 3:4–4:3 by adding to the short side or trimming the long one.
    fn balance(&mut self, limits: &[&[u32; GROUPS]], floors: &[u32; GROUPS]) {
        self.keep_balance = false;
        let total: usize = self.sets.iter().map(Vec::len).sum();
        for _ in 0..4 * total + 8 {
            if rules::push_pull_balanced(self.push, self.pull) {
                return;
            }
            let too_much_push = 3 * self.push > 4 * self.pull;
            let side = |exercise: &Exercise, long: bool| {
                let (is_push, is_pull) = push_or_pull(exercise);
                if too_much_push == long {
                    is_push
                } else {
                    is_pull
                }
            };
            let sessions = self.request.sessions;
            let add = limits.iter().find_map(|limit| {
                self.slots()
                    .filter(|&(d, i)| side(sessions[d][i], false) && self.sets[d][i] > 0)
                    .find(|&(d, i)| self.can_add(d, i, limit, *rules::SETS.end()))
            });
            if let Some((d, i)) = add {
                self.add(d, i);
                continue;
            }
            if self.make_room(limits, floors, &|e| side(e, false)) {
                continue;
            }
            let trim = self
                .slots()
                .filter(|&(d, i)| {
                    side(sessions[d][i], true) && self.can_remove(d, i, floors, false)
                })
                .max_by_key(|&(d, i)| (self.sets[d][i], std::cmp::Reverse((d, i))));
            match trim {
                Some((d, i)) => self.remove(d, i),
                None => return,
            }
        }
    }

    /// Trade a set of some other exercise for a set on the short side, in
    /// the same session, when time or the week's minimum blocks the short side.
    fn make_room(
        &mut self,
        limits: &[&[u32; GROUPS]],
        floors: &[u32; GROUPS],
        short_side: &dyn Fn(&Exercise) -> bool,
    ) -> bool {
        let sessions = self.request.sessions;
        // Trading a long-side set moves the difference by two, so it only
        // helps when the sides differ by more than one.
        let long_side_helps = self.push.abs_diff(self.pull) >= 2;
        let is_push_or_pull = |e: &Exercise| {
            let (push, pull) = push_or_pull(e);
            push || pull
        };
        for other_work_only in [true, false] {
            if !other_work_only && !long_side_helps {
                break;
            }
            for (d, i) in self.slots().collect::<Vec<_>>() {
                if !short_side(sessions[d][i]) || self.sets[d][i] == 0 {
                    continue;
                }
                // The same session first (it frees the time), then any other.
                let mut others: Vec<(usize, usize)> = self.slots().collect();
                others.sort_by_key(|&(e, _)| e != d);
                for (e, j) in others {
                    let other = sessions[e][j];
                    let eligible = (e, j) != (d, i)
                        && !short_side(other)
                        && is_push_or_pull(other) != other_work_only
                        && self.sets[e][j] > 0
                        && (self.sets[e][j] > 1 || self.can_drop(e, j));
                    if !eligible {
                        continue;
                    }
                    let before = self.standing(floors);
                    let saved = self.snapshot();
                    // A secondary mover frees half a set a time: take up to two.
                    for _ in 0..2 {
                        if self.sets[e][j] == 0 || (self.sets[e][j] == 1 && !self.can_drop(e, j)) {
                            break;
                        }
                        self.remove(e, j);
                        let fits = limits
                            .iter()
                            .any(|limit| self.can_add(d, i, limit, *rules::SETS.end()));
                        if fits {
                            self.add(d, i);
                            let after = self.standing(floors);
                            if after.0 >= before.0 && after.1 >= before.1 {
                                return true;
                            }
                            break;
                        }
                    }
                    self.restore(saved);
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate_program;
    use crate::model::profile::Profile;
    use crate::rules::counting;

    fn program(json: serde_json::Value) -> crate::model::program::Program {
        let profile = Profile::from_value(&json).expect("valid profile");
        generate_program(&profile).expect("generates")
    }

    #[test]
    fn floors_are_met_when_time_allows() {
        let program = program(serde_json::json!({
            "goal": "hypertrophy", "experience": "intermediate", "daysPerWeek": 3,
            "sessionMinutes": 60, "weeks": 4,
            "equipment": ["barbell", "rack", "bench", "dumbbells", "cable", "pullup_bar"],
        }));
        let sets = counting::weekly_sets(&program.weeks[0]);
        for group in VolumeGroup::MAJOR {
            let floor = rules::weekly_floor(
                crate::model::profile::Goal::Hypertrophy,
                crate::model::profile::Experience::Intermediate,
                group,
            );
            assert!(sets.get(group) >= floor, "{group:?}: {}", sets.get(group));
        }
        assert!(program.warnings.is_empty(), "{:?}", program.warnings);
    }

    #[test]
    fn consecutive_days_never_both_train_a_group_hard() {
        let program = program(serde_json::json!({
            "goal": "hypertrophy", "experience": "advanced", "daysPerWeek": 3,
            "sessionMinutes": 75, "weeks": 2, "equipment": ["dumbbells", "bench"],
            "preferredDays": ["monday", "tuesday", "wednesday"],
        }));
        let week = &program.weeks[0];
        for pair in week.sessions.windows(2) {
            for group in VolumeGroup::MAJOR {
                let hard = |s| counting::session_primary_sets(s, group) >= 3;
                assert!(!(hard(&pair[0]) && hard(&pair[1])), "{group:?}");
            }
        }
    }

    #[test]
    fn sessions_fit_the_time_budget() {
        for minutes in [20u32, 35, 60, 90, 120] {
            let program = program(serde_json::json!({
                "goal": "strength", "experience": "intermediate", "daysPerWeek": 4,
                "sessionMinutes": minutes, "weeks": 6,
                "equipment": ["barbell", "rack", "bench", "dumbbells"],
            }));
            for session in program.weeks.iter().flat_map(|w| &w.sessions) {
                let seconds = duration::session_seconds(&session.exercises);
                assert!(seconds * 100 <= minutes * 60 * 105, "{minutes} min");
            }
        }
    }

    #[test]
    fn pushing_and_pulling_stay_balanced() {
        let program = program(serde_json::json!({
            "goal": "general_fitness", "experience": "beginner", "daysPerWeek": 2,
            "sessionMinutes": 30, "weeks": 8, "equipment": ["bands", "band_anchor"],
        }));
        for week in &program.weeks {
            let count = |patterns: &[crate::model::anatomy::Pattern]| -> u32 {
                week.sessions
                    .iter()
                    .flat_map(|s| &s.exercises)
                    .filter(|e| patterns.contains(&e.pattern))
                    .map(|e| u32::from(e.sets))
                    .sum()
            };
            let (push, pull) = (count(&rules::PUSH_PATTERNS), count(&rules::PULL_PATTERNS));
            assert!(rules::push_pull_balanced(push, pull), "{push}:{pull}");
        }
    }
}
