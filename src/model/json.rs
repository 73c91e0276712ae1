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

/// `value` as Rust's `{}` prints it (`2.5`, `100`, `0.0001`, `-0`), for
/// messages. It lays out the shortest round-trip digits that serde_json's
/// float writer already links into the WASM, instead of pulling in core's
/// float formatting (about 17 KB).
pub fn plain_number(value: f64) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value < 0.0 { "-inf" } else { "inf" }.into();
    }
    // Finite, so serde_json writes digits such as `2.5`, `1e300` or `-1.5e-7`:
    // at most 17 significant digits, read here as `digits × 10^exponent`.
    let text = serde_json::to_string(&value.abs()).unwrap_or_default();
    let (mantissa, mut exponent) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text.as_str(), 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let fraction = fraction.trim_end_matches('0');
    exponent -= fraction.len() as i32;
    let mut digits: u64 = (String::from(whole) + fraction).parse().unwrap_or(0);
    // serde_json breaks an exact tie between two shortest candidates towards
    // the even one; core always rounds it up.
    if is_midpoint(value.abs(), digits, exponent) {
        digits += 1;
    }
    let mut text = digits.to_string();
    while exponent < 0 && text.ends_with('0') {
        text.pop();
        exponent += 1;
    }
    let mut out = String::from(if value.is_sign_negative() { "-" } else { "" });
    let point = text.len() as i32 + exponent;
    if digits == 0 {
        out.push('0');
    } else if exponent >= 0 {
        out.push_str(&text);
        out.extend(std::iter::repeat_n('0', exponent as usize));
    } else if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(&text);
    } else {
        out.push_str(&text[..point as usize]);
        out.push('.');
        out.push_str(&text[point as usize..]);
    }
    out
}

/// Whether the positive, finite `value` is exactly `(digits + ½) × 10^exponent`.
fn is_midpoint(value: f64, digits: u64, exponent: i32) -> bool {
    // value = m × 2^e with m odd; midpoint = (10·digits + 5) × 5^k × 2^k with
    // k = exponent − 1 and 10·digits + 5 odd. Compare the powers of two, then
    // the odd parts.
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let (mut m, mut e) = match biased {
        0 => (bits & ((1 << 52) - 1), -1074),
        _ => ((bits & ((1 << 52) - 1)) | (1 << 52), biased - 1075),
    };
    if m == 0 {
        return false;
    }
    e += m.trailing_zeros() as i32;
    m >>= m.trailing_zeros();
    let k = exponent - 1;
    let odd = u128::from(digits) * 10 + 5;
    if k >= 0 {
        // m must equal odd × 5^k.
        e == k && pow5(k as u32).and_then(|p| odd.checked_mul(p)) == Some(u128::from(m))
    } else {
        // m × 5^-k must equal odd.
        e == k && pow5(k.unsigned_abs()).and_then(|p| p.checked_mul(u128::from(m))) == Some(odd)
    }
}

fn pow5(k: u32) -> Option<u128> {
    5u128.checked_pow(k)
}

#[cfg(test)]
mod tests {
    use super::plain_number;

    #[test]
    fn plain_number_prints_like_display() {
        let cases = [
            0.0,
            -0.0,
            1.0,
            -2.5,
            100.0,
            0.1 + 0.2,
            1e-7,
            123.456,
            1_308_548_795_726_862.2,
            9.5e22,
            1e21,
            1e300,
            -1e-300,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for x in cases {
            assert_eq!(plain_number(x), format!("{x}"), "{x:e}");
        }
    }

    #[test]
    fn plain_number_matches_display_on_random_bit_patterns() {
        // SplitMix64 over raw bit patterns, plus values near typical loads.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        for _ in 0..1_000_000 {
            let bits = f64::from_bits(next());
            let load = (next() % 3_000_000) as f64 / 1000.0 * 0.7;
            // Exact quarters and fives, where ties between candidates occur.
            let quarter = (next() >> 8) as f64 / 4.0;
            let fives = (next() % 1_000_000) as f64 * 5e20;
            for x in [bits, load, quarter, fives] {
                assert_eq!(plain_number(x), format!("{x}"), "{x:e}");
            }
        }
    }
}
