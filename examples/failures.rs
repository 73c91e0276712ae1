use program_generation::report::random;
use std::collections::BTreeMap;
fn main() {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for profile in random::profiles(600, 1).into_iter().flatten() {
        if let Err(e) = program_generation::generate_program(&profile) {
            let mut seen = std::collections::BTreeSet::new();
            for i in &e.issues {
                let rule = i.message.split(':').next().unwrap_or("").to_string();
                if seen.insert(rule.clone()) {
                    *counts.entry(rule).or_default() += 1;
                }
            }
            if std::env::args().nth(1).is_some() {
                println!("{}\n  {:?}", serde_json::to_string(&profile).unwrap(), e.issues.first());
            }
        }
    }
    println!("{counts:?}");
}
