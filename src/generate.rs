//! The generator: runs the pure stages in order, one step at a time.
//!
//! [`Generation`] is a small state machine so that the async pipeline can
//! report progress between stages without the stages knowing about I/O.
//! [`generate_program`] runs every step at once for synchronous callers.

use crate::anatomy::Mechanic;
use crate::duration;
use crate::eligibility;
use crate::error::{Error, Issue};
use crate::library::{self, Exercise};
use crate::profile::{Goal, Profile, Weekday};
use crate::program::{
    Focus, GeneratorInfo, Landmarks, Periodization, Phase, PrescribedExercise, Program, Session,
    Split, Week, SCHEMA_VERSION,
};
use crate::rng::Rng;
use crate::validate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A step of the whole pipeline, reported to the caller as progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    LoadProfile,
    ValidateProfile,
    Analyze,
    Plan,
    Select,
    Allocate,
    Prescribe,
    Progress,
    ValidateProgram,
    Save,
}

impl Stage {
    /// Percent of the pipeline done once this stage has finished.
    pub fn percent(self) -> u8 {
        match self {
            Stage::LoadProfile => 5,
            Stage::ValidateProfile => 10,
            Stage::Analyze => 20,
            Stage::Plan => 30,
            Stage::Select => 45,
            Stage::Allocate => 60,
            Stage::Prescribe => 70,
            Stage::Progress => 80,
            Stage::ValidateProgram => 90,
            Stage::Save => 100,
        }
    }
}

/// The generation stages, in order.
const STEPS: [Stage; 6] = [
    Stage::Analyze,
    Stage::Plan,
    Stage::Select,
    Stage::Allocate,
    Stage::Prescribe,
    Stage::Progress,
];

/// A generation in progress.
pub struct Generation {
    profile: Profile,
    rng: Rng,
    step: usize,
    chosen: Vec<&'static Exercise>,
    weeks: Vec<Week>,
}

impl Generation {
    /// Start generating for an already validated profile.
    pub fn new(profile: &Profile) -> Self {
        Generation {
            rng: Rng::new(profile.effective_seed()),
            profile: profile.clone(),
            step: 0,
            chosen: Vec::new(),
            weeks: Vec::new(),
        }
    }

    /// Run the next stage; returns the stage just finished, or `None` when done.
    pub fn advance(&mut self) -> Result<Option<Stage>, Error> {
        let Some(&stage) = STEPS.get(self.step) else {
            return Ok(None);
        };
        match stage {
            Stage::Select => self.select()?,
            Stage::Progress => self.build_weeks(),
            _ => {}
        }
        self.step += 1;
        Ok(Some(stage))
    }

    /// Assemble and validate the program once every stage has run.
    pub fn finish(mut self) -> Result<Program, Error> {
        while self.advance()?.is_some() {}
        let program = Program {
            schema_version: SCHEMA_VERSION,
            generator: GeneratorInfo {
                version: env!("CARGO_PKG_VERSION").to_string(),
                library_version: library::LIBRARY_VERSION.to_string(),
            },
            seed: self.profile.effective_seed(),
            name: format!("{} weeks", self.profile.weeks),
            profile: self.profile,
            split: Split::FullBody,
            periodization: Periodization::Linear,
            volume_landmarks: BTreeMap::from([(
                crate::anatomy::VolumeGroup::Chest,
                Landmarks {
                    mev: 6,
                    mav: 12,
                    mrv: 20,
                },
            )]),
            weak_points: Vec::new(),
            warnings: Vec::new(),
            weeks: self.weeks,
        };
        let violations = validate::validate_program(&program, &program.profile);
        if !violations.is_empty() {
            let issues = violations
                .into_iter()
                .map(|v| Issue::new(v.path, format!("{}: {}", v.rule.as_str(), v.message)))
                .collect();
            return Err(Error::internal(
                "generated program broke its own rules",
                issues,
            ));
        }
        Ok(program)
    }

    fn select(&mut self) -> Result<(), Error> {
        let mut pool: Vec<&'static Exercise> =
            eligibility::eligible_exercises(&self.profile).collect();
        if pool.len() < 3 {
            return Err(Error::infeasible(
                "fewer than 3 exercises suit this equipment, these injuries and exclusions",
                vec![Issue::new(
                    "equipment",
                    "add equipment or remove exclusions",
                )],
            ));
        }
        self.rng.shuffle(&mut pool);
        pool.sort_by_key(|e| e.mechanic == Mechanic::Isolation);
        pool.truncate(6);
        self.chosen = pool;
        Ok(())
    }

    fn build_weeks(&mut self) {
        let days: Vec<Weekday> = match &self.profile.preferred_days {
            Some(days) => days.clone(),
            None => Weekday::ALL
                .iter()
                .step_by(2)
                .chain(Weekday::ALL.iter().skip(1).step_by(2))
                .take(usize::from(self.profile.days_per_week))
                .copied()
                .collect(),
        };
        let (reps_min, reps_max) = match self.profile.goal {
            Goal::Strength => (4, 6),
            Goal::MuscularEndurance => (12, 20),
            _ => (8, 12),
        };
        for number in 1..=self.profile.weeks {
            let mut sessions = Vec::new();
            for &day in &days {
                let mut exercises: Vec<PrescribedExercise> = self
                    .chosen
                    .iter()
                    .map(|e| prescribe(e, reps_min, reps_max))
                    .collect();
                let budget = u32::from(self.profile.session_minutes) * 60;
                while exercises.len() > 3 && duration::session_seconds(&exercises) > budget {
                    exercises.pop();
                }
                sessions.push(Session {
                    day,
                    focus: Focus::FullBody,
                    estimated_minutes: duration::session_minutes(&exercises),
                    exercises,
                });
            }
            sessions.sort_by_key(|s| s.day);
            self.weeks.push(Week {
                number,
                phase: Phase::Accumulation,
                deload: false,
                sessions,
            });
        }
    }
}

fn prescribe(exercise: &Exercise, reps_min: u8, reps_max: u8) -> PrescribedExercise {
    PrescribedExercise {
        exercise_id: exercise.id.to_string(),
        name: exercise.name.to_string(),
        pattern: exercise.pattern,
        mechanic: exercise.mechanic,
        primary_muscles: exercise.primary_muscles.to_vec(),
        secondary_muscles: exercise.secondary_muscles.to_vec(),
        equipment: exercise.equipment.to_vec(),
        unilateral: exercise.unilateral,
        sets: 2,
        reps_min,
        reps_max,
        rir: 2,
        rest_seconds: 90,
        load_percent_1rm: None,
        load: None,
        notes: String::new(),
    }
}

/// Generate the whole program for a validated profile.
pub fn generate_program(profile: &Profile) -> Result<Program, Error> {
    Generation::new(profile).finish()
}
