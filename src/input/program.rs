//! Reads a [`Program`] back from JSON, for `validateProgram` and
//! `program-gen validate`.
//!
//! It accepts what serde's derived `Deserialize` accepts for the same types
//! (unknown fields rejected, integers range-checked, missing or `null`
//! optional fields read as `None`), but it walks a [`Value`] by hand: the
//! derived visitors for the whole program tree cost about 85 KB of WASM, and
//! the boundary already parses JSON into a `Value` for the profile. A failure
//! is one [`Issue`] whose path points into the program (`weeks[2].number`).
//! Whether a decoded program is acceptable is decided in `validate`.
//!
//! Decoding does not stop at the first problem: it records it, substitutes a
//! placeholder and carries on, so no partly built value has to be dropped
//! half-way (each such exit would cost its own drop code).

use crate::model::anatomy::{Mechanic, Muscle, Pattern, VolumeGroup};
use crate::model::error::Issue;
use crate::model::profile::{variants, Weekday};
use crate::model::profile::{
    Equipment, Experience, Goal, Injury, OneRepMaxes, Profile, Units, Variants,
};
use crate::model::program::{
    Focus, GeneratorInfo, Landmarks, Load, Periodization, Phase, PrescribedExercise, Program,
    Session, Split, Warning, WeakPoint, Week,
};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Decode a program; the error's path points at the first offending field.
pub fn program(value: &Value) -> Result<Program, Issue> {
    let mut reader = Reader::default();
    let program = Program::decode(&mut reader, value);
    match reader.issue {
        Some(issue) => Err(issue),
        None => Ok(program),
    }
}

/// A type that can be read from a JSON value; on failure it reports to the
/// reader and returns a placeholder.
trait Decode: Sized {
    fn decode(reader: &mut Reader, value: &Value) -> Self;
}

/// Where decoding is, and the first problem it met.
#[derive(Default)]
struct Reader {
    /// Field names and `[i]` indices from the root to the current value.
    path: Vec<String>,
    issue: Option<Issue>,
}

impl Reader {
    /// Record a problem with the current value, unless one is recorded already.
    fn fail(&mut self, message: &str) {
        if self.issue.is_some() {
            return;
        }
        let mut path = String::new();
        for segment in &self.path {
            if !path.is_empty() && !segment.starts_with('[') {
                path.push('.');
            }
            path.push_str(segment);
        }
        self.issue = Some(Issue::new(path, message));
    }

    /// Decode `value` as the child `segment` of the current value.
    fn at<T: Decode>(&mut self, segment: String, value: &Value) -> T {
        self.path.push(segment);
        let decoded = T::decode(self, value);
        self.path.pop();
        decoded
    }

    /// The fields of an object, after checking every key against `known`.
    fn object<'a>(&mut self, value: &'a Value, known: &[&str]) -> Fields<'a> {
        let Some(map) = value.as_object() else {
            self.fail("expected an object");
            return Fields(None);
        };
        if let Some(key) = map.keys().find(|key| !known.contains(&key.as_str())) {
            self.path.push(key.clone());
            self.fail("unknown field");
            self.path.pop();
        }
        Fields(Some(map))
    }

    /// The items of an array, each decoded with its index in the path.
    fn items<T: Decode>(&mut self, value: &Value, mut each: impl FnMut(T)) {
        let Some(array) = value.as_array() else {
            return self.fail("expected an array");
        };
        for (i, item) in array.iter().enumerate() {
            each(self.at(String::from("[") + &i.to_string() + "]", item));
        }
    }

    /// An unsigned integer up to `max`; 0 when it is not one.
    fn unsigned(&mut self, value: &Value, max: u64) -> u64 {
        match value.as_u64() {
            Some(n) if n <= max => n,
            _ => {
                let message = String::from("expected an integer from 0 to ") + &max.to_string();
                self.fail(&message);
                0
            }
        }
    }

    /// The index of the string `value` in `names`; 0 when it is none of them.
    fn variant(&mut self, value: &Value, names: &[&str]) -> usize {
        let found = value
            .as_str()
            .and_then(|name| names.iter().position(|n| *n == name));
        found.unwrap_or_else(|| {
            self.fail(&(String::from("expected one of: ") + &names.join(", ")));
            0
        })
    }
}

/// The fields of a JSON object; `None` when the value was not an object.
struct Fields<'a>(Option<&'a Map<String, Value>>);

impl Fields<'_> {
    fn get(&self, name: &str) -> Option<&Value> {
        self.0.and_then(|map| map.get(name))
    }

    /// A field that must be present.
    fn req<T: Decode>(&self, reader: &mut Reader, name: &str) -> T {
        match self.get(name) {
            Some(value) => reader.at(name.to_string(), value),
            None => {
                reader.path.push(name.to_string());
                reader.fail("missing field");
                // Already failed: this only builds the placeholder.
                let placeholder = T::decode(reader, &Value::Null);
                reader.path.pop();
                placeholder
            }
        }
    }

    /// An optional field: absent or `null` is `None`.
    fn opt<T: Decode>(&self, reader: &mut Reader, name: &str) -> Option<T> {
        match self.get(name) {
            None | Some(Value::Null) => None,
            Some(value) => Some(reader.at(name.to_string(), value)),
        }
    }

    /// A `#[serde(default)]` field: absent is the default, `null` is an error.
    fn or_default<T: Decode + Default>(&self, reader: &mut Reader, name: &str) -> T {
        match self.get(name) {
            None => T::default(),
            Some(value) => reader.at(name.to_string(), value),
        }
    }
}

macro_rules! unsigned {
    ($($t:ty),+) => {$(
        impl Decode for $t {
            fn decode(reader: &mut Reader, value: &Value) -> Self {
                reader.unsigned(value, <$t>::MAX.into()) as $t
            }
        }
    )+};
}
unsigned!(u8, u16, u32, u64);

impl Decode for f64 {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        value.as_f64().unwrap_or_else(|| {
            reader.fail("expected a number");
            0.0
        })
    }
}

impl Decode for bool {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        value.as_bool().unwrap_or_else(|| {
            reader.fail("expected a boolean");
            false
        })
    }
}

impl Decode for String {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        match value.as_str() {
            Some(text) => String::from(text),
            None => {
                reader.fail("expected a string");
                String::new()
            }
        }
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let mut vec = Vec::new();
        reader.items(value, |item| vec.push(item));
        vec
    }
}

// Inserting one by one, unlike `collect`, needs no sort per element type.
impl<T: Decode + Ord> Decode for BTreeSet<T> {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let mut set = BTreeSet::new();
        reader.items(value, |item| {
            set.insert(item);
        });
        set
    }
}

/// Enums read by wire name through [`Variants`].
macro_rules! enums {
    ($($t:ty),+) => {$(
        impl Decode for $t {
            fn decode(reader: &mut Reader, value: &Value) -> Self {
                <$t>::ALL[reader.variant(value, <$t>::NAMES)]
            }
        }
    )+};
}

variants!(Pattern: Squat = "squat", Lunge = "lunge", Hinge = "hinge", Bridge = "bridge",
    HorizontalPush = "horizontal_push", VerticalPush = "vertical_push",
    HorizontalPull = "horizontal_pull", VerticalPull = "vertical_pull",
    ElbowFlexion = "elbow_flexion", ElbowExtension = "elbow_extension",
    ShoulderAbduction = "shoulder_abduction", RearDelt = "rear_delt",
    KneeFlexion = "knee_flexion", KneeExtension = "knee_extension", CalfRaise = "calf_raise",
    Core = "core", Carry = "carry");
variants!(Mechanic: Compound = "compound", Isolation = "isolation");
variants!(Muscle: Chest = "chest", Lats = "lats", UpperBack = "upper_back",
    FrontDelts = "front_delts", SideDelts = "side_delts", RearDelts = "rear_delts",
    Biceps = "biceps", Triceps = "triceps", Forearms = "forearms", Quads = "quads",
    Hamstrings = "hamstrings", Glutes = "glutes", Adductors = "adductors", Calves = "calves",
    Abs = "abs", Obliques = "obliques", LowerBack = "lower_back");
variants!(VolumeGroup: Chest = "chest", Back = "back", Shoulders = "shoulders",
    Quads = "quads", Hamstrings = "hamstrings", Glutes = "glutes", Biceps = "biceps",
    Triceps = "triceps", Calves = "calves", Abs = "abs");
variants!(Split: FullBody = "full_body", UpperLower = "upper_lower",
    UpperLowerPushPullLegs = "upper_lower_push_pull_legs", PushPullLegs = "push_pull_legs");
variants!(Periodization: Linear = "linear", DoubleProgression = "double_progression",
    Undulating = "undulating", Block = "block");
variants!(Phase: Accumulation = "accumulation", Intensification = "intensification",
    Realization = "realization", Deload = "deload");
variants!(Focus: FullBody = "full_body", Upper = "upper", Lower = "lower", Push = "push",
    Pull = "pull", Legs = "legs");

enums!(
    Goal,
    Experience,
    Equipment,
    Injury,
    Weekday,
    Units,
    Pattern,
    Mechanic,
    Muscle,
    VolumeGroup,
    Split,
    Periodization,
    Phase,
    Focus
);

impl Decode for Program {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let f = reader.object(
            value,
            &[
                "schemaVersion",
                "generator",
                "seed",
                "profile",
                "name",
                "split",
                "periodization",
                "volumeLandmarks",
                "weakPoints",
                "warnings",
                "weeks",
            ],
        );
        Program {
            schema_version: f.req(reader, "schemaVersion"),
            generator: f.req(reader, "generator"),
            seed: f.req(reader, "seed"),
            profile: f.req(reader, "profile"),
            name: f.req(reader, "name"),
            split: f.req(reader, "split"),
            periodization: f.req(reader, "periodization"),
            volume_landmarks: f.req(reader, "volumeLandmarks"),
            weak_points: f.req(reader, "weakPoints"),
            warnings: f.req(reader, "warnings"),
            weeks: f.req(reader, "weeks"),
        }
    }
}

impl Decode for GeneratorInfo {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let f = reader.object(value, &["version", "libraryVersion"]);
        GeneratorInfo {
            version: f.req(reader, "version"),
            library_version: f.req(reader, "libraryVersion"),
        }
    }
}

impl Decode for Profile {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let f = reader.object(value, &crate::model::profile::FIELDS);
        Profile {
            goal: f.req(reader, "goal"),
            experience: f.req(reader, "experience"),
            days_per_week: f.req(reader, "daysPerWeek"),
            session_minutes: f.req(reader, "sessionMinutes"),
            weeks: f.req(reader, "weeks"),
            equipment: f.req(reader, "equipment"),
            injuries: f.or_default(reader, "injuries"),
            excluded_exercises: f.or_default(reader, "excludedExercises"),
            preferred_days: f.opt(reader, "preferredDays"),
            one_rep_maxes: f.opt(reader, "oneRepMaxes"),
            units: f.or_default(reader, "units"),
            age: f.opt(reader, "age"),
            seed: f.opt(reader, "seed"),
        }
    }
}

impl Decode for OneRepMaxes {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let f = reader.object(value, &["squat", "benchPress", "deadlift", "overheadPress"]);
        OneRepMaxes {
            squat: f.opt(reader, "squat"),
            bench_press: f.opt(reader, "benchPress"),
            deadlift: f.opt(reader, "deadlift"),
            overhead_press: f.opt(reader, "overheadPress"),
        }
    }
}

impl Decode for BTreeMap<VolumeGroup, Landmarks> {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let mut out = BTreeMap::new();
        let Some(map) = value.as_object() else {
            reader.fail("expected an object");
            return out;
        };
        for (key, landmarks) in map {
            reader.path.push(key.clone());
            let group = VolumeGroup::decode(reader, &Value::String(key.clone()));
            out.insert(group, Landmarks::decode(reader, landmarks));
            reader.path.pop();
        }
        out
    }
}

impl Decode for Landmarks {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let f = reader.object(value, &["mev", "mav", "mrv"]);
        Landmarks {
            mev: f.req(reader, "mev"),
            mav: f.req(reader, "mav"),
            mrv: f.req(reader, "mrv"),
        }
    }
}

impl Decode for WeakPoint {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let f = reader.object(value, &["code", "message"]);
        WeakPoint {
            code: f.req(reader, "code"),
            message: f.req(reader, "message"),
        }
    }
}

impl Decode for Warning {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let f = reader.object(value, &["code", "message", "pattern", "group"]);
        Warning {
            code: f.req(reader, "code"),
            message: f.req(reader, "message"),
            pattern: f.opt(reader, "pattern"),
            group: f.opt(reader, "group"),
        }
    }
}

impl Decode for Week {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let f = reader.object(value, &["number", "phase", "deload", "sessions"]);
        Week {
            number: f.req(reader, "number"),
            phase: f.req(reader, "phase"),
            deload: f.req(reader, "deload"),
            sessions: f.req(reader, "sessions"),
        }
    }
}

impl Decode for Session {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let f = reader.object(value, &["day", "focus", "estimatedMinutes", "exercises"]);
        Session {
            day: f.req(reader, "day"),
            focus: f.req(reader, "focus"),
            estimated_minutes: f.req(reader, "estimatedMinutes"),
            exercises: f.req(reader, "exercises"),
        }
    }
}

impl Decode for PrescribedExercise {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let f = reader.object(
            value,
            &[
                "exerciseId",
                "name",
                "pattern",
                "mechanic",
                "primaryMuscles",
                "secondaryMuscles",
                "equipment",
                "unilateral",
                "sets",
                "repsMin",
                "repsMax",
                "rir",
                "restSeconds",
                "loadPercent1rm",
                "load",
                "notes",
            ],
        );
        PrescribedExercise {
            exercise_id: f.req(reader, "exerciseId"),
            name: f.req(reader, "name"),
            pattern: f.req(reader, "pattern"),
            mechanic: f.req(reader, "mechanic"),
            primary_muscles: f.req(reader, "primaryMuscles"),
            secondary_muscles: f.req(reader, "secondaryMuscles"),
            equipment: f.req(reader, "equipment"),
            unilateral: f.req(reader, "unilateral"),
            sets: f.req(reader, "sets"),
            reps_min: f.req(reader, "repsMin"),
            reps_max: f.req(reader, "repsMax"),
            rir: f.req(reader, "rir"),
            rest_seconds: f.req(reader, "restSeconds"),
            load_percent_1rm: f.opt(reader, "loadPercent1rm"),
            load: f.opt(reader, "load"),
            notes: f.req(reader, "notes"),
        }
    }
}

impl Decode for Load {
    fn decode(reader: &mut Reader, value: &Value) -> Self {
        let f = reader.object(value, &["value", "unit"]);
        Load {
            value: f.req(reader, "value"),
            unit: f.req(reader, "unit"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate_program;
    use serde::Serialize;
    use serde_json::json;

    fn typical() -> Program {
        let profile = Profile::from_json(include_str!("../../tests/fixtures/profile-typical.json"))
            .expect("valid fixture");
        generate_program(&profile).expect("feasible fixture")
    }

    fn wire_names_match_serde<T: Variants + Serialize>() {
        for (variant, name) in T::ALL.iter().zip(T::NAMES) {
            assert_eq!(serde_json::to_value(variant).unwrap(), json!(name));
        }
    }

    #[test]
    fn enum_names_are_the_serde_wire_names() {
        wire_names_match_serde::<Pattern>();
        wire_names_match_serde::<Mechanic>();
        wire_names_match_serde::<Muscle>();
        wire_names_match_serde::<VolumeGroup>();
        wire_names_match_serde::<Split>();
        wire_names_match_serde::<Periodization>();
        wire_names_match_serde::<Phase>();
        wire_names_match_serde::<Focus>();
    }

    #[test]
    fn a_generated_program_reads_back_equal() {
        let program = typical();
        let decoded = super::program(&serde_json::to_value(&program).unwrap()).unwrap();
        assert_eq!(decoded, program);
    }

    #[test]
    fn reads_back_what_serde_reads_back() {
        let mut value = serde_json::to_value(typical()).unwrap();
        // Optional fields may be absent; defaulted ones too.
        let exercise = &mut value["weeks"][0]["sessions"][0]["exercises"][0];
        exercise.as_object_mut().unwrap().remove("load");
        value["profile"].as_object_mut().unwrap().remove("injuries");
        let by_serde: Program = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(super::program(&value).unwrap(), by_serde);
    }

    fn issue_after(edit: impl FnOnce(&mut Value)) -> Issue {
        let mut value = serde_json::to_value(typical()).unwrap();
        edit(&mut value);
        assert!(serde_json::from_value::<Program>(value.clone()).is_err());
        super::program(&value).unwrap_err()
    }

    #[test]
    fn rejects_what_serde_rejects_with_a_path() {
        let issue = issue_after(|v| v["weeks"][1]["number"] = json!(256));
        assert_eq!(issue.path, "weeks[1].number");
        assert_eq!(issue.message, "expected an integer from 0 to 255");
        let issue =
            issue_after(|v| v["weeks"][0]["sessions"][0]["exercises"][0]["sets"] = json!(2.5));
        assert_eq!(issue.path, "weeks[0].sessions[0].exercises[0].sets");
        let issue = issue_after(|v| v["profile"]["extra"] = json!(true));
        assert_eq!(
            (issue.path.as_str(), issue.message.as_str()),
            ("profile.extra", "unknown field")
        );
        let issue = issue_after(|v| {
            v.as_object_mut().unwrap().remove("split");
        });
        assert_eq!(
            (issue.path.as_str(), issue.message.as_str()),
            ("split", "missing field")
        );
        let issue =
            issue_after(|v| v["volumeLandmarks"]["necks"] = json!({"mev": 1, "mav": 2, "mrv": 3}));
        assert_eq!(issue.path, "volumeLandmarks.necks");
        let issue = issue_after(|v| v["profile"]["injuries"] = Value::Null);
        assert_eq!(issue.path, "profile.injuries");
        let issue = issue_after(|v| v["weeks"][0]["phase"] = json!("rest"));
        assert!(issue.message.starts_with("expected one of: accumulation"));
        let issue = super::program(&json!([])).unwrap_err();
        assert_eq!(
            (issue.path.as_str(), issue.message.as_str()),
            ("", "expected an object")
        );
        let issue = issue_after(|v| v["weeks"][2] = json!("week"));
        assert_eq!(
            (issue.path.as_str(), issue.message.as_str()),
            ("weeks[2]", "expected an object")
        );
    }
}
