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

use crate::anatomy::{Mechanic, VolumeGroup};
use crate::duration;
use crate::library::Exercise;
use crate::planner::Plan;
use crate::rules;
use crate::volume::{Analysis, GROUPS};

/// Sets an exercise normally gets at most; more only to reach a floor.
const USUAL_MAX_SETS: u8 = 5;
/// Fewest sets a training session holds, so a deload can halve it.
pub const MIN_SESSION_SETS: u32 = 5;
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
}

/// Sets per exercise per session, and the floors that could not be met.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    pub sets: Vec<Vec<u8>>,
    /// Major groups left below their weekly floor.
    pub short_groups: Vec<VolumeGroup>,
    /// Seconds per session under the worst-case durations.
    pub seconds: Vec<u32>,
}

/// Half sets one set of `exercise` adds to each group (2 primary, 1 secondary).
pub fn contributions(exercise: &Exercise) -> [u8; GROUPS] {
    let mut halves = [0u8; GROUPS];
    for muscle in exercise.secondary_muscles {
        if let Some(group) = muscle.group() {
            halves[group as usize] = 1;
        }
    }
    for muscle in exercise.primary_muscles {
        if let Some(group) = muscle.group() {
            halves[group as usize] = 2;
        }
    }
    halves
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
}

/// Distribute the week's sets.
pub fn allocate(request: &Request) -> Allocation {
    let contrib: Vec<Vec<[u8; GROUPS]>> = request
        .sessions
        .iter()
        .map(|s| s.iter().map(|e| contributions(e)).collect())
        .collect();
    let count = request.sessions.len();
    let mut state = State {
        request,
        sets: request.sessions.iter().map(|s| vec![0; s.len()]).collect(),
        contrib,
        week: [0; GROUPS],
        day: vec![[0; GROUPS]; count],
        day_primary: vec![[0; GROUPS]; count],
    };
    let analysis = request.analysis;
    let halves = |sets: [u8; GROUPS]| sets.map(|s| 2 * u32::from(s));
    let caps = halves(analysis.caps);
    let mrv = halves(analysis.landmarks.map(|l| l.mrv));
    let targets = halves(analysis.targets);
    let floors = halves(analysis.floors);

    state.seed(&caps);
    state.raise_to(&floors, &caps, true, rules::SETS.end().to_owned());
    if request.frequency {
        state.spread(&caps);
    }
    state.minimum_sets(&mrv, &caps);
    state.raise_to(&targets, &mrv, false, USUAL_MAX_SETS);
    state.fill_time(&mrv);
    if request.balance {
        state.balance(&mrv, &floors);
    }
    let short_groups = VolumeGroup::MAJOR
        .iter()
        .copied()
        .filter(|&g| state.week[g as usize] < floors[g as usize])
        .collect();
    let seconds = (0..count).map(|d| state.cost(d)).collect();
    Allocation {
        sets: state.sets,
        short_groups,
        seconds,
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

    /// One set for every exercise that fits, in priority order.
    fn seed(&mut self, caps: &[u32; GROUPS]) {
        for d in 0..self.sets.len() {
            for i in 0..self.sets[d].len() {
                if self.can_add(d, i, caps, 1) {
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
        self.slots()
            .filter(|&(d, i)| {
                self.contrib[d][i][group] > 0
                    && self.sets[d][i] > 0
                    && self.can_add(d, i, limit, max_sets)
            })
            .min_by_key(|&(d, i)| {
                (
                    2 - self.contrib[d][i][group],
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
                None => stuck[group] = true,
            }
        }
    }

    /// Give each major group at least one fractional set on two days.
    fn spread(&mut self, caps: &[u32; GROUPS]) {
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
                let Some((d, i)) = best else { break };
                self.add(d, i);
            }
        }
    }

    /// Top every session up to [`MIN_SESSION_SETS`] sets.
    fn minimum_sets(&mut self, mrv: &[u32; GROUPS], caps: &[u32; GROUPS]) {
        for d in 0..self.sets.len() {
            for limit in [mrv, caps] {
                while self.sets[d].iter().map(|&s| u32::from(s)).sum::<u32>() < MIN_SESSION_SETS {
                    let pick = (0..self.sets[d].len())
                        .filter(|&i| self.sets[d][i] > 0)
                        .filter(|&i| self.can_add(d, i, limit, USUAL_MAX_SETS))
                        .min_by_key(|&i| self.sets[d][i]);
                    match pick {
                        Some(i) => self.add(d, i),
                        None => break,
                    }
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

    fn push_pull(&self) -> (u32, u32) {
        let mut push = 0;
        let mut pull = 0;
        for (d, session) in self.request.sessions.iter().enumerate() {
            for (i, exercise) in session.iter().enumerate() {
                let sets = u32::from(self.sets[d][i]);
                match push_or_pull(exercise) {
                    (true, _) => push += sets,
                    (_, true) => pull += sets,
                    _ => {}
                }
            }
        }
        (push, pull)
    }

    /// Whether a set of `(d, i)` can go without breaking a floor, a
    /// two-day frequency, or the session minimum.
    fn can_remove(&self, d: usize, i: usize, floors: &[u32; GROUPS]) -> bool {
        if self.sets[d][i] <= 1 {
            return false;
        }
        let session: u32 = self.sets[d].iter().map(|&s| u32::from(s)).sum();
        if session <= MIN_SESSION_SETS {
            return false;
        }
        let min_day = (2.0 * rules::FREQUENCY_MIN_SETS) as u32;
        self.contrib[d][i].iter().enumerate().all(|(g, &c)| {
            let c = u32::from(c);
            if c == 0 {
                return true;
            }
            let keeps_floor = self.week[g] < floors[g] || self.week[g] - c >= floors[g];
            let trained = self.day.iter().filter(|day| day[g] >= min_day).count();
            let keeps_day = self.day[d][g] < min_day
                || self.day[d][g] - c >= min_day
                || trained > rules::FREQUENCY_MIN_DAYS;
            keeps_floor && keeps_day
        })
    }

    /// Move push:pull into 3:4–4:3 by adding to the short side or trimming the long one.
    fn balance(&mut self, mrv: &[u32; GROUPS], floors: &[u32; GROUPS]) {
        let total: usize = self.sets.iter().map(Vec::len).sum();
        for _ in 0..4 * total + 8 {
            let (push, pull) = self.push_pull();
            if rules::push_pull_balanced(push, pull) {
                return;
            }
            let too_much_push = 3 * push > 4 * pull;
            let mut added = false;
            'add: for d in 0..self.sets.len() {
                for i in 0..self.sets[d].len() {
                    let (is_push, is_pull) = push_or_pull(self.request.sessions[d][i]);
                    let short_side = if too_much_push { is_pull } else { is_push };
                    if short_side
                        && self.sets[d][i] > 0
                        && self.can_add(d, i, mrv, *rules::SETS.end())
                    {
                        self.add(d, i);
                        added = true;
                        break 'add;
                    }
                }
            }
            if added {
                continue;
            }
            let mut trim: Option<(u8, (usize, usize))> = None;
            for d in 0..self.sets.len() {
                for i in 0..self.sets[d].len() {
                    let (is_push, is_pull) = push_or_pull(self.request.sessions[d][i]);
                    let long_side = if too_much_push { is_push } else { is_pull };
                    if long_side && self.can_remove(d, i, floors) {
                        let sets = self.sets[d][i];
                        if trim.is_none_or(|(s, _)| sets > s) {
                            trim = Some((sets, (d, i)));
                        }
                    }
                }
            }
            match trim {
                Some((_, (d, i))) => self.remove(d, i),
                None => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library;

    #[test]
    fn contributions_count_a_group_once_and_primary_over_secondary() {
        let row = library::find("barbell_row").expect("in library");
        let halves = contributions(row);
        assert_eq!(halves[VolumeGroup::Back as usize], 2);
        assert_eq!(halves[VolumeGroup::Biceps as usize], 1);
        assert_eq!(halves[VolumeGroup::Shoulders as usize], 1);
        assert_eq!(halves[VolumeGroup::Chest as usize], 0);
    }
}
