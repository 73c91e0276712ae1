//! The program validator: every rule a program must satisfy, by name.
//!
//! The generator runs this on its own output before returning it, and the
//! same function is exported as `validateProgram` and `program-gen validate`,
//! so a program accepted anywhere is accepted everywhere.

use crate::duration;
use crate::library;
use crate::profile::Profile;
use crate::program::Program;
use serde::{Deserialize, Serialize};

/// A named rule from the program contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Shape,
    Equipment,
    InjuriesAndExclusions,
    Duration,
}

impl Rule {
    /// The rule's wire name, e.g. `injuries_and_exclusions`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Shape => "shape",
            Rule::Equipment => "equipment",
            Rule::InjuriesAndExclusions => "injuries_and_exclusions",
            Rule::Duration => "duration",
        }
    }
}

/// One broken rule at one place in the program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Violation {
    pub rule: Rule,
    /// JSON path into the program, e.g. `weeks[0].sessions[1].exercises[2]`.
    pub path: String,
    pub message: String,
}

/// Every rule violation in `program` for `profile`; empty means valid.
pub fn validate_program(program: &Program, profile: &Profile) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut push = |rule, path: String, message: String| {
        out.push(Violation {
            rule,
            path,
            message,
        })
    };
    if program.weeks.len() != usize::from(profile.weeks) {
        push(
            Rule::Shape,
            "weeks".into(),
            format!(
                "expected {} weeks, found {}",
                profile.weeks,
                program.weeks.len()
            ),
        );
    }
    for (w, week) in program.weeks.iter().enumerate() {
        if week.sessions.len() != usize::from(profile.days_per_week) {
            push(
                Rule::Shape,
                format!("weeks[{w}].sessions"),
                format!("expected {} sessions", profile.days_per_week),
            );
        }
        for (s, session) in week.sessions.iter().enumerate() {
            let path = format!("weeks[{w}].sessions[{s}]");
            let minutes = duration::session_seconds(&session.exercises);
            if minutes * 100 > u32::from(profile.session_minutes) * 60 * 105 {
                push(
                    Rule::Duration,
                    path.clone(),
                    "session is longer than 105% of sessionMinutes".into(),
                );
            }
            for (e, exercise) in session.exercises.iter().enumerate() {
                let path = format!("{path}.exercises[{e}]");
                let Some(entry) = library::find(&exercise.exercise_id) else {
                    push(Rule::Shape, path, "not a library exercise".into());
                    continue;
                };
                if !entry
                    .equipment
                    .iter()
                    .all(|q| profile.equipment.contains(q))
                {
                    push(
                        Rule::Equipment,
                        path.clone(),
                        "needs missing equipment".into(),
                    );
                }
                if entry
                    .contraindications
                    .iter()
                    .any(|i| profile.injuries.contains(i))
                    || profile.excluded_exercises.contains(entry.id)
                {
                    push(
                        Rule::InjuriesAndExclusions,
                        path,
                        "contraindicated or excluded".into(),
                    );
                }
            }
        }
    }
    out
}
