//! `cargo bench`: native generation time for a small, a typical and the largest profile.

use criterion::{criterion_group, criterion_main, Criterion};
use program_generation::{generate_program, Profile};
use std::hint::black_box;

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

fn bench_generate(c: &mut Criterion) {
    for (label, json) in PROFILES {
        let profile = Profile::from_json(json).expect("fixture profiles are valid");
        c.bench_function(&format!("generate_program/{label}"), |b| {
            b.iter(|| generate_program(black_box(&profile)).expect("fixture profiles generate"))
        });
    }
}

criterion_group!(benches, bench_generate);
criterion_main!(benches);
