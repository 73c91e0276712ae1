//! Seeded random in-domain profiles for the report's sweep.
//!
//! The same `(count, seed)` always gives the same profiles, drawn with the
//! crate's one RNG. The mix is meant to look like real sign-ups rather than
//! to probe edges (the property suite does that): goal, level, days (1–6),
//! minutes (20–120 in steps of 5) and weeks (1–16) uniform; equipment a full
//! gym, a home set, any subset or nothing, a quarter each; no injury in 60%
//! of profiles, one in 30%, two in 10%; a few exclusions in 20%; preferred
//! days in 30%; plausible 1RMs in 30% of those with a barbell; pounds in 25%;
//! an age (16–75) in half. Each profile goes through [`Profile::from_value`],
//! like a client's, so its seed is derived from it.

use crate::generate::rng::Rng;
use crate::library::EXERCISES;
use crate::model::error::Error;
use crate::model::profile::{Equipment, Experience, Goal, Injury, Profile, Weekday};
use serde_json::{json, Map, Value};

const GOALS: [Goal; 5] = [
    Goal::Strength,
    Goal::Hypertrophy,
    Goal::GeneralFitness,
    Goal::MuscularEndurance,
    Goal::FatLoss,
];
const LEVELS: [Experience; 3] = [
    Experience::Beginner,
    Experience::Intermediate,
    Experience::Advanced,
];
const ALL_EQUIPMENT: [Equipment; 14] = [
    Equipment::Barbell,
    Equipment::Rack,
    Equipment::Bench,
    Equipment::Dumbbells,
    Equipment::Kettlebell,
    Equipment::PullupBar,
    Equipment::DipBars,
    Equipment::Cable,
    Equipment::Machine,
    Equipment::Bands,
    Equipment::BandAnchor,
    Equipment::EzBar,
    Equipment::Rings,
    Equipment::Box,
];
const HOME_EQUIPMENT: [Equipment; 6] = [
    Equipment::Dumbbells,
    Equipment::Bench,
    Equipment::Kettlebell,
    Equipment::PullupBar,
    Equipment::Bands,
    Equipment::BandAnchor,
];
const INJURIES: [Injury; 8] = [
    Injury::Knee,
    Injury::LowerBack,
    Injury::Shoulder,
    Injury::Wrist,
    Injury::Elbow,
    Injury::Hip,
    Injury::Ankle,
    Injury::Neck,
];

/// `count` profiles drawn from `seed`; an `Err` would mean this module drew
/// an out-of-domain value, and is reported rather than hidden.
pub fn profiles(count: usize, seed: u64) -> Vec<Result<Profile, Error>> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| Profile::from_value(&profile_json(&mut rng)))
        .collect()
}

/// True with probability `percent` / 100.
fn chance(rng: &mut Rng, percent: usize) -> bool {
    rng.below(100) < percent
}

/// A uniform integer in `low..=high`.
fn between(rng: &mut Rng, low: usize, high: usize) -> usize {
    low + rng.below(high - low + 1)
}

/// Each item of `items` with probability 1/2.
fn subset<T: Copy>(rng: &mut Rng, items: &[T]) -> Vec<T> {
    items.iter().copied().filter(|_| chance(rng, 50)).collect()
}

/// `count` distinct items of `items` in random order.
fn distinct<T: Copy>(rng: &mut Rng, items: &[T], count: usize) -> Vec<T> {
    let mut left = items.to_vec();
    (0..count.min(left.len()))
        .map(|_| left.swap_remove(rng.below(left.len())))
        .collect()
}

fn profile_json(rng: &mut Rng) -> Value {
    let days = between(rng, 1, 6);
    let equipment = match rng.below(4) {
        0 => ALL_EQUIPMENT.to_vec(),
        1 => subset(rng, &HOME_EQUIPMENT),
        2 => subset(rng, &ALL_EQUIPMENT),
        _ => Vec::new(),
    };
    let injuries = match rng.below(10) {
        0..=5 => 0,
        6..=8 => 1,
        _ => 2,
    };
    let mut profile = Map::new();
    profile.insert("goal".into(), json!(GOALS[rng.below(GOALS.len())]));
    profile.insert("experience".into(), json!(LEVELS[rng.below(LEVELS.len())]));
    profile.insert("daysPerWeek".into(), json!(days));
    profile.insert("sessionMinutes".into(), json!(5 * between(rng, 4, 24)));
    profile.insert("weeks".into(), json!(between(rng, 1, 16)));
    profile.insert("injuries".into(), json!(distinct(rng, &INJURIES, injuries)));
    if chance(rng, 20) {
        let ids: Vec<&str> = EXERCISES.iter().map(|e| e.id).collect();
        let count = between(rng, 1, 3);
        profile.insert(
            "excludedExercises".into(),
            json!(distinct(rng, &ids, count)),
        );
    }
    if chance(rng, 30) {
        profile.insert(
            "preferredDays".into(),
            json!(distinct(rng, &Weekday::ALL, days)),
        );
    }
    let pounds = chance(rng, 25);
    profile.insert("units".into(), json!(if pounds { "lb" } else { "kg" }));
    if equipment.contains(&Equipment::Barbell) && chance(rng, 30) {
        profile.insert("oneRepMaxes".into(), one_rep_maxes(rng, pounds));
    }
    if chance(rng, 50) {
        profile.insert("age".into(), json!(between(rng, 16, 75)));
    }
    profile.insert("equipment".into(), json!(equipment));
    Value::Object(profile)
}

/// A squat of 60–220 kg and the other lifts at typical ratios, give or take,
/// on the plate step of the unit.
fn one_rep_maxes(rng: &mut Rng, pounds: bool) -> Value {
    let squat = between(rng, 24, 88) as f64 * 2.5;
    let bench = squat * between(rng, 60, 80) as f64 / 100.0;
    let deadlift = squat * between(rng, 110, 130) as f64 / 100.0;
    let press = bench * between(rng, 55, 70) as f64 / 100.0;
    let (factor, step) = if pounds { (2.2046, 5.0) } else { (1.0, 2.5) };
    let plate = |kg: f64| (kg * factor / step).round() * step;
    json!({
        "squat": plate(squat),
        "benchPress": plate(bench),
        "deadlift": plate(deadlift),
        "overheadPress": plate(press),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_valid_profiles() {
        let first = profiles(50, 7);
        assert!(first.iter().all(Result::is_ok));
        assert_eq!(first, profiles(50, 7));
        assert_ne!(first, profiles(50, 8));
    }
}
