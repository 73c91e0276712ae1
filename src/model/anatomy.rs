//! Muscles, the volume groups they count towards, and movement vocabulary.
//!
//! Volume is tracked per *group* (e.g. `back` = lats + upper back) because the
//! dose-response literature reports weekly sets per muscle group. This module
//! decides which muscle counts towards which group; how many sets a group
//! needs is decided in `rules::landmarks`.

use serde::{Deserialize, Serialize};

/// A muscle an exercise can train.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Muscle {
    Chest,
    Lats,
    UpperBack,
    FrontDelts,
    SideDelts,
    RearDelts,
    Biceps,
    Triceps,
    Forearms,
    Quads,
    Hamstrings,
    Glutes,
    Adductors,
    Calves,
    Abs,
    Obliques,
    LowerBack,
}

/// A group whose weekly sets are planned and checked against landmarks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum VolumeGroup {
    Chest,
    Back,
    Shoulders,
    Quads,
    Hamstrings,
    Glutes,
    Biceps,
    Triceps,
    Calves,
    Abs,
}

impl VolumeGroup {
    /// Every group, in canonical order.
    pub const ALL: [VolumeGroup; 10] = [
        VolumeGroup::Chest,
        VolumeGroup::Back,
        VolumeGroup::Shoulders,
        VolumeGroup::Quads,
        VolumeGroup::Hamstrings,
        VolumeGroup::Glutes,
        VolumeGroup::Biceps,
        VolumeGroup::Triceps,
        VolumeGroup::Calves,
        VolumeGroup::Abs,
    ];

    /// The major groups whose weekly floors the validator enforces.
    pub const MAJOR: [VolumeGroup; 6] = [
        VolumeGroup::Chest,
        VolumeGroup::Back,
        VolumeGroup::Shoulders,
        VolumeGroup::Quads,
        VolumeGroup::Hamstrings,
        VolumeGroup::Glutes,
    ];

    /// Whether this is one of the six major groups.
    pub fn is_major(self) -> bool {
        Self::MAJOR.contains(&self)
    }

    /// The group's wire name (`chest`), as in programs and messages.
    pub fn name(self) -> &'static str {
        match self {
            VolumeGroup::Chest => "chest",
            VolumeGroup::Back => "back",
            VolumeGroup::Shoulders => "shoulders",
            VolumeGroup::Quads => "quads",
            VolumeGroup::Hamstrings => "hamstrings",
            VolumeGroup::Glutes => "glutes",
            VolumeGroup::Biceps => "biceps",
            VolumeGroup::Triceps => "triceps",
            VolumeGroup::Calves => "calves",
            VolumeGroup::Abs => "abs",
        }
    }
}

impl Muscle {
    /// The volume group this muscle counts towards, if any.
    pub fn group(self) -> Option<VolumeGroup> {
        match self {
            Muscle::Chest => Some(VolumeGroup::Chest),
            Muscle::Lats | Muscle::UpperBack => Some(VolumeGroup::Back),
            Muscle::FrontDelts | Muscle::SideDelts | Muscle::RearDelts => {
                Some(VolumeGroup::Shoulders)
            }
            Muscle::Biceps => Some(VolumeGroup::Biceps),
            Muscle::Triceps => Some(VolumeGroup::Triceps),
            Muscle::Quads => Some(VolumeGroup::Quads),
            Muscle::Hamstrings => Some(VolumeGroup::Hamstrings),
            Muscle::Glutes => Some(VolumeGroup::Glutes),
            Muscle::Calves => Some(VolumeGroup::Calves),
            Muscle::Abs | Muscle::Obliques => Some(VolumeGroup::Abs),
            Muscle::Forearms | Muscle::Adductors | Muscle::LowerBack => None,
        }
    }
}

/// The movement pattern an exercise trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    Squat,
    Lunge,
    Hinge,
    Bridge,
    HorizontalPush,
    VerticalPush,
    HorizontalPull,
    VerticalPull,
    ElbowFlexion,
    ElbowExtension,
    ShoulderAbduction,
    RearDelt,
    KneeFlexion,
    KneeExtension,
    CalfRaise,
    Core,
    Carry,
}

/// Whether an exercise moves several joints or one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Mechanic {
    Compound,
    Isolation,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_are_the_wire_names() {
        for group in VolumeGroup::ALL {
            assert_eq!(serde_json::to_value(group).ok(), Some(group.name().into()));
        }
    }
}
