//! Which library exercises a trainee may be given at all.
//!
//! One filter, shared by selection and validation so that both agree on what
//! is available: the trainee has all the equipment, no contraindication meets
//! a declared injury, the exercise is not excluded, the trainee's level is at
//! least the exercise's minimum, and no high-impact work is given from
//! [`OLDER_ADULT_AGE`].

use crate::library::{Exercise, EXERCISES};
use crate::model::anatomy::Pattern;
use crate::model::profile::Profile;
use crate::rules::safety::OLDER_ADULT_AGE;

/// Whether `profile` may be prescribed `exercise`.
pub fn is_eligible(profile: &Profile, exercise: &Exercise) -> bool {
    exercise
        .equipment
        .iter()
        .all(|item| profile.equipment.contains(item))
        && !exercise
            .contraindications
            .iter()
            .any(|injury| profile.injuries.contains(injury))
        && !profile.excluded_exercises.contains(exercise.id)
        && exercise.level_min <= profile.experience
        && !(exercise.high_impact && profile.age.is_some_and(|age| age >= OLDER_ADULT_AGE))
}

/// Every eligible exercise, in library order.
pub fn eligible_exercises(profile: &Profile) -> impl Iterator<Item = &'static Exercise> + '_ {
    EXERCISES.iter().filter(|e| is_eligible(profile, e))
}

/// Whether at least one eligible exercise trains `pattern`.
pub fn pattern_available(profile: &Profile, pattern: Pattern) -> bool {
    eligible_exercises(profile).any(|e| e.pattern == pattern)
}
