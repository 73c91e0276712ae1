//! JSON conventions: canonical numbers, and enum wire names as serde knows them.
//!
//! `serde_json` writes the float `100.0` as `100.0`, while `JSON.stringify`
//! writes `100`. Writing whole floats as integers makes the native CLI and the
//! WASM build emit byte-identical JSON for the same program.
//!
//! An enum's accepted wire names are read from its derived `Deserialize`, so
//! no second list of them is kept by hand.

use serde::de::DeserializeOwned;
use serde::Serializer;
use serde_json::Value;

/// Serialize a float, writing whole values as integers.
pub fn canonical_number<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// [`canonical_number`] for optional floats; `None` is written as `null`.
pub fn canonical_option<S: Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => canonical_number(v, serializer),
        None => serializer.serialize_none(),
    }
}

/// `T`'s accepted wire names as serde words them for an unknown value:
/// "one of `a`, `b`, `c`" (or "`a` or `b`").
pub fn accepted_variants<T: DeserializeOwned>() -> String {
    // Serde names every accepted variant when it meets an unknown one.
    let unknown = T::deserialize(&Value::String(String::new())).err();
    let message = unknown.map(|e| e.to_string()).unwrap_or_default();
    match message.split_once("expected ") {
        Some((_, names)) => names.to_string(),
        None => message,
    }
}

/// `T`'s accepted wire names, one string each.
pub fn variant_names<T: DeserializeOwned>() -> Vec<String> {
    accepted_variants::<T>()
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}
