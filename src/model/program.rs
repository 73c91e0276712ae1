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
    /// The terms the program uses (RIR, the load notation), explained once.
    pub glossary: Vec<GlossaryEntry>,
}

/// One term of the program's legend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub term: String,
    pub meaning: String,
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
    /// What the exercise does in its session.
    pub role: Role,
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
    /// Lighter sets before the working sets, lightest first; empty when none.
    pub warm_up: Vec<WarmUpSet>,
    /// Exercises the trainee may swap in, best first.
    pub substitutes: Vec<Substitute>,
    /// What to do next time, after hitting or missing the reps.
    pub progression: Progression,
}

/// What an exercise is doing in its session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The session's main lift: a loaded compound suited to heavy work.
    Main,
    Compound,
    Isolation,
}

/// One warm-up set.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct WarmUpSet {
    pub reps: u8,
    /// Percent of this exercise's working load.
    pub percent: u8,
    /// The absolute load, when the working load is known.
    pub load: Option<Load>,
}

/// An exercise that may replace a prescribed one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Substitute {
    pub exercise_id: String,
    pub name: String,
    pub relation: Relation,
}

/// How a substitute relates to the exercise it replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Same pattern and primary groups, about as hard.
    Alternative,
    /// The library's regression of the exercise.
    Easier,
    /// The library's progression of the exercise.
    Harder,
}

/// A machine-readable progression rule, with its words for the trainee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Progression {
    pub kind: ProgressionKind,
    /// The rule in the trainee's words and units, shown verbatim.
    pub description: String,
    /// What one successful step adds: load (kg or lb) or reps.
    pub increment: Increment,
    /// How often a successful step is taken.
    pub every: Cadence,
    /// The training max this week's loads are computed from, when loaded from a 1RM.
    pub training_max: Option<Load>,
    pub on_success: OnSuccess,
    pub on_failure: OnFailure,
    /// The last working set is taken to as many reps as possible, when present.
    pub amrap: Option<Amrap>,
    /// Ladder: the next, harder variation once the rep range is outgrown.
    pub next_variation: Option<String>,
}

/// The four ways an exercise progresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ProgressionKind {
    /// Same reps, more load each step.
    Linear,
    /// Reps up to the top of the range, then more load and back to the bottom.
    Double,
    /// Loads from a training max that rises each block.
    Wave,
    /// Reps, then the harder variation, then added load (bodyweight work).
    Ladder,
}

/// An amount of load or reps.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Increment {
    #[serde(serialize_with = "canonical_number")]
    pub value: f64,
    pub unit: IncrementUnit,
}

/// The unit of an [`Increment`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum IncrementUnit {
    Kg,
    Lb,
    Reps,
}

/// How often a successful step is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Session,
    Week,
    Block,
}

/// What to do after hitting the prescription.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum OnSuccess {
    /// Add the increment to the load.
    AddLoad,
    /// Add a rep; at the top of the range add load and return to the bottom.
    AddRepsThenLoad,
    /// Add a rep; at the top of the range move to the harder variation.
    AddRepsThenHarderVariation,
    /// Raise the training max by the increment for the next block.
    RaiseTrainingMax,
}

/// What to do after missing the prescription.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OnFailure {
    /// Repeat the same prescription next time.
    pub action: FailureAction,
    /// After this many failures in a row …
    pub after_failures: u8,
    /// … this happens.
    pub then: FailureReset,
    /// Percent taken off by `reduce_load` or `lower_training_max`.
    pub reduce_percent: Option<u8>,
}

/// The first response to a failed session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum FailureAction {
    Repeat,
}

/// The response to repeated failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum FailureReset {
    ReduceLoad,
    LowerTrainingMax,
    EasierVariation,
    /// Go back to the bottom of the rep range.
    ReduceReps,
}

/// The AMRAP final set of a main lift and how its result moves the training max.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Amrap {
    /// Stop the AMRAP set with this many reps in reserve (form holds).
    pub stop_rir: u8,
    /// Reaching this many reps raises the training max by a second increment.
    pub raise_at_reps: u8,
    /// Fewer reps than this lowers the training max by `onFailure.reducePercent`.
    pub lower_below_reps: u8,
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
