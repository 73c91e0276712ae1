//! The trainee's profile: the one input of the pipeline.
//!
//! Raw JSON is checked here, once, field by field, so that every problem is
//! reported together with its path (`oneRepMaxes.squat`), and the rest of the
//! pipeline only ever sees a [`Profile`] whose values are in the domain. This
//! module also normalizes the profile (sorted sets, default units, a seed
//! derived from the profile itself) so that equal inputs yield equal programs.

use crate::library;
use crate::model::error::{Error, Issue};
use crate::model::json::{accepted_variants, canonical_option};
use crate::rules::loading;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// The trainee's main goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    Strength,
    Hypertrophy,
    GeneralFitness,
    MuscularEndurance,
    FatLoss,
}

/// Training experience; also the minimum level an exercise requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Experience {
    Beginner,
    Intermediate,
    Advanced,
}

/// A piece of equipment; bodyweight is always available and not listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Equipment {
    Barbell,
    Rack,
    Bench,
    Dumbbells,
    Kettlebell,
    PullupBar,
    DipBars,
    Cable,
    Machine,
    Bands,
    BandAnchor,
    EzBar,
    Rings,
    Box,
}

/// A body region whose injury rules out contraindicated exercises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Injury {
    Knee,
    LowerBack,
    Shoulder,
    Wrist,
    Elbow,
    Hip,
    Ankle,
    Neck,
}

/// A day of the week; the weekly plan repeats, so Sunday is followed by Monday.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// Monday to Sunday.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// 0 for Monday through 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The next calendar day, wrapping Sunday to Monday.
    pub fn next(self) -> Weekday {
        Weekday::ALL[(self.index() + 1) % 7]
    }
}

/// The unit loads are expressed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Units {
    #[default]
    Kg,
    Lb,
}

impl Units {
    /// The unit's symbol: `kg` or `lb`.
    pub fn name(self) -> &'static str {
        match self {
            Units::Kg => "kg",
            Units::Lb => "lb",
        }
    }
}

/// A main lift whose one-repetition maximum the trainee may know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Lift {
    Squat,
    BenchPress,
    Deadlift,
    OverheadPress,
}

impl Lift {
    /// The lift's name in the trainee's words.
    pub fn name(self) -> &'static str {
        match self {
            Lift::Squat => "squat",
            Lift::BenchPress => "bench press",
            Lift::Deadlift => "deadlift",
            Lift::OverheadPress => "overhead press",
        }
    }
}

/// Known one-repetition maxima, in the profile's units; any may be omitted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OneRepMaxes {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "canonical_option"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub squat: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "canonical_option"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub bench_press: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "canonical_option"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub deadlift: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "canonical_option"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub overhead_press: Option<f64>,
}

impl OneRepMaxes {
    /// The 1RM of `lift`, if known.
    pub fn get(&self, lift: Lift) -> Option<f64> {
        match lift {
            Lift::Squat => self.squat,
            Lift::BenchPress => self.bench_press,
            Lift::Deadlift => self.deadlift,
            Lift::OverheadPress => self.overhead_press,
        }
    }
}

/// A validated, normalized trainee profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    pub goal: Goal,
    pub experience: Experience,
    /// Training days per week, 1–6.
    pub days_per_week: u8,
    /// Minutes available per session, 20–120.
    pub session_minutes: u16,
    /// Program length in weeks, 1–16.
    pub weeks: u8,
    /// Available equipment; bodyweight is implicit.
    pub equipment: BTreeSet<Equipment>,
    /// Injured regions whose contraindicated exercises are excluded.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub injuries: BTreeSet<Injury>,
    /// Library ids the trainee does not want.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub excluded_exercises: BTreeSet<String>,
    /// Exactly `daysPerWeek` distinct training days, if the trainee has a preference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub preferred_days: Option<Vec<Weekday>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub one_rep_maxes: Option<OneRepMaxes>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub units: Units,
    /// Age in years, 13–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub age: Option<u8>,
    /// RNG seed, 0–2^53−1; derived from the profile when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub seed: Option<u64>,
}

/// Largest seed that survives a round trip through a JavaScript number.
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// Every profile field's wire name, in declaration order.
pub(crate) const FIELDS: [&str; 13] = [
    "goal",
    "experience",
    "daysPerWeek",
    "sessionMinutes",
    "weeks",
    "equipment",
    "injuries",
    "excludedExercises",
    "preferredDays",
    "oneRepMaxes",
    "units",
    "age",
    "seed",
];

impl Profile {
    /// Parse a profile from JSON text, reporting every invalid field.
    pub fn from_json(text: &str) -> Result<Profile, Error> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            Error::invalid_profile(vec![Issue::new("", format!("not valid JSON: {e}"))])
        })?;
        Profile::from_value(&value)
    }

    /// Check a JSON value against the profile domain and return it normalized.
    pub fn from_value(value: &Value) -> Result<Profile, Error> {
        let Some(object) = value.as_object() else {
            return Err(Error::invalid_profile(vec![Issue::new(
                "",
                "expected a JSON object",
            )]));
        };
        let mut issues = Vec::new();
        for key in object.keys() {
            if !FIELDS.contains(&key.as_str()) {
                issues.push(Issue::new(key.as_str(), "unknown field"));
            }
        }
        let mut check = Checker {
            object,
            issues: &mut issues,
        };
        let goal = check.required_enum::<Goal>("goal");
        let experience = check.required_enum::<Experience>("experience");
        let days_per_week = check.required_int("daysPerWeek", 1, 6);
        let session_minutes = check.required_int("sessionMinutes", 20, 120);
        let weeks = check.required_int("weeks", 1, 16);
        let equipment = check.required_set::<Equipment>("equipment");
        let injuries = check.optional_set::<Injury>("injuries");
        let excluded_exercises = check.excluded_exercises();
        let preferred_days = check.preferred_days(days_per_week);
        let units = check.optional_enum::<Units>("units").unwrap_or_default();
        let one_rep_maxes = check.one_rep_maxes(units);
        let age = check.optional_int("age", 13, 100);
        let seed = check.optional_int("seed", 0, MAX_SEED);
        if !issues.is_empty() {
            return Err(Error::invalid_profile(issues));
        }
        let (Some(goal), Some(experience), Some(days), Some(minutes), Some(weeks)) =
            (goal, experience, days_per_week, session_minutes, weeks)
        else {
            return Err(Error::invalid_profile(vec![Issue::new(
                "",
                "a required field is missing",
            )]));
        };
        let mut profile = Profile {
            goal,
            experience,
            days_per_week: days as u8,
            session_minutes: minutes as u16,
            weeks: weeks as u8,
            equipment: equipment.unwrap_or_default(),
            injuries: injuries.unwrap_or_default(),
            excluded_exercises,
            preferred_days,
            one_rep_maxes,
            units,
            age: age.map(|a| a as u8),
            seed,
        };
        if profile.seed.is_none() {
            profile.seed = Some(profile.derived_seed());
        }
        Ok(profile)
    }

    /// The seed to use: the explicit one, or one derived from the profile.
    pub fn effective_seed(&self) -> u64 {
        self.seed.unwrap_or_else(|| self.derived_seed())
    }

    /// FNV-1a over the canonical JSON of the profile without its seed, so the
    /// same profile always yields the same program on every platform.
    fn derived_seed(&self) -> u64 {
        let mut unseeded = self.clone();
        unseeded.seed = None;
        let canonical = serde_json::to_vec(&unseeded).unwrap_or_default();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in canonical {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        hash & MAX_SEED
    }
}

/// Walks one JSON object, recording an [`Issue`] for each bad field.
struct Checker<'a> {
    object: &'a Map<String, Value>,
    issues: &'a mut Vec<Issue>,
}

impl<'a> Checker<'a> {
    fn get(&self, field: &str) -> Option<&'a Value> {
        self.object.get(field).filter(|v| !v.is_null())
    }

    fn missing(&mut self, field: &str) {
        self.issues.push(Issue::new(field, "is required"));
    }

    fn required_enum<T: DeserializeOwned>(&mut self, field: &str) -> Option<T> {
        if self.get(field).is_none() {
            self.missing(field);
            return None;
        }
        self.optional_enum(field)
    }

    fn optional_enum<T: DeserializeOwned>(&mut self, field: &str) -> Option<T> {
        let value = self.get(field)?;
        let parsed = parse_enum::<T>(value);
        if parsed.is_none() {
            self.issues.push(Issue::new(
                field,
                format!("expected {}", accepted_variants::<T>()),
            ));
        }
        parsed
    }

    fn required_int(&mut self, field: &str, min: u64, max: u64) -> Option<u64> {
        if self.get(field).is_none() {
            self.missing(field);
            return None;
        }
        self.optional_int(field, min, max)
    }

    fn optional_int(&mut self, field: &str, min: u64, max: u64) -> Option<u64> {
        let value = self.get(field)?;
        let parsed = integer(value).filter(|n| (min..=max).contains(n));
        if parsed.is_none() {
            self.issues.push(Issue::new(
                field,
                format!("expected an integer from {min} to {max}"),
            ));
        }
        parsed
    }

    fn required_set<T>(&mut self, field: &str) -> Option<BTreeSet<T>>
    where
        T: DeserializeOwned + Ord,
    {
        if self.get(field).is_none() {
            self.missing(field);
            return None;
        }
        self.optional_set(field)
    }

    fn optional_set<T>(&mut self, field: &str) -> Option<BTreeSet<T>>
    where
        T: DeserializeOwned + Ord,
    {
        let value = self.get(field)?;
        let Some(items) = value.as_array() else {
            self.issues.push(Issue::new(
                field,
                format!("expected an array, each item {}", accepted_variants::<T>()),
            ));
            return None;
        };
        let mut set = BTreeSet::new();
        for (i, item) in items.iter().enumerate() {
            match parse_enum::<T>(item) {
                Some(v) => {
                    set.insert(v);
                }
                None => self.issues.push(Issue::new(
                    format!("{field}[{i}]"),
                    format!("expected {}", accepted_variants::<T>()),
                )),
            }
        }
        Some(set)
    }

    fn excluded_exercises(&mut self) -> BTreeSet<String> {
        const FIELD: &str = "excludedExercises";
        let mut set = BTreeSet::new();
        let Some(value) = self.get(FIELD) else {
            return set;
        };
        let Some(items) = value.as_array() else {
            self.issues
                .push(Issue::new(FIELD, "expected an array of exercise ids"));
            return set;
        };
        for (i, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(id) if library::find(id).is_some() => {
                    set.insert(id.to_string());
                }
                Some(_) => self.issues.push(Issue::new(
                    format!("{FIELD}[{i}]"),
                    "unknown exercise id; see the library export for valid ids",
                )),
                None => self.issues.push(Issue::new(
                    format!("{FIELD}[{i}]"),
                    "expected an exercise id string",
                )),
            }
        }
        set
    }

    fn preferred_days(&mut self, days_per_week: Option<u64>) -> Option<Vec<Weekday>> {
        const FIELD: &str = "preferredDays";
        let value = self.get(FIELD)?;
        let Some(items) = value.as_array() else {
            self.issues.push(Issue::new(
                FIELD,
                format!(
                    "expected an array, each item {}",
                    accepted_variants::<Weekday>()
                ),
            ));
            return None;
        };
        let mut days: Vec<Weekday> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("{FIELD}[{i}]");
            match parse_enum::<Weekday>(item) {
                Some(day) if days.contains(&day) => {
                    self.issues.push(Issue::new(path, "duplicate day"))
                }
                Some(day) => days.push(day),
                None => self.issues.push(Issue::new(
                    path,
                    format!("expected {}", accepted_variants::<Weekday>()),
                )),
            }
        }
        if let Some(expected) = days_per_week {
            if items.len() as u64 != expected {
                self.issues.push(Issue::new(
                    FIELD,
                    format!("expected exactly daysPerWeek ({expected}) days"),
                ));
            }
        }
        days.sort();
        Some(days)
    }

    /// Each 1RM lies between the empty bar (every 1RM lift is a barbell
    /// lift) and 600 kg / 1,320 lb, beyond every human record
    /// (`rules::loading`).
    fn one_rep_maxes(&mut self, units: Units) -> Option<OneRepMaxes> {
        const FIELD: &str = "oneRepMaxes";
        let value = self.get(FIELD)?;
        let Some(object) = value.as_object() else {
            self.issues.push(Issue::new(
                FIELD,
                "expected an object with squat, benchPress, deadlift and overheadPress",
            ));
            return None;
        };
        let mut maxes = OneRepMaxes::default();
        for (key, value) in object {
            let slot = match key.as_str() {
                "squat" => &mut maxes.squat,
                "benchPress" => &mut maxes.bench_press,
                "deadlift" => &mut maxes.deadlift,
                "overheadPress" => &mut maxes.overhead_press,
                _ => {
                    self.issues
                        .push(Issue::new(format!("{FIELD}.{key}"), "unknown field"));
                    continue;
                }
            };
            if value.is_null() {
                continue;
            }
            let (lightest, heaviest) = (loading::empty_bar(units), loading::max_one_rep_max(units));
            match value.as_f64() {
                Some(max) if (lightest..=heaviest).contains(&max) => *slot = Some(max),
                _ => self.issues.push(Issue::new(
                    format!("{FIELD}.{key}"),
                    format!(
                        "expected a number from {lightest} (the empty bar) to {heaviest} {}, beyond every human record",
                        units.name()
                    ),
                )),
            }
        }
        Some(maxes)
    }
}

/// Accepts integral JSON numbers, including `3.0`, which JavaScript cannot tell from `3`.
fn integer(value: &Value) -> Option<u64> {
    if let Some(n) = value.as_u64() {
        return Some(n);
    }
    let f = value.as_f64()?;
    (f >= 0.0 && f.fract() == 0.0 && f <= MAX_SEED as f64).then_some(f as u64)
}

/// `value` as a `T`, read by its derived `Deserialize`.
fn parse_enum<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn minimal() -> Value {
        json!({
            "goal": "hypertrophy",
            "experience": "intermediate",
            "daysPerWeek": 3,
            "sessionMinutes": 60,
            "weeks": 8,
            "equipment": ["dumbbells", "bench"]
        })
    }

    fn paths(value: Value) -> Vec<String> {
        Profile::from_value(&value)
            .unwrap_err()
            .issues
            .into_iter()
            .map(|issue| issue.path)
            .collect()
    }

    #[test]
    fn minimal_profile_gets_defaults_and_a_derived_seed() {
        let profile = Profile::from_value(&minimal()).unwrap();
        assert_eq!(profile.units, Units::Kg);
        assert!(profile.injuries.is_empty());
        let seed = profile.seed.unwrap();
        assert!(seed <= MAX_SEED);
        assert_eq!(Profile::from_value(&minimal()).unwrap().seed, Some(seed));
    }

    #[test]
    fn different_profiles_derive_different_seeds() {
        let mut other = minimal();
        other["weeks"] = json!(9);
        let a = Profile::from_value(&minimal()).unwrap().seed;
        let b = Profile::from_value(&other).unwrap().seed;
        assert_ne!(a, b);
    }

    #[test]
    fn explicit_seed_is_kept() {
        let mut input = minimal();
        input["seed"] = json!(MAX_SEED);
        assert_eq!(Profile::from_value(&input).unwrap().seed, Some(MAX_SEED));
        input["seed"] = json!(MAX_SEED + 1);
        assert_eq!(paths(input), ["seed"]);
    }

    #[test]
    fn every_bad_field_is_reported_with_its_path() {
        let input = json!({
            "goal": "bulk",
            "experience": 3,
            "daysPerWeek": 7,
            "sessionMinutes": 19,
            "weeks": 0,
            "equipment": ["dumbbells", "spaceship"],
            "injuries": "knee",
            "excludedExercises": ["no_such_lift", 5],
            "oneRepMaxes": {"squat": 0, "clean": 100},
            "units": "stone",
            "age": 12,
            "colour": "red"
        });
        let mut found = paths(input);
        found.sort();
        let mut expected = vec![
            "colour",
            "goal",
            "experience",
            "daysPerWeek",
            "sessionMinutes",
            "weeks",
            "equipment[1]",
            "injuries",
            "excludedExercises[0]",
            "excludedExercises[1]",
            "oneRepMaxes.squat",
            "oneRepMaxes.clean",
            "units",
            "age",
        ];
        expected.sort();
        assert_eq!(found, expected);
    }

    #[test]
    fn missing_required_fields_are_named() {
        assert_eq!(
            paths(json!({})),
            [
                "goal",
                "experience",
                "daysPerWeek",
                "sessionMinutes",
                "weeks",
                "equipment"
            ]
        );
    }

    #[test]
    fn preferred_days_must_be_distinct_and_match_days_per_week() {
        let mut input = minimal();
        input["preferredDays"] = json!(["monday", "monday", "friday"]);
        assert_eq!(paths(input.clone()), ["preferredDays[1]"]);
        input["preferredDays"] = json!(["monday", "friday"]);
        assert_eq!(paths(input.clone()), ["preferredDays"]);
        input["preferredDays"] = json!(["friday", "monday", "wednesday"]);
        let days = Profile::from_value(&input).unwrap().preferred_days.unwrap();
        assert_eq!(days, [Weekday::Monday, Weekday::Wednesday, Weekday::Friday]);
    }

    #[test]
    fn one_rep_maxes_lie_between_the_empty_bar_and_human_records() {
        let mut input = minimal();
        input["oneRepMaxes"] = json!({"squat": 601, "benchPress": 19.5, "deadlift": 600});
        assert_eq!(
            paths(input.clone()),
            ["oneRepMaxes.benchPress", "oneRepMaxes.squat"]
        );
        input["units"] = json!("lb");
        input["oneRepMaxes"] = json!({"squat": 1320, "deadlift": 1321, "benchPress": 45});
        assert_eq!(paths(input.clone()), ["oneRepMaxes.deadlift"]);
        input["oneRepMaxes"] = json!({"squat": 44});
        assert_eq!(paths(input), ["oneRepMaxes.squat"]);
    }

    #[test]
    fn unknown_excluded_ids_are_rejected_with_their_index() {
        let mut input = minimal();
        input["excludedExercises"] = json!(["back_squat", "moon_squat"]);
        assert_eq!(paths(input), ["excludedExercises[1]"]);
    }

    #[test]
    fn duplicate_equipment_is_folded_into_a_set() {
        let mut input = minimal();
        input["equipment"] = json!(["bench", "dumbbells", "bench"]);
        let profile = Profile::from_value(&input).unwrap();
        assert_eq!(profile.equipment.len(), 2);
    }

    #[test]
    fn whole_floats_count_as_integers_but_fractions_do_not() {
        let mut input = minimal();
        input["weeks"] = json!(8.0);
        assert_eq!(Profile::from_value(&input).unwrap().weeks, 8);
        input["weeks"] = json!(8.5);
        assert_eq!(paths(input), ["weeks"]);
    }

    #[test]
    fn non_objects_are_rejected_at_the_root() {
        for input in [json!(null), json!([]), json!("x"), json!(1)] {
            assert_eq!(paths(input), [""]);
        }
    }

    #[test]
    fn normalized_profile_round_trips_through_json() {
        let mut input = minimal();
        input["oneRepMaxes"] = json!({"squat": 100.0, "benchPress": 82.5});
        let profile = Profile::from_value(&input).unwrap();
        let text = serde_json::to_string(&profile).unwrap();
        assert!(text.contains(r#""squat":100,"#), "{text}");
        assert_eq!(Profile::from_json(&text).unwrap(), profile);
    }
}
