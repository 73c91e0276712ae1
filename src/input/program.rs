//! Reads a [`Program`] back from JSON, for `validateProgram` and
//! `program-gen validate`.
//!
//! Decoding is serde's derived `Deserialize` for the program types, which
//! rejects unknown fields, range-checks integers and reads missing or `null`
//! optional fields as `None`. A failure is one [`Issue`] whose path points
//! into the program (`weeks[2].number`). Whether a decoded program is
//! acceptable is decided in `validate`.

use crate::model::error::Issue;
use crate::model::program::Program;
use serde_json::Value;
use serde_path_to_error::Segment;

/// Decode a program; the error's path points at the first offending field.
pub fn program(value: &Value) -> Result<Program, Issue> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let message = error.inner().to_string();
        let mut path = String::new();
        for segment in error.path() {
            match segment {
                Segment::Seq { index } => path += &format!("[{index}]"),
                Segment::Map { key } => push_field(&mut path, key),
                Segment::Enum { variant } => push_field(&mut path, variant),
                // A map key that is not a volume group is not captured as a
                // key; serde's message names it.
                Segment::Unknown => push_field(
                    &mut path,
                    quoted(&message, "unknown variant").unwrap_or("?"),
                ),
            }
        }
        // serde reports a missing field at its parent; name the field itself.
        if let Some(field) = quoted(&message, "missing field") {
            push_field(&mut path, field);
        }
        Issue::new(path, message)
    })
}

/// Append `.name` to a dotted path (no dot at the root).
fn push_field(path: &mut String, name: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(name);
}

/// `name` from serde's messages of the form ``{what} `name`…``.
fn quoted<'a>(message: &'a str, what: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(what)?.strip_prefix(" `")?;
    rest.split_once('`').map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate_program;
    use crate::model::profile::Profile;
    use serde_json::json;

    fn typical() -> Program {
        let profile = Profile::from_json(include_str!("../../tests/fixtures/profile-typical.json"))
            .expect("valid fixture");
        generate_program(&profile).expect("feasible fixture")
    }

    fn typical_value() -> Value {
        serde_json::to_value(typical()).unwrap()
    }

    #[test]
    fn a_generated_program_reads_back_equal() {
        let program = typical();
        let decoded = super::program(&serde_json::to_value(&program).unwrap()).unwrap();
        assert_eq!(decoded, program);
    }

    #[test]
    fn missing_or_null_optional_fields_read_as_none() {
        let mut value = typical_value();
        let exercise = &mut value["weeks"][0]["sessions"][0]["exercises"][0];
        exercise.as_object_mut().unwrap().remove("load");
        exercise["loadPercent1rm"] = Value::Null;
        value["profile"].as_object_mut().unwrap().remove("injuries");
        value["profile"]["age"] = Value::Null;
        let program = super::program(&value).unwrap();
        let exercise = &program.weeks[0].sessions[0].exercises[0];
        assert_eq!((exercise.load, exercise.load_percent_1rm), (None, None));
        assert!(program.profile.injuries.is_empty());
        assert_eq!(program.profile.age, None);
    }

    #[test]
    fn whole_numbers_read_as_floats() {
        let mut value = typical_value();
        value["weeks"][0]["sessions"][0]["exercises"][0]["load"] =
            json!({"value": 100, "unit": "kg"});
        value["profile"]["oneRepMaxes"] = json!({"squat": 140, "benchPress": 92.5});
        let program = super::program(&value).unwrap();
        let load = program.weeks[0].sessions[0].exercises[0].load.unwrap();
        assert_eq!(load.value, 100.0);
        let maxes = program.profile.one_rep_maxes.unwrap();
        assert_eq!((maxes.squat, maxes.bench_press), (Some(140.0), Some(92.5)));
    }

    fn issue_after(edit: impl FnOnce(&mut Value)) -> Issue {
        let mut value = typical_value();
        edit(&mut value);
        super::program(&value).unwrap_err()
    }

    #[test]
    fn out_of_range_and_fractional_integers_are_rejected_at_their_path() {
        let issue = issue_after(|v| v["weeks"][1]["number"] = json!(256));
        assert_eq!(issue.path, "weeks[1].number");
        assert!(issue.message.contains("256"), "{}", issue.message);
        let issue = issue_after(|v| v["weeks"][1]["number"] = json!(-1));
        assert_eq!(issue.path, "weeks[1].number");
        let issue =
            issue_after(|v| v["weeks"][0]["sessions"][0]["exercises"][0]["sets"] = json!(2.5));
        assert_eq!(issue.path, "weeks[0].sessions[0].exercises[0].sets");
        let issue = issue_after(|v| v["weeks"][0]["number"] = json!(1.0));
        assert_eq!(issue.path, "weeks[0].number");
    }

    #[test]
    fn unknown_and_missing_fields_are_named_in_the_path() {
        let issue = issue_after(|v| v["profile"]["extra"] = json!(true));
        assert_eq!(issue.path, "profile.extra");
        assert!(
            issue.message.starts_with("unknown field"),
            "{}",
            issue.message
        );
        let issue = issue_after(|v| v["weeks"][0]["sessions"][0]["exercises"][0]["x"] = json!(1));
        assert_eq!(issue.path, "weeks[0].sessions[0].exercises[0].x");
        let issue = issue_after(|v| {
            v.as_object_mut().unwrap().remove("split");
        });
        assert_eq!(
            (issue.path.as_str(), issue.message.as_str()),
            ("split", "missing field `split`")
        );
        let issue = issue_after(|v| {
            v["weeks"][3].as_object_mut().unwrap().remove("phase");
        });
        assert_eq!(issue.path, "weeks[3].phase");
    }

    #[test]
    fn bad_values_are_rejected_at_their_path() {
        let issue =
            issue_after(|v| v["volumeLandmarks"]["necks"] = json!({"mev": 1, "mav": 2, "mrv": 3}));
        assert_eq!(issue.path, "volumeLandmarks.necks");
        let issue = issue_after(|v| v["profile"]["injuries"] = Value::Null);
        assert_eq!(issue.path, "profile.injuries");
        let issue = issue_after(|v| v["weeks"][0]["phase"] = json!("rest"));
        assert_eq!(issue.path, "weeks[0].phase");
        assert!(issue.message.contains("accumulation"), "{}", issue.message);
        let issue = issue_after(|v| v["weeks"][2] = json!("week"));
        assert_eq!(issue.path, "weeks[2]");
        let issue = super::program(&json!([])).unwrap_err();
        assert_eq!(issue.path, "");
    }
}
