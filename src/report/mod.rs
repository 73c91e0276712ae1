//! The quality report: how good the generated programs are, in figures.
//!
//! The validator decides whether a program keeps the rules; this module only
//! measures, so that a change to the generator can be judged before and
//! after: time use, weekly sets against the landmarks, main-lift sets, calf
//! and core work, and warnings. It generates programs for a named panel of
//! personas and for seeded random profiles ([`random`]), computes each
//! program's figures ([`figures`]), aggregates them ([`summary`]) and renders
//! them as text ([`text`]) or, through `Serialize`, as JSON. Reading persona
//! files is left to the `program-gen report` command.

pub mod figures;
pub mod random;
pub mod summary;
pub mod text;

use crate::generate::generate_program;
use crate::model::error::Error;
use crate::model::profile::{Experience, Goal, Profile, Units};
use figures::{program_figures, ProgramFigures};
use serde::Serialize;
use summary::{summarize, Spread, Summary};

/// One persona of the panel and what its program measures.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Persona {
    /// The persona's name, e.g. its file stem.
    pub name: String,
    pub goal: Goal,
    pub experience: Experience,
    pub days_per_week: u8,
    pub session_minutes: u16,
    pub weeks: u8,
    pub units: Units,
    /// Time use over this program's accumulation-week sessions.
    pub session_time_use: Option<Spread>,
    /// The program's figures; `None` when generation failed.
    pub program: Option<ProgramFigures>,
    /// The error code when generation failed.
    pub error: Option<String>,
}

/// The whole report: every persona, the panel overall, and the random sweep.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub personas: Vec<Persona>,
    pub panel: Summary,
    /// `None` when no random profiles were asked for.
    pub random: Option<RandomSweep>,
}

/// The random sweep: how it was drawn and what it measures.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RandomSweep {
    pub seed: u64,
    pub summary: Summary,
}

/// Generate a program for `profile` and measure it, or give the error code.
fn measure(profile: &Profile) -> Result<ProgramFigures, String> {
    generate_program(profile)
        .map(|program| program_figures(&program))
        .map_err(|error| error_code(&error))
}

/// Summarize the outcomes of several profiles.
fn summarize_outcomes(outcomes: &[Result<ProgramFigures, String>]) -> Summary {
    let programs: Vec<ProgramFigures> = outcomes.iter().flat_map(|o| o.clone().ok()).collect();
    let errors: Vec<String> = outcomes.iter().flat_map(|o| o.clone().err()).collect();
    summarize(&programs, &errors)
}

/// Build the report for named `panel` profiles and, when `random` is given,
/// `count` random profiles drawn from `seed`.
pub fn build(panel: &[(String, Profile)], random: Option<(usize, u64)>) -> Report {
    let outcomes: Vec<_> = panel.iter().map(|(_, profile)| measure(profile)).collect();
    let personas = panel
        .iter()
        .zip(&outcomes)
        .map(|((name, profile), outcome)| Persona {
            name: name.clone(),
            goal: profile.goal,
            experience: profile.experience,
            days_per_week: profile.days_per_week,
            session_minutes: profile.session_minutes,
            weeks: profile.weeks,
            units: profile.units,
            session_time_use: outcome
                .as_ref()
                .ok()
                .map(|p| Spread::of(&p.session_time_use)),
            program: outcome.as_ref().ok().cloned(),
            error: outcome.as_ref().err().cloned(),
        })
        .collect();
    let random = random.map(|(count, seed)| {
        let outcomes: Vec<_> = random::profiles(count, seed)
            .iter()
            .map(|drawn| match drawn {
                Ok(profile) => measure(profile),
                Err(error) => Err(error_code(error)),
            })
            .collect();
        RandomSweep {
            seed,
            summary: summarize_outcomes(&outcomes),
        }
    });
    Report {
        personas,
        panel: summarize_outcomes(&outcomes),
        random,
    }
}

fn error_code(error: &Error) -> String {
    error.code.as_str().to_string()
}
