//! `cargo bench --bench timing`: native per-call timings as JSON lines, read by
//! `scripts/bench.sh` to compare with WASM in the same run. Each call does
//! what `generateProgramJson` does in WASM: JSON text in, JSON text out.

use program_generation::{generate_program, Profile};
use std::hint::black_box;
use std::time::Instant;

const PROFILES: [(&str, &str); 3] = [
    (
        "small",
        include_str!("../tests/fixtures/profile-small.json"),
    ),
    (
        "typical",
        include_str!("../tests/fixtures/profile-typical.json"),
    ),
    (
        "largest",
        include_str!("../tests/fixtures/profile-largest.json"),
    ),
];
const WARM_UP: usize = 20;
const RUNS: usize = 200;

fn main() {
    for (label, json) in PROFILES {
        let call = || {
            let profile = Profile::from_json(black_box(json)).expect("fixture profiles are valid");
            let program = generate_program(&profile).expect("fixture profiles generate");
            serde_json::to_string(&program).expect("programs serialize")
        };
        for _ in 0..WARM_UP {
            black_box(call());
        }
        let mut samples: Vec<f64> = (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                black_box(call());
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        samples.sort_by(f64::total_cmp);
        let mean = samples.iter().sum::<f64>() / RUNS as f64;
        println!(
            "{{\"label\":\"{label}\",\"runtime\":\"native\",\"p50\":{:.4},\"p99\":{:.4},\"mean\":{mean:.4}}}",
            samples[RUNS / 2],
            samples[RUNS * 99 / 100],
        );
    }
}
