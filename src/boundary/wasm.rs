//! The JavaScript boundary: converts JS values into typed Rust once, calls the
//! pure core, and converts the result back.
//!
//! Input crosses as JSON text: `JSON.stringify`, then `serde_json`, so the WASM
//! build reads exactly what the native CLI reads from the same JSON (`60` is
//! an integer, and a cycle, a BigInt or a lone surrogate is a typed error, not
//! a trap). Output is built by `serde-wasm-bindgen` as plain objects whose
//! `JSON.stringify` is the CLI's output, byte for byte. Errors become JS
//! `Error`s carrying `code` and `issues`.

use crate::boundary::pipeline::{self, Deps, ProgressEvent};
use crate::model::error::{Error, Issue};
use crate::model::profile::Profile;
use crate::model::program::Program;
use crate::{generate, library, validate};
use js_sys::{Function, Promise, Reflect, JSON};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** The I/O the pipeline needs; every callback may be sync or async. */
export interface PipelineDeps {
  /** Fetch the raw profile JSON of a program; it is validated by the pipeline. */
  loadProfile(programId: string): unknown | Promise<unknown>;
  /** Publish progress; the pipeline waits for it before going on. */
  reportProgress(event: ProgressEvent): void | Promise<void>;
  /**
   * Persist the finished program, given as its JSON text (the bytes
   * `generateProgramJson` returns): a database stores it as jsonb as it is.
   */
  saveProgram(programId: string, programJson: string): void | Promise<void>;
  /** Job id to report (e.g. the database claim's fencing token); a v4 UUID when absent. */
  jobId?: string;
}

/** The body of a typed error: `{error: ErrorBody}` on the wire. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  issues: Issue[];
}

/** The Error every export throws or rejects with. */
export interface ProgramGenerationError extends Error {
  name: "ProgramGenerationError";
  code: ErrorCode;
  issues: Issue[];
}

/** The result of `validateProfile`. */
export type ProfileValidation =
  | { valid: true; profile: Profile; issues: [] }
  | { valid: false; profile: null; issues: Issue[] };

/** The result of `validateProgram`. */
export interface ProgramValidation {
  valid: boolean;
  violations: Violation[];
}

/** One exercise of the embedded library. */
export interface LibraryExercise {
  id: string;
  name: string;
  pattern: Pattern;
  mechanic: Mechanic;
  primaryMuscles: Muscle[];
  secondaryMuscles: Muscle[];
  equipment: Equipment[];
  unilateral: boolean;
  highImpact: boolean;
  levelMin: Experience;
  contraindications: Injury[];
  repRange: [number, number];
  oneRepMaxLift: Lift | null;
  easier: string | null;
  harder: string | null;
}

/** The embedded exercise library and its version. */
export interface LibraryExport {
  version: string;
  exercises: LibraryExercise[];
}

/** Versions of the generator, its library and the program schema. */
export interface VersionInfo {
  version: string;
  libraryVersion: string;
  schemaVersion: number;
}
"#;

/// Run load → validate → generate → validate → save through injected JS callbacks.
#[wasm_bindgen(
    js_name = runProgramGenerationPipeline,
    unchecked_return_type = "PipelineResult"
)]
pub async fn run_program_generation_pipeline(
    #[wasm_bindgen(js_name = programId, unchecked_param_type = "string")] program_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PipelineDeps")] deps: JsValue,
) -> Result<JsValue, JsValue> {
    let result = async {
        let program_id = program_id
            .as_string()
            .filter(|id| !id.is_empty())
            .ok_or_else(|| {
                Error::invalid_profile(vec![Issue::new("programId", "expected a non-empty string")])
            })?;
        let deps = JsDeps::from_js(deps)?;
        pipeline::run_program_generation_pipeline(&program_id, &deps).await
    }
    .await;
    match result {
        Ok(outcome) => Ok(to_js(&outcome)),
        Err(error) => Err(error_to_js(&error)),
    }
}

/// Generate a program from a profile, synchronously and purely.
#[wasm_bindgen(js_name = generateProgram, unchecked_return_type = "Program")]
pub fn generate_program(
    #[wasm_bindgen(unchecked_param_type = "unknown")] profile: JsValue,
) -> Result<JsValue, JsValue> {
    Profile::from_value(&to_json(&profile))
        .and_then(|profile| generate::generate_program(&profile))
        .map(|program| to_js(&program))
        .map_err(|error| error_to_js(&error))
}

/// [`generate_program`] on JSON text: returns the exact bytes the native CLI
/// prints, and skips building JS objects when the caller only stores the JSON.
#[wasm_bindgen(js_name = generateProgramJson)]
pub fn generate_program_json(
    #[wasm_bindgen(js_name = profileJson)] profile_json: &str,
) -> Result<String, JsValue> {
    Profile::from_json(profile_json)
        .and_then(|profile| generate::generate_program(&profile))
        .map(|program| serde_json::to_string(&program).unwrap_or_default())
        .map_err(|error| error_to_js(&error))
}

/// Check a profile and return it normalized, or every issue with its path.
#[wasm_bindgen(js_name = validateProfile, unchecked_return_type = "ProfileValidation")]
pub fn validate_profile(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> JsValue {
    #[derive(Serialize)]
    struct Validation {
        valid: bool,
        profile: Option<Profile>,
        issues: Vec<Issue>,
    }
    let validation = match Profile::from_value(&to_json(&input)) {
        Ok(profile) => Validation {
            valid: true,
            profile: Some(profile),
            issues: Vec::new(),
        },
        Err(error) => Validation {
            valid: false,
            profile: None,
            issues: error.issues,
        },
    };
    to_js(&validation)
}

/// Check a program against every rule for the given profile.
#[wasm_bindgen(js_name = validateProgram, unchecked_return_type = "ProgramValidation")]
pub fn validate_program(
    #[wasm_bindgen(unchecked_param_type = "unknown")] program: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] profile: JsValue,
) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Validation {
        valid: bool,
        violations: Vec<validate::Violation>,
    }
    let profile = Profile::from_value(&to_json(&profile)).map_err(|e| error_to_js(&e))?;
    let violations = match crate::input::decode_program(&to_json(&program)) {
        Ok(program) => validate::validate_program(&program, &profile),
        Err(issue) => vec![validate::Violation {
            rule: validate::Rule::Shape,
            path: issue.path,
            message: String::from("not a program: ") + &issue.message,
        }],
    };
    Ok(to_js(&Validation {
        valid: violations.is_empty(),
        violations,
    }))
}

/// The embedded exercise library.
#[wasm_bindgen(js_name = exerciseLibrary, unchecked_return_type = "LibraryExport")]
pub fn exercise_library() -> JsValue {
    to_js(&library::export())
}

/// Versions of the generator, library and program schema.
#[wasm_bindgen(unchecked_return_type = "VersionInfo")]
pub fn version() -> JsValue {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct VersionInfo {
        version: &'static str,
        library_version: &'static str,
        schema_version: u32,
    }
    to_js(&VersionInfo {
        version: env!("CARGO_PKG_VERSION"),
        library_version: library::LIBRARY_VERSION,
        schema_version: crate::model::program::SCHEMA_VERSION,
    })
}

/// Panics, which traps the instance: lets tests prove that callers survive a
/// trap the way they would survive a real bug. Not part of the API.
#[doc(hidden)]
#[wasm_bindgen(js_name = __trapForTesting)]
pub fn trap_for_testing() {
    panic!("trap requested by a test");
}

/// The injected callbacks, checked once on entry.
struct JsDeps {
    this: JsValue,
    load_profile: Function,
    report_progress: Function,
    save_program: Function,
    job_id: Option<String>,
}

impl JsDeps {
    fn from_js(deps: JsValue) -> Result<Self, Error> {
        let function = |name: &str| -> Result<Function, Error> {
            Reflect::get(&deps, &JsValue::from_str(name))
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
                .ok_or_else(|| Error::dependency_failed(format!("deps.{name} is not a function")))
        };
        if !deps.is_object() {
            return Err(Error::dependency_failed(
                "deps must be an object with loadProfile, reportProgress and saveProgram",
            ));
        }
        let job_id = Reflect::get(&deps, &JsValue::from_str("jobId"))
            .ok()
            .and_then(|id| id.as_string());
        Ok(JsDeps {
            load_profile: function("loadProfile")?,
            report_progress: function("reportProgress")?,
            save_program: function("saveProgram")?,
            job_id,
            this: deps,
        })
    }

    /// Call `f` and await its result whether it returns a promise or a value.
    async fn call(&self, f: &Function, args: &[&JsValue]) -> Result<JsValue, String> {
        let returned = match args {
            [a] => f.call1(&self.this, a),
            [a, b] => f.call2(&self.this, a, b),
            _ => f.call0(&self.this),
        }
        .map_err(|e| js_message(&e))?;
        JsFuture::from(Promise::resolve(&returned))
            .await
            .map_err(|e| js_message(&e))
    }
}

impl Deps for JsDeps {
    async fn load_profile(&self, program_id: &str) -> Result<Value, String> {
        let id = JsValue::from_str(program_id);
        let profile = self.call(&self.load_profile, &[&id]).await?;
        Ok(to_json(&profile))
    }

    async fn report_progress(&self, event: ProgressEvent) -> Result<(), String> {
        let event = to_js(&event);
        self.call(&self.report_progress, &[&event]).await.map(drop)
    }

    async fn save_program(&self, program_id: &str, program: &Program) -> Result<(), String> {
        let id = JsValue::from_str(program_id);
        // Text, not an object graph: the callback writes it to a jsonb column,
        // and building the graph only for the driver to serialise it again
        // cost more than generating the largest program.
        let text = serde_json::to_string(program).map_err(|e| e.to_string())?;
        self.call(&self.save_program, &[&id, &JsValue::from_str(&text)])
            .await
            .map(drop)
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn job_id(&self) -> Option<String> {
        self.job_id.clone()
    }
}

/// A JS value as JSON: exactly what `serde_json::from_str(JSON.stringify(value))`
/// gives, and `null` when that fails, which the profile validator then reports
/// with a path. `JSON.stringify` settles what JSON can express (`toJSON`,
/// dropped functions and `undefined`, errors on BigInt and cycles, escaped
/// lone surrogates), and serde_json reads the text as the CLI reads a file
/// (rejecting lone surrogates, numbers out of range and nesting 128 deep).
#[doc(hidden)]
pub fn to_json(value: &JsValue) -> Value {
    JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// A Rust value as a plain JS object, shaped as the JSON the CLI prints: maps
/// as objects, `None` as `null`, integers as numbers.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// The message of a thrown or rejected JS value.
fn js_message(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value
        .as_string()
        .or_else(|| JSON::stringify(value).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "callback failed without a message".to_string())
}

/// A JS `Error` named `ProgramGenerationError` with `code` and `issues`.
fn error_to_js(error: &Error) -> JsValue {
    let js_error = js_sys::Error::new(&error.message);
    js_error.set_name("ProgramGenerationError");
    let object: &JsValue = js_error.as_ref();
    let _ = Reflect::set(object, &"code".into(), &error.code.as_str().into());
    let _ = Reflect::set(object, &"issues".into(), &to_js(&error.issues));
    js_error.into()
}
