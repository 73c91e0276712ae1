//! Errors as data.
//!
//! Every failure the pipeline can report is an [`Error`] with a machine-readable
//! [`ErrorCode`], a human message, and, for input problems, one [`Issue`] per
//! offending field path. The same shape crosses the CLI, the WASM boundary and
//! the HTTP API, so callers handle one error format everywhere.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong, in a form a caller can branch on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The profile is outside the input domain; fix the fields named in `issues`.
    InvalidProfile,
    /// The profile is valid but leaves too few exercises; relax equipment, injuries or exclusions.
    Infeasible,
    /// An injected I/O callback failed; retrying may help.
    DependencyFailed,
    /// A bug in the generator; report it.
    Internal,
}

impl ErrorCode {
    /// The wire name of the code, e.g. `invalid_profile`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidProfile => "invalid_profile",
            ErrorCode::Infeasible => "infeasible",
            ErrorCode::DependencyFailed => "dependency_failed",
            ErrorCode::Internal => "internal",
        }
    }
}

/// One problem with one field, addressed by a JSON path such as `oneRepMaxes.squat`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// Dotted path to the field (`preferredDays[2]`); empty for the whole input.
    pub path: String,
    /// What is wrong with the value and what would be accepted.
    pub message: String,
}

impl Issue {
    /// An issue at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Issue {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// A typed pipeline error.
// Declared by hand as `ErrorBody` in the TypeScript output (src/boundary/wasm.rs) so it
// does not shadow the global `Error`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Error {
    /// Machine-readable category.
    pub code: ErrorCode,
    /// One-sentence summary for humans.
    pub message: String,
    /// Field-level details; empty when the error is not about input fields.
    pub issues: Vec<Issue>,
}

impl Error {
    /// An `invalid_profile` error listing every issue found.
    pub fn invalid_profile(issues: Vec<Issue>) -> Self {
        let message = match issues.len() {
            1 => format!("invalid profile: {}: {}", issues[0].path, issues[0].message),
            n => format!("invalid profile: {n} problems"),
        };
        Error {
            code: ErrorCode::InvalidProfile,
            message,
            issues,
        }
    }

    /// An `infeasible` error with the reasons as issues.
    pub fn infeasible(message: impl Into<String>, issues: Vec<Issue>) -> Self {
        Error {
            code: ErrorCode::Infeasible,
            message: message.into(),
            issues,
        }
    }

    /// A `dependency_failed` error carrying the callback's own message.
    pub fn dependency_failed(message: impl Into<String>) -> Self {
        Error {
            code: ErrorCode::DependencyFailed,
            message: message.into(),
            issues: Vec::new(),
        }
    }

    /// An `internal` error: the generator broke one of its own rules.
    pub fn internal(message: impl Into<String>, issues: Vec<Issue>) -> Self {
        Error {
            code: ErrorCode::Internal,
            message: message.into(),
            issues,
        }
    }

    /// The `{"error": {...}}` envelope used on every boundary.
    pub fn to_envelope(&self) -> ErrorEnvelope<'_> {
        ErrorEnvelope { error: self }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for Error {}

/// The wire form of an error: `{"error": {"code", "message", "issues"}}`.
#[derive(Serialize)]
pub struct ErrorEnvelope<'a> {
    /// The wrapped error.
    pub error: &'a Error,
}
