//! The plan: split, periodization, weekly layout, and the calendar of phases.
//!
//! This module decides which weekdays the trainee trains, what each day
//! focuses on, on which days each muscle cluster may be trained hard (so that
//! no major group gets hard sessions on consecutive calendar days, Sunday →
//! Monday included), and how the weeks fall into phases, blocks and deloads.
//! Which exercises fill a day is decided in `select`.
//!
//! Sources: Schoenfeld, Ogborn & Krieger 2016 (training each muscle twice a
//! week) for the splits; ACSM 2009 position stand for linear progression in
//! novices and periodized loading for trained lifters; Rogerson et al. 2024
//! (deloads roughly every 4–6 weeks, shorter cycles for advanced lifters and
//! slower recovery) for the mesocycle lengths.

use crate::library::Exercise;
use crate::model::anatomy::VolumeGroup;
use crate::model::profile::{Experience, Goal, Profile, Weekday};
use crate::model::program::{Focus, Periodization, Phase, Split};
use crate::rules;
use crate::rules::landmarks::{Analysis, Recovery, GROUPS};
use crate::rules::progression;
use std::cmp::Reverse;

/// Muscle clusters that share their hard days, because their exercises
/// overlap (a squat trains quads and glutes; a bench press chest and delts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cluster {
    Push,
    Pull,
    Legs,
}

impl Cluster {
    const ALL: [Cluster; 3] = [Cluster::Legs, Cluster::Push, Cluster::Pull];

    /// The cluster a major group belongs to; minor groups have none.
    pub fn of(group: VolumeGroup) -> Option<Cluster> {
        match group {
            VolumeGroup::Chest | VolumeGroup::Shoulders => Some(Cluster::Push),
            VolumeGroup::Back => Some(Cluster::Pull),
            VolumeGroup::Quads | VolumeGroup::Hamstrings | VolumeGroup::Glutes => {
                Some(Cluster::Legs)
            }
            _ => None,
        }
    }

    /// How much a day with `focus` is meant to train this cluster (0 = not at all).
    pub fn weight(self, focus: Focus) -> u8 {
        match (focus, self) {
            (Focus::FullBody, _) => 1,
            (Focus::Upper, Cluster::Push | Cluster::Pull) => 2,
            (Focus::Lower | Focus::Legs, Cluster::Legs) => 2,
            (Focus::Push, Cluster::Push) | (Focus::Pull, Cluster::Pull) => 2,
            _ => 0,
        }
    }
}

/// How hard a day's rep scheme is under undulating periodization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayKind {
    Heavy,
    Moderate,
    Light,
}

/// One training day of the repeating week.
#[derive(Clone, Debug, PartialEq)]
pub struct DayPlan {
    pub day: Weekday,
    pub focus: Focus,
    /// Which variant of its focus the day runs (0 = A, 1 = B, 2 = C).
    pub variant: u8,
    /// Position in training order, counted from the first day after a rest day.
    pub order: u8,
    pub kind: DayKind,
    /// Most primary sets each group may get on this day (rules 7 and 14).
    pub primary_cap: [u8; GROUPS],
}

/// One week of the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekPlan {
    /// 1-based.
    pub number: u8,
    pub phase: Phase,
    pub deload: bool,
    /// Mesocycle index (a run of training weeks ended by a deload).
    pub meso: u8,
    /// Block index; deload weeks carry the block they follow.
    pub block: u8,
    /// 0-based position in the block.
    pub week_in_block: u8,
    /// Weeks in the block.
    pub block_len: u8,
}

/// The whole plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub split: Split,
    pub periodization: Periodization,
    /// Training days in weekday order.
    pub days: Vec<DayPlan>,
    pub weeks: Vec<WeekPlan>,
}

impl Plan {
    /// Whether the trainee trains on the calendar day after `days[i]`, and on which index.
    pub fn next_day(&self, i: usize) -> Option<usize> {
        let day = self.days.get(i)?.day.next();
        self.days.iter().position(|d| d.day == day)
    }
}

/// Plan the program for a validated profile and its eligible exercises.
pub fn plan(profile: &Profile, analysis: &Analysis, pool: &[&'static Exercise]) -> Plan {
    let split = split(profile.days_per_week, profile.experience, analysis.recovery);
    let periodization = periodization(profile.goal, profile.experience);
    let weekdays = weekdays(profile);
    let mut days = lay_out_days(&weekdays, split, periodization, profile.experience);
    // A group that every session must train hard anyway (too few eligible
    // exercises spare it) gets no light days: they could not be honoured.
    let session_cap = rules::session_primary_cap(profile.experience).min(u32::from(u8::MAX)) as u8;
    for group in VolumeGroup::MAJOR {
        if unavoidable(profile, pool, group) {
            for day in &mut days {
                day.primary_cap[group as usize] = session_cap;
            }
        }
    }
    let weeks = calendar(
        profile.weeks,
        meso_weeks(profile.experience, analysis.recovery),
        periodization,
    );
    Plan {
        split,
        periodization,
        days,
        weeks,
    }
}

/// Whether the exercises every session must hold (rule 1) necessarily give
/// `group` a hard day, because too few eligible exercises spare it.
pub fn unavoidable(profile: &Profile, pool: &[&'static Exercise], group: VolumeGroup) -> bool {
    let needed = if profile.session_minutes >= rules::LONG_SESSION_MINUTES
        && pool.len() >= rules::MIN_EXERCISES_LONG_SESSION
    {
        rules::MIN_EXERCISES_LONG_SESSION
    } else {
        *rules::EXERCISES_PER_SESSION.start()
    };
    let spared = pool
        .iter()
        .filter(|e| !e.primary_muscles.iter().any(|m| m.group() == Some(group)))
        .count();
    needed.saturating_sub(spared) >= rules::RECOVERY_HARD_DAY_SETS as usize
}

/// The split: full body for 1–3 days, upper/lower for 4, upper/lower plus
/// push/pull/legs for 5, push/pull/legs twice for 6. Beginners never get
/// push/pull/legs: with 5 days they train full body when they recover well,
/// else upper/lower, and with 6 days upper/lower.
pub fn split(days_per_week: u8, experience: Experience, recovery: Recovery) -> Split {
    match (days_per_week, experience) {
        (0..=3, _) => Split::FullBody,
        (4, _) => Split::UpperLower,
        (5, Experience::Beginner) if recovery == Recovery::High => Split::FullBody,
        (_, Experience::Beginner) => Split::UpperLower,
        (5, _) => Split::UpperLowerPushPullLegs,
        _ => Split::PushPullLegs,
    }
}

/// Linear for beginners; undulating for intermediate strength and for
/// advanced non-strength goals; double progression for other intermediates;
/// block periodization for advanced strength.
pub fn periodization(goal: Goal, experience: Experience) -> Periodization {
    match (experience, goal) {
        (Experience::Beginner, _) => Periodization::Linear,
        (Experience::Intermediate, Goal::Strength) => Periodization::Undulating,
        (Experience::Intermediate, _) => Periodization::DoubleProgression,
        (Experience::Advanced, Goal::Strength) => Periodization::Block,
        (Experience::Advanced, _) => Periodization::Undulating,
    }
}

/// Most training weeks between deloads, by level and recovery
/// (`rules::progression::weeks_between_deloads`).
fn meso_weeks(experience: Experience, recovery: Recovery) -> u8 {
    progression::weeks_between_deloads(experience, recovery == Recovery::Low) as u8
}

/// The preferred days, or days spread to leave rest between sessions.
fn weekdays(profile: &Profile) -> Vec<Weekday> {
    use Weekday::*;
    if let Some(days) = &profile.preferred_days {
        let mut days = days.clone();
        days.sort();
        return days;
    }
    let spread: &[Weekday] = match profile.days_per_week {
        0 | 1 => &[Monday],
        2 => &[Monday, Thursday],
        3 => &[Monday, Wednesday, Friday],
        4 => &[Monday, Tuesday, Thursday, Friday],
        5 => &[Monday, Tuesday, Wednesday, Friday, Saturday],
        _ => &[Monday, Tuesday, Wednesday, Thursday, Friday, Saturday],
    };
    spread.to_vec()
}

/// Assign focus, variant and day kind in training order, then the hard days.
fn lay_out_days(
    weekdays: &[Weekday],
    split: Split,
    periodization: Periodization,
    experience: Experience,
) -> Vec<DayPlan> {
    let count = weekdays.len();
    // Training order starts on the first day that follows a rest day, so a
    // run of consecutive days alternates focus from its start.
    let start = (0..count)
        .find(|&i| {
            let previous = Weekday::ALL[(weekdays[i].index() + 6) % 7];
            !weekdays.contains(&previous)
        })
        .unwrap_or(0);
    let focuses = focus_sequence(split, count);
    let mut days: Vec<DayPlan> = Vec::with_capacity(count);
    let mut seen: Vec<Focus> = Vec::with_capacity(count);
    for (order, &focus) in focuses.iter().enumerate() {
        let day = weekdays[(start + order) % count];
        let variant = seen.iter().filter(|&&f| f == focus).count() as u8;
        seen.push(focus);
        let kind = match (periodization, order % 3) {
            (Periodization::Undulating | Periodization::Block, _) if count == 1 => {
                DayKind::Moderate
            }
            (Periodization::Undulating, 0) => DayKind::Heavy,
            (Periodization::Undulating, 1) => DayKind::Light,
            (Periodization::Undulating, _) => DayKind::Moderate,
            _ => DayKind::Moderate,
        };
        days.push(DayPlan {
            day,
            focus,
            variant,
            order: order as u8,
            kind,
            primary_cap: [0; GROUPS],
        });
    }
    // Undulating with one focus per day pairs: give each focus's variants
    // different kinds so the same lift is trained heavy once and light once.
    if periodization == Periodization::Undulating && split != Split::FullBody {
        for day in &mut days {
            day.kind = match day.variant {
                0 => DayKind::Heavy,
                1 => DayKind::Light,
                _ => DayKind::Moderate,
            };
        }
    }
    days.sort_by_key(|d| d.day);
    assign_hard_days(&mut days, experience);
    days
}

fn focus_sequence(split: Split, count: usize) -> Vec<Focus> {
    let cycle: &[Focus] = match split {
        Split::FullBody => &[Focus::FullBody],
        Split::UpperLower => &[Focus::Upper, Focus::Lower],
        Split::UpperLowerPushPullLegs => &[
            Focus::Upper,
            Focus::Lower,
            Focus::Push,
            Focus::Pull,
            Focus::Legs,
        ],
        Split::PushPullLegs => &[Focus::Push, Focus::Pull, Focus::Legs],
    };
    cycle.iter().copied().cycle().take(count).collect()
}

/// Choose, per cluster, the days on which it may be trained hard: a set of
/// days with no two on consecutive calendar days, preferring days whose focus
/// targets the cluster and days with fewer hard clusters. Every other day gets
/// fewer primary sets than make a hard day.
fn assign_hard_days(days: &mut [DayPlan], experience: Experience) {
    let count = days.len();
    let session_cap = rules::session_primary_cap(experience).min(u32::from(u8::MAX)) as u8;
    let light_cap = (rules::RECOVERY_HARD_DAY_SETS - 1) as u8;
    let adjacent = |a: usize, b: usize, days: &[DayPlan]| {
        days[a].day.next() == days[b].day || days[b].day.next() == days[a].day
    };
    let mut hard_count = vec![0u8; count];
    let mut hard = vec![[false; 3]; count];
    for (c, cluster) in Cluster::ALL.iter().enumerate() {
        let mut candidates: Vec<usize> = (0..count)
            .filter(|&i| cluster.weight(days[i].focus) > 0)
            .collect();
        candidates.sort_by_key(|&i| {
            (
                Reverse(cluster.weight(days[i].focus)),
                hard_count[i],
                days[i].order,
            )
        });
        for i in candidates {
            let free = (0..count).all(|j| j == i || !hard[j][c] || !adjacent(i, j, days));
            if free {
                hard[i][c] = true;
                hard_count[i] += 1;
            }
        }
    }
    for (i, day) in days.iter_mut().enumerate() {
        for group in VolumeGroup::ALL {
            day.primary_cap[group as usize] = match Cluster::of(group) {
                None => session_cap,
                Some(cluster) => {
                    let c = Cluster::ALL.iter().position(|&x| x == cluster).unwrap_or(0);
                    if hard[i][c] {
                        session_cap
                    } else {
                        light_cap
                    }
                }
            };
        }
    }
}

/// Lay the weeks out: runs of training weeks (mesocycles) separated by
/// deload weeks. Programs of 4 weeks or fewer have none; otherwise as few
/// deloads as keep every run at `meso_weeks` or fewer, the runs as even as
/// possible, each run before a deload at least 3 weeks long (so no deload
/// comes before week 4), and the last run possibly empty (the program ends
/// on its deload).
fn calendar(weeks: u8, meso_weeks: u8, periodization: Periodization) -> Vec<WeekPlan> {
    let total = usize::from(weeks.max(1));
    let mesos = runs(total, usize::from(meso_weeks));
    let meso_count = mesos.iter().filter(|&&length| length > 0).count();
    let mut out: Vec<WeekPlan> = Vec::with_capacity(total);
    let mut block = 0u8;
    for (m, &length) in mesos.iter().enumerate() {
        let phases = meso_phases(periodization, m, meso_count, length);
        let start = out.len();
        for (k, &phase) in phases.iter().enumerate() {
            if k > 0 && phases[k - 1] != phase {
                block += 1;
            }
            out.push(WeekPlan {
                number: (out.len() + 1) as u8,
                phase,
                deload: false,
                meso: m as u8,
                block,
                week_in_block: 0,
                block_len: 0,
            });
        }
        // Number the weeks within each block.
        let mut k = start;
        while k < out.len() {
            let end = (k..out.len())
                .find(|&j| out[j].block != out[k].block)
                .unwrap_or(out.len());
            for (position, week) in out[k..end].iter_mut().enumerate() {
                week.week_in_block = position as u8;
                week.block_len = (end - k) as u8;
            }
            k = end;
        }
        if m + 1 < mesos.len() {
            out.push(WeekPlan {
                number: (out.len() + 1) as u8,
                phase: Phase::Deload,
                deload: true,
                meso: m as u8,
                block,
                week_in_block: 0,
                block_len: 1,
            });
        }
        block += 1;
    }
    out
}

/// Training weeks in each run, a deload after every run but the last.
fn runs(total: usize, most: usize) -> Vec<usize> {
    let most = most.max(progression::MIN_WEEKS_BEFORE_DELOAD);
    if total <= progression::NO_DELOAD_UP_TO_WEEKS || total <= most {
        return vec![total];
    }
    // Fewest deloads that keep every run within `most`: total − d ≤ (d + 1)·most.
    let deloads = (total - most).div_ceil(most + 1);
    let training = total - deloads;
    let count = deloads + 1;
    let mut runs: Vec<usize> = (0..count)
        .map(|i| training / count + usize::from(i < training % count))
        .collect();
    // Every run before a deload keeps the minimum; the last run gives way.
    for i in 0..deloads {
        while runs[i] < progression::MIN_WEEKS_BEFORE_DELOAD && runs[deloads] > 0 {
            runs[i] += 1;
            runs[deloads] -= 1;
        }
    }
    runs
}

/// Phases of one mesocycle of `length` training weeks.
fn meso_phases(
    periodization: Periodization,
    meso: usize,
    count: usize,
    length: usize,
) -> Vec<Phase> {
    if periodization != Periodization::Block {
        return vec![Phase::Accumulation; length];
    }
    let mut phases = Vec::with_capacity(length);
    if count == 1 {
        let realization = usize::from(length >= 3);
        let rest = length - realization;
        let intensification = rest / 2;
        phases.extend(std::iter::repeat_n(
            Phase::Accumulation,
            rest - intensification,
        ));
        phases.extend(std::iter::repeat_n(Phase::Intensification, intensification));
        phases.extend(std::iter::repeat_n(Phase::Realization, realization));
    } else if meso + 1 == count {
        let realization = if length <= 3 { 1 } else { 2 }.min(length);
        phases.extend(std::iter::repeat_n(
            Phase::Intensification,
            length - realization,
        ));
        phases.extend(std::iter::repeat_n(Phase::Realization, realization));
    } else {
        let accumulation_mesos = (count - 1).div_ceil(2);
        let phase = if meso < accumulation_mesos {
            Phase::Accumulation
        } else {
            Phase::Intensification
        };
        phases.extend(std::iter::repeat_n(phase, length));
    }
    phases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::landmarks::analyze;

    fn profile(days: u8, experience: Experience, weeks: u8) -> Profile {
        let json = serde_json::json!({
            "goal": "hypertrophy", "experience": experience, "daysPerWeek": days,
            "sessionMinutes": 60, "weeks": weeks, "equipment": [],
        });
        Profile::from_value(&json).expect("valid profile")
    }

    fn plan_for(p: &Profile) -> Plan {
        let pool: Vec<_> = crate::library::eligibility::eligible_exercises(p).collect();
        plan(p, &analyze(p), &pool)
    }

    #[test]
    fn six_days_never_gives_beginners_ppl() {
        for recovery in [Recovery::Low, Recovery::Moderate, Recovery::High] {
            assert_ne!(
                split(6, Experience::Beginner, recovery),
                Split::PushPullLegs
            );
            assert_ne!(
                split(5, Experience::Beginner, recovery),
                Split::UpperLowerPushPullLegs
            );
        }
        assert_eq!(
            split(6, Experience::Intermediate, Recovery::Moderate),
            Split::PushPullLegs
        );
    }

    #[test]
    fn split_follows_days_per_week() {
        let l = Experience::Intermediate;
        let r = Recovery::Moderate;
        assert_eq!(split(3, l, r), Split::FullBody);
        assert_eq!(split(4, l, r), Split::UpperLower);
        assert_eq!(split(5, l, r), Split::UpperLowerPushPullLegs);
    }

    #[test]
    fn block_periodization_is_for_advanced_strength_only() {
        assert_eq!(
            periodization(Goal::Strength, Experience::Advanced),
            Periodization::Block
        );
        assert_eq!(
            periodization(Goal::Strength, Experience::Beginner),
            Periodization::Linear
        );
        assert_ne!(
            periodization(Goal::Hypertrophy, Experience::Advanced),
            Periodization::Block
        );
    }

    #[test]
    fn deloads_follow_the_level_and_never_come_early() {
        for weeks in 1..=16u8 {
            for recovery in [Recovery::Low, Recovery::High] {
                for level in [
                    Experience::Beginner,
                    Experience::Intermediate,
                    Experience::Advanced,
                ] {
                    let most = usize::from(meso_weeks(level, recovery));
                    let calendar = calendar(weeks, most as u8, Periodization::Block);
                    assert_eq!(calendar.len(), usize::from(weeks));
                    let mut run = 0;
                    for week in &calendar {
                        assert_eq!(week.deload, week.phase == Phase::Deload);
                        if week.deload {
                            assert!(run >= progression::MIN_WEEKS_BEFORE_DELOAD, "{weeks}");
                            run = 0;
                        } else {
                            run += 1;
                            assert!(run <= most.max(4), "{weeks} weeks, {level:?}");
                            assert!(run <= rules::MAX_WEEKS_WITHOUT_DELOAD);
                        }
                    }
                    let deloads = calendar.iter().filter(|w| w.deload).count();
                    assert_eq!(
                        deloads > 0,
                        usize::from(weeks) > most.max(4),
                        "{weeks} weeks"
                    );
                    if usize::from(weeks) >= rules::DELOAD_REQUIRED_FROM_WEEKS {
                        assert!(deloads > 0);
                    }
                }
            }
        }
    }

    #[test]
    fn a_seven_week_program_gets_one_deload() {
        for level in [Experience::Beginner, Experience::Intermediate] {
            let calendar = calendar(7, meso_weeks(level, Recovery::High), Periodization::Linear);
            assert_eq!(calendar.iter().filter(|w| w.deload).count(), 1);
        }
    }

    #[test]
    fn consecutive_days_never_share_a_hard_cluster() {
        for days in 1..=6u8 {
            for level in [Experience::Beginner, Experience::Intermediate] {
                let mut p = profile(days, level, 4);
                p.preferred_days = Some(Weekday::ALL[7 - usize::from(days)..].to_vec());
                let plan = plan_for(&p);
                for i in 0..plan.days.len() {
                    let Some(j) = plan.next_day(i) else { continue };
                    for group in VolumeGroup::MAJOR {
                        let g = group as usize;
                        let hard = rules::RECOVERY_HARD_DAY_SETS as u8;
                        assert!(
                            plan.days[i].primary_cap[g] < hard
                                || plan.days[j].primary_cap[g] < hard,
                            "{days} days, {group:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn preferred_days_are_used_exactly() {
        let mut p = profile(3, Experience::Intermediate, 4);
        p.preferred_days = Some(vec![Weekday::Tuesday, Weekday::Saturday, Weekday::Sunday]);
        let plan = plan_for(&p);
        let days: Vec<Weekday> = plan.days.iter().map(|d| d.day).collect();
        assert_eq!(
            days,
            vec![Weekday::Tuesday, Weekday::Saturday, Weekday::Sunday]
        );
    }

    #[test]
    fn upper_and_lower_alternate_across_the_sunday_wrap() {
        let mut p = profile(4, Experience::Intermediate, 4);
        p.preferred_days = Some(vec![
            Weekday::Monday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
        ]);
        let plan = plan_for(&p);
        for i in 0..plan.days.len() {
            if let Some(j) = plan.next_day(i) {
                assert_ne!(plan.days[i].focus, plan.days[j].focus);
            }
        }
    }
}
