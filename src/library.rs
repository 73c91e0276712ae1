//! The embedded, versioned exercise library.
//!
//! Every exercise the generator can prescribe lives in [`EXERCISES`], tagged
//! with what selection needs: pattern, mechanic, muscles, required equipment
//! (all of it), minimum level, injury contraindications, rep range, and
//! easier/harder variations. The table is plain `static` data, so it costs no
//! parsing at start-up. Which exercises suit a trainee is decided in `select`.

use crate::anatomy::{Mechanic, Muscle, Pattern};
use crate::profile::{Equipment, Experience, Injury, Lift};
use serde::Serialize;

/// Version of the library data; bump it whenever an entry changes.
pub const LIBRARY_VERSION: &str = "2026.11.1";

/// One curated exercise.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exercise {
    /// Stable snake_case id, used in programs and exclusions.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    pub pattern: Pattern,
    pub mechanic: Mechanic,
    pub primary_muscles: &'static [Muscle],
    pub secondary_muscles: &'static [Muscle],
    /// Everything needed; bodyweight exercises list nothing.
    pub equipment: &'static [Equipment],
    /// Trained one side at a time (doubles time under the duration model).
    pub unilateral: bool,
    /// Lowest experience level that should be prescribed this exercise.
    pub level_min: Experience,
    /// Injuries for which this exercise is unsuitable.
    pub contraindications: &'static [Injury],
    /// Sensible reps per set, `[min, max]`.
    pub rep_range: [u8; 2],
    /// The main lift whose 1RM sets this exercise's load, if any.
    pub one_rep_max_lift: Option<Lift>,
    /// Id of a regression, if one is in the library.
    pub easier: Option<&'static str>,
    /// Id of a progression, if one is in the library.
    pub harder: Option<&'static str>,
}

/// The library as exported to clients: `{version, exercises}`.
#[derive(Serialize)]
pub struct LibraryExport {
    /// [`LIBRARY_VERSION`].
    pub version: &'static str,
    /// Every exercise, in library order.
    pub exercises: &'static [Exercise],
}

/// The whole library with its version.
pub fn export() -> LibraryExport {
    LibraryExport {
        version: LIBRARY_VERSION,
        exercises: EXERCISES,
    }
}

/// The exercise with this id, if any.
pub fn find(id: &str) -> Option<&'static Exercise> {
    EXERCISES.iter().find(|e| e.id == id)
}

use Equipment as Eq;
use Experience::{Advanced, Beginner, Intermediate};
use Injury as Inj;
use Mechanic::{Compound, Isolation};
use Muscle as M;

/// Every exercise, grouped by pattern.
pub static EXERCISES: &[Exercise] = &[
    Exercise {
        id: "back_squat",
        name: "Barbell Back Squat",
        pattern: Pattern::Squat,
        mechanic: Compound,
        primary_muscles: &[M::Quads, M::Glutes],
        secondary_muscles: &[M::Adductors, M::LowerBack],
        equipment: &[Eq::Barbell, Eq::Rack],
        unilateral: false,
        level_min: Beginner,
        contraindications: &[Inj::Knee, Inj::LowerBack],
        rep_range: [3, 10],
        one_rep_max_lift: Some(Lift::Squat),
        easier: Some("goblet_squat"),
        harder: None,
    },
    Exercise {
        id: "goblet_squat",
        name: "Goblet Squat",
        pattern: Pattern::Squat,
        mechanic: Compound,
        primary_muscles: &[M::Quads, M::Glutes],
        secondary_muscles: &[M::Adductors, M::Abs],
        equipment: &[Eq::Dumbbells],
        unilateral: false,
        level_min: Beginner,
        contraindications: &[Inj::Knee],
        rep_range: [8, 15],
        one_rep_max_lift: None,
        easier: Some("bodyweight_squat"),
        harder: Some("back_squat"),
    },
    Exercise {
        id: "bodyweight_squat",
        name: "Bodyweight Squat",
        pattern: Pattern::Squat,
        mechanic: Compound,
        primary_muscles: &[M::Quads, M::Glutes],
        secondary_muscles: &[M::Adductors],
        equipment: &[],
        unilateral: false,
        level_min: Beginner,
        contraindications: &[],
        rep_range: [12, 25],
        one_rep_max_lift: None,
        easier: None,
        harder: Some("goblet_squat"),
    },
    Exercise {
        id: "romanian_deadlift",
        name: "Barbell Romanian Deadlift",
        pattern: Pattern::Hinge,
        mechanic: Compound,
        primary_muscles: &[M::Hamstrings, M::Glutes],
        secondary_muscles: &[M::LowerBack, M::Forearms],
        equipment: &[Eq::Barbell],
        unilateral: false,
        level_min: Beginner,
        contraindications: &[Inj::LowerBack],
        rep_range: [6, 12],
        one_rep_max_lift: None,
        easier: None,
        harder: None,
    },
    Exercise {
        id: "glute_bridge",
        name: "Glute Bridge",
        pattern: Pattern::Bridge,
        mechanic: Compound,
        primary_muscles: &[M::Glutes],
        secondary_muscles: &[M::Hamstrings],
        equipment: &[],
        unilateral: false,
        level_min: Beginner,
        contraindications: &[],
        rep_range: [10, 20],
        one_rep_max_lift: None,
        easier: None,
        harder: None,
    },
    Exercise {
        id: "push_up",
        name: "Push-up",
        pattern: Pattern::HorizontalPush,
        mechanic: Compound,
        primary_muscles: &[M::Chest, M::Triceps],
        secondary_muscles: &[M::FrontDelts, M::Abs],
        equipment: &[],
        unilateral: false,
        level_min: Beginner,
        contraindications: &[Inj::Wrist],
        rep_range: [6, 20],
        one_rep_max_lift: None,
        easier: None,
        harder: None,
    },
    Exercise {
        id: "bench_press",
        name: "Barbell Bench Press",
        pattern: Pattern::HorizontalPush,
        mechanic: Compound,
        primary_muscles: &[M::Chest, M::Triceps],
        secondary_muscles: &[M::FrontDelts],
        equipment: &[Eq::Barbell, Eq::Bench, Eq::Rack],
        unilateral: false,
        level_min: Beginner,
        contraindications: &[Inj::Shoulder],
        rep_range: [3, 10],
        one_rep_max_lift: Some(Lift::BenchPress),
        easier: Some("push_up"),
        harder: None,
    },
    Exercise {
        id: "pike_push_up",
        name: "Pike Push-up",
        pattern: Pattern::VerticalPush,
        mechanic: Compound,
        primary_muscles: &[M::FrontDelts, M::Triceps],
        secondary_muscles: &[M::SideDelts, M::UpperBack],
        equipment: &[],
        unilateral: false,
        level_min: Beginner,
        contraindications: &[Inj::Shoulder, Inj::Wrist],
        rep_range: [6, 15],
        one_rep_max_lift: None,
        easier: None,
        harder: None,
    },
    Exercise {
        id: "inverted_row",
        name: "Inverted Row",
        pattern: Pattern::HorizontalPull,
        mechanic: Compound,
        primary_muscles: &[M::UpperBack, M::Lats],
        secondary_muscles: &[M::Biceps, M::RearDelts],
        equipment: &[Eq::PullupBar],
        unilateral: false,
        level_min: Beginner,
        contraindications: &[],
        rep_range: [6, 15],
        one_rep_max_lift: None,
        easier: None,
        harder: None,
    },
    Exercise {
        id: "pull_up",
        name: "Pull-up",
        pattern: Pattern::VerticalPull,
        mechanic: Compound,
        primary_muscles: &[M::Lats, M::Biceps],
        secondary_muscles: &[M::UpperBack, M::Forearms],
        equipment: &[Eq::PullupBar],
        unilateral: false,
        level_min: Intermediate,
        contraindications: &[Inj::Shoulder, Inj::Elbow],
        rep_range: [4, 12],
        one_rep_max_lift: None,
        easier: None,
        harder: None,
    },
    Exercise {
        id: "plank",
        name: "Plank",
        pattern: Pattern::Core,
        mechanic: Isolation,
        primary_muscles: &[M::Abs],
        secondary_muscles: &[M::Obliques],
        equipment: &[],
        unilateral: false,
        level_min: Beginner,
        contraindications: &[],
        rep_range: [1, 3],
        one_rep_max_lift: None,
        easier: None,
        harder: Some("hanging_leg_raise"),
    },
    Exercise {
        id: "hanging_leg_raise",
        name: "Hanging Leg Raise",
        pattern: Pattern::Core,
        mechanic: Isolation,
        primary_muscles: &[M::Abs],
        secondary_muscles: &[M::Obliques, M::Forearms],
        equipment: &[Eq::PullupBar],
        unilateral: false,
        level_min: Advanced,
        contraindications: &[Inj::Shoulder],
        rep_range: [6, 15],
        one_rep_max_lift: None,
        easier: Some("plank"),
        harder: None,
    },
];
