//! `program-gen`: the generator on the command line.
//!
//! ```text
//! program-gen generate [FILE] [--pretty]   profile JSON (FILE or stdin) → program JSON
//! program-gen summary [FILE]               a short human summary of the program
//! program-gen library                      the exercise library export
//! program-gen vocabulary                   the page's vocabulary (web/vocabulary.json)
//! program-gen validate PROGRAM PROFILE     list rule violations (exit 1 if any)
//! program-gen report [PATH…] [--random N] [--seed S] [--json]
//!                                          quality figures for the persona panel
//!                                          (tests/fixtures/personas) and N random profiles
//! ```
//! Errors are printed as the `{"error": …}` envelope; invalid input exits 2.

use program_generation::boundary::vocabulary;
use program_generation::report;
use program_generation::{
    decode_program, generate_program, library, validate_program, Error, Issue, Profile,
};
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str =
    "usage: program-gen generate [FILE] [--pretty] | summary [FILE] | library | vocabulary \
     | validate PROGRAM PROFILE | report [PATH…] [--random N] [--seed S] [--json]";

/// Where `report` finds the persona panel when no path is given.
const PERSONAS: &str = "tests/fixtures/personas";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pretty = args.iter().any(|a| a == "--pretty");
    let args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--pretty")
        .collect();
    let outcome = match args.as_slice() {
        ["generate"] => generate(None, pretty),
        ["generate", file] => generate(Some(file), pretty),
        ["summary"] => summary(None),
        ["summary", file] => summary(Some(file)),
        ["library"] => Ok(to_json(&library::export(), pretty)),
        ["vocabulary"] => Ok(to_json(&vocabulary::export(), true)),
        ["validate", program, profile] => return validate(program, profile),
        ["report", options @ ..] => return report_command(options, pretty),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(64);
        }
    };
    match outcome {
        Ok(json) => {
            print_line(&json);
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_line(&to_json(&error.to_envelope(), pretty));
            ExitCode::from(2)
        }
    }
}

fn generate(file: Option<&str>, pretty: bool) -> Result<String, Error> {
    let text = read_input(file)?;
    let profile = Profile::from_json(&text)?;
    let program = generate_program(&profile)?;
    Ok(to_json(&program, pretty))
}

fn summary(file: Option<&str>) -> Result<String, Error> {
    let profile = Profile::from_json(&read_input(file)?)?;
    let program = generate_program(&profile)?;
    let mut out = format!(
        "{}\nsplit: {}, periodization: {}, {} weeks, {} sessions per week\n",
        program.name,
        wire(&program.split),
        wire(&program.periodization),
        program.weeks.len(),
        profile.days_per_week
    );
    for warning in &program.warnings {
        out += &format!("warning: {}\n", warning.message);
    }
    if let Some(week) = program.weeks.first() {
        out += &format!("week 1 ({}):\n", wire(&week.phase));
        for session in &week.sessions {
            out += &format!(
                "  {} · {} · ~{} min\n",
                wire(&session.day),
                wire(&session.focus),
                session.estimated_minutes
            );
            for e in &session.exercises {
                out += &exercise_lines(e);
            }
        }
    }
    out += &load_trace(&program);
    Ok(out.trim_end().to_string())
}

/// One exercise of the summary: the prescription, its warm-up, its rule and swaps.
fn exercise_lines(e: &program_generation::model::program::PrescribedExercise) -> String {
    let reps = if e.reps_min == e.reps_max {
        e.reps_max.to_string()
    } else {
        format!("{}-{}", e.reps_min, e.reps_max)
    };
    let load = e.load.map_or(String::new(), |l| {
        format!(" @ {} {}", l.value, wire(&l.unit))
    });
    let amrap = if e.progression.amrap.is_some() {
        " (last set AMRAP)"
    } else {
        ""
    };
    let mut out = format!(
        "    {} [{}] {}×{}{load} RIR {}, rest {}s{amrap}\n",
        e.name,
        wire(&e.role),
        e.sets,
        reps,
        e.rir,
        e.rest_seconds
    );
    if !e.warm_up.is_empty() {
        let sets: Vec<String> = e
            .warm_up
            .iter()
            .map(|w| match w.load {
                Some(l) => format!("{}×{}", w.reps, l.value),
                None => format!("{}×{}%", w.reps, w.percent),
            })
            .collect();
        out += &format!("      warm-up: {}\n", sets.join(", "));
    }
    out += &format!(
        "      {} rule: {}\n",
        wire(&e.progression.kind),
        e.progression.description
    );
    if !e.substitutes.is_empty() {
        let swaps: Vec<String> = e
            .substitutes
            .iter()
            .map(|s| match s.relation {
                program_generation::model::program::Relation::Alternative => s.name.clone(),
                other => format!("{} ({})", s.name, wire(&other)),
            })
            .collect();
        out += &format!("      swap for: {}\n", swaps.join(", "));
    }
    out
}

/// Each loaded lift's heaviest working load, week by week (d = deload).
fn load_trace(program: &program_generation::Program) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for e in program
        .weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .flat_map(|s| &s.exercises)
    {
        if e.load.is_some() && !ids.contains(&e.exercise_id.as_str()) {
            ids.push(&e.exercise_id);
        }
    }
    if ids.is_empty() {
        return String::new();
    }
    let mut out = String::from("top load by week (d = deload):\n");
    for id in ids {
        let weeks: Vec<String> = program
            .weeks
            .iter()
            .map(|w| {
                let top = w
                    .sessions
                    .iter()
                    .flat_map(|s| &s.exercises)
                    .filter(|e| e.exercise_id == id)
                    .filter_map(|e| e.load.map(|l| l.value))
                    .fold(None, |a: Option<f64>, v| Some(a.map_or(v, |a| a.max(v))));
                let mark = if w.deload { "d" } else { "" };
                top.map_or("-".to_string(), |v| format!("{v}{mark}"))
            })
            .collect();
        out += &format!("  {id}: {}\n", weeks.join(" "));
    }
    out
}

/// The wire name of an enum value, e.g. `full_body`.
fn wire<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn validate(program_path: &str, profile_path: &str) -> ExitCode {
    let parsed = read_input(Some(program_path)).and_then(|text| {
        let program_error =
            |e: String| Error::invalid_profile(vec![Issue::new("", format!("program: {e}"))]);
        let value = serde_json::from_str(&text).map_err(|e| program_error(e.to_string()))?;
        decode_program(&value)
            .map_err(|issue| program_error(format!("{}: {}", issue.path, issue.message)))
    });
    let program = match parsed {
        Ok(program) => program,
        Err(error) => {
            print_line(&to_json(&error.to_envelope(), false));
            return ExitCode::from(2);
        }
    };
    let profile = match read_input(Some(profile_path)).and_then(|t| Profile::from_json(&t)) {
        Ok(profile) => profile,
        Err(error) => {
            print_line(&to_json(&error.to_envelope(), false));
            return ExitCode::from(2);
        }
    };
    let violations = validate_program(&program, &profile);
    for v in &violations {
        println!("{}\t{}\t{}", v.rule.as_str(), v.path, v.message);
    }
    if violations.is_empty() {
        println!("ok: no rule violated");
        ExitCode::SUCCESS
    } else {
        eprintln!("{} violation(s)", violations.len());
        ExitCode::from(1)
    }
}

/// `report`: parse its options, read the panel, print the figures.
fn report_command(options: &[&str], pretty: bool) -> ExitCode {
    let mut paths = Vec::new();
    let mut random = None;
    let mut seed = 1;
    let mut json = false;
    let mut rest = options.iter();
    while let Some(&option) = rest.next() {
        let mut number = || rest.next().and_then(|v| v.parse::<u64>().ok());
        match option {
            "--json" => json = true,
            "--random" => match number() {
                Some(count) => random = Some(count as usize),
                None => return usage(),
            },
            "--seed" => match number() {
                Some(value) => seed = value,
                None => return usage(),
            },
            _ if option.starts_with("--") => return usage(),
            path => paths.push(path),
        }
    }
    if paths.is_empty() {
        paths.push(PERSONAS);
    }
    let panel = match read_panel(&paths) {
        Ok(panel) => panel,
        Err(error) => {
            print_line(&to_json(&error.to_envelope(), false));
            return ExitCode::from(2);
        }
    };
    let figures = report::build(&panel, random.map(|count| (count, seed)));
    if json {
        print_line(&to_json(&figures, pretty));
    } else {
        print_line(report::text::render(&figures).trim_end());
    }
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(64)
}

/// Named profiles from `paths`: each a profile file, or a directory whose
/// `.json` files are read in name order; a profile is named by its file stem.
fn read_panel(paths: &[&str]) -> Result<Vec<(String, Profile)>, Error> {
    let mut files = Vec::new();
    for path in paths {
        let path = std::path::Path::new(path);
        match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut found: Vec<_> = entries
                    .filter_map(|entry| entry.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "json"))
                    .collect();
                found.sort();
                files.extend(found);
            }
            Err(_) => files.push(path.to_path_buf()),
        }
    }
    files
        .iter()
        .map(|file| {
            let path = file.to_string_lossy();
            let profile = read_input(Some(&path))
                .and_then(|text| Profile::from_json(&text))
                .map_err(|mut error| {
                    error.message = format!("{path}: {}", error.message);
                    error
                })?;
            let name = file
                .file_stem()
                .map_or(path.to_string(), |s| s.to_string_lossy().into());
            Ok((name, profile))
        })
        .collect()
}

fn read_input(file: Option<&str>) -> Result<String, Error> {
    let mut text = String::new();
    let result = match file {
        Some("-") | None => std::io::stdin().read_to_string(&mut text).map(|_| ()),
        Some(path) => std::fs::read_to_string(path).map(|t| text = t),
    };
    result.map_err(|e| {
        Error::invalid_profile(vec![Issue::new(
            "",
            format!("cannot read {}: {e}", file.unwrap_or("stdin")),
        )])
    })?;
    Ok(text)
}

fn to_json<T: serde::Serialize>(value: &T, pretty: bool) -> String {
    let result = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    // Serializing our own plain data types cannot fail.
    result.unwrap_or_else(|e| {
        format!("{{\"error\":{{\"code\":\"internal\",\"message\":\"{e}\",\"issues\":[]}}}}")
    })
}

fn print_line(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (e.g. `| head`) is not an error worth a panic.
    let _ = writeln!(out, "{text}");
}
