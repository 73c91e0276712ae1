//! Rules 26–31: what the trainee reads and follows around the working sets —
//! warm-up ramps, substitutes, deload spacing by level, age cautions,
//! implausible 1RM ratios, and notes in the trainee's words and units.

use super::loads::barbell;
use super::{exercise_path, week_path, Findings, Input};
use crate::generate::prescribe;
use crate::generate::substitutes::{self, MAX_ALTERNATIVES};
use crate::library::{self, eligibility};
use crate::model::anatomy::Mechanic;
use crate::model::program::{ProgressionKind, Relation, Substitute};
use crate::rules;
use crate::rules::landmarks::{self, Recovery};
use crate::rules::loading;
use crate::rules::progression::{self as progression_rules, AgeGroup};
use crate::rules::WarningCode;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Rule 26: the first loaded compound of every session has a warm-up ramp:
/// lighter sets at rising percentages of its working load, on the plate
/// step and never below the empty bar; absolute loads exactly when the
/// working load is known.
pub(super) fn warm_ups(input: &Input, findings: &mut Findings) {
    let units = input.profile.units;
    let step = loading::plate_step(units);
    for (w, week) in input.program.weeks.iter().enumerate() {
        for (s, session) in week.sessions.iter().enumerate() {
            let first = session.exercises.iter().enumerate().position(|(e, x)| {
                let entry = input.entry(w, s, e);
                let mechanic = entry.map_or(x.mechanic, |e| e.mechanic);
                let equipment = entry.map_or(x.equipment.as_slice(), |e| e.equipment);
                mechanic == Mechanic::Compound && loading::externally_loaded(equipment)
            });
            if let Some(e) = first {
                if session.exercises[e].warm_up.is_empty() {
                    findings.report(
                        format!("{}.warmUp", exercise_path(w, s, e)),
                        "the session's first loaded compound needs a warm-up ramp",
                    );
                }
            }
        }
    }
    for located in input.exercises() {
        let e = located.exercise;
        let mut previous = 0u8;
        for (i, set) in e.warm_up.iter().enumerate() {
            // Paths are only spelled out for a finding.
            let at = || format!("{}.warmUp[{i}]", located.path());
            if !(1..=10).contains(&set.reps) || !(30..=100).contains(&set.percent) {
                findings.report(
                    at(),
                    "a warm-up set has 1–10 reps at 30–100% of the working load",
                );
            }
            if set.percent < previous {
                findings.report(at(), "warm-up sets get heavier, never lighter");
            }
            previous = set.percent;
            match (set.load, e.load) {
                (None, None) => {}
                (Some(load), Some(working)) => {
                    let bar = barbell(&located).then(|| loading::empty_bar(units));
                    let exact = working.value * f64::from(set.percent) / 100.0;
                    let near = (load.value - exact).abs() <= step / 2.0 + working.value * 0.005;
                    let at_bar = bar.is_some_and(|b| (load.value - b).abs() < 1e-9);
                    let steps = load.value / step;
                    let bad = load.value > working.value + 1e-9
                        || bar.is_some_and(|b| load.value < b - 1e-9)
                        || (steps - steps.round()).abs() > 1e-9
                        || load.unit != units
                        || !(near || at_bar);
                    if bad {
                        findings.report(
                            format!("{}.load", at()),
                            format!(
                                "{} is not {}% of {} on the plate step, between the bar and the working load",
                                load.value, set.percent, working.value
                            ),
                        );
                    }
                }
                _ => findings.report(
                    format!("{}.load", at()),
                    "a warm-up load is given exactly when the working load is",
                ),
            }
        }
    }
}

/// Rule 27: every substitute is in the library, eligible for the trainee,
/// and what its relation says: alternatives train the same pattern with the
/// same primary groups, the best three first (`generate::substitutes`);
/// easier and harder are the library's variations, listed when eligible.
pub(super) fn substitutes(input: &Input, findings: &mut Findings) {
    // What each exercise's substitutes should be, worked out once per
    // exercise; and the lists that passed, which pass again where they recur.
    let mut expected_by_id = BTreeMap::new();
    let mut clean: HashMap<&str, Vec<&[Substitute]>> = HashMap::new();
    for located in input.exercises() {
        let Some(entry) = located.entry else { continue };
        // Paths are only spelled out for a finding.
        let path = || format!("{}.substitutes", located.path());
        let listed = &located.exercise.substitutes;
        let passed = clean.entry(entry.id).or_default();
        if passed.contains(&listed.as_slice()) {
            continue;
        }
        let found = findings.out.len();
        let mut ids = BTreeSet::new();
        for (i, substitute) in listed.iter().enumerate() {
            let at = || format!("{}[{i}]", path());
            let Some(other) = library::find(&substitute.exercise_id) else {
                findings.report(format!("{}.exerciseId", at()), "not a library exercise");
                continue;
            };
            if !ids.insert(other.id) || other.id == entry.id {
                findings.report(at(), "listed twice, or the exercise itself");
            }
            if other.name != substitute.name {
                findings.report(format!("{}.name", at()), "differs from the library");
            }
            if !eligibility::is_eligible(input.profile, other) {
                findings.report(
                    at(),
                    format!("{} is not eligible for this trainee", other.id),
                );
            }
            let fits = match substitute.relation {
                Relation::Alternative => {
                    other.pattern == entry.pattern
                        && other.primary_groups() == entry.primary_groups()
                }
                Relation::Easier => entry.easier == Some(other.id),
                Relation::Harder => entry.harder == Some(other.id),
            };
            if !fits {
                findings.report(
                    format!("{}.relation", at()),
                    format!(
                        "{} is not {:?} to {}",
                        other.id, substitute.relation, entry.id
                    ),
                );
            }
        }
        let (expected, best) = expected_by_id.entry(entry.id).or_insert_with(|| {
            let best: Vec<&str> = substitutes::alternatives(input.profile, entry)
                .iter()
                .take(MAX_ALTERNATIVES)
                .map(|e| e.id)
                .collect();
            (substitutes::substitutes(input.profile, entry), best)
        });
        let alternatives: Vec<&str> = listed
            .iter()
            .filter(|s| s.relation == Relation::Alternative)
            .map(|s| s.exercise_id.as_str())
            .collect();
        if alternatives != *best {
            findings.report(
                path(),
                format!("the best eligible alternatives are {best:?}, best first"),
            );
        }
        for relation in [Relation::Easier, Relation::Harder] {
            let want = expected.iter().any(|s| s.relation == relation);
            let have = listed.iter().any(|s| s.relation == relation);
            if want != have {
                findings.report(
                    path(),
                    format!("the {relation:?} variation is listed exactly when it is eligible"),
                );
            }
        }
        if findings.out.len() == found {
            clean.entry(entry.id).or_default().push(listed);
        }
    }
}

/// Rule 28: deloads by level (Rogerson et al. 2024): none in programs of 4
/// weeks or fewer, none before week 4, at least 3 training weeks between
/// two, and (in longer programs) no run of training weeks longer than the
/// level allows.
pub(super) fn deload_spacing(input: &Input, findings: &mut Findings) {
    let weeks = &input.program.weeks;
    let low = landmarks::analyze(input.profile).recovery == Recovery::Low;
    let most = progression_rules::weeks_between_deloads(input.profile.experience, low);
    let short = weeks.len() <= progression_rules::NO_DELOAD_UP_TO_WEEKS;
    let mut run = 0usize;
    for (w, week) in weeks.iter().enumerate() {
        if !week.deload {
            run += 1;
            if run == most + 1 && !short {
                findings.report(
                    week_path(w),
                    format!("{run} training weeks in a row; this level deloads after {most}"),
                );
            }
            continue;
        }
        if short {
            findings.report(
                week_path(w),
                "a program of 4 weeks or fewer needs no deload",
            );
        } else if run < progression_rules::MIN_WEEKS_BEFORE_DELOAD {
            findings.report(
                week_path(w),
                format!(
                    "a deload after {run} training weeks; at least {}",
                    progression_rules::MIN_WEEKS_BEFORE_DELOAD
                ),
            );
        }
        run = 0;
    }
}

/// Rule 29: age cautions. Under 18: a warning (its code contains "age")
/// and no set below 4 reps; 65 or over: a warning and one more rep in
/// reserve on everything; no age warning otherwise.
pub(super) fn age_cautions(input: &Input, findings: &mut Findings) {
    let group = progression_rules::age_group(input.profile);
    let codes = [
        (AgeGroup::Youth, WarningCode::AgeYouthCaution),
        (AgeGroup::OlderAdult, WarningCode::AgeOlderAdultCaution),
    ];
    for (for_group, code) in codes {
        let has = input.has_warning(code, |_| true);
        if has != (group == for_group) {
            findings.report(
                "warnings",
                format!(
                    "{} is given exactly when the trainee's age calls for it",
                    code.as_str()
                ),
            );
        }
    }
    let min_reps = progression_rules::min_reps(input.profile);
    let extra = progression_rules::extra_rir(input.profile);
    for located in input.exercises() {
        let e = located.exercise;
        if e.reps_min < min_reps {
            findings.report(
                format!("{}.repsMin", located.path()),
                format!("{} reps; under 18 no set goes below {min_reps}", e.reps_min),
            );
        }
        let floor = rules::min_rir(
            located.pattern(),
            located.mechanic(),
            input.profile.experience,
        ) + extra;
        if extra > 0 && e.rir < floor {
            findings.report(
                format!("{}.rir", located.path()),
                format!(
                    "RIR {}; at 65 or over keep at least {floor} in reserve",
                    e.rir
                ),
            );
        }
    }
}

/// Rule 30: a warning for each pair of 1RMs outside its plausible ratio
/// (`rules::loading::RATIO_BANDS`), and none otherwise.
pub(super) fn lift_ratios(input: &Input, findings: &mut Findings) {
    let expected = prescribe::implausible_ratios(input.profile).len();
    let given = input
        .program
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::ImplausibleLiftRatio.as_str())
        .count();
    if expected != given {
        findings.report(
            "warnings",
            format!("{given} implausible_lift_ratio warnings; the 1RMs call for {expected}"),
        );
    }
}

/// An exercise's notes and progression text, with the facts that decide
/// which words they need.
type Words<'a> = (&'a str, &'a str, bool, bool, bool);

/// Rule 31: notes in the trainee's words and units: unilateral work says
/// "per side"; bodyweight and band work never names a load in kg or lb;
/// RIR is explained once, in the glossary, with the load notation.
pub(super) fn trainee_words(input: &Input, findings: &mut Findings) {
    // The same words recur week after week: what passed once passes again.
    // Keyed by exercise, so a lookup compares only that exercise's texts
    // rather than hashing them.
    let mut clean: HashMap<&str, Vec<Words>> = HashMap::new();
    for located in input.exercises() {
        let e = located.exercise;
        let path = || located.path();
        let unilateral = located.entry.map_or(e.unilateral, |x| x.unilateral);
        let reps_rule = matches!(
            e.progression.kind,
            ProgressionKind::Ladder | ProgressionKind::Double
        ) && e.progression.training_max.is_none();
        let equipment = located
            .entry
            .map_or(e.equipment.as_slice(), |x| x.equipment);
        let loaded = loading::externally_loaded(equipment);
        let words = (
            e.notes.as_str(),
            e.progression.description.as_str(),
            unilateral,
            reps_rule,
            loaded,
        );
        let passed = clean.entry(e.exercise_id.as_str()).or_default();
        if passed.contains(&words) {
            continue;
        }
        let found = findings.out.len();
        if unilateral && !e.notes.contains("per side") {
            findings.report(
                format!("{}.notes", path()),
                "unilateral work says \"per side\"",
            );
        }
        if unilateral && reps_rule && !e.progression.description.contains("per side") {
            findings.report(
                format!("{}.progression.description", path()),
                "unilateral work says \"per side\"",
            );
        }
        if !loaded {
            for (field, text) in [
                ("notes", &e.notes),
                ("progression.description", &e.progression.description),
            ] {
                if names_a_load(text) {
                    findings.report(
                        format!("{}.{field}", path()),
                        "bodyweight and band work never names a load in kg or lb",
                    );
                }
            }
        }
        if e.notes.to_lowercase().contains("reps in reserve") {
            findings.report(
                format!("{}.notes", path()),
                "RIR is explained once, in the glossary",
            );
        }
        if findings.out.len() == found {
            passed.push(words);
        }
    }
    let glossary = &input.program.glossary;
    let count = |term: &str| glossary.iter().filter(|g| g.term == term).count();
    if count("RIR") != 1 || count("@") != 1 {
        findings.report(
            "glossary",
            "the glossary explains RIR and the load notation (@) once each",
        );
    }
}

/// Whether `text` names a load: a number followed by kg or lb.
fn names_a_load(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).any(|pair| {
        let number = pair[0].chars().next().is_some_and(|c| c.is_ascii_digit());
        let unit = pair[1].trim_end_matches(['.', ';', ':']);
        number && (unit == "kg" || unit == "lb")
    }) || words.iter().any(|w| {
        let w = w.trim_end_matches(['.', ';', ':']);
        (w.ends_with("kg") || w.ends_with("lb"))
            && w.len() > 2
            && w[..w.len() - 2]
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
    })
}

#[cfg(test)]
mod tests {
    use super::names_a_load;

    #[test]
    fn a_load_is_a_number_with_a_unit() {
        assert!(names_a_load("add 2.5 kg next week"));
        assert!(names_a_load("add 5lb."));
        assert!(!names_a_load("add a rep per side"));
        assert!(!names_a_load("kg"));
    }
}
