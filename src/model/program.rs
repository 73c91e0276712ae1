//! The generated program: the one output of the pipeline.
//!
//! These types are the wire contract documented in `docs/contracts.md`. They
//! carry data only; how the values are chosen is decided by the stages, and
//! whether they are acceptable is decided by `validate`.

use crate::model::anatomy::{Mechanic, Muscle, Pattern, VolumeGroup};
use crate::model::json::canonical_number;
use crate::model::profile::{Equipment, Profile, Units, Weekday};
use crate::validate::Rule;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the program JSON shape; bump on any breaking change.
pub const SCHEMA_VERSION: u32 = 2;

/// A complete multi-week training program.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Program {
    pub schema_version: u32,
    pub generator: GeneratorInfo,
    /// The seed actually used.
    pub seed: u64,
    /// The normalized profile the program was built for.
    pub profile: Profile,
    /// A short human title, e.g. "Hypertrophy · Upper/Lower · 8 weeks".
    pub name: String,
    pub split: Split,
    pub periodization: Periodization,
    /// Individual weekly-set landmarks per group.
    pub volume_landmarks: BTreeMap<VolumeGroup, Landmarks>,
    pub weak_points: Vec<WeakPoint>,
    pub warnings: Vec<Warning>,
    pub weeks: Vec<Week>,
}

/// Which generator and library produced a program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GeneratorInfo {
    pub version: String,
    pub library_version: String,
}

/// How training days are divided among body parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Split {
    FullBody,
    UpperLower,
    UpperLowerPushPullLegs,
    PushPullLegs,
}

/// How load and volume change across the weeks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Periodization {
    Linear,
    DoubleProgression,
    Undulating,
    Block,
}

/// Weekly fractional-set landmarks for one group: MEV < MAV < MRV.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Landmarks {
    /// Minimum effective volume.
    pub mev: u8,
    /// Maximum adaptive volume.
    pub mav: u8,
    /// Maximum recoverable volume.
    pub mrv: u8,
}

/// A lagging pattern found from strength ratios.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct WeakPoint {
    pub code: String,
    pub message: String,
}

/// Something the trainee should know about how the program was constrained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// e.g. `pattern_unavailable`, `volume_limited_by_time`.
    pub code: String,
    pub message: String,
    /// The pattern concerned, for `pattern_unavailable`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pattern: Option<Pattern>,
    /// The group concerned, for volume warnings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub group: Option<VolumeGroup>,
    /// The rule whose constraint binds (e.g. `duration`, `recovery`,
    /// `equipment`), as `validateProgram` proves it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub binding: Option<Rule>,
}

/// A training phase; a block is a run of non-deload weeks in one phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Accumulation,
    Intensification,
    Realization,
    Deload,
}

/// One week of training.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Week {
    /// 1-based week number.
    pub number: u8,
    pub phase: Phase,
    pub deload: bool,
    pub sessions: Vec<Session>,
}

/// What a session concentrates on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Focus {
    FullBody,
    Upper,
    Lower,
    Push,
    Pull,
    Legs,
}

/// One training session on one weekday.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Session {
    pub day: Weekday,
    pub focus: Focus,
    /// The duration model's estimate, rounded to whole minutes.
    pub estimated_minutes: u16,
    pub exercises: Vec<PrescribedExercise>,
}

/// One exercise in a session, with its library tags and prescription.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PrescribedExercise {
    pub exercise_id: String,
    pub name: String,
    pub pattern: Pattern,
    pub mechanic: Mechanic,
    pub primary_muscles: Vec<Muscle>,
    pub secondary_muscles: Vec<Muscle>,
    pub equipment: Vec<Equipment>,
    pub unilateral: bool,
    /// Working sets, 1–10.
    pub sets: u8,
    pub reps_min: u8,
    pub reps_max: u8,
    /// Repetitions in reserve at the end of each set.
    pub rir: u8,
    pub rest_seconds: u16,
    /// Load as a percentage of the relevant 1RM, 30–100, when one applies.
    pub load_percent_1rm: Option<u8>,
    /// Absolute load from the trainee's 1RM, rounded to plates.
    pub load: Option<Load>,
    pub notes: String,
}

/// An absolute load.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Load {
    /// Rounded to 2.5 kg or 5 lb.
    #[serde(serialize_with = "canonical_number")]
    pub value: f64,
    pub unit: Units,
}
