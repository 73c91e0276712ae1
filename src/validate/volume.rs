//! The warnings a program carries, checked as facts: each must state what
//! the program and the library prove (`constraints::binding`), so that no
//! warning excuses what it has not shown.

use super::{Findings, Input};
use crate::constraints::{binding, truly_capped};
use crate::model::program::Warning;
use crate::rules::{self, WarningCode};
use crate::validate::Rule;

/// The warnings with `code`, with their index.
fn warnings<'a>(
    input: &'a Input,
    code: WarningCode,
) -> impl Iterator<Item = (usize, &'a Warning)> + 'a {
    input
        .program
        .warnings
        .iter()
        .enumerate()
        .filter(move |(_, w)| w.code == code.as_str())
}

/// Whether the proven binding rules include the one the warning names.
fn names_a_binding_rule(warning: &Warning, proven: &[Rule]) -> bool {
    warning.binding.is_none_or(|rule| proven.contains(&rule))
}

/// Rule 5: a `volume_limited_*` warning names a group that misses its floor
/// in a training week, and no single added set of that group fits.
pub(super) fn volume_warnings(input: &Input, findings: &mut Findings) {
    for code in [
        WarningCode::VolumeLimitedByTime,
        WarningCode::VolumeLimitedByCap,
    ] {
        for (i, warning) in warnings(input, code) {
            let path = format!("warnings[{i}]");
            let Some(group) = warning.group else {
                findings.report(
                    &path,
                    format!("a {} warning must name its group", code.as_str()),
                );
                continue;
            };
            let g = group as usize;
            let floor = input.context.floor_halves[g].max(input.context.minor_halves[g]);
            let short = input.training.iter().any(|w| w.weekly[g] < floor);
            if !short {
                findings.report(&path, format!("{} meets its floor", group.name()));
                continue;
            }
            match binding::group_binding(&input.training, &input.context, group) {
                None => findings.report(
                    &path,
                    format!("{} could take another set: nothing binds", group.name()),
                ),
                Some(proven) if !names_a_binding_rule(warning, &proven) => findings.report(
                    format!("{path}.binding"),
                    format!("{:?} does not bind; {proven:?} do", warning.binding),
                ),
                Some(proven) => {
                    if code == WarningCode::VolumeLimitedByTime && !proven.contains(&Rule::Duration)
                    {
                        findings.report(&path, format!("time does not bind for {}", group.name()));
                    }
                }
            }
        }
    }
}

/// Session time: a `session_shortened_by_volume_cap` warning needs a
/// session under the time floor in a week that is truly capped
/// (`constraints::truly_capped`) or that cannot take one more set.
pub(super) fn session_warnings(input: &Input, findings: &mut Findings) {
    let budget = u64::from(input.context.budget_seconds) * u64::from(rules::MIN_SESSION_PERCENT);
    for (i, warning) in warnings(input, WarningCode::SessionShortenedByVolumeCap) {
        let short_days: Vec<usize> = input
            .views
            .iter()
            .filter(|w| w.accumulation)
            .flat_map(|w| {
                w.days
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| u64::from(d.seconds.0) * 100 < budget)
                    .map(|(d, _)| d)
            })
            .collect();
        let capped = input
            .views
            .iter()
            .filter(|w| w.accumulation)
            .any(|w| truly_capped(w, &input.context));
        let capped = (capped && warning.binding.is_none_or(|r| r == Rule::WeeklyVolume))
            .then(|| vec![Rule::WeeklyVolume]);
        let proven = capped.filter(|_| !short_days.is_empty()).or_else(|| {
            short_days.iter().find_map(|&d| {
                binding::short_session_binding(&input.training, &input.context, d)
                    .filter(|rules| names_a_binding_rule(warning, rules))
            })
        });
        if proven.is_none() {
            findings.report(
                format!("warnings[{i}]"),
                "no short session is proven full: another set would fit",
            );
        }
    }
}

/// Rule 8: a `pattern_unavailable` warning names a pattern no eligible
/// exercise trains (and a group only if none trains it), and every family
/// that is impossible is named in one.
pub(super) fn pattern_warnings(input: &Input, findings: &mut Findings) {
    for (i, warning) in warnings(input, WarningCode::PatternUnavailable) {
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
        if let Some(group) = warning.group.filter(|&g| input.trainable[g as usize]) {
            findings.report(
                format!("warnings[{i}].group"),
                format!("an eligible exercise trains {}", group.name()),
            );
        }
    }
    for family in rules::PATTERN_FAMILIES {
        if family.patterns.iter().any(|&p| input.pattern_available(p)) {
            continue;
        }
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
    }
}
