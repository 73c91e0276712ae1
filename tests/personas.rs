//! The persona panel behind `program-gen report`: realistic, valid profiles.

use program_generation::Profile;

#[test]
fn every_persona_is_a_valid_profile_of_realistic_length() {
    let mut count = 0;
    for entry in std::fs::read_dir("tests/fixtures/personas").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let profile =
            Profile::from_json(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        assert!(
            (8..=16).contains(&profile.weeks),
            "{}: {} weeks",
            path.display(),
            profile.weeks
        );
        count += 1;
    }
    assert!(count >= 15, "only {count} personas");
}
