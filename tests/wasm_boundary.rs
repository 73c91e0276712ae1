//! `wasm-pack test --node`: the JavaScript boundary, exercised from inside WASM.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Object, Reflect, JSON};
use program_generation::boundary::wasm;
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
          async saveProgram(id, p) { await tick(); log.push("save:" + id + ":" + JSON.parse(p).weeks.length); },
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
async fn a_failing_callback_surfaces_as_dependency_failed_with_its_message() {
    // Each way a callback fails: a thrown non-Error, a thrown Error, a rejection.
    for (callback, body, message) in [
        (
            "loadProfile",
            "throw 'no profile store'",
            "no profile store",
        ),
        (
            "reportProgress",
            "throw new Error('progress sink full')",
            "progress sink full",
        ),
        (
            "saveProgram",
            "return Promise.reject(new Error('database is down'))",
            "database is down",
        ),
    ] {
        let deps = recording_deps(&Array::new(), &typical());
        Reflect::set(&deps, &callback.into(), &js("", body)).unwrap();
        let error = wasm::run_program_generation_pipeline("p3".into(), deps)
            .await
            .unwrap_err();
        assert!(error.is_instance_of::<js_sys::Error>(), "{callback}");
        assert_eq!(
            get(&error, "code").as_string().unwrap(),
            "dependency_failed",
            "{callback}"
        );
        assert_eq!(
            get(&error, "message").as_string().unwrap(),
            message,
            "{callback}"
        );
    }
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

/// JS values at the edges of JSON, then random JSON-like data with numbers
/// from raw bit patterns and strings with lone surrogates.
fn json_samples() -> Array {
    js(
        "",
        r#"
        const nest = (n, wrap) => { let v = 1; for (let i = 0; i < n; i++) v = wrap(v); return v; };
        const cyclic = {}; cyclic.self = cyclic;
        const samples = [
          undefined, null, true, false, 0, -0, 1, -1, 1.5, -2.25, 0.1, 3.0000000000000004,
          1e21, 1e-7, 2 ** 53, 2 ** 53 + 2, 2 ** 60, 2 ** 64, 2 ** 64 + 4096, -(2 ** 63),
          -(2 ** 63) - 4096, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity,
          "", "abc", "é😀", "\ud800", "x\udc00y", "\\ud800", "\u0000\n\"",
          [], [1, undefined, () => 1, NaN], { a: undefined, b: () => 1, c: Symbol("c") },
          JSON.parse('{"__proto__": 5, "b": [1, {"c": null}]}'), { "\ud800": 1 },
          new Date(0), { toJSON() { return { x: 1 }; } }, new Number(3), new String("s"),
          new Boolean(false), new Map([[1, 2]]), new Set([1]), 10n, { a: 10n }, cyclic,
          nest(126, (v) => [v]), nest(127, (v) => [v]), nest(128, (v) => [v]),
          nest(127, (v) => ({ a: v })), nest(128, (v) => ({ a: v })), [nest(127, (v) => [v])],
          Object.create({ inherited: 1 }), [, , 1], new Uint8Array([1, 2]),
          { b: 1, a: 2, "10": 3, "9": 4 }, Symbol("s"), function () {},
        ];
        let state = 12345;
        const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
        const view = new DataView(new ArrayBuffer(8));
        const number = () => {
          switch (next() % 4) {
            case 0: view.setUint32(0, next()); view.setUint32(4, next()); return view.getFloat64(0);
            case 1: return (next() - 2 ** 31) * 2 ** (next() % 50);
            case 2: return (next() % 100000) / 100;
            default: return next() % 3 === 0 ? -0 : next() % 200;
          }
        };
        const text = () => String.fromCharCode(...Array.from({ length: next() % 4 },
          () => [0x41, 0xe9, 0xd800, 0xdc00, 0x5c, 0x22][next() % 6]));
        const value = (depth) => {
          switch (depth > 3 ? next() % 4 : next() % 6) {
            case 0: return number();
            case 1: return text();
            case 2: return [null, true, false, undefined][next() % 4];
            case 3: return number();
            case 4: return Array.from({ length: next() % 4 }, () => value(depth + 1));
            default: {
              const o = {};
              for (let i = next() % 4; i > 0; i--) o[text()] = value(depth + 1);
              return o;
            }
          }
        };
        for (let i = 0; i < 3000; i++) samples.push(value(0));
        return samples;
        "#,
    )
    .call0(&JsValue::NULL)
    .unwrap()
    .unchecked_into()
}

#[wasm_bindgen_test]
fn js_values_read_as_json_exactly_like_serde_json_reads_their_text() {
    for (i, sample) in json_samples().iter().enumerate() {
        let text = JSON::stringify(&sample)
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_else(|| "null".into());
        let expected = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
        assert_eq!(wasm::to_json(&sample), expected, "sample #{i}: {text}");
    }
}

#[wasm_bindgen_test]
fn generate_program_json_returns_the_program_text_and_rejects_what_serde_json_rejects() {
    let text = wasm::generate_program_json(TYPICAL).unwrap();
    let object = wasm::generate_program(typical()).unwrap();
    assert_eq!(JSON::stringify(&object).unwrap().as_string().unwrap(), text);
    let seed_out_of_range = TYPICAL.replacen('{', r#"{"seed": 1e400,"#, 1);
    for bad in [
        "{",
        "[1,]",
        "",
        r#"{"goal": "\ud800"}"#,
        seed_out_of_range.as_str(),
    ] {
        let error = wasm::generate_program_json(bad).unwrap_err();
        assert_eq!(get(&error, "code").as_string().unwrap(), "invalid_profile");
        let message = get(&error, "message").as_string().unwrap();
        assert!(
            message.starts_with("invalid profile: : not valid JSON: "),
            "{message}"
        );
    }
}
