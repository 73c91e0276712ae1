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
    assert_eq!(program["schemaVersion"], 1);
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
