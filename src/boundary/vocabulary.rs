//! The vocabulary the status page speaks: every enum value of the profile and
//! the program with its words for people, the volume groups and the muscles
//! that count towards them, the set-counting weights and the landmark bands.
//!
//! The page (`web/`) draws its form options, labels and volume chart from
//! `web/vocabulary.json`, which is [`export`] as `program-gen vocabulary`
//! prints it; `tests/vocabulary.rs` fails when the committed file drifts from
//! it. Wire names are never written here: they come from each type's serde
//! shape. This module decides only the human words and the order the page
//! offers the values in; the weights come from `rules::counting` and the
//! muscle-to-group map from `model::anatomy`.

use crate::generate::Stage;
use crate::model::anatomy::{Muscle, VolumeGroup};
use crate::model::profile::{Equipment, Experience, Goal, Injury, Lift, Units, Weekday};
use crate::model::program::{Periodization, Split};
use crate::rules::counting::set_weight;
use crate::rules::loading;
use serde::Serialize;

/// Everything the page needs to name and count what the generator speaks.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    /// Where the file comes from, for a reader who opens it.
    pub generated_by: &'static str,
    /// Goals, in the order the form offers them.
    pub goals: Vec<Term>,
    /// Experience levels, least first.
    pub experience: Vec<Term>,
    /// Equipment; bodyweight is implicit and never listed.
    pub equipment: Vec<Term>,
    /// Injured regions.
    pub injuries: Vec<Term>,
    /// Weekdays, Monday first like the generator.
    pub weekdays: Vec<Term>,
    /// Load units, the default first.
    pub units: Vec<Term>,
    /// Lifts whose 1RM the profile accepts, keyed by their `oneRepMaxes` field.
    pub lifts: Vec<Term>,
    /// Splits a program may use.
    pub splits: Vec<Term>,
    /// Periodization models a program may use.
    pub periodizations: Vec<Term>,
    /// Pipeline stages as progress reports name them, in pipeline order.
    pub stages: Vec<Term>,
    /// Volume groups in the generator's canonical order.
    pub volume_groups: Vec<Term>,
    /// Every muscle and the volume group it counts towards (`null`: none).
    pub muscles: Vec<MuscleTerm>,
    /// What one set counts for a group, by how the exercise reaches it.
    pub set_weights: SetWeights,
    /// The weekly-volume landmarks of `volumeLandmarks`, smallest first.
    pub landmarks: Vec<LandmarkTerm>,
    /// The bands the landmarks cut weekly volume into, lowest first.
    pub bands: Vec<Band>,
    /// The 1RMs the profile accepts, per unit (`rules::loading`).
    pub one_rep_max_bounds: Vec<OneRepMaxBounds>,
}

/// The lightest and heaviest 1RM accepted in one unit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OneRepMaxBounds {
    pub units: String,
    /// The empty bar: every 1RM lift is a barbell lift.
    #[serde(serialize_with = "crate::model::json::canonical_number")]
    pub lightest: f64,
    /// Beyond every human record.
    #[serde(serialize_with = "crate::model::json::canonical_number")]
    pub heaviest: f64,
}

/// An enum value on the wire and the words the page shows for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Term {
    pub value: String,
    pub label: &'static str,
}

/// A muscle and the volume group it counts towards, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MuscleTerm {
    pub value: String,
    pub group: Option<String>,
}

/// The fractional-counting weights of `rules::counting`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SetWeights {
    /// A set whose exercise has a primary muscle in the group.
    pub primary: f64,
    /// A set that reaches the group only through a secondary muscle.
    pub secondary: f64,
}

/// A volume landmark: its field in `volumeLandmarks`, short and long names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LandmarkTerm {
    pub value: &'static str,
    pub label: &'static str,
    pub meaning: &'static str,
}

/// A band of weekly volume between two landmarks.
///
/// A week's sets fall in the first band whose upper landmark they stay
/// under: strictly under a minimum (MEV is already effective), at most a
/// maximum (MAV and MRV are still reachable).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Band {
    /// The band's name, e.g. `productive`.
    pub zone: &'static str,
    /// The lower landmark; `null` for the band from zero.
    pub from: Option<&'static str>,
    /// The upper landmark; `null` for the open band above the last one.
    pub to: Option<&'static str>,
    /// Whether a volume equal to the upper landmark is still in this band.
    pub includes_to: bool,
    /// What volume in this band means for the trainee.
    pub meaning: &'static str,
}

const GOALS: [(Goal, &str); 5] = [
    (Goal::Hypertrophy, "Build muscle"),
    (Goal::Strength, "Get stronger"),
    (Goal::GeneralFitness, "General fitness"),
    (Goal::MuscularEndurance, "Muscular endurance"),
    (Goal::FatLoss, "Lose fat"),
];

const EXPERIENCE: [(Experience, &str); 3] = [
    (Experience::Beginner, "Beginner (under a year)"),
    (Experience::Intermediate, "Intermediate (1–3 years)"),
    (Experience::Advanced, "Advanced (3+ years)"),
];

const EQUIPMENT: [(Equipment, &str); 14] = [
    (Equipment::Barbell, "Barbell"),
    (Equipment::Rack, "Squat rack"),
    (Equipment::Bench, "Bench"),
    (Equipment::Dumbbells, "Dumbbells"),
    (Equipment::Kettlebell, "Kettlebell"),
    (Equipment::PullupBar, "Pull-up bar"),
    (Equipment::DipBars, "Dip bars"),
    (Equipment::Cable, "Cable station"),
    (Equipment::Machine, "Machines"),
    (Equipment::Bands, "Resistance bands"),
    (Equipment::BandAnchor, "Band anchor"),
    (Equipment::EzBar, "EZ bar"),
    (Equipment::Rings, "Rings"),
    (Equipment::Box, "Box or step"),
];

const INJURIES: [(Injury, &str); 8] = [
    (Injury::Knee, "Knee"),
    (Injury::LowerBack, "Lower back"),
    (Injury::Shoulder, "Shoulder"),
    (Injury::Wrist, "Wrist"),
    (Injury::Elbow, "Elbow"),
    (Injury::Hip, "Hip"),
    (Injury::Ankle, "Ankle"),
    (Injury::Neck, "Neck"),
];

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Monday, "Monday"),
    (Weekday::Tuesday, "Tuesday"),
    (Weekday::Wednesday, "Wednesday"),
    (Weekday::Thursday, "Thursday"),
    (Weekday::Friday, "Friday"),
    (Weekday::Saturday, "Saturday"),
    (Weekday::Sunday, "Sunday"),
];

const UNITS: [(Units, &str); 2] = [(Units::Kg, "kg"), (Units::Lb, "lb")];

const LIFTS: [(Lift, &str); 4] = [
    (Lift::Squat, "Squat"),
    (Lift::BenchPress, "Bench press"),
    (Lift::Deadlift, "Deadlift"),
    (Lift::OverheadPress, "Overhead press"),
];

const SPLITS: [(Split, &str); 4] = [
    (Split::FullBody, "Full body"),
    (Split::UpperLower, "Upper / lower"),
    (
        Split::UpperLowerPushPullLegs,
        "Upper / lower + push / pull / legs",
    ),
    (Split::PushPullLegs, "Push / pull / legs"),
];

const PERIODIZATIONS: [(Periodization, &str); 4] = [
    (Periodization::Linear, "Linear: loads rise week by week"),
    (
        Periodization::DoubleProgression,
        "Double progression: add reps, then load",
    ),
    (
        Periodization::Undulating,
        "Undulating: heavy and light days alternate",
    ),
    (
        Periodization::Block,
        "Block: accumulation, then intensification, then realization",
    ),
];

const STAGES: [(Stage, &str); 10] = [
    (Stage::LoadProfile, "Reading your profile"),
    (Stage::ValidateProfile, "Checking your profile"),
    (Stage::Analyze, "Looking at your strengths and weak points"),
    (Stage::Plan, "Planning the split and weekly volume"),
    (Stage::Select, "Choosing exercises"),
    (Stage::Allocate, "Fitting sets into your time"),
    (Stage::Prescribe, "Setting reps, effort and loads"),
    (Stage::Progress, "Laying out the weeks"),
    (Stage::ValidateProgram, "Double-checking the program"),
    (Stage::Save, "Saving"),
];

const VOLUME_GROUPS: [(VolumeGroup, &str); 10] = [
    (VolumeGroup::Chest, "Chest"),
    (VolumeGroup::Back, "Back"),
    (VolumeGroup::Shoulders, "Shoulders"),
    (VolumeGroup::Quads, "Quads"),
    (VolumeGroup::Hamstrings, "Hamstrings"),
    (VolumeGroup::Glutes, "Glutes"),
    (VolumeGroup::Biceps, "Biceps"),
    (VolumeGroup::Triceps, "Triceps"),
    (VolumeGroup::Calves, "Calves"),
    (VolumeGroup::Abs, "Abs"),
];

const MUSCLES: [Muscle; 17] = [
    Muscle::Chest,
    Muscle::Lats,
    Muscle::UpperBack,
    Muscle::FrontDelts,
    Muscle::SideDelts,
    Muscle::RearDelts,
    Muscle::Biceps,
    Muscle::Triceps,
    Muscle::Forearms,
    Muscle::Quads,
    Muscle::Hamstrings,
    Muscle::Glutes,
    Muscle::Adductors,
    Muscle::Calves,
    Muscle::Abs,
    Muscle::Obliques,
    Muscle::LowerBack,
];

/// The fields of [`crate::model::program::Landmarks`], smallest first.
const LANDMARKS: [LandmarkTerm; 3] = [
    LandmarkTerm {
        value: "mev",
        label: "MEV",
        meaning: "minimum effective volume",
    },
    LandmarkTerm {
        value: "mav",
        label: "MAV",
        meaning: "maximum adaptive volume",
    },
    LandmarkTerm {
        value: "mrv",
        label: "MRV",
        meaning: "maximum recoverable volume",
    },
];

const BANDS: [Band; 4] = [
    Band {
        zone: "below",
        from: None,
        to: Some("mev"),
        includes_to: false,
        meaning: "less than the minimum effective volume",
    },
    Band {
        zone: "productive",
        from: Some("mev"),
        to: Some("mav"),
        includes_to: true,
        meaning: "productive range",
    },
    Band {
        zone: "high",
        from: Some("mav"),
        to: Some("mrv"),
        includes_to: true,
        meaning: "hard to recover from for long",
    },
    Band {
        zone: "over",
        from: Some("mrv"),
        to: None,
        includes_to: false,
        meaning: "more than you can recover from",
    },
];

/// The whole vocabulary, as `web/vocabulary.json` holds it.
pub fn export() -> Vocabulary {
    // Any muscle of a group stands for the group: the rule looks at groups only.
    let reaches = |group: VolumeGroup| {
        MUSCLES
            .into_iter()
            .find(|m| m.group() == Some(group))
            .expect("every volume group has a muscle")
    };
    let chest = reaches(VolumeGroup::Chest);
    Vocabulary {
        generated_by: "`program-gen vocabulary > web/vocabulary.json` from src/boundary/vocabulary.rs; do not edit by hand",
        goals: terms(&GOALS),
        experience: terms(&EXPERIENCE),
        equipment: terms(&EQUIPMENT),
        injuries: terms(&INJURIES),
        weekdays: terms(&WEEKDAYS),
        units: terms(&UNITS),
        lifts: terms(&LIFTS),
        splits: terms(&SPLITS),
        periodizations: terms(&PERIODIZATIONS),
        stages: terms(&STAGES),
        volume_groups: terms(&VOLUME_GROUPS),
        muscles: MUSCLES
            .into_iter()
            .map(|muscle| MuscleTerm {
                value: wire_name(&muscle),
                group: muscle.group().map(|group| wire_name(&group)),
            })
            .collect(),
        set_weights: SetWeights {
            primary: set_weight(&[chest], &[], VolumeGroup::Chest),
            secondary: set_weight(&[], &[chest], VolumeGroup::Chest),
        },
        landmarks: LANDMARKS.to_vec(),
        bands: BANDS.to_vec(),
        one_rep_max_bounds: UNITS
            .iter()
            .map(|(units, _)| OneRepMaxBounds {
                units: wire_name(units),
                lightest: loading::empty_bar(*units),
                heaviest: loading::max_one_rep_max(*units),
            })
            .collect(),
    }
}

fn terms<T: Serialize>(values: &[(T, &'static str)]) -> Vec<Term> {
    values
        .iter()
        .map(|(value, label)| Term {
            value: wire_name(value),
            label,
        })
        .collect()
}

/// The serde name of a unit enum variant, e.g. `pullup_bar`.
fn wire_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => unreachable!("a unit enum variant serializes to a string, not {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::variant_names;
    use crate::model::program::Landmarks;
    use serde::de::DeserializeOwned;

    fn assert_complete<T: DeserializeOwned>(terms: &[Term]) {
        let mut listed: Vec<&str> = terms.iter().map(|t| t.value.as_str()).collect();
        let mut accepted = variant_names::<T>();
        listed.sort_unstable();
        accepted.sort_unstable();
        assert_eq!(listed, accepted, "{}", std::any::type_name::<T>());
        assert!(terms.iter().all(|t| !t.label.is_empty()));
    }

    #[test]
    fn every_enum_value_is_listed_once_with_a_label() {
        let v = export();
        assert_complete::<Goal>(&v.goals);
        assert_complete::<Experience>(&v.experience);
        assert_complete::<Equipment>(&v.equipment);
        assert_complete::<Injury>(&v.injuries);
        assert_complete::<Weekday>(&v.weekdays);
        assert_complete::<Units>(&v.units);
        assert_complete::<Lift>(&v.lifts);
        assert_complete::<Split>(&v.splits);
        assert_complete::<Periodization>(&v.periodizations);
        assert_complete::<Stage>(&v.stages);
        assert_complete::<VolumeGroup>(&v.volume_groups);
        let mut muscles: Vec<String> = v.muscles.iter().map(|m| m.value.clone()).collect();
        let mut accepted = variant_names::<Muscle>();
        muscles.sort_unstable();
        accepted.sort_unstable();
        assert_eq!(muscles, accepted);
    }

    #[test]
    fn lists_follow_the_generator_where_it_has_an_order() {
        let v = export();
        let names =
            |terms: &[Term]| -> Vec<String> { terms.iter().map(|t| t.value.clone()).collect() };
        let groups: Vec<String> = VolumeGroup::ALL.iter().map(wire_name).collect();
        assert_eq!(names(&v.volume_groups), groups);
        let days: Vec<String> = Weekday::ALL.iter().map(wire_name).collect();
        assert_eq!(names(&v.weekdays), days);
        assert_eq!(v.units[0].value, wire_name(&Units::default()));
        let percents: Vec<u8> = STAGES.iter().map(|(stage, _)| stage.percent()).collect();
        assert!(percents.windows(2).all(|w| w[0] < w[1]), "{percents:?}");
    }

    #[test]
    fn set_weights_are_the_counting_rule() {
        let weights = export().set_weights;
        assert_eq!((weights.primary, weights.secondary), (1.0, 0.5));
    }

    #[test]
    fn landmarks_are_the_fields_of_landmarks_and_bands_tile_them() {
        let fields = serde_json::to_value(Landmarks {
            mev: 1,
            mav: 2,
            mrv: 3,
        })
        .unwrap();
        let mut by_size: Vec<(&String, &serde_json::Value)> =
            fields.as_object().unwrap().iter().collect();
        by_size.sort_by_key(|(_, size)| size.as_u64());
        let names: Vec<&str> = by_size.iter().map(|(name, _)| name.as_str()).collect();
        let listed: Vec<&str> = LANDMARKS.iter().map(|l| l.value).collect();
        assert_eq!(listed, names);

        let mut edges = vec![None];
        edges.extend(listed.iter().copied().map(Some));
        edges.push(None);
        for (band, edge) in BANDS.iter().zip(edges.windows(2)) {
            assert_eq!((band.from, band.to), (edge[0], edge[1]), "{}", band.zone);
        }
        assert_eq!(BANDS.len(), edges.len() - 1);
    }
}
