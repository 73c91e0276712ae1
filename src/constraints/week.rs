//! The week the constraints judge: days of ordered exercises with their
//! sets and set times, and the per-group sums every constraint reads.
//!
//! The generator builds one from its weekly template, with each session's
//! time bounded over all the weeks the template stands for (shortest
//! accumulation week, longest training week); the validator builds one from
//! each week of a program, with the times `rules::duration` gives it.

use super::context::PATTERNS;
use crate::library::{self, Exercise};
use crate::model::anatomy::{Mechanic, Pattern, VolumeGroup};
use crate::model::profile::{Goal, Weekday};
use crate::model::program::{Focus, Phase, Week};
use crate::rules::landmarks::GROUPS;
use crate::rules::{self, duration};

/// One exercise of a day, in session order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    pub exercise: &'static Exercise,
    /// The exercise's index in the library (`library::position`).
    pub key: usize,
    /// Position in the program's session (differs from the index when a
    /// program holds ids the library lacks).
    pub position: usize,
    pub sets: u8,
    /// What one set counts per group (`Exercise::half_sets`), kept at hand.
    pub halves: [u8; GROUPS],
    /// The groups one set counts for in full (`Groups::primary`).
    pub primary: Groups,
    /// Whether the exercise is a main lift (`rules::is_main_lift`), kept at hand.
    pub main_lift: bool,
    /// `constraints::choice_cost` for the goal, kept at hand.
    pub choice: u32,
    /// Whether its library rep range can reach the goal's band
    /// (`rules::band_reachable`), kept at hand.
    pub band_reachable: bool,
    /// Lowest `repsMin` over the weeks this entry stands for.
    pub reps_min: u8,
    /// Highest `repsMax` over the weeks this entry stands for.
    pub reps_max: u8,
    /// Seconds of one set with its rest: in the shortest and the longest week.
    pub set_seconds: (u32, u32),
    /// Rest after a set: shortest and longest.
    pub rest_seconds: (u32, u32),
}

impl Entry {
    /// Library exercise `key` for `goal`, at no sets yet, first in its session.
    pub fn of(key: usize, goal: Goal) -> Entry {
        let exercise = &library::EXERCISES[key];
        let halves = exercise.half_sets();
        Entry {
            exercise,
            key,
            position: 0,
            sets: 0,
            halves,
            primary: Groups::primary(exercise),
            main_lift: rules::is_main_lift(exercise),
            choice: super::choice_cost(exercise, goal),
            band_reachable: rules::band_reachable(goal, exercise.mechanic, exercise.rep_range),
            reps_min: 0,
            reps_max: 0,
            set_seconds: (0, 0),
            rest_seconds: (0, 0),
        }
    }
}

/// A set of volume groups, a bit per `VolumeGroup as usize`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Groups(u16);

impl Groups {
    /// The major groups (`VolumeGroup::MAJOR`).
    pub const MAJOR: Groups = Groups::of(&VolumeGroup::MAJOR);

    /// These groups.
    pub const fn of(groups: &[VolumeGroup]) -> Groups {
        let mut bits = 0;
        let mut i = 0;
        while i < groups.len() {
            bits |= 1 << groups[i] as usize;
            i += 1;
        }
        Groups(bits)
    }

    /// The groups `exercise` trains as a primary mover (`Exercise::primary_groups`).
    pub fn primary(exercise: &Exercise) -> Groups {
        let primary = exercise.primary_groups();
        Groups(
            (0..GROUPS)
                .filter(|&g| primary[g])
                .fold(0, |bits, g| bits | 1 << g),
        )
    }

    /// The groups in both sets.
    pub fn and(self, other: Groups) -> Groups {
        Groups(self.0 & other.0)
    }

    /// Each group's index (`VolumeGroup as usize`), in canonical order.
    pub fn indices(self) -> impl Iterator<Item = usize> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            let g = bits.trailing_zeros() as usize;
            bits &= bits.checked_sub(1)?;
            Some(g)
        })
    }
}

/// Whether a day's sums go into the week's or come out of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    Add,
    Take,
}

impl Sign {
    /// `total` with `amount` added or taken.
    fn of(self, total: u32, amount: u32) -> u32 {
        match self {
            Sign::Add => total + amount,
            Sign::Take => total - amount,
        }
    }

    /// `totals` with each of `amounts` added or taken.
    fn apply<const N: usize>(self, totals: &mut [u32; N], amounts: &[u32; N]) {
        let pairs = totals.iter_mut().zip(amounts);
        match self {
            Sign::Add => pairs.for_each(|(total, &amount)| *total += amount),
            Sign::Take => pairs.for_each(|(total, &amount)| *total -= amount),
        }
    }
}

/// One training day.
#[derive(Clone, Debug, PartialEq)]
pub struct Day {
    pub day: Weekday,
    pub focus: Focus,
    pub entries: Vec<Entry>,
    /// Session seconds by the duration model: shortest and longest week.
    pub seconds: (u32, u32),
    /// Half sets per group (`rules::counting`).
    pub halves: [u32; GROUPS],
    /// Sets per group in which a primary muscle belongs to it.
    pub primary: [u32; GROUPS],
    /// The day's sums by pattern and lift.
    pub tally: Tally,
}

/// Sums by movement pattern (`Pattern as usize`) and 1RM lift that the
/// weekly constraints read, kept per day so the search adds up only days.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    /// Exercises of the pattern held (at any sets).
    pub held: [u32; PATTERNS],
    /// Sets per pattern.
    pub sets: [u32; PATTERNS],
    /// Sets per pattern after halving each exercise's, rounded up (where a
    /// deload starts, `Deload::of`).
    pub halved: [u32; PATTERNS],
    /// Main-lift sets per pattern (`rules::is_main_lift`).
    pub main_lift: [u32; PATTERNS],
    /// Compound sets per pattern at most `rules::HEAVY_REPS_MAX` reps.
    pub heavy: [u32; PATTERNS],
    /// Sets per 1RM lift (`Lift as usize`).
    pub lifts: [u32; 4],
}

impl Tally {
    fn add(&mut self, entry: &Entry) {
        let p = entry.exercise.pattern as usize;
        let sets = u32::from(entry.sets);
        self.held[p] += 1;
        self.sets[p] += sets;
        self.halved[p] += u32::from(entry.sets.div_ceil(2));
        if entry.main_lift {
            self.main_lift[p] += sets;
        }
        if entry.exercise.mechanic == Mechanic::Compound && entry.reps_max <= rules::HEAVY_REPS_MAX
        {
            self.heavy[p] += sets;
        }
        if let Some(lift) = entry.exercise.one_rep_max_lift {
            self.lifts[lift as usize] += sets;
        }
    }

    /// Add `other`'s sums to these (`Sign::Add`) or take them out (`Sign::Take`).
    fn merge(&mut self, other: &Tally, sign: Sign) {
        let arrays = [
            (&mut self.held, &other.held),
            (&mut self.sets, &other.sets),
            (&mut self.halved, &other.halved),
            (&mut self.main_lift, &other.main_lift),
            (&mut self.heavy, &other.heavy),
        ];
        for (mine, theirs) in arrays {
            sign.apply(mine, theirs);
        }
        sign.apply(&mut self.lifts, &other.lifts);
    }

    /// Sets of the patterns in `patterns`, from `by_pattern` (one of the arrays above).
    pub fn of(by_pattern: &[u32; PATTERNS], patterns: &[Pattern]) -> u32 {
        patterns.iter().map(|&p| by_pattern[p as usize]).sum()
    }
}

impl AsRef<[Entry]> for Day {
    fn as_ref(&self) -> &[Entry] {
        &self.entries
    }
}

impl Day {
    /// A day with these entries; call [`WeekView::refresh`] before judging it.
    pub fn new(day: Weekday, focus: Focus, entries: Vec<Entry>) -> Day {
        Day {
            day,
            focus,
            entries,
            seconds: (0, 0),
            halves: [0; GROUPS],
            primary: [0; GROUPS],
            tally: Tally::default(),
        }
    }

    /// Recompute the per-group sums from the entries.
    pub fn refresh(&mut self) {
        self.halves = [0; GROUPS];
        self.primary = [0; GROUPS];
        self.tally = Tally::default();
        for entry in &self.entries {
            self.tally.add(entry);
            let sets = u32::from(entry.sets);
            for (half, &h) in self.halves.iter_mut().zip(&entry.halves) {
                *half += u32::from(h) * sets;
            }
            for g in entry.primary.indices() {
                self.primary[g] += sets;
            }
        }
    }
}

/// One week to judge.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekView {
    pub days: Vec<Day>,
    /// A deload week: only the rules for every week apply.
    pub deload: bool,
    /// An accumulation week: the time floor applies.
    pub accumulation: bool,
    /// Half sets per group over the week.
    pub weekly: [u32; GROUPS],
    /// Primary sets per group on each weekday (Monday first).
    pub by_weekday: [[u32; GROUPS]; 7],
    /// Weekly sets per exercise, by library index (`Entry::key`).
    pub by_exercise: Vec<u32>,
    /// The days' tallies summed.
    pub tally: Tally,
}

impl WeekView {
    /// A training week from the generator's days, whose `seconds` the
    /// generator has set (bounded over every week the template stands for).
    pub fn planned(days: Vec<Day>) -> WeekView {
        let mut view = WeekView {
            days,
            deload: false,
            accumulation: true,
            weekly: [0; GROUPS],
            by_weekday: [[0; GROUPS]; 7],
            by_exercise: Vec::new(),
            tally: Tally::default(),
        };
        view.refresh();
        view
    }

    /// A program's week, with its session times by `rules::duration`. Ids the
    /// library lacks are left out (the shape rule reports them).
    pub fn of_week(week: &Week, goal: Goal) -> WeekView {
        WeekView::of_week_knowing(week, goal, &mut vec![None; library::EXERCISES.len()])
    }

    /// Every week of a program ([`WeekView::of_week`]), working out what an
    /// entry keeps at hand about its exercise once per exercise, not per week.
    pub fn of_weeks(weeks: &[Week], goal: Goal) -> Vec<WeekView> {
        let mut known = vec![None; library::EXERCISES.len()];
        weeks
            .iter()
            .map(|week| WeekView::of_week_knowing(week, goal, &mut known))
            .collect()
    }

    /// [`WeekView::of_week`], with `known` holding, by library index, the
    /// exercise's part of an entry once it has been worked out.
    fn of_week_knowing(week: &Week, goal: Goal, known: &mut [Option<Entry>]) -> WeekView {
        let days = week
            .sessions
            .iter()
            .map(|session| {
                let entries = session
                    .exercises
                    .iter()
                    .enumerate()
                    .filter_map(|(position, e)| {
                        let key = library::position(&e.exercise_id)?;
                        let exercise = *known[key].get_or_insert_with(|| Entry::of(key, goal));
                        let set = duration::set_seconds(e.reps_max, e.unilateral, e.rest_seconds);
                        let rest = u32::from(e.rest_seconds);
                        Some(Entry {
                            position,
                            sets: e.sets,
                            reps_min: e.reps_min,
                            reps_max: e.reps_max,
                            set_seconds: (set, set),
                            rest_seconds: (rest, rest),
                            ..exercise
                        })
                    })
                    .collect();
                let mut day = Day::new(session.day, session.focus, entries);
                let seconds = duration::session_seconds(&session.exercises);
                day.seconds = (seconds, seconds);
                day
            })
            .collect();
        let mut view = WeekView {
            days,
            deload: week.deload,
            accumulation: !week.deload && week.phase == Phase::Accumulation,
            weekly: [0; GROUPS],
            by_weekday: [[0; GROUPS]; 7],
            by_exercise: Vec::new(),
            tally: Tally::default(),
        };
        view.refresh();
        view
    }

    /// Recompute every sum after the entries changed.
    pub fn refresh(&mut self) {
        for day in &mut self.days {
            day.refresh();
        }
        self.refresh_totals();
    }

    /// Recompute the weekly sums from the days' sums.
    pub fn refresh_totals(&mut self) {
        self.weekly = [0; GROUPS];
        self.by_weekday = [[0; GROUPS]; 7];
        self.by_exercise.clear();
        self.by_exercise.resize(library::EXERCISES.len(), 0);
        self.tally = Tally::default();
        for d in 0..self.days.len() {
            self.count_day(d, Sign::Add);
        }
    }

    /// Add day `d`'s sums to the week's (`Sign::Add`, once it is in place)
    /// or take them out (`Sign::Take`, before it changes): a search that
    /// changes a day or two updates the week without adding up the rest.
    pub fn count_day(&mut self, d: usize, sign: Sign) {
        let day = &self.days[d];
        self.tally.merge(&day.tally, sign);
        for entry in &day.entries {
            let sets = &mut self.by_exercise[entry.key];
            *sets = sign.of(*sets, u32::from(entry.sets));
        }
        sign.apply(&mut self.weekly, &day.halves);
        sign.apply(&mut self.by_weekday[day.day.index()], &day.primary);
    }

    /// Add `extra` sets to entry `entry` of day `day` (times included) and refresh.
    pub fn add_sets(&mut self, day: usize, entry: usize, extra: u8) {
        let Some(e) = self
            .days
            .get_mut(day)
            .and_then(|d| d.entries.get_mut(entry))
        else {
            return;
        };
        e.sets = e.sets.saturating_add(extra);
        let (low, high) = e.set_seconds;
        let d = &mut self.days[day];
        let more = u32::from(extra);
        d.seconds = (d.seconds.0 + more * low, d.seconds.1 + more * high);
        self.refresh();
    }

    /// Weekly sets of `group`, in half sets.
    pub fn weekly_halves(&self, group: VolumeGroup) -> u32 {
        self.weekly[group as usize]
    }
}
