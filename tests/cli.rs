//! The `program-gen` binary: exit codes, error envelopes and subcommands.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_program-gen"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

const TYPICAL: &str = "tests/fixtures/profile-typical.json";

#[test]
fn generate_reads_a_file_and_prints_the_program() {
    let out = run(&["generate", TYPICAL], "");
    assert!(out.status.success());
    let program = json(&out);
    assert_eq!(program["schemaVersion"], 2);
    assert_eq!(program["weeks"].as_array().unwrap().len(), 8);
}

#[test]
fn generate_reads_stdin_and_is_deterministic() {
    let profile = std::fs::read_to_string(TYPICAL).unwrap();
    let first = run(&["generate"], &profile);
    let second = run(&["generate", "-"], &profile);
    assert!(first.status.success());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn invalid_input_prints_the_error_envelope_and_exits_2() {
    for input in [
        "",
        "not json",
        "[]",
        r#"{"goal":"strength"}"#,
        "{\"goal\":\"\u{0}\"}",
    ] {
        let out = run(&["generate"], input);
        assert_eq!(out.status.code(), Some(2), "input {input:?}");
        let error = json(&out);
        assert_eq!(error["error"]["code"], "invalid_profile");
        assert!(!error["error"]["issues"].as_array().unwrap().is_empty());
    }
}

#[test]
fn library_prints_the_export() {
    let out = run(&["library"], "");
    assert!(out.status.success());
    let library = json(&out);
    assert!(library["version"].is_string());
    let first = &library["exercises"][0];
    for key in [
        "id",
        "name",
        "pattern",
        "mechanic",
        "primaryMuscles",
        "secondaryMuscles",
        "equipment",
        "unilateral",
        "levelMin",
        "contraindications",
        "repRange",
        "oneRepMaxLift",
    ] {
        assert!(first.get(key).is_some(), "library entries lack {key}");
    }
}

#[test]
fn validate_accepts_a_generated_program_and_names_broken_rules() {
    let dir = std::env::temp_dir().join(format!("program-gen-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let program_path = dir.join("program.json");
    let out = run(&["generate", TYPICAL], "");
    std::fs::write(&program_path, &out.stdout).unwrap();
    let ok = run(&["validate", program_path.to_str().unwrap(), TYPICAL], "");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );

    let mut program = json(&out);
    program["weeks"].as_array_mut().unwrap().pop();
    std::fs::write(&program_path, program.to_string()).unwrap();
    let bad = run(&["validate", program_path.to_str().unwrap(), TYPICAL], "");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stdout).starts_with("shape\tweeks\t"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unknown_subcommand_prints_usage() {
    let out = run(&["frobnicate"], "");
    assert_eq!(out.status.code(), Some(64));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}

const PERSONAS: &str = "tests/fixtures/personas";

#[test]
fn report_measures_a_program_for_every_persona() {
    let out = run(&["report", "--json"], "");
    assert!(out.status.success());
    let report = json(&out);
    let personas = report["personas"].as_array().unwrap();
    let files = std::fs::read_dir(PERSONAS).unwrap().count();
    assert!(files >= 15);
    assert_eq!(personas.len(), files);
    assert_eq!(report["panel"]["programs"], files);
    assert!(report["random"].is_null());
    for persona in personas {
        let name = &persona["name"];
        let program = &persona["program"];
        assert!(program.is_object(), "{name} has no program");
        let time_use = program["sessionTimeUse"].as_array().unwrap();
        assert!(!time_use.is_empty(), "{name}");
        for share in time_use.iter().chain([
            &persona["sessionTimeUse"]["median"],
            &persona["sessionTimeUse"]["p10"],
        ]) {
            let share = share.as_f64().unwrap();
            assert!(share > 0.0 && share <= 2.0, "{name}: time use {share}");
        }
        assert_eq!(program["groups"].as_array().unwrap().len(), 10, "{name}");
        assert_eq!(program["mainLifts"].as_array().unwrap().len(), 6, "{name}");
    }
}

#[test]
fn report_main_lifts_follow_the_equipment() {
    let report = json(&run(&["report", "--json"], ""));
    let persona = |name: &str| {
        report["personas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("no persona {name}"))
            .clone()
    };
    let sets = |persona: &serde_json::Value, key: &str| -> u64 {
        persona["program"]["mainLifts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m[key].as_u64().unwrap())
            .sum()
    };
    let bodyweight = persona("bodyweight-only-4x30");
    assert_eq!(sets(&bodyweight, "barbellSets"), 0);
    assert_eq!(sets(&bodyweight, "loadedSets"), 0);
    assert!(sets(&bodyweight, "compoundSets") > 0);
    let strength = persona("intermediate-strength-4x90-kg");
    assert!(sets(&strength, "barbellSets") > 0);
}

#[test]
fn report_random_sweep_is_seeded_and_printed_as_text() {
    let first = run(&["report", "--random", "12", "--seed", "3"], "");
    let second = run(&["report", "--random", "12", "--seed", "3"], "");
    assert!(first.status.success());
    assert_eq!(first.stdout, second.stdout);
    let text = String::from_utf8(first.stdout).unwrap();
    for heading in [
        "beginner-full-gym-3x60",
        "Panel overall",
        "Random profiles (12, seed 3)",
    ] {
        assert!(text.contains(heading), "no {heading:?} in\n{text}");
    }
    let other = run(&["report", "--random", "12", "--seed", "4", "--json"], "");
    let sweep = &json(&other)["random"];
    assert_eq!(sweep["seed"], 4);
    assert_eq!(sweep["summary"]["profiles"], 12);
}

#[test]
fn report_reads_named_files_and_rejects_bad_input() {
    let one = format!("{PERSONAS}/bands-only-3x40.json");
    let report = json(&run(&["report", &one, TYPICAL, "--json"], ""));
    let names: Vec<&str> = report["personas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["bands-only-3x40", "profile-typical"]);

    let missing = run(&["report", "no/such/persona.json"], "");
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(json(&missing)["error"]["code"], "invalid_profile");
    for args in [
        &["report", "--random"][..],
        &["report", "--random", "x"],
        &["report", "--frob"],
    ] {
        assert_eq!(run(args, "").status.code(), Some(64), "{args:?}");
    }
}
