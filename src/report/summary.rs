//! Figures over many programs: spreads, shares and counts.
//!
//! Quantiles interpolate linearly between order statistics (Hyndman & Fan's
//! type 7, the default of R and NumPy), so a median of an even count is the
//! mean of the middle two. Shares are fractions in `[0, 1]`, each over the
//! programs where the question applies (named in the field's doc).

use crate::model::anatomy::{Pattern, VolumeGroup};
use crate::report::figures::ProgramFigures;
use crate::rules::MAIN_PATTERNS;
use serde::Serialize;
use std::collections::BTreeMap;

/// The median and 10th percentile of a sample.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Spread {
    /// Values in the sample.
    pub count: usize,
    /// `None` for an empty sample.
    pub median: Option<f64>,
    /// 10th percentile; `None` for an empty sample.
    pub p10: Option<f64>,
}

impl Spread {
    /// The spread of `values` (in any order).
    pub fn of(values: &[f64]) -> Spread {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Spread {
            count: sorted.len(),
            median: quantile(&sorted, 0.5),
            p10: quantile(&sorted, 0.1),
        }
    }
}

/// The `q` quantile of ascending `sorted` (type 7), `None` when it is empty.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let position = q.clamp(0.0, 1.0) * last as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(last);
    let fraction = position - below as f64;
    Some(sorted[below] + (sorted[above] - sorted[below]) * fraction)
}

/// One volume group over many programs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupSummary {
    pub group: VolumeGroup,
    /// Programs in which some eligible exercise trains the group as primary.
    pub trainable: usize,
    /// Median weekly sets over those programs.
    pub median_sets: Option<f64>,
    /// Share of those programs below the group's MEV.
    pub below_mev: f64,
    /// Share of those programs at or above the group's MAV.
    pub at_or_above_mav: f64,
}

/// One main pattern over many programs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MainLiftSummary {
    pub pattern: Pattern,
    /// Programs in which a loaded compound of the pattern is eligible.
    pub loaded_eligible: usize,
    /// Median weekly loaded sets over those programs.
    pub median_loaded_sets: Option<f64>,
    /// Share of those programs with no loaded set of the pattern.
    pub no_loaded_sets: f64,
    /// Programs in which a barbell compound of the pattern is eligible.
    pub barbell_eligible: usize,
    /// Median weekly barbell sets over those programs.
    pub median_barbell_sets: Option<f64>,
}

/// How often one warning code appears.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WarningCount {
    /// Programs carrying the code at least once.
    pub programs: usize,
    /// Occurrences over all programs.
    pub total: usize,
}

/// Figures over a set of profiles and the programs generated for them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub profiles: usize,
    /// Profiles that yielded a program.
    pub programs: usize,
    /// Profiles that yielded an error, by error code.
    pub errors: BTreeMap<String, usize>,
    /// Time use over every accumulation-week session of every program.
    pub session_time_use: Spread,
    pub groups: Vec<GroupSummary>,
    pub main_lifts: Vec<MainLiftSummary>,
    /// Share of programs with any calf work.
    pub calf_work: f64,
    /// Share of programs with any core (abs) work.
    pub core_work: f64,
    pub warnings: BTreeMap<String, WarningCount>,
}

/// `part / whole`, 0 when `whole` is 0.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Summarize `programs`; `errors` are the codes of profiles that failed.
pub fn summarize(programs: &[ProgramFigures], errors: &[String]) -> Summary {
    let time_use: Vec<f64> = programs
        .iter()
        .flat_map(|p| p.session_time_use.iter().copied())
        .collect();
    let groups = VolumeGroup::ALL
        .iter()
        .map(|&group| {
            let rows: Vec<_> = programs
                .iter()
                .flat_map(|p| p.groups.iter().filter(|g| g.group == group && g.trainable))
                .collect();
            let sets: Vec<f64> = rows.iter().map(|g| g.sets).collect();
            let below = rows
                .iter()
                .filter(|g| g.sets < f64::from(g.landmarks.mev))
                .count();
            let above = rows
                .iter()
                .filter(|g| g.sets >= f64::from(g.landmarks.mav))
                .count();
            GroupSummary {
                group,
                trainable: rows.len(),
                median_sets: Spread::of(&sets).median,
                below_mev: share(below, rows.len()),
                at_or_above_mav: share(above, rows.len()),
            }
        })
        .collect();
    let main_lifts = MAIN_PATTERNS
        .iter()
        .map(|&pattern| {
            let rows: Vec<_> = programs
                .iter()
                .flat_map(|p| p.main_lifts.iter().filter(|m| m.pattern == pattern))
                .collect();
            let loaded: Vec<f64> = rows
                .iter()
                .filter(|m| m.loaded_eligible)
                .map(|m| f64::from(m.loaded_sets))
                .collect();
            let barbell: Vec<f64> = rows
                .iter()
                .filter(|m| m.barbell_eligible)
                .map(|m| f64::from(m.barbell_sets))
                .collect();
            MainLiftSummary {
                pattern,
                loaded_eligible: loaded.len(),
                median_loaded_sets: Spread::of(&loaded).median,
                no_loaded_sets: share(loaded.iter().filter(|&&s| s == 0.0).count(), loaded.len()),
                barbell_eligible: barbell.len(),
                median_barbell_sets: Spread::of(&barbell).median,
            }
        })
        .collect();
    let mut warnings: BTreeMap<String, WarningCount> = BTreeMap::new();
    for (code, &total) in programs.iter().flat_map(|p| &p.warnings) {
        let count = warnings.entry(code.clone()).or_default();
        count.programs += 1;
        count.total += total;
    }
    let mut error_counts = BTreeMap::new();
    for code in errors {
        *error_counts.entry(code.clone()).or_insert(0) += 1;
    }
    Summary {
        profiles: programs.len() + errors.len(),
        programs: programs.len(),
        errors: error_counts,
        session_time_use: Spread::of(&time_use),
        groups,
        main_lifts,
        calf_work: share(
            programs.iter().filter(|p| p.calf_work).count(),
            programs.len(),
        ),
        core_work: share(
            programs.iter().filter(|p| p.core_work).count(),
            programs.len(),
        ),
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_between_order_statistics() {
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[3.0], 0.1), Some(3.0));
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), Some(2.5));
        // 0.1 × 10 = position 1.0 exactly: the second value.
        let eleven: Vec<f64> = (0..=10).map(f64::from).collect();
        assert_eq!(quantile(&eleven, 0.1), Some(1.0));
    }
}
