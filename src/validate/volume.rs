//! Rules 5–9 and 14: how much each group is trained, how often, how the work
//! is spread over the days, and which movement patterns a week covers.

use super::{session_path, week_path, Findings, Input};
use crate::model::anatomy::VolumeGroup;
use crate::model::program::Week;
use crate::rules::counting;
use crate::rules::{self, WarningCode};
use std::collections::BTreeSet;

/// Rule 5: weekly floors (excused only by the named warnings) and caps.
pub(super) fn weekly_volume(input: &Input, findings: &mut Findings) {
    let profile = input.profile;
    let cap = rules::weekly_cap(profile.goal, profile.experience);
    let floors_bind = input.weekly_minutes() >= rules::floors_binding_minutes(profile.experience);
    for (w, week) in input.program.weeks.iter().enumerate() {
        if week.deload {
            continue;
        }
        let sets = counting::weekly_sets(week);
        for (group, done) in sets.iter() {
            let name = group.name();
            // The exercises every session must hold may force more than the cap.
            if done > cap && done > forced_weekly_sets(input, group) {
                findings.report(
                    week_path(w),
                    format!("{name}: {done} weekly sets, over the cap of {cap}"),
                );
            }
            let floor = rules::weekly_floor(profile.goal, profile.experience, group);
            if done >= floor {
                continue;
            }
            let trainable = input.trainable[group as usize];
            let by_time = !floors_bind
                && input.has_warning(WarningCode::VolumeLimitedByTime, |warning| {
                    warning.group.is_none_or(|g| g == group)
                });
            // Equipment or injuries rule out the group's patterns: all of its
            // primary movers, or one of its patterns named for it.
            let by_pattern = input.has_warning(WarningCode::PatternUnavailable, |warning| {
                !trainable
                    || (warning.group == Some(group)
                        && warning.pattern.is_some_and(|p| {
                            rules::group_patterns(group).contains(&p) && !input.pattern_available(p)
                        }))
            });
            if !(by_time || by_pattern) {
                findings.report(
                    week_path(w),
                    format!(
                        "{name}: {} weekly sets, under the floor of {}{}",
                        done,
                        floor,
                        if floors_bind && trainable {
                            "; time and patterns allow it"
                        } else {
                            " without a volume_limited_by_time or pattern_unavailable warning"
                        }
                    ),
                );
            }
        }
    }
}

/// Exercises each session must hold: four from 45 minutes when four are
/// eligible, else three (rule 1).
fn needed_exercises(input: &Input) -> usize {
    let profile = input.profile;
    let eligible = crate::library::eligibility::eligible_exercises(profile).count();
    if profile.session_minutes >= rules::LONG_SESSION_MINUTES
        && eligible >= rules::MIN_EXERCISES_LONG_SESSION
    {
        rules::MIN_EXERCISES_LONG_SESSION
    } else {
        *rules::EXERCISES_PER_SESSION.start()
    }
}

/// The fewest weekly sets of `group` any program has: every session holds
/// its needed exercises at one set, chosen to count least for the group.
fn forced_weekly_sets(input: &Input, group: VolumeGroup) -> f64 {
    let mut weights: Vec<f64> = crate::library::eligibility::eligible_exercises(input.profile)
        .map(|e| counting::set_weight(e.primary_muscles, e.secondary_muscles, group))
        .collect();
    weights.sort_by(f64::total_cmp);
    let per_session: f64 = weights.iter().take(needed_exercises(input)).sum();
    per_session * f64::from(input.profile.days_per_week)
}

/// Rule 6: with ≥ 2 days of ≥ 40 minutes, each major group gets ≥ 1
/// fractional set on ≥ 2 days of every non-deload week.
pub(super) fn frequency(input: &Input, findings: &mut Findings) {
    let profile = input.profile;
    if profile.days_per_week < rules::FREQUENCY_APPLIES_DAYS
        || profile.session_minutes < rules::FREQUENCY_APPLIES_MINUTES
    {
        return;
    }
    for (w, week) in input.program.weeks.iter().enumerate() {
        // A deload is for recovering, not for stimulating; frequency is a
        // training-week rule (see `rules`).
        if week.deload {
            continue;
        }
        let per_session: Vec<_> = week.sessions.iter().map(counting::session_sets).collect();
        for group in VolumeGroup::MAJOR {
            // Like its floor, a group no eligible exercise trains as a primary
            // mover is excused: injuries or equipment rule out direct work.
            if !input.trainable[group as usize] {
                continue;
            }
            let days: BTreeSet<_> = week
                .sessions
                .iter()
                .zip(&per_session)
                .filter(|(_, sets)| sets.get(group) >= rules::FREQUENCY_MIN_SETS)
                .map(|(session, _)| session.day)
                .collect();
            if days.len() < rules::FREQUENCY_MIN_DAYS {
                findings.report(
                    week_path(w),
                    format!(
                        "{} gets a set or more on {} day(s); expected at least 2",
                        group.name(),
                        days.len()
                    ),
                );
            }
        }
    }
}

/// Rule 7: no major group has ≥ 3 primary sets on two consecutive days,
/// Sunday → Monday included because the weekly plan repeats.
pub(super) fn recovery(input: &Input, findings: &mut Findings) {
    // When too few eligible exercises spare a group, the exercises every
    // session must hold (rule 1) train it hard: no program could rest it.
    let profile = input.profile;
    let eligible: Vec<_> = crate::library::eligibility::eligible_exercises(profile).collect();
    let needed = if profile.session_minutes >= rules::LONG_SESSION_MINUTES
        && eligible.len() >= rules::MIN_EXERCISES_LONG_SESSION
    {
        rules::MIN_EXERCISES_LONG_SESSION
    } else {
        *rules::EXERCISES_PER_SESSION.start()
    };
    let unavoidable = VolumeGroup::MAJOR.map(|group| {
        let spared = eligible.iter().filter(|e| !e.is_primary_for(group)).count();
        needed.saturating_sub(spared) >= rules::RECOVERY_HARD_DAY_SETS as usize
    });
    for (w, week) in input.program.weeks.iter().enumerate() {
        for (group, unavoidable) in VolumeGroup::MAJOR.into_iter().zip(unavoidable) {
            if unavoidable {
                continue;
            }
            let hard_on = |day| {
                let sets: u32 = week
                    .sessions
                    .iter()
                    .filter(|s| s.day == day)
                    .map(|s| counting::session_primary_sets(s, group))
                    .sum();
                sets >= rules::RECOVERY_HARD_DAY_SETS
            };
            for (s, session) in week.sessions.iter().enumerate() {
                let next = session.day.next();
                if next != session.day && hard_on(session.day) && hard_on(next) {
                    findings.report(
                        session_path(w, s),
                        format!(
                            "{} gets 3+ primary sets on {:?} and again on {next:?}",
                            group.name(),
                            session.day
                        ),
                    );
                }
            }
        }
    }
}

/// Rule 8: each non-deload week covers the pattern families, and a family
/// that is impossible is named in a `pattern_unavailable` warning.
pub(super) fn pattern_coverage(input: &Input, findings: &mut Findings) {
    let program = input.program;
    for (i, warning) in program.warnings.iter().enumerate() {
        if warning.code != WarningCode::PatternUnavailable.as_str() {
            continue;
        }
        match warning.pattern {
            None => findings.report(
                format!("warnings[{i}].pattern"),
                "a pattern_unavailable warning must name its pattern",
            ),
            Some(pattern) if input.pattern_available(pattern) => findings.report(
                format!("warnings[{i}].pattern"),
                format!("{pattern:?} is available to this trainee"),
            ),
            Some(_) => {}
        }
    }
    let applies = input.weekly_minutes() >= rules::COVERAGE_APPLIES_MINUTES;
    for family in rules::PATTERN_FAMILIES {
        let available = family.patterns.iter().any(|&p| input.pattern_available(p));
        if !available {
            let warned = input.has_warning(WarningCode::PatternUnavailable, |warning| {
                warning
                    .pattern
                    .is_some_and(|p| family.patterns.contains(&p))
            });
            if !warned {
                findings.report(
                    "warnings",
                    format!(
                        "no {} exercise is possible, and no pattern_unavailable warning says so",
                        family.name
                    ),
                );
            }
            continue;
        }
        if !applies {
            continue;
        }
        for (w, week) in program.weeks.iter().enumerate() {
            let covered = week
                .sessions
                .iter()
                .flat_map(|s| &s.exercises)
                .any(|e| family.patterns.contains(&e.pattern));
            if !week.deload && !covered {
                findings.report(week_path(w), format!("no {} exercise", family.name));
            }
        }
    }
}

/// Rule 9: push : pull sets within 3:4 … 4:3 every week, when both are possible.
pub(super) fn balance(input: &Input, findings: &mut Findings) {
    let possible = |patterns: &[_]| patterns.iter().any(|&p| input.pattern_available(p));
    if !possible(&rules::PUSH_PATTERNS) || !possible(&rules::PULL_PATTERNS) {
        return;
    }
    for (w, week) in input.program.weeks.iter().enumerate() {
        // A week at the smallest shape (three one-set exercises a session)
        // has no sets left to trade.
        let smallest = week.sessions.iter().all(|s| {
            s.exercises.len() == *rules::EXERCISES_PER_SESSION.start()
                && s.exercises.iter().all(|e| e.sets == 1)
        });
        if smallest {
            continue;
        }
        let push = pattern_sets(week, &rules::PUSH_PATTERNS);
        let pull = pattern_sets(week, &rules::PULL_PATTERNS);
        if !rules::push_pull_balanced(push, pull) {
            findings.report(
                week_path(w),
                format!("{push} push sets to {pull} pull sets; expected between 3:4 and 4:3"),
            );
        }
    }
}

fn pattern_sets(week: &Week, patterns: &[crate::model::anatomy::Pattern]) -> u32 {
    week.sessions
        .iter()
        .flat_map(|s| &s.exercises)
        .filter(|e| patterns.contains(&e.pattern))
        .map(|e| u32::from(e.sets))
        .sum()
}

/// Rule 14: ≤ 8 primary sets per group per session (10 for advanced).
pub(super) fn per_session_cap(input: &Input, findings: &mut Findings) {
    let cap = rules::session_primary_cap(input.profile.experience);
    for (w, week) in input.program.weeks.iter().enumerate() {
        for (s, session) in week.sessions.iter().enumerate() {
            for group in VolumeGroup::ALL {
                let sets = counting::session_primary_sets(session, group);
                if sets > cap {
                    findings.report(
                        session_path(w, s),
                        format!(
                            "{} gets {sets} primary sets; the cap is {cap}",
                            group.name()
                        ),
                    );
                }
            }
        }
    }
}
