//! `wasm-pack test --node`: the JavaScript boundary, exercised from inside WASM.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Object, Reflect, JSON};
use program_generation::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const TYPICAL: &str = include_str!("fixtures/profile-typical.json");

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

/// A JS function from source, e.g. `js("a, b", "return a + b")`.
fn js(args: &str, body: &str) -> Function {
    Function::new_with_args(args, body)
}

/// Deps whose callbacks log their calls into `log` (a JS array) and await a tick.
fn recording_deps(log: &Array, profile: &JsValue) -> JsValue {
    let make = js(
        "log, profile",
        r#"
        const tick = () => new Promise((r) => setTimeout(r, 0));
        return {
          async loadProfile(id) { await tick(); log.push("load:" + id); return profile; },
          async reportProgress(e) { await tick(); log.push("progress:" + e.stage + ":" + e.percent); },
          async saveProgram(id, p) { await tick(); log.push("save:" + id + ":" + p.weeks.length); },
        };
        "#,
    );
    make.call2(&JsValue::NULL, log, profile).unwrap()
}

fn typical() -> JsValue {
    JSON::parse(TYPICAL).unwrap()
}

#[wasm_bindgen_test]
async fn callbacks_are_awaited_in_order() {
    let log = Array::new();
    let deps = recording_deps(&log, &typical());
    let result = wasm::run_program_generation_pipeline("p1".into(), deps)
        .await
        .unwrap();
    let entries: Vec<String> = log.iter().map(|v| v.as_string().unwrap()).collect();
    assert_eq!(entries[0], "load:p1");
    assert_eq!(entries[1], "progress:load_profile:5");
    assert_eq!(entries[entries.len() - 2], "save:p1:8");
    assert_eq!(entries[entries.len() - 1], "progress:save:100");
    assert_eq!(get(&result, "programId").as_string().unwrap(), "p1");
}

#[wasm_bindgen_test]
async fn job_id_is_a_v4_uuid() {
    let deps = recording_deps(&Array::new(), &typical());
    let result = wasm::run_program_generation_pipeline("p2".into(), deps)
        .await
        .unwrap();
    let id = get(&result, "jobId").as_string().unwrap();
    let parsed = uuid::Uuid::parse_str(&id).unwrap();
    assert_eq!(parsed.get_version_num(), 4);
}

#[wasm_bindgen_test]
async fn rejecting_callback_surfaces_as_dependency_failed() {
    let deps = recording_deps(&Array::new(), &typical());
    let failing = js("", "return Promise.reject(new Error('database is down'))");
    Reflect::set(&deps, &"saveProgram".into(), &failing).unwrap();
    let error = wasm::run_program_generation_pipeline("p3".into(), deps)
        .await
        .unwrap_err();
    assert_eq!(
        get(&error, "code").as_string().unwrap(),
        "dependency_failed"
    );
    assert_eq!(
        get(&error, "message").as_string().unwrap(),
        "database is down"
    );
    assert!(error.is_instance_of::<js_sys::Error>());
}

#[wasm_bindgen_test]
async fn throwing_synchronous_callback_surfaces_as_dependency_failed() {
    let deps = recording_deps(&Array::new(), &typical());
    let throwing = js("", "throw 'no profile store'");
    Reflect::set(&deps, &"loadProfile".into(), &throwing).unwrap();
    let error = wasm::run_program_generation_pipeline("p4".into(), deps)
        .await
        .unwrap_err();
    assert_eq!(
        get(&error, "code").as_string().unwrap(),
        "dependency_failed"
    );
    assert_eq!(
        get(&error, "message").as_string().unwrap(),
        "no profile store"
    );
}

#[wasm_bindgen_test]
async fn malformed_profile_from_callback_is_invalid_profile_with_paths() {
    let profile = JSON::parse(r#"{"goal":"bulk","experience":"beginner","daysPerWeek":"3","sessionMinutes":60,"weeks":4,"equipment":[],"oneRepMaxes":{"squat":-5}}"#).unwrap();
    let deps = recording_deps(&Array::new(), &profile);
    let error = wasm::run_program_generation_pipeline("p5".into(), deps)
        .await
        .unwrap_err();
    assert_eq!(get(&error, "code").as_string().unwrap(), "invalid_profile");
    let paths: Vec<String> = Array::from(&get(&error, "issues"))
        .iter()
        .map(|issue| get(&issue, "path").as_string().unwrap())
        .collect();
    assert_eq!(paths, ["goal", "daysPerWeek", "oneRepMaxes.squat"]);
}

#[wasm_bindgen_test]
async fn missing_callbacks_and_bad_program_id_are_typed_errors() {
    let error = wasm::run_program_generation_pipeline("p6".into(), Object::new().into())
        .await
        .unwrap_err();
    assert_eq!(
        get(&error, "code").as_string().unwrap(),
        "dependency_failed"
    );
    let deps = recording_deps(&Array::new(), &typical());
    let error = wasm::run_program_generation_pipeline(JsValue::from_f64(7.0), deps)
        .await
        .unwrap_err();
    assert_eq!(get(&error, "code").as_string().unwrap(), "invalid_profile");
}

#[wasm_bindgen_test]
fn malformed_js_input_yields_invalid_profile_with_field_paths() {
    let input = JSON::parse(r#"{"goal":"strength","experience":"expert","daysPerWeek":3.5,"sessionMinutes":60,"weeks":4,"equipment":["laser"],"preferredDays":["monday"]}"#).unwrap();
    let error = wasm::generate_program(input).unwrap_err();
    assert_eq!(get(&error, "code").as_string().unwrap(), "invalid_profile");
    let paths: Vec<String> = Array::from(&get(&error, "issues"))
        .iter()
        .map(|issue| get(&issue, "path").as_string().unwrap())
        .collect();
    assert_eq!(paths, ["experience", "daysPerWeek", "equipment[0]"]);
    for junk in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from_f64(f64::NAN),
        Array::new().into(),
    ] {
        let error = wasm::generate_program(junk).unwrap_err();
        assert_eq!(get(&error, "code").as_string().unwrap(), "invalid_profile");
    }
}

#[wasm_bindgen_test]
fn results_are_plain_json_compatible_objects() {
    let program = wasm::generate_program(typical()).unwrap();
    let proto = Object::get_prototype_of(&program);
    assert_eq!(proto, Object::get_prototype_of(&Object::new()));
    let landmarks = get(&program, "volumeLandmarks");
    assert!(!landmarks.is_instance_of::<js_sys::Map>());
    let text = JSON::stringify(&program).unwrap();
    let round_trip = JSON::stringify(&JSON::parse(&String::from(text.clone())).unwrap()).unwrap();
    assert_eq!(text, round_trip);
    let validation = wasm::validate_program(program, typical()).unwrap();
    assert_eq!(get(&validation, "valid"), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn validate_profile_reports_without_throwing() {
    let ok = wasm::validate_profile(typical());
    assert_eq!(get(&ok, "valid"), JsValue::TRUE);
    assert!(get(&get(&ok, "profile"), "seed").as_f64().is_some());
    let bad = wasm::validate_profile(JsValue::from_str("hello"));
    assert_eq!(get(&bad, "valid"), JsValue::FALSE);
    assert!(get(&bad, "profile").is_null());
}

#[wasm_bindgen_test]
fn library_and_version_are_exported() {
    let library = wasm::exercise_library();
    assert!(Array::from(&get(&library, "exercises")).length() > 0);
    let version = wasm::version();
    assert_eq!(
        get(&version, "version").as_string().unwrap(),
        env!("CARGO_PKG_VERSION")
    );
}
