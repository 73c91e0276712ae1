//! `web/vocabulary.json` is exactly what `program-gen vocabulary` prints.
//!
//! The status page reads its form options, labels, volume groups, counting
//! weights and landmark bands from that committed file, so a change to the
//! Rust vocabulary must be written through to it. To refresh the file, run
//! `UPDATE_VOCABULARY=1 cargo test --test vocabulary` (or redirect
//! `program-gen vocabulary` into it).

use std::process::Command;

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/web/vocabulary.json");

#[test]
fn web_vocabulary_json_matches_program_gen_vocabulary() {
    let output = Command::new(env!("CARGO_BIN_EXE_program-gen"))
        .arg("vocabulary")
        .output()
        .expect("program-gen runs");
    assert!(output.status.success());
    let generated = String::from_utf8(output.stdout).expect("UTF-8 JSON");
    if std::env::var_os("UPDATE_VOCABULARY").is_some() {
        std::fs::write(FILE, &generated).expect("web/vocabulary.json is writable");
    }
    let committed = std::fs::read_to_string(FILE).unwrap_or_default();
    assert!(
        committed == generated,
        "web/vocabulary.json differs from `program-gen vocabulary`; \
         refresh it with `UPDATE_VOCABULARY=1 cargo test --test vocabulary`"
    );
}
