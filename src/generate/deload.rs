//! The deload week's sets: about half of the training week's, at most 70%
//! and at least 40% of its total, at least three exercises a session, and
//! push:pull kept within 3:4–4:3 (Rogerson et al. 2024: deloads at about
//! half the volume). `progress` builds the deload weeks from them, and the
//! `deload_shape` constraint judges the deload a candidate week turns into.

use crate::constraints::Entry;
use crate::generate::allocate::push_or_pull;
use crate::generate::progress::Slot;
use crate::library::Exercise;
use crate::model::anatomy::Mechanic;
use crate::rules;

/// An exercise of a training week, with its sets.
pub trait Planned {
    /// The exercise.
    fn exercise(&self) -> &'static Exercise;
    /// Its sets in the training week.
    fn sets(&self) -> u8;
}

impl Planned for Slot {
    fn exercise(&self) -> &'static Exercise {
        self.exercise
    }

    fn sets(&self) -> u8 {
        self.sets
    }
}

impl Planned for Entry {
    fn exercise(&self) -> &'static Exercise {
        self.exercise
    }

    fn sets(&self) -> u8 {
        self.sets
    }
}

/// One exercise of the training week, as the deload reads it.
struct Item {
    day: usize,
    index: usize,
    full: u8,
    push: bool,
    pull: bool,
    isolation: bool,
}

impl Item {
    fn push_or_pull(&self) -> bool {
        self.push || self.pull
    }
}

/// Sets per exercise of each session in the deload week (0 = left out);
/// see [`Deload::of`].
pub fn deload_sets<S: AsRef<[P]>, P: Planned>(sessions: &[S], balance: bool) -> Vec<Vec<u8>> {
    let deload = Deload::of(sessions, balance);
    let mut flat = deload.sets.iter().copied();
    sessions
        .iter()
        .map(|s| flat.by_ref().take(s.as_ref().len()).collect())
        .collect()
}

/// Whether a deload of `count` sets (`push` and `pull` of them) out of a
/// training week's `total` has its shape, where shaping stops: at most 70% of
/// the week and, when `balance` asks, push:pull within 3:4–4:3.
pub fn shaped(count: u32, total: u32, push: u32, pull: u32, balance: bool) -> bool {
    100 * count <= *rules::DELOAD_SETS_PERCENT.end() * total
        && (!balance || rules::push_pull_balanced(push, pull))
}

/// A training week's deload: sets per exercise, with their sums.
pub struct Deload {
    /// Sets per exercise of the training week, session after session (0 = left out).
    pub sets: Vec<u8>,
    /// Exercises kept (sets > 0) per session.
    pub kept: Vec<usize>,
    /// Push sets (`allocate::push_or_pull`).
    pub push: u32,
    /// Pull sets (`allocate::push_or_pull`).
    pub pull: u32,
    /// All sets.
    pub count: u32,
}

impl Deload {
    /// The deload of a training week: about half of its sets, at most 70%
    /// and at least 40% of its total, at least three exercises a session,
    /// starting from half of every exercise's, rounded up. `balance`:
    /// whether push:pull must stay within 3:4–4:3 (both are possible).
    pub fn of<S: AsRef<[P]>, P: Planned>(sessions: &[S], balance: bool) -> Deload {
        let mut items = Vec::with_capacity(sessions.iter().map(|s| s.as_ref().len()).sum());
        for (day, session) in sessions.iter().enumerate() {
            items.extend(session.as_ref().iter().enumerate().map(|(index, p)| {
                let (push, pull) = push_or_pull(p.exercise());
                Item {
                    day,
                    index,
                    full: p.sets(),
                    push,
                    pull,
                    isolation: p.exercise().mechanic == Mechanic::Isolation,
                }
            }));
        }
        let mut deload = Deload::half(&items, sessions.len());
        let total: u32 = items.iter().map(|item| u32::from(item.full)).sum();
        let (low, high) = (
            *rules::DELOAD_SETS_PERCENT.start(),
            *rules::DELOAD_SETS_PERCENT.end(),
        );
        for _ in 0..4 * items.len() + 8 {
            let (push, pull, count) = (deload.push, deload.pull, deload.count);
            if shaped(count, total, push, pull, balance) {
                break;
            }
            let balanced = !balance || rules::push_pull_balanced(push, pull);
            let over = 100 * count > high * total;
            // The side to take from: the longer one, or neither when balanced.
            let long = |item: &Item| {
                (item.push && 3 * push > 4 * pull) || (item.pull && 3 * pull > 4 * push)
            };
            let allowed = |item: &Item| balanced || long(item);
            let may_shrink = over || 100 * count.saturating_sub(1) >= low * total;
            if may_shrink && deload.trim_one(&items, over, balanced, &allowed) {
                continue;
            }
            // Growing the short side must keep the deload within 70%.
            let room = 100 * (count + 1) <= high * total;
            if balanced || !room || !deload.grow_short_side(&items, push > pull) {
                break;
            }
        }
        deload
    }

    /// Half of every exercise's sets, rounded up.
    fn half(items: &[Item], sessions: usize) -> Deload {
        let mut deload = Deload {
            sets: vec![0; items.len()],
            kept: vec![0; sessions],
            push: 0,
            pull: 0,
            count: 0,
        };
        for (k, item) in items.iter().enumerate() {
            deload.set(items, k, item.full.div_ceil(2));
        }
        deload
    }

    /// Give item `k` `n` sets, keeping the sums.
    fn set(&mut self, items: &[Item], k: usize, n: u8) {
        let (item, old) = (&items[k], self.sets[k]);
        let (old_sets, new_sets) = (u32::from(old), u32::from(n));
        if item.push {
            self.push = self.push - old_sets + new_sets;
        } else if item.pull {
            self.pull = self.pull - old_sets + new_sets;
        }
        self.count = self.count - old_sets + new_sets;
        self.kept[item.day] = self.kept[item.day] + usize::from(n > 0) - usize::from(old > 0);
        self.sets[k] = n;
    }

    /// Take one set off: from the exercise with most sets, else leave out a
    /// one-set exercise (isolation and non-push/pull work first) in a
    /// session that keeps three. When push:pull is off, only the long side
    /// gives (as `allowed` says); when only the total is over, push/pull
    /// work gives last. Returns whether anything changed.
    fn trim_one(
        &mut self,
        items: &[Item],
        over: bool,
        balanced: bool,
        allowed: &dyn Fn(&Item) -> bool,
    ) -> bool {
        let sets = &self.sets;
        // Items come in session order, so the position breaks ties as the
        // session and index would.
        let reduce = (0..items.len())
            .filter(|&k| sets[k] >= 2 && allowed(&items[k]))
            .max_by_key(|&k| (sets[k], !balanced || !items[k].push_or_pull(), k));
        if let Some(k) = reduce {
            self.set(items, k, sets[k] - 1);
            return true;
        }
        if !over && balanced {
            return false;
        }
        let min_exercises = *rules::EXERCISES_PER_SESSION.start();
        let drop = (0..items.len())
            .filter(|&k| {
                sets[k] == 1 && allowed(&items[k]) && self.kept[items[k].day] > min_exercises
            })
            .max_by_key(|&k| {
                let item = &items[k];
                (
                    !item.push_or_pull() || !balanced,
                    item.isolation,
                    item.index,
                    item.day,
                )
            });
        if let Some(k) = drop {
            self.set(items, k, 0);
            return true;
        }
        false
    }

    /// Add a set back to the first exercise of the short side of push:pull
    /// that has fewer than in the training week.
    fn grow_short_side(&mut self, items: &[Item], pull_is_short: bool) -> bool {
        let short = (0..items.len()).find(|&k| {
            let side = if pull_is_short {
                items[k].pull
            } else {
                items[k].push
            };
            side && self.sets[k] < items[k].full
        });
        if let Some(k) = short {
            self.set(items, k, self.sets[k] + 1);
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::prescribe::Role;
    use crate::library;

    fn slot(id: &str, sets: u8) -> Slot {
        let exercise = library::find(id).expect("in library");
        let role = if exercise.mechanic == Mechanic::Compound {
            Role::Compound
        } else {
            Role::Isolation
        };
        Slot {
            exercise,
            sets,
            role,
        }
    }

    #[test]
    fn deload_week_halves_volume() {
        let sessions = vec![
            vec![
                slot("back_squat", 4),
                slot("bench_press", 4),
                slot("barbell_row", 4),
                slot("dumbbell_curl", 3),
            ],
            vec![
                slot("deadlift", 3),
                slot("overhead_press", 3),
                slot("pull_up", 3),
                slot("cable_pushdown", 1),
            ],
        ];
        let full: u32 = 25;
        let deload: u32 = deload_sets(&sessions, true)
            .iter()
            .flatten()
            .map(|&n| u32::from(n))
            .sum();
        assert!(
            deload * 100 >= 40 * full && deload * 100 <= 70 * full,
            "{deload}"
        );
    }

    #[test]
    fn deload_of_single_sets_leaves_out_isolation_work() {
        let sessions = vec![vec![
            slot("goblet_squat", 1),
            slot("push_up", 1),
            slot("inverted_row", 1),
            slot("dumbbell_curl", 1),
            slot("cable_pushdown", 1),
            slot("dead_bug", 1),
        ]];
        let sets = deload_sets(&sessions, true);
        let kept: Vec<&str> = sessions[0]
            .iter()
            .zip(&sets[0])
            .filter(|&(_, &n)| n > 0)
            .map(|(s, _)| s.exercise.id)
            .collect();
        assert!(kept.len() >= 3 && kept.len() <= 4, "{kept:?}");
        assert!(kept.contains(&"goblet_squat"));
    }
}
