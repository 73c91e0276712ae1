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

use crate::anatomy::{Mechanic, Muscle, Pattern, VolumeGroup};
use crate::error::Issue;
use crate::profile::{variants, Weekday};
use crate::profile::{Equipment, Experience, Goal, Injury, OneRepMaxes, Profile, Units, Variants};
use crate::program::{
    Focus, GeneratorInfo, Landmarks, Load, Periodization, Phase, PrescribedExercise, Program,
    Session, Split, Warning, WeakPoint, Week,
};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Decode a program; the error's path points at the first offending field.
pub fn program(value: &Value) -> Result<Program, Issue> {
    Program::decode(value)
}

/// A type that can be read from a JSON value.
trait Decode: Sized {
    fn decode(value: &Value) -> Result<Self, Issue>;
}

/// The issue at the root: `path` is filled in on the way back up.
fn fail(message: impl Into<String>) -> Issue {
    Issue::new("", message)
}

/// Prefix an issue's path with `segment` (a field name or `[i]`).
fn within(segment: &str, mut issue: Issue) -> Issue {
    let rest = std::mem::take(&mut issue.path);
    let mut path = String::from(segment);
    if !rest.is_empty() && !rest.starts_with('[') {
        path.push('.');
    }
    path.push_str(&rest);
    issue.path = path;
    issue
}

/// The fields of a JSON object, with every key checked against `known`.
struct Fields<'a>(&'a Map<String, Value>);

impl<'a> Fields<'a> {
    fn of(value: &'a Value, known: &[&str]) -> Result<Self, Issue> {
        let map = value
            .as_object()
            .ok_or_else(|| fail("expected an object"))?;
        match map.keys().find(|key| !known.contains(&key.as_str())) {
            Some(key) => Err(within(key, fail("unknown field"))),
            None => Ok(Fields(map)),
        }
    }

    /// A field that must be present.
    fn req<T: Decode>(&self, name: &str) -> Result<T, Issue> {
        let value = self
            .0
            .get(name)
            .ok_or_else(|| within(name, fail("missing field")))?;
        T::decode(value).map_err(|issue| within(name, issue))
    }

    /// An optional field: absent or `null` is `None`.
    fn opt<T: Decode>(&self, name: &str) -> Result<Option<T>, Issue> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::decode(value)
                .map(Some)
                .map_err(|issue| within(name, issue)),
        }
    }

    /// A `#[serde(default)]` field: absent is the default, `null` is an error.
    fn or_default<T: Decode + Default>(&self, name: &str) -> Result<T, Issue> {
        match self.0.get(name) {
            None => Ok(T::default()),
            Some(_) => self.req(name),
        }
    }
}

macro_rules! unsigned {
    ($($t:ty),+) => {$(
        impl Decode for $t {
            fn decode(value: &Value) -> Result<Self, Issue> {
                value
                    .as_u64()
                    .and_then(|n| <$t>::try_from(n).ok())
                    .ok_or_else(|| {
                        let max = <$t>::MAX.to_string();
                        fail(String::from("expected an integer from 0 to ") + &max)
                    })
            }
        }
    )+};
}
unsigned!(u8, u16, u32, u64);

impl Decode for f64 {
    fn decode(value: &Value) -> Result<Self, Issue> {
        value.as_f64().ok_or_else(|| fail("expected a number"))
    }
}

impl Decode for bool {
    fn decode(value: &Value) -> Result<Self, Issue> {
        value.as_bool().ok_or_else(|| fail("expected a boolean"))
    }
}

impl Decode for String {
    fn decode(value: &Value) -> Result<Self, Issue> {
        value
            .as_str()
            .map(String::from)
            .ok_or_else(|| fail("expected a string"))
    }
}

/// The items of a JSON array, each decoded with its index in the path.
fn items<T: Decode>(value: &Value) -> Result<impl Iterator<Item = Result<T, Issue>> + '_, Issue> {
    let array = value.as_array().ok_or_else(|| fail("expected an array"))?;
    Ok(array.iter().enumerate().map(|(i, item)| {
        T::decode(item).map_err(|issue| within(&(String::from("[") + &i.to_string() + "]"), issue))
    }))
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(value: &Value) -> Result<Self, Issue> {
        items(value)?.collect()
    }
}

impl<T: Decode + Ord> Decode for BTreeSet<T> {
    fn decode(value: &Value) -> Result<Self, Issue> {
        items(value)?.collect()
    }
}

/// Enums read by wire name through [`Variants`].
macro_rules! enums {
    ($($t:ty),+) => {$(
        impl Decode for $t {
            fn decode(value: &Value) -> Result<Self, Issue> {
                value
                    .as_str()
                    .and_then(|name| <$t>::NAMES.iter().position(|n| *n == name))
                    .map(|index| <$t>::ALL[index])
                    .ok_or_else(|| fail(String::from("expected one of: ") + &<$t>::NAMES.join(", ")))
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
    fn decode(value: &Value) -> Result<Self, Issue> {
        let f = Fields::of(
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
        )?;
        Ok(Program {
            schema_version: f.req("schemaVersion")?,
            generator: f.req("generator")?,
            seed: f.req("seed")?,
            profile: f.req("profile")?,
            name: f.req("name")?,
            split: f.req("split")?,
            periodization: f.req("periodization")?,
            volume_landmarks: f.req("volumeLandmarks")?,
            weak_points: f.req("weakPoints")?,
            warnings: f.req("warnings")?,
            weeks: f.req("weeks")?,
        })
    }
}

impl Decode for GeneratorInfo {
    fn decode(value: &Value) -> Result<Self, Issue> {
        let f = Fields::of(value, &["version", "libraryVersion"])?;
        Ok(GeneratorInfo {
            version: f.req("version")?,
            library_version: f.req("libraryVersion")?,
        })
    }
}

impl Decode for Profile {
    fn decode(value: &Value) -> Result<Self, Issue> {
        let f = Fields::of(
            value,
            &[
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
            ],
        )?;
        Ok(Profile {
            goal: f.req("goal")?,
            experience: f.req("experience")?,
            days_per_week: f.req("daysPerWeek")?,
            session_minutes: f.req("sessionMinutes")?,
            weeks: f.req("weeks")?,
            equipment: f.req("equipment")?,
            injuries: f.or_default("injuries")?,
            excluded_exercises: f.or_default("excludedExercises")?,
            preferred_days: f.opt("preferredDays")?,
            one_rep_maxes: f.opt("oneRepMaxes")?,
            units: f.or_default("units")?,
            age: f.opt("age")?,
            seed: f.opt("seed")?,
        })
    }
}

impl Decode for OneRepMaxes {
    fn decode(value: &Value) -> Result<Self, Issue> {
        let f = Fields::of(value, &["squat", "benchPress", "deadlift", "overheadPress"])?;
        Ok(OneRepMaxes {
            squat: f.opt("squat")?,
            bench_press: f.opt("benchPress")?,
            deadlift: f.opt("deadlift")?,
            overhead_press: f.opt("overheadPress")?,
        })
    }
}

impl Decode for BTreeMap<VolumeGroup, Landmarks> {
    fn decode(value: &Value) -> Result<Self, Issue> {
        let map = value
            .as_object()
            .ok_or_else(|| fail("expected an object"))?;
        map.iter()
            .map(|(key, landmarks)| {
                let group = VolumeGroup::decode(&Value::String(key.clone()))
                    .map_err(|issue| within(key, issue))?;
                let landmarks = Landmarks::decode(landmarks).map_err(|issue| within(key, issue))?;
                Ok((group, landmarks))
            })
            .collect()
    }
}

impl Decode for Landmarks {
    fn decode(value: &Value) -> Result<Self, Issue> {
        let f = Fields::of(value, &["mev", "mav", "mrv"])?;
        Ok(Landmarks {
            mev: f.req("mev")?,
            mav: f.req("mav")?,
            mrv: f.req("mrv")?,
        })
    }
}

impl Decode for WeakPoint {
    fn decode(value: &Value) -> Result<Self, Issue> {
        let f = Fields::of(value, &["code", "message"])?;
        Ok(WeakPoint {
            code: f.req("code")?,
            message: f.req("message")?,
        })
    }
}

impl Decode for Warning {
    fn decode(value: &Value) -> Result<Self, Issue> {
        let f = Fields::of(value, &["code", "message", "pattern", "group"])?;
        Ok(Warning {
            code: f.req("code")?,
            message: f.req("message")?,
            pattern: f.opt("pattern")?,
            group: f.opt("group")?,
        })
    }
}

impl Decode for Week {
    fn decode(value: &Value) -> Result<Self, Issue> {
        let f = Fields::of(value, &["number", "phase", "deload", "sessions"])?;
        Ok(Week {
            number: f.req("number")?,
            phase: f.req("phase")?,
            deload: f.req("deload")?,
            sessions: f.req("sessions")?,
        })
    }
}

impl Decode for Session {
    fn decode(value: &Value) -> Result<Self, Issue> {
        let f = Fields::of(value, &["day", "focus", "estimatedMinutes", "exercises"])?;
        Ok(Session {
            day: f.req("day")?,
            focus: f.req("focus")?,
            estimated_minutes: f.req("estimatedMinutes")?,
            exercises: f.req("exercises")?,
        })
    }
}

impl Decode for PrescribedExercise {
    fn decode(value: &Value) -> Result<Self, Issue> {
        let f = Fields::of(
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
        )?;
        Ok(PrescribedExercise {
            exercise_id: f.req("exerciseId")?,
            name: f.req("name")?,
            pattern: f.req("pattern")?,
            mechanic: f.req("mechanic")?,
            primary_muscles: f.req("primaryMuscles")?,
            secondary_muscles: f.req("secondaryMuscles")?,
            equipment: f.req("equipment")?,
            unilateral: f.req("unilateral")?,
            sets: f.req("sets")?,
            reps_min: f.req("repsMin")?,
            reps_max: f.req("repsMax")?,
            rir: f.req("rir")?,
            rest_seconds: f.req("restSeconds")?,
            load_percent_1rm: f.opt("loadPercent1rm")?,
            load: f.opt("load")?,
            notes: f.req("notes")?,
        })
    }
}

impl Decode for Load {
    fn decode(value: &Value) -> Result<Self, Issue> {
        let f = Fields::of(value, &["value", "unit"])?;
        Ok(Load {
            value: f.req("value")?,
            unit: f.req("unit")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate_program;
    use serde::Serialize;
    use serde_json::json;

    fn typical() -> Program {
        let profile = Profile::from_json(include_str!("../tests/fixtures/profile-typical.json"))
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
        assert!(super::program(&json!([])).is_err());
    }
}
