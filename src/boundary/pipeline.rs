//! The pipeline: load → validate profile → generate → validate program → save.
//!
//! The pipeline owns the order of the steps and the progress it reports; the
//! I/O itself is injected through [`Deps`], so the same code runs with
//! JavaScript callbacks in Deno and Node and with plain Rust in native tests.

use crate::generate::{self, Stage};
use crate::model::error::Error;
use crate::model::profile::Profile;
use crate::model::program::{Program, Warning};
use serde::{Deserialize, Serialize};

/// A progress report: the stage just finished and the share of work done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ProgressEvent {
    pub stage: Stage,
    /// 0–100.
    pub percent: u8,
}

/// What a successful run reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PipelineResult {
    pub program_id: String,
    /// The run's id: the caller's fencing token if it gave one, else a new v4 UUID.
    pub job_id: String,
    /// Wall-clock milliseconds from start to saved.
    #[serde(serialize_with = "crate::model::json::canonical_number")]
    pub duration_ms: f64,
    pub warnings: Vec<Warning>,
}

/// The I/O the pipeline needs. Each failure is the callback's own message.
// The futures come from JavaScript promises, which are never `Send`, so the
// missing `Send` bound that this lint warns about is intended.
#[allow(async_fn_in_trait)]
pub trait Deps {
    /// Fetch the raw, unvalidated profile JSON of `program_id`.
    async fn load_profile(&self, program_id: &str) -> Result<serde_json::Value, String>;
    /// Publish progress; the pipeline waits for it before going on.
    async fn report_progress(&self, event: ProgressEvent) -> Result<(), String>;
    /// Persist the finished program.
    async fn save_program(&self, program_id: &str, program: &Program) -> Result<(), String>;
    /// Milliseconds on a monotonic clock, for `durationMs`.
    fn now_ms(&self) -> f64;
    /// The job id to report; `None` lets the pipeline draw a v4 UUID.
    fn job_id(&self) -> Option<String> {
        None
    }
}

/// Run one generation for `program_id` through the injected `deps`.
pub async fn run_program_generation_pipeline<D: Deps>(
    program_id: &str,
    deps: &D,
) -> Result<PipelineResult, Error> {
    let started = deps.now_ms();
    let job_id = deps
        .job_id()
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let raw = deps
        .load_profile(program_id)
        .await
        .map_err(Error::dependency_failed)?;
    report(deps, Stage::LoadProfile).await?;
    let profile = Profile::from_value(&raw)?;
    report(deps, Stage::ValidateProfile).await?;
    let program = generate::generate(&profile, async |stage| report(deps, stage).await).await?;
    let program = generate::checked(program)?;
    report(deps, Stage::ValidateProgram).await?;
    deps.save_program(program_id, &program)
        .await
        .map_err(Error::dependency_failed)?;
    report(deps, Stage::Save).await?;
    Ok(PipelineResult {
        program_id: program_id.to_string(),
        job_id,
        duration_ms: (deps.now_ms() - started).max(0.0),
        warnings: program.warnings,
    })
}

async fn report<D: Deps>(deps: &D, stage: Stage) -> Result<(), Error> {
    let event = ProgressEvent {
        stage,
        percent: stage.percent(),
    };
    deps.report_progress(event)
        .await
        .map_err(Error::dependency_failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::error::ErrorCode;
    use std::cell::RefCell;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    /// Drives a future whose dependencies complete immediately.
    fn block_on<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
                return out;
            }
        }
    }

    #[derive(Default)]
    struct Memory {
        profile: serde_json::Value,
        fail: Option<&'static str>,
        log: RefCell<Vec<String>>,
        saved: RefCell<Option<Program>>,
    }

    impl Deps for Memory {
        async fn load_profile(&self, id: &str) -> Result<serde_json::Value, String> {
            self.log.borrow_mut().push(format!("load:{id}"));
            match self.fail {
                Some("load") => Err("store offline".into()),
                _ => Ok(self.profile.clone()),
            }
        }
        async fn report_progress(&self, event: ProgressEvent) -> Result<(), String> {
            self.log
                .borrow_mut()
                .push(format!("{:?}:{}", event.stage, event.percent));
            match self.fail {
                Some("progress") => Err("progress sink full".into()),
                _ => Ok(()),
            }
        }
        async fn save_program(&self, id: &str, program: &Program) -> Result<(), String> {
            self.log.borrow_mut().push(format!("save:{id}"));
            *self.saved.borrow_mut() = Some(program.clone());
            match self.fail {
                Some("save") => Err("disk full".into()),
                _ => Ok(()),
            }
        }
        fn now_ms(&self) -> f64 {
            self.log.borrow().len() as f64
        }
    }

    fn memory() -> Memory {
        Memory {
            profile: serde_json::from_str(include_str!(
                "../../tests/fixtures/profile-typical.json"
            ))
            .unwrap(),
            ..Memory::default()
        }
    }

    #[test]
    fn runs_every_stage_in_order_then_saves() {
        let deps = memory();
        let result = block_on(run_program_generation_pipeline("p1", &deps)).unwrap();
        let log = deps.log.borrow();
        assert_eq!(log[0], "load:p1");
        assert_eq!(log[1], "LoadProfile:5");
        assert_eq!(log[2], "ValidateProfile:10");
        let save = log.iter().position(|l| l == "save:p1").unwrap();
        assert_eq!(log[save - 1], "ValidateProgram:90");
        assert_eq!(log[save + 1], "Save:100");
        assert_eq!(log.len(), save + 2);
        assert_eq!(result.program_id, "p1");
        assert!(uuid::Uuid::parse_str(&result.job_id).is_ok());
        assert!(result.duration_ms > 0.0);
        assert!(deps.saved.borrow().is_some());
    }

    #[test]
    fn each_failing_dependency_becomes_dependency_failed_with_its_message() {
        for (fail, message) in [
            ("load", "store offline"),
            ("progress", "progress sink full"),
            ("save", "disk full"),
        ] {
            let deps = Memory {
                fail: Some(fail),
                ..memory()
            };
            let error = block_on(run_program_generation_pipeline("p", &deps)).unwrap_err();
            assert_eq!(error.code, ErrorCode::DependencyFailed);
            assert_eq!(error.message, message);
        }
    }

    #[test]
    fn invalid_profile_stops_before_generation_and_save() {
        let deps = Memory {
            profile: serde_json::json!({"goal": "sprint"}),
            ..memory()
        };
        let error = block_on(run_program_generation_pipeline("p", &deps)).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidProfile);
        assert!(deps.saved.borrow().is_none());
        assert_eq!(deps.log.borrow().as_slice(), ["load:p", "LoadProfile:5"]);
    }
}
