//! Canonical JSON numbers.
//!
//! `serde_json` writes the float `100.0` as `100.0`, while `JSON.stringify`
//! writes `100`. Writing whole floats as integers makes the native CLI and the
//! WASM build emit byte-identical JSON for the same program.

use serde::Serializer;

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
