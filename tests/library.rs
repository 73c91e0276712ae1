//! Invariants of the embedded exercise library.
//!
//! Identity and consistency (ids, names, variations, rep ranges, muscles),
//! realism (named kit is required kit, contraindications follow the loaded
//! joint except for the named joint-friendly work, high impact is tagged, no
//! timed holds), and coverage: for each equipment kit and core
//! pattern, two beginner exercises and one free of each of the knee,
//! lower-back and shoulder contraindications, except the combinations listed
//! in [`KNOWN_GAPS`], which must be exactly the ones missing.

use program_generation::library::{self, eligibility, Exercise, EXERCISES, LIBRARY_VERSION};
use program_generation::model::anatomy::{Mechanic, Pattern};
use program_generation::model::profile::{Equipment, Experience, Injury, Lift, Profile};
use std::collections::{BTreeSet, HashSet};

use Equipment::{
    BandAnchor, Bands, Barbell, Bench, Box, Cable, DipBars, Dumbbells, EzBar, Kettlebell, Machine,
    PullupBar, Rack, Rings,
};

/// Every piece of equipment; [`equipment_index`] keeps this list complete.
const ALL_EQUIPMENT: [Equipment; 14] = [
    Barbell, Rack, Bench, Dumbbells, Kettlebell, PullupBar, DipBars, Cable, Machine, Bands,
    BandAnchor, EzBar, Rings, Box,
];

/// Position in [`ALL_EQUIPMENT`]; a new variant stops this from compiling.
fn equipment_index(item: Equipment) -> usize {
    match item {
        Barbell => 0,
        Rack => 1,
        Bench => 2,
        Dumbbells => 3,
        Kettlebell => 4,
        PullupBar => 5,
        DipBars => 6,
        Cable => 7,
        Machine => 8,
        Bands => 9,
        BandAnchor => 10,
        EzBar => 11,
        Rings => 12,
        Box => 13,
    }
}

/// Every pattern; [`pattern_index`] keeps this list complete.
const ALL_PATTERNS: [Pattern; 17] = [
    Pattern::Squat,
    Pattern::Lunge,
    Pattern::Hinge,
    Pattern::Bridge,
    Pattern::HorizontalPush,
    Pattern::VerticalPush,
    Pattern::HorizontalPull,
    Pattern::VerticalPull,
    Pattern::ElbowFlexion,
    Pattern::ElbowExtension,
    Pattern::ShoulderAbduction,
    Pattern::RearDelt,
    Pattern::KneeFlexion,
    Pattern::KneeExtension,
    Pattern::CalfRaise,
    Pattern::Core,
    Pattern::Carry,
];

/// Position in [`ALL_PATTERNS`]; a new variant stops this from compiling.
fn pattern_index(pattern: Pattern) -> usize {
    match pattern {
        Pattern::Squat => 0,
        Pattern::Lunge => 1,
        Pattern::Hinge => 2,
        Pattern::Bridge => 3,
        Pattern::HorizontalPush => 4,
        Pattern::VerticalPush => 5,
        Pattern::HorizontalPull => 6,
        Pattern::VerticalPull => 7,
        Pattern::ElbowFlexion => 8,
        Pattern::ElbowExtension => 9,
        Pattern::ShoulderAbduction => 10,
        Pattern::RearDelt => 11,
        Pattern::KneeFlexion => 12,
        Pattern::KneeExtension => 13,
        Pattern::CalfRaise => 14,
        Pattern::Core => 15,
        Pattern::Carry => 16,
    }
}

/// The patterns every equipment kit must cover.
const CORE_PATTERNS: [Pattern; 12] = [
    Pattern::Squat,
    Pattern::Lunge,
    Pattern::Hinge,
    Pattern::HorizontalPush,
    Pattern::VerticalPush,
    Pattern::HorizontalPull,
    Pattern::VerticalPull,
    Pattern::ElbowFlexion,
    Pattern::ElbowExtension,
    Pattern::ShoulderAbduction,
    Pattern::KneeFlexion,
    Pattern::Core,
];

/// The injuries every kit and core pattern must have an option around.
const COVERED_INJURIES: [Injury; 3] = [Injury::Knee, Injury::LowerBack, Injury::Shoulder];

/// The equipment kits the generator must serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kit {
    Bodyweight,
    PullupBar,
    Dumbbells,
    Bands,
    FullGym,
}

impl Kit {
    const ALL: [Kit; 5] = [
        Kit::Bodyweight,
        Kit::PullupBar,
        Kit::Dumbbells,
        Kit::Bands,
        Kit::FullGym,
    ];

    fn equipment(self) -> &'static [Equipment] {
        match self {
            Kit::Bodyweight => &[],
            Kit::PullupBar => &[PullupBar],
            Kit::Dumbbells => &[Dumbbells],
            Kit::Bands => &[Bands, BandAnchor],
            Kit::FullGym => &ALL_EQUIPMENT,
        }
    }

    fn has_all(self, needed: &[Equipment]) -> bool {
        needed.iter().all(|item| self.equipment().contains(item))
    }
}

/// What a kit and pattern must offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Need {
    /// At least two exercises a beginner may be given.
    TwoForBeginners,
    /// At least one beginner exercise not contraindicated for this injury.
    FreeOf(Injury),
}

/// A combination no honest exercise can meet. `kit: None` means every kit;
/// `need: None` means the kit cannot train the pattern at all.
struct Gap {
    kit: Option<Kit>,
    pattern: Pattern,
    need: Option<Need>,
    reason: &'static str,
}

const fn gap(kit: Option<Kit>, pattern: Pattern, need: Option<Need>, reason: &'static str) -> Gap {
    Gap {
        kit,
        pattern,
        need,
        reason,
    }
}

const KNEE: Option<Need> = Some(Need::FreeOf(Injury::Knee));
const SHOULDER: Option<Need> = Some(Need::FreeOf(Injury::Shoulder));

/// The only coverage the library may lack, each with why no exercise can fill it.
#[rustfmt::skip]
const KNOWN_GAPS: &[Gap] = &[
    gap(Some(Kit::Bodyweight), Pattern::KneeFlexion, KNEE, "only a machine, cable or band curls gently"),
    gap(Some(Kit::PullupBar), Pattern::KneeFlexion, KNEE, "only a machine, cable or band curls gently"),
    gap(Some(Kit::Dumbbells), Pattern::KneeFlexion, KNEE, "only a machine, cable or band curls gently"),
    gap(Some(Kit::Bodyweight), Pattern::VerticalPush, SHOULDER, "pike push-ups press at end range"),
    gap(Some(Kit::PullupBar), Pattern::VerticalPush, SHOULDER, "pike push-ups press at end range"),
    gap(Some(Kit::Dumbbells), Pattern::VerticalPush, SHOULDER, "dumbbell presses go overhead"),
    gap(Some(Kit::Bands), Pattern::VerticalPush, SHOULDER, "band presses go overhead"),
    gap(Some(Kit::PullupBar), Pattern::VerticalPull, SHOULDER, "hanging loads the shoulder at end range"),
    gap(Some(Kit::Bands), Pattern::VerticalPull, SHOULDER, "a band pulldown starts overhead"),
    gap(Some(Kit::Bands), Pattern::ShoulderAbduction, SHOULDER, "no band raise stays in the scapular plane"),
    gap(Some(Kit::Bodyweight), Pattern::VerticalPull, None, "nothing overhead to pull on"),
    gap(Some(Kit::Dumbbells), Pattern::VerticalPull, None, "free weights cannot load a pull from overhead"),
    gap(Some(Kit::Bodyweight), Pattern::ShoulderAbduction, None, "the arm's own weight is no training load"),
    gap(Some(Kit::PullupBar), Pattern::ShoulderAbduction, None, "a bar offers no way to load the side delts"),
];

/// Every need a kit and pattern is checked for.
fn all_needs() -> Vec<Need> {
    let mut needs = vec![Need::TwoForBeginners];
    needs.extend(COVERED_INJURIES.map(Need::FreeOf));
    needs
}

/// Beginner exercises for `pattern` that need nothing beyond `kit`.
fn beginner_options(kit: Kit, pattern: Pattern) -> Vec<&'static Exercise> {
    EXERCISES
        .iter()
        .filter(|e| e.pattern == pattern && e.level_min == Experience::Beginner)
        .filter(|e| kit.has_all(e.equipment))
        .collect()
}

/// Whether `options` (one kit's beginner exercises for one pattern) meet `need`.
fn is_met(need: Need, options: &[&Exercise]) -> bool {
    match need {
        Need::TwoForBeginners => options.len() >= 2,
        Need::FreeOf(injury) => options
            .iter()
            .any(|e| !e.contraindications.contains(&injury)),
    }
}

/// Lower-case words of a snake_case id or a display name, joined by `_`.
fn normalised(text: &str) -> String {
    text.to_lowercase().replace([' ', '-'], "_")
}

/// Whether the id or the display name mentions `fragment` (snake_case).
fn mentions(e: &Exercise, fragment: &str) -> bool {
    e.id.contains(fragment) || normalised(e.name).contains(fragment)
}

/// Ids of the exercises failing `ok`, for assertion messages.
fn offenders(ok: impl Fn(&Exercise) -> bool) -> Vec<&'static str> {
    EXERCISES.iter().filter(|e| !ok(e)).map(|e| e.id).collect()
}

#[test]
fn kit_and_pattern_lists_name_every_variant() {
    let equipment: Vec<usize> = ALL_EQUIPMENT.iter().map(|&e| equipment_index(e)).collect();
    assert_eq!(equipment, (0..ALL_EQUIPMENT.len()).collect::<Vec<_>>());
    let patterns: Vec<usize> = ALL_PATTERNS.iter().map(|&p| pattern_index(p)).collect();
    assert_eq!(patterns, (0..ALL_PATTERNS.len()).collect::<Vec<_>>());
}

#[test]
fn library_holds_at_least_110_exercises() {
    assert!(EXERCISES.len() >= 110, "only {} exercises", EXERCISES.len());
}

#[test]
fn export_carries_the_version_and_every_exercise() {
    let export = library::export();
    assert_eq!(export.version, LIBRARY_VERSION);
    assert_eq!(export.exercises.len(), EXERCISES.len());
    let parts: Vec<&str> = LIBRARY_VERSION.split('.').collect();
    assert_eq!(parts.len(), 3, "version is year.month.revision");
    assert!(parts.iter().all(|p| p.parse::<u32>().is_ok()));
}

#[test]
fn ids_are_unique_snake_case_and_found() {
    let snake = |id: &str| {
        !id.is_empty()
            && id.starts_with(|c: char| c.is_ascii_lowercase())
            && !id.ends_with('_')
            && !id.contains("__")
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    assert_eq!(offenders(|e| snake(e.id)), Vec::<&str>::new());
    let mut seen = HashSet::new();
    let duplicates: Vec<&str> = EXERCISES
        .iter()
        .map(|e| e.id)
        .filter(|id| !seen.insert(*id))
        .collect();
    assert_eq!(duplicates, Vec::<&str>::new());
    assert_eq!(
        offenders(|e| library::find(e.id) == Some(e)),
        Vec::<&str>::new()
    );
    assert_eq!(library::find("no_such_exercise"), None);
}

#[test]
fn names_are_unique_short_and_trimmed() {
    let mut seen = HashSet::new();
    let duplicates: Vec<&str> = EXERCISES
        .iter()
        .map(|e| e.name)
        .filter(|n| !seen.insert(*n))
        .collect();
    assert_eq!(duplicates, Vec::<&str>::new());
    let tidy = |e: &Exercise| !e.name.is_empty() && e.name.len() <= 40 && e.name.trim() == e.name;
    assert_eq!(offenders(tidy), Vec::<&str>::new());
}

#[test]
fn variations_exist_share_the_pattern_and_point_the_right_way() {
    let level_ok = |e: &Exercise, other: &Exercise, harder: bool| {
        if harder {
            other.level_min >= e.level_min
        } else {
            other.level_min <= e.level_min
        }
    };
    let ok = |e: &Exercise| {
        [(e.easier, false), (e.harder, true)]
            .iter()
            .all(|&(variation, harder)| {
                variation.is_none_or(|id| {
                    library::find(id).is_some_and(|other| {
                        id != e.id && other.pattern == e.pattern && level_ok(e, other, harder)
                    })
                })
            })
            && (e.easier.is_none() || e.easier != e.harder)
    };
    assert_eq!(offenders(ok), Vec::<&str>::new());
}

#[test]
fn variation_chains_end() {
    let ends = |start: &Exercise, step: fn(&Exercise) -> Option<&'static str>| {
        let mut seen = HashSet::new();
        let mut current = Some(start.id);
        while let Some(id) = current {
            if !seen.insert(id) {
                return false;
            }
            current = library::find(id).and_then(step);
        }
        true
    };
    assert_eq!(offenders(|e| ends(e, |x| x.easier)), Vec::<&str>::new());
    assert_eq!(offenders(|e| ends(e, |x| x.harder)), Vec::<&str>::new());
}

#[test]
fn rep_ranges_are_valid() {
    let [min_allowed, max_allowed] = [1, 30];
    let ok = |e: &Exercise| {
        let [min, max] = e.rep_range;
        min_allowed <= min && min <= max && max <= max_allowed
    };
    assert_eq!(offenders(ok), Vec::<&str>::new());
}

#[test]
fn tag_lists_are_nonempty_where_needed_disjoint_and_without_repeats() {
    fn distinct<T: PartialEq>(items: &[T]) -> bool {
        items
            .iter()
            .enumerate()
            .all(|(i, item)| !items[..i].contains(item))
    }
    let ok = |e: &Exercise| {
        !e.primary_muscles.is_empty()
            && !e
                .secondary_muscles
                .iter()
                .any(|m| e.primary_muscles.contains(m))
            && distinct(e.primary_muscles)
            && distinct(e.secondary_muscles)
            && distinct(e.equipment)
            && distinct(e.contraindications)
    };
    assert_eq!(offenders(ok), Vec::<&str>::new());
}

#[test]
fn one_rep_max_lift_tags_only_the_barbell_main_lifts() {
    let lift_pattern = |lift: Lift| match lift {
        Lift::Squat => Pattern::Squat,
        Lift::BenchPress => Pattern::HorizontalPush,
        Lift::Deadlift => Pattern::Hinge,
        Lift::OverheadPress => Pattern::VerticalPush,
    };
    let ok = |e: &Exercise| {
        e.one_rep_max_lift.is_none_or(|lift| {
            e.equipment.contains(&Barbell)
                && e.pattern == lift_pattern(lift)
                && e.mechanic == Mechanic::Compound
                && !e.unilateral
        })
    };
    assert_eq!(offenders(ok), Vec::<&str>::new());
    for lift in [
        Lift::Squat,
        Lift::BenchPress,
        Lift::Deadlift,
        Lift::OverheadPress,
    ] {
        let tagged = EXERCISES
            .iter()
            .filter(|e| e.one_rep_max_lift == Some(lift))
            .count();
        assert!(tagged >= 1, "no exercise uses the {lift:?} 1RM");
    }
}

/// Kit named in an id or name, and the items (any one of them) it requires.
const NAMED_KIT: &[(&str, &[Equipment])] = &[
    ("pull_up", &[PullupBar]),
    ("chin_up", &[PullupBar]),
    ("hanging", &[PullupBar]),
    ("bench", &[Bench]),
    ("dip", &[DipBars, Rings]),
    ("cable", &[Cable]),
    ("machine", &[Machine]),
    ("band", &[Bands]),
    ("ez_bar", &[EzBar]),
    ("step_up", &[Box]),
    ("box", &[Box]),
    ("dumbbell", &[Dumbbells]),
    ("barbell", &[Barbell]),
    ("kettlebell", &[Kettlebell]),
    ("ring", &[Rings]),
];

#[test]
fn named_kit_is_required_kit() {
    for (fragment, any_of) in NAMED_KIT {
        let ok =
            |e: &Exercise| !mentions(e, fragment) || any_of.iter().any(|i| e.equipment.contains(i));
        assert_eq!(
            offenders(ok),
            Vec::<&str>::new(),
            "`{fragment}` needs one of {any_of:?}"
        );
    }
}

#[test]
fn barbell_squats_and_bench_presses_need_a_rack() {
    let ok = |e: &Exercise| {
        let racked = e.pattern == Pattern::Squat || e.id.contains("bench_press");
        !(racked && e.equipment.contains(&Barbell)) || e.equipment.contains(&Rack)
    };
    assert_eq!(offenders(ok), Vec::<&str>::new());
}

/// Id fragments of exercises done lying, sitting or braced on a bench.
const BENCH_SUPPORTED: &[&str] = &[
    "bench_press",
    "incline_dumbbell",
    "chest_supported",
    "one_arm_dumbbell_row",
    "seated_dumbbell",
    "concentration",
    "dumbbell_fly",
    "hip_thrust",
    "bulgarian",
    "skull_crusher",
    "pullover",
    "dumbbell_leg_curl",
];

#[test]
fn bench_supported_exercises_need_a_bench() {
    let ok = |e: &Exercise| {
        !BENCH_SUPPORTED.iter().any(|f| e.id.contains(f)) || e.equipment.contains(&Bench)
    };
    assert_eq!(offenders(ok), Vec::<&str>::new());
    let matched = EXERCISES
        .iter()
        .filter(|e| BENCH_SUPPORTED.iter().any(|f| e.id.contains(f)));
    assert!(
        matched.count() >= BENCH_SUPPORTED.len(),
        "a fragment matches nothing"
    );
}

#[test]
fn band_exercises_pulled_from_a_fixed_point_need_an_anchor() {
    let anchored_patterns = [
        Pattern::HorizontalPull,
        Pattern::VerticalPull,
        Pattern::KneeFlexion,
        Pattern::KneeExtension,
    ];
    let anchored_moves = [
        "pushdown",
        "pallof",
        "face_pull",
        "pull_through",
        "chest_press",
    ];
    let ok = |e: &Exercise| {
        let anchored = anchored_patterns.contains(&e.pattern)
            || anchored_moves.iter().any(|m| e.id.contains(m));
        // The pull-up bar is the anchor of a band-assisted pull-up.
        !(anchored && e.equipment.contains(&Bands))
            || e.equipment.contains(&BandAnchor)
            || e.equipment.contains(&PullupBar)
    };
    assert_eq!(offenders(ok), Vec::<&str>::new());
}

/// Work kept for an injured joint, each with why it is tolerated (sources in
/// `rules::safety`).
const JOINT_FRIENDLY: &[(&str, Injury, &str)] = &[
    (
        "chair_squat",
        Injury::Knee,
        "sit-to-stand stops at chair height",
    ),
    (
        "high_box_squat",
        Injury::Knee,
        "the box stops the squat above parallel",
    ),
    (
        "spanish_squat",
        Injury::Knee,
        "the band keeps the shins vertical",
    ),
    (
        "stair_step",
        Injury::Knee,
        "a stair is low enough to stay in range",
    ),
    (
        "lying_leg_curl",
        Injury::Knee,
        "a machine curl has no deep loaded flexion",
    ),
    (
        "seated_leg_curl",
        Injury::Knee,
        "a machine curl has no deep loaded flexion",
    ),
    (
        "cable_leg_curl",
        Injury::Knee,
        "a cable curl has no deep loaded flexion",
    ),
    (
        "band_leg_curl",
        Injury::Knee,
        "a band curl is light and controlled",
    ),
    (
        "leg_extension",
        Injury::Knee,
        "open-chain quad work is first-line knee care",
    ),
    (
        "band_leg_extension",
        Injury::Knee,
        "open-chain quad work is first-line knee care",
    ),
    (
        "landmine_press",
        Injury::Shoulder,
        "an angled press stays below end range",
    ),
    (
        "neutral_grip_pulldown",
        Injury::Shoulder,
        "a neutral grip in front spares the joint",
    ),
    (
        "dumbbell_scaption",
        Injury::Shoulder,
        "scapular plane, thumbs up, to shoulder height",
    ),
];

/// Injuries an exercise must list because of the joint it loads.
fn loaded_joints(e: &Exercise) -> Vec<Injury> {
    let mut joints = Vec::new();
    let free_weight = [Barbell, Dumbbells, Kettlebell]
        .iter()
        .any(|i| e.equipment.contains(i));
    let spared = |joint: Injury| {
        JOINT_FRIENDLY
            .iter()
            .any(|&(id, friendly, _)| id == e.id && friendly == joint)
    };
    match e.pattern {
        Pattern::Squat | Pattern::Lunge | Pattern::KneeFlexion | Pattern::KneeExtension
            if !spared(Injury::Knee) =>
        {
            joints.push(Injury::Knee)
        }
        Pattern::VerticalPush | Pattern::VerticalPull | Pattern::ShoulderAbduction
            if !spared(Injury::Shoulder) =>
        {
            joints.push(Injury::Shoulder)
        }
        Pattern::Hinge if free_weight => joints.push(Injury::LowerBack),
        _ => {}
    }
    // A racked barbell not pressed from a bench is carried by the spine.
    if e.equipment.contains(&Barbell)
        && e.equipment.contains(&Rack)
        && !e.equipment.contains(&Bench)
    {
        joints.push(Injury::LowerBack);
    }
    if e.id.contains("bench_press") || e.id.contains("hanging") {
        joints.push(Injury::Shoulder);
    }
    if e.id.contains("dip") {
        joints.extend([Injury::Shoulder, Injury::Elbow]);
    }
    if e.id.contains("jump") {
        joints.extend([Injury::Knee, Injury::Ankle]);
    }
    if e.id.contains("push_up") {
        joints.push(Injury::Wrist);
    }
    joints
}

#[test]
fn joint_friendly_exercises_exist_and_spare_that_joint() {
    for (id, joint, reason) in JOINT_FRIENDLY {
        let e = library::find(id).unwrap_or_else(|| panic!("{id} is not in the library"));
        assert!(
            !reason.is_empty() && reason.len() <= 60 && !e.high_impact,
            "{id}"
        );
        assert!(!e.contraindications.contains(joint), "{id}");
    }
}

#[test]
fn high_impact_work_is_tagged_and_spares_older_adults() {
    let landing = |e: &Exercise| e.id.contains("jump") || e.id.contains("swing");
    assert_eq!(
        offenders(|e| e.high_impact == landing(e)),
        Vec::<&str>::new()
    );
    let profile = |age: u8| {
        Profile::from_json(&format!(
            r#"{{"goal":"general_fitness","experience":"advanced","daysPerWeek":3,
                "sessionMinutes":60,"weeks":4,"equipment":["kettlebell","box"],"age":{age}}}"#
        ))
        .expect("valid profile")
    };
    let swing = library::find("kettlebell_swing").expect("in the library");
    assert!(eligibility::is_eligible(&profile(64), swing));
    assert!(!eligibility::is_eligible(&profile(65), swing));
}

#[test]
fn contraindications_follow_the_loaded_joint() {
    let ok = |e: &Exercise| {
        loaded_joints(e)
            .iter()
            .all(|j| e.contraindications.contains(j))
    };
    assert_eq!(offenders(ok), Vec::<&str>::new());
}

#[test]
fn no_exercise_is_a_timed_hold() {
    let hold_words = ["plank", "hold", "hang", "sit"];
    let ok = |e: &Exercise| {
        let last_word = e.id.rsplit('_').next().unwrap_or(e.id);
        !hold_words.contains(&last_word) && !e.id.contains("isometric")
    };
    assert_eq!(offenders(ok), Vec::<&str>::new());
}

#[test]
fn core_work_is_isolation_and_carries_are_few_compounds() {
    let ok = |e: &Exercise| match e.pattern {
        Pattern::Core => e.mechanic == Mechanic::Isolation,
        Pattern::Carry => e.mechanic == Mechanic::Compound,
        _ => true,
    };
    assert_eq!(offenders(ok), Vec::<&str>::new());
    let carries = EXERCISES
        .iter()
        .filter(|e| e.pattern == Pattern::Carry)
        .count();
    assert!((1..=3).contains(&carries), "{carries} carries");
}

#[test]
fn every_pattern_has_a_beginner_exercise_in_a_full_gym() {
    let missing: Vec<Pattern> = ALL_PATTERNS
        .into_iter()
        .filter(|&p| beginner_options(Kit::FullGym, p).is_empty())
        .collect();
    assert_eq!(missing, Vec::<Pattern>::new());
}

/// A test on one exercise.
type Filter = fn(&Exercise) -> bool;

#[test]
fn bridge_rear_delt_and_calf_raise_have_bodyweight_band_and_dumbbell_options() {
    let kinds: [(&str, Filter); 3] = [
        ("bodyweight", |e| e.equipment.is_empty()),
        ("band", |e| {
            e.equipment.contains(&Bands) && Kit::Bands.has_all(e.equipment)
        }),
        ("dumbbell", |e| e.equipment == [Dumbbells]),
    ];
    for pattern in [Pattern::Bridge, Pattern::RearDelt, Pattern::CalfRaise] {
        for (kind, fits) in kinds {
            let found = EXERCISES
                .iter()
                .any(|e| e.pattern == pattern && e.level_min == Experience::Beginner && fits(e));
            assert!(found, "no beginner {kind} option for {pattern:?}");
        }
    }
}

#[test]
fn known_gaps_are_distinct_and_explained() {
    let mut seen = BTreeSet::new();
    for gap in KNOWN_GAPS {
        assert!(
            !gap.reason.is_empty() && gap.reason.len() <= 60,
            "{:?}",
            gap.pattern
        );
        assert!(
            CORE_PATTERNS.contains(&gap.pattern),
            "{:?} is not a core pattern",
            gap.pattern
        );
        assert!(
            seen.insert((gap.kit, gap.pattern, gap.need)),
            "{:?} listed twice",
            gap.pattern
        );
    }
}

#[test]
fn coverage_gaps_are_exactly_the_known_impossible_ones() {
    let mut missing = BTreeSet::new();
    for kit in Kit::ALL {
        for pattern in CORE_PATTERNS {
            let options = beginner_options(kit, pattern);
            for need in all_needs() {
                if !is_met(need, &options) {
                    missing.insert((kit, pattern, need));
                }
            }
        }
    }
    let mut expected = BTreeSet::new();
    for gap in KNOWN_GAPS {
        let kits = gap.kit.map_or(Kit::ALL.to_vec(), |kit| vec![kit]);
        let needs = gap.need.map_or(all_needs(), |need| vec![need]);
        for kit in kits {
            for &need in &needs {
                expected.insert((kit, gap.pattern, need));
            }
        }
    }
    let opened: Vec<_> = missing.difference(&expected).collect();
    let closed: Vec<_> = expected.difference(&missing).collect();
    assert!(
        opened.is_empty() && closed.is_empty(),
        "coverage changed\n  new gaps (add exercises): {opened:?}\n  \
         closed gaps (update KNOWN_GAPS): {closed:?}"
    );
}
