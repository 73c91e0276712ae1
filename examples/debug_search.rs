use program_generation::constraints::{breakdown, Context};
use program_generation::generate::prescribe::RestMode;
use program_generation::generate::{plan, rng::Rng, search, select};
use program_generation::rules::landmarks;
use program_generation::Profile;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let profile = Profile::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let context = Context::new(&profile);
    let analysis = landmarks::analyze(&profile);
    let plan = plan::plan(&profile, &analysis, &context.pool);
    let mut rng = Rng::new(1);
    let start = select::construct(&profile, &analysis, &plan, &context, &mut rng);
    let mut problem = search::Problem::new(&profile, &plan, &context, RestMode::Normal);
    let show = |problem: &mut search::Problem, t: &search::Template| {
        let view = problem.view(t);
        for (name, level, p) in breakdown(&view, &context) {
            if p > 0 { print!("{name}={p}({level:?}) "); }
        }
        println!();
        for (d, day) in view.days.iter().enumerate() {
            print!("day{d} {}s/{}s:", day.seconds.0, day.seconds.1);
            for e in &day.entries { print!(" {}x{}", e.exercise.id, e.sets); }
            println!();
        }
    };
    show(&mut problem, &start);
    let t = std::time::Instant::now();
    let (best, score) = search::search(&mut problem, start, &mut rng);
    println!("{:?} in {:?}", score, t.elapsed());
    show(&mut problem, &best);
}
