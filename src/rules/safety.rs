//! Who may be given what: the evidence behind the library's contraindications
//! and the age limit on high-impact work.
//!
//! Sources:
//! - NICE NG226 (2022), *Osteoarthritis in over 16s*, and Bannuru et al. 2019,
//!   OARSI guidelines, *Osteoarthritis Cartilage* 27(11): therapeutic exercise,
//!   including local quadriceps and hamstring strengthening, is first-line care
//!   for knee osteoarthritis, so a knee injury must not remove all quad work.
//! - Crossley et al. 2016, patellofemoral pain consensus, *Br J Sports Med*
//!   50(14): knee-targeted exercise (open-chain knee extension, partial-range
//!   squats) combined with hip work is recommended.
//! - Escamilla et al. 1998, *Med Sci Sports Exerc* 30(4), and Powers et al.
//!   2014, *J Orthop Sports Phys Ther* 44(5): patellofemoral stress in closed
//!   chain rises with knee flexion past about 60–90°, so squats to a high box or
//!   a chair, low step-ups and the Spanish squat stay in the tolerated range,
//!   while deep squats, lunges, sissy squats and reverse Nordics do not.
//! - Rio et al. 2015, *Br J Sports Med* 49(19): band-supported quadriceps
//!   loading such as the Spanish squat reduces patellar tendon pain.
//! - Diercks et al. 2014, subacromial pain guideline, *Acta Orthop* 85(3):
//!   exercise therapy is first-line care for shoulder pain. Kolber et al. 2010,
//!   *J Strength Cond Res* 24(6): keep resistance training with a shoulder
//!   complaint by limiting bench depth (a floor press), pulling down in front
//!   with a neutral grip, pressing at an angle below end range (a landmine
//!   press) and raising in the scapular plane to shoulder height (scaption).
//! - Fragala et al. 2019, NSCA position statement on resistance training for
//!   older adults, *J Strength Cond Res* 33(8): power work should be done with
//!   controlled, low-impact movements; jumps, landings and ballistic swings are
//!   left out from [`OLDER_ADULT_AGE`].
//!
//! How the library applies them (its curation policy, which `tests/library.rs`
//! checks): an exercise lists `knee` when it loads deep knee flexion or landing
//! impact, and `shoulder` when it loads the shoulder at end range; the
//! exercises kept for an injured joint are named there with their reason.

/// From this age, in years, high-impact exercises are not prescribed.
pub const OLDER_ADULT_AGE: u8 = 65;
