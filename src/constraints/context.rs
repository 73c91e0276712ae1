//! What every constraint needs to know about the trainee, computed once.

use crate::library::{eligibility, Exercise};
use crate::model::anatomy::{Pattern, VolumeGroup};
use crate::model::profile::{Experience, Goal, Profile};
use crate::model::program::Focus;
use crate::rules::landmarks::{self, Analysis, GROUPS};
use crate::rules::{self, PatternFamily};
use crate::rules::{counting, loading};

/// Number of movement patterns; arrays below are indexed by `Pattern as usize`.
pub const PATTERNS: usize = 17;

/// The trainee, the eligible exercises and the numbers the rules derive from them.
#[derive(Clone, Debug)]
pub struct Context {
    pub goal: Goal,
    pub experience: Experience,
    pub days_per_week: u8,
    pub session_minutes: u16,
    /// `sessionMinutes` in seconds.
    pub budget_seconds: u32,
    /// Every eligible exercise, in library order.
    pub pool: Vec<&'static Exercise>,
    pub analysis: Analysis,
    /// Whether some eligible exercise trains the group as a primary mover.
    pub trainable: [bool; GROUPS],
    /// Whether some eligible exercise trains the pattern.
    pub available: [bool; PATTERNS],
    /// Whether some eligible barbell compound trains the pattern heavy
    /// (`rules::heavy_barbell_version`).
    pub barbell: [bool; PATTERNS],
    /// Whether some eligible main lift (`rules::is_main_lift`) trains the pattern.
    pub loaded: [bool; PATTERNS],
    /// Weekly floor per group, half sets (major groups).
    pub floor_halves: [u32; GROUPS],
    /// Weekly floor of the minor groups, half sets, where it applies.
    pub minor_halves: [u32; GROUPS],
    /// MEV per group, half sets, where the volume-target rule applies.
    pub mev_halves: [u32; GROUPS],
    /// The weekly cap, half sets, or what the needed exercises force if more.
    pub cap_halves: [u32; GROUPS],
    /// The weekly cap the time rule's "truly capped" test uses, half sets:
    /// the trainee's MRV (never above the rule cap).
    pub capped_halves: [u32; GROUPS],
    /// Target per group, half sets: the middle of MEV..MAV, more for weak points.
    pub target_halves: [u32; GROUPS],
    /// MAV per group, half sets.
    pub mav_halves: [u32; GROUPS],
    /// Per `Lift`, whether the trainee gave its 1RM and its lift is eligible.
    pub tested: [bool; 4],
    /// Major groups that every session must train hard (too few exercises spare them).
    pub unavoidable: [bool; GROUPS],
    /// Fewest exercises a training session holds.
    pub min_exercises: usize,
    /// Whether floors bind without excuse (`rules::floors_binding_minutes`).
    pub floors_binding: bool,
    pub frequency_applies: bool,
    pub coverage_applies: bool,
    /// Whether the weekly time reaches `rules::QUALITY_APPLIES_MINUTES`.
    pub quality_applies: bool,
    /// Whether push:pull balance applies (both are possible).
    pub balance_applies: bool,
    /// Whether the program has deload weeks (`rules::DELOAD_REQUIRED_FROM_WEEKS`).
    pub deloads: bool,
    /// Whether the focus rule applies to a day of this focus (enough exercises fit it).
    focus_applies: [bool; 6],
    /// Per focus, how many eligible exercises a day of it may hold, by pattern.
    focus_patterns: [[u8; PATTERNS]; 6],
    /// Whether an eligible compound suited to heavy work fits a day of each focus.
    focus_heavy: [bool; 6],
}

impl Context {
    /// The context of a validated profile.
    pub fn new(profile: &Profile) -> Context {
        let pool: Vec<&'static Exercise> = eligibility::eligible_exercises(profile).collect();
        let analysis = landmarks::analyze(profile);
        let mut trainable = [false; GROUPS];
        let mut available = [false; PATTERNS];
        let mut barbell = [false; PATTERNS];
        let mut loaded = [false; PATTERNS];
        let mut tested = [false; 4];
        for exercise in &pool {
            if let Some(lift) = exercise.one_rep_max_lift {
                tested[lift as usize] |= profile
                    .one_rep_maxes
                    .and_then(|m| m.get(lift))
                    .is_some_and(|max| max > 0.0);
            }
            loaded[exercise.pattern as usize] |= rules::is_main_lift(exercise);
            available[exercise.pattern as usize] = true;
            barbell[exercise.pattern as usize] |= rules::heavy_barbell_version(exercise);
            for (t, p) in trainable.iter_mut().zip(exercise.primary_groups()) {
                *t |= p;
            }
        }
        let weekly_minutes = u32::from(profile.days_per_week) * u32::from(profile.session_minutes);
        let quality = weekly_minutes >= rules::QUALITY_APPLIES_MINUTES;
        let min_exercises = if profile.session_minutes >= rules::LONG_SESSION_MINUTES
            && pool.len() >= rules::MIN_EXERCISES_LONG_SESSION
        {
            rules::MIN_EXERCISES_LONG_SESSION
        } else {
            *rules::EXERCISES_PER_SESSION.start()
        };
        let cap = rules::weekly_cap(profile.goal, profile.experience);
        let mut context = Context {
            goal: profile.goal,
            experience: profile.experience,
            days_per_week: profile.days_per_week,
            session_minutes: profile.session_minutes,
            budget_seconds: u32::from(profile.session_minutes) * 60,
            floor_halves: [0; GROUPS],
            minor_halves: [0; GROUPS],
            mev_halves: [0; GROUPS],
            cap_halves: [0; GROUPS],
            capped_halves: [0; GROUPS],
            target_halves: [0; GROUPS],
            mav_halves: [0; GROUPS],
            unavoidable: [false; GROUPS],
            tested,
            min_exercises,
            floors_binding: weekly_minutes >= rules::floors_binding_minutes(profile.experience),
            frequency_applies: profile.days_per_week >= rules::FREQUENCY_APPLIES_DAYS
                && profile.session_minutes >= rules::FREQUENCY_APPLIES_MINUTES,
            coverage_applies: weekly_minutes >= rules::COVERAGE_APPLIES_MINUTES,
            quality_applies: quality,
            balance_applies: rules::PUSH_PATTERNS.iter().any(|&p| available[p as usize])
                && rules::PULL_PATTERNS.iter().any(|&p| available[p as usize]),
            deloads: usize::from(profile.weeks) >= rules::DELOAD_REQUIRED_FROM_WEEKS,
            focus_applies: [false; 6],
            focus_patterns: [[0; PATTERNS]; 6],
            focus_heavy: [false; 6],
            trainable,
            available,
            barbell,
            loaded,
            pool,
            analysis,
        };
        for group in VolumeGroup::ALL {
            let g = group as usize;
            let landmarks = context.analysis.landmarks[g];
            let floor = rules::weekly_floor(profile.goal, profile.experience, group);
            context.floor_halves[g] = (2.0 * floor) as u32;
            if quality && rules::minor_floor_applies(profile.goal) {
                context.minor_halves[g] = 2 * rules::minor_floor(group);
            }
            if quality && group.is_major() {
                context.mev_halves[g] = 2 * u32::from(landmarks.mev);
            }
            let forced = context.forced_halves(group);
            context.cap_halves[g] = ((2.0 * cap) as u32).max(forced);
            context.capped_halves[g] = (2 * u32::from(landmarks.mrv)).min(context.cap_halves[g]);
            let bonus = if context.analysis.weak_groups[g] {
                u32::from(landmarks::WEAK_POINT_EXTRA_SETS)
            } else {
                0
            };
            let middle = u32::from(landmarks.mev) + u32::from(landmarks.mav);
            context.target_halves[g] = (middle + 2 * bonus).min(2 * u32::from(landmarks.mrv));
            context.mav_halves[g] = 2 * u32::from(landmarks.mav) + 2 * bonus;
            if group.is_major() {
                let spared = context
                    .pool
                    .iter()
                    .filter(|e| !e.is_primary_for(group))
                    .count();
                context.unavoidable[g] =
                    min_exercises.saturating_sub(spared) >= rules::RECOVERY_HARD_DAY_SETS as usize;
            }
        }
        for (f, focus) in FOCUSES.iter().enumerate() {
            let fitting = context
                .pool
                .iter()
                .filter(|e| focus_allows(*focus, e.pattern))
                .count();
            // A strength session needs a compound suited to heavy work
            // (`strength_compound`): where none fits the focus, the focus
            // gives way.
            let heavy_in_focus = context
                .pool
                .iter()
                .any(|e| suits_heavy(e) && focus_allows(*focus, e.pattern));
            let any_heavy = context.pool.iter().any(|e| suits_heavy(e));
            let strength_gives_way = profile.goal == Goal::Strength && any_heavy && !heavy_in_focus;
            context.focus_applies[f] = fitting >= 2 * min_exercises && !strength_gives_way;
            let fits =
                |e: &&&Exercise| !context.focus_applies[f] || focus_allows(*focus, e.pattern);
            let mut patterns = [0u8; PATTERNS];
            for e in context.pool.iter().filter(fits) {
                let count = &mut patterns[e.pattern as usize];
                *count = count.saturating_add(1);
                context.focus_heavy[f] |= suits_heavy(e);
            }
            context.focus_patterns[f] = patterns;
        }
        context
    }

    /// The fewest half sets of `group` any week has: every session holds its
    /// needed exercises at one set, chosen to count least for the group.
    fn forced_halves(&self, group: VolumeGroup) -> u32 {
        let mut halves: Vec<u32> = self
            .pool
            .iter()
            .map(|e| {
                u32::from(counting::half_sets(
                    e.primary_muscles,
                    e.secondary_muscles,
                    group,
                ))
            })
            .collect();
        halves.sort_unstable();
        let per_session: u32 = halves.iter().take(self.min_exercises).sum();
        per_session * u32::from(self.days_per_week)
    }

    /// Whether `pattern` is available to the trainee.
    pub fn pattern_available(&self, pattern: Pattern) -> bool {
        self.available[pattern as usize]
    }

    /// Whether a family has an eligible pattern.
    pub fn family_available(&self, family: &PatternFamily) -> bool {
        family.patterns.iter().any(|&p| self.pattern_available(p))
    }

    /// How often one pattern may appear in a session of `exercises` on a day
    /// of `focus`: `rules::max_pattern_repeats`, or more when the eligible
    /// exercises that fit the day have too few patterns to fill it otherwise.
    pub fn max_repeats(&self, focus: Focus, exercises: usize) -> usize {
        let f = FOCUSES.iter().position(|&x| x == focus).unwrap_or(0);
        // The fewest repeats with which the day's eligible exercises, each
        // at most once, can fill the session.
        let counts = &self.focus_patterns[f];
        let fill = |most: usize| -> usize {
            counts
                .iter()
                .map(|&c| usize::from(c).min(most))
                .sum::<usize>()
        };
        let forced = (1..=exercises)
            .find(|&most| fill(most) >= exercises)
            .unwrap_or(exercises);
        rules::max_pattern_repeats(exercises).max(forced)
    }

    /// Whether an eligible compound suited to heavy work fits a day of `focus`.
    pub fn heavy_fits(&self, focus: Focus) -> bool {
        let f = FOCUSES.iter().position(|&x| x == focus).unwrap_or(0);
        self.focus_heavy[f]
    }

    /// Whether a day of `focus` must keep to its focus's patterns.
    pub fn focus_applies(&self, focus: Focus) -> bool {
        FOCUSES
            .iter()
            .position(|&f| f == focus)
            .is_some_and(|f| self.focus_applies[f])
    }
}

const FOCUSES: [Focus; 6] = [
    Focus::FullBody,
    Focus::Upper,
    Focus::Lower,
    Focus::Push,
    Focus::Pull,
    Focus::Legs,
];

/// Whether a day of `focus` may hold an exercise of `pattern`: upper days
/// push and pull, lower and leg days the legs, push and pull days their own
/// side; core and carries fit any day, and a full-body day fits everything.
pub fn focus_allows(focus: Focus, pattern: Pattern) -> bool {
    use Pattern::*;
    let legs = matches!(
        pattern,
        Squat | Lunge | Hinge | Bridge | KneeFlexion | KneeExtension | CalfRaise
    );
    let push = matches!(
        pattern,
        HorizontalPush | VerticalPush | ElbowExtension | ShoulderAbduction
    );
    let pull = matches!(
        pattern,
        HorizontalPull | VerticalPull | ElbowFlexion | RearDelt
    );
    match focus {
        Focus::FullBody => true,
        _ if !(legs || push || pull) => true,
        Focus::Upper => push || pull,
        Focus::Lower | Focus::Legs => legs,
        Focus::Push => push,
        Focus::Pull => pull,
    }
}

/// Whether `exercise` may be trained heavy, by `rules::loading::suits_main_lift`.
pub fn suits_heavy(exercise: &Exercise) -> bool {
    loading::suits_main_lift(exercise.mechanic, exercise.equipment, exercise.rep_range)
}
