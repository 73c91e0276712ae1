//! The report as aligned plain text, for people; `--json` is for machines.

use crate::model::anatomy::Pattern;
use crate::report::figures::ProgramFigures;
use crate::report::summary::{Spread, Summary};
use crate::report::{Persona, Report};
use std::collections::BTreeMap;

/// The whole report as text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    out += "Time use: estimated minutes (rules::duration) / sessionMinutes, per accumulation-week session.\n";
    out += "Sets: first accumulation week; groups in fractional sets (< below MEV, > above MRV);\n";
    out += "main lifts in whole sets of main-pattern compounds, loaded = barbell, dumbbells,\n";
    out += "kettlebell, cable, machine or EZ bar.\n";
    for persona in &report.personas {
        out += "\n";
        out += &persona_text(persona);
    }
    out += &format!("\nPanel overall ({} personas)\n", report.personas.len());
    out += &summary_text(&report.panel);
    if let Some(sweep) = &report.random {
        out += &format!(
            "\nRandom profiles ({}, seed {})\n",
            sweep.summary.profiles, sweep.seed
        );
        out += &summary_text(&sweep.summary);
    }
    out
}

fn persona_text(persona: &Persona) -> String {
    let mut out = format!(
        "{} · {} · {} · {}×{} min · {} weeks · {}\n",
        persona.name,
        wire(&persona.goal),
        wire(&persona.experience),
        persona.days_per_week,
        persona.session_minutes,
        persona.weeks,
        wire(&persona.units),
    );
    let Some(program) = &persona.program else {
        let error = persona.error.as_deref().unwrap_or("unknown");
        return out + &format!("  no program: {error}\n");
    };
    if let Some(spread) = &persona.session_time_use {
        out += &format!("  time use  {}\n", spread_text(spread));
    }
    out += &groups_table(program);
    out += &main_lifts_table(program);
    out += &format!(
        "  calf work {} · core work {}\n",
        yes_no(program.calf_work),
        yes_no(program.core_work)
    );
    out += &format!("  warnings  {}\n", counts_text(&program.warnings));
    out
}

fn groups_table(program: &ProgramFigures) -> String {
    let mut names = vec!["".to_string()];
    let mut sets = vec!["sets".to_string()];
    let mut landmarks = vec!["MEV/MAV/MRV".to_string()];
    for g in &program.groups {
        let l = g.landmarks;
        let mark = if g.sets < f64::from(l.mev) {
            "<"
        } else if g.sets > f64::from(l.mrv) {
            ">"
        } else {
            " "
        };
        names.push(g.group.name().to_string() + " ");
        sets.push(format!("{:.1}{mark}", g.sets));
        landmarks.push(format!("{}/{}/{} ", l.mev, l.mav, l.mrv));
    }
    table(&[names, sets, landmarks], "  ")
}

fn main_lifts_table(program: &ProgramFigures) -> String {
    let mut rows = vec![
        vec!["main lifts".to_string()],
        vec!["compound".to_string()],
        vec!["loaded".to_string()],
        vec!["barbell".to_string()],
    ];
    for m in &program.main_lifts {
        rows[0].push(pattern_label(m.pattern).to_string());
        rows[1].push(m.compound_sets.to_string());
        rows[2].push(m.loaded_sets.to_string());
        rows[3].push(m.barbell_sets.to_string());
    }
    table(&rows, "  ")
}

fn summary_text(summary: &Summary) -> String {
    let mut out = format!(
        "  profiles {} · programs {} · errors {}\n",
        summary.profiles,
        summary.programs,
        counts_text(&summary.errors)
    );
    out += &format!("  time use  {}\n", spread_text(&summary.session_time_use));
    let mut groups = vec![vec![
        "group".to_string(),
        "trainable".to_string(),
        "median sets".to_string(),
        "below MEV".to_string(),
        "at/above MAV".to_string(),
    ]];
    for g in &summary.groups {
        groups.push(vec![
            g.group.name().to_string(),
            g.trainable.to_string(),
            optional(g.median_sets, 1),
            percent(g.below_mev),
            percent(g.at_or_above_mav),
        ]);
    }
    out += &table(&groups, "  ");
    let mut lifts = vec![vec![
        "main lift".to_string(),
        "loaded eligible".to_string(),
        "median loaded".to_string(),
        "no loaded sets".to_string(),
        "barbell eligible".to_string(),
        "median barbell".to_string(),
    ]];
    for m in &summary.main_lifts {
        lifts.push(vec![
            pattern_label(m.pattern).to_string(),
            m.loaded_eligible.to_string(),
            optional(m.median_loaded_sets, 1),
            percent(m.no_loaded_sets),
            m.barbell_eligible.to_string(),
            optional(m.median_barbell_sets, 1),
        ]);
    }
    out += &table(&lifts, "  ");
    out += &format!(
        "  calf work {} · core work {} of programs\n",
        percent(summary.calf_work),
        percent(summary.core_work)
    );
    let mut warnings = vec![vec![
        "warning".to_string(),
        "programs".to_string(),
        "total".to_string(),
    ]];
    for (code, count) in &summary.warnings {
        warnings.push(vec![
            code.clone(),
            count.programs.to_string(),
            count.total.to_string(),
        ]);
    }
    out + &table(&warnings, "  ")
}

/// Rows as columns: the first left-aligned, the rest right-aligned.
fn table(rows: &[Vec<String>], indent: &str) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = indent.to_string();
        for (c, cell) in row.iter().enumerate() {
            let line_cell = if c == 0 {
                format!("{cell:<width$}", width = widths[c])
            } else {
                format!("  {cell:>width$}", width = widths[c])
            };
            line += &line_cell;
        }
        out += line.trim_end();
        out += "\n";
    }
    out
}

fn spread_text(spread: &Spread) -> String {
    format!(
        "median {}  p10 {}  ({} sessions)",
        optional(spread.median, 2),
        optional(spread.p10, 2),
        spread.count
    )
}

fn counts_text(counts: &BTreeMap<String, usize>) -> String {
    if counts.is_empty() {
        return "none".to_string();
    }
    let parts: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
    parts.join(", ")
}

fn optional(value: Option<f64>, decimals: usize) -> String {
    value.map_or("-".to_string(), |v| format!("{v:.decimals$}"))
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}

/// A short column label for a main pattern.
fn pattern_label(pattern: Pattern) -> &'static str {
    match pattern {
        Pattern::Squat => "squat",
        Pattern::Hinge => "hinge",
        Pattern::HorizontalPush => "h.push",
        Pattern::HorizontalPull => "h.pull",
        Pattern::VerticalPush => "v.push",
        Pattern::VerticalPull => "v.pull",
        _ => "other",
    }
}

/// The wire name of an enum value, e.g. `general_fitness`.
fn wire<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
