/**
 * Seeded random profiles covering the whole input domain, for parity tests
 * and benchmarks. Mulberry32 keeps the sequence identical on every run; the
 * enum values come from the vocabulary the generator exports
 * (`web/vocabulary.json`).
 *
 * @module
 */
import type {
  Equipment,
  Experience,
  Goal,
  Injury,
  Profile,
  Units,
  Weekday,
} from "../../supabase/functions/_shared/generator.ts";
import vocabulary from "../../web/vocabulary.json" with { type: "json" };

/** The wire values of one vocabulary list (generated from Rust). */
const values = <T extends string>(terms: { value: string }[]) =>
  terms.map((term) => term.value as T);

const GOALS = values<Goal>(vocabulary.goals);
const LEVELS = values<Experience>(vocabulary.experience);
const EQUIPMENT = values<Equipment>(vocabulary.equipment);
const INJURIES = values<Injury>(vocabulary.injuries);
const DAYS = values<Weekday>(vocabulary.weekdays);
const UNITS = values<Units>(vocabulary.units);

/** A deterministic generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` random in-domain profiles from `seed`. */
export function randomProfiles(count: number, seed: number): Profile[] {
  const random = mulberry32(seed);
  const int = (min: number, max: number) =>
    min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)];
  const subset = <T>(items: readonly T[], p: number) =>
    items.filter(() => random() < p);
  const profiles: Profile[] = [];
  for (let i = 0; i < count; i++) {
    const daysPerWeek = int(1, 6);
    const profile: Profile = {
      goal: pick(GOALS),
      experience: pick(LEVELS),
      daysPerWeek,
      sessionMinutes: int(20, 120),
      weeks: int(1, 16),
      equipment: random() < 0.3 ? [...EQUIPMENT] : subset(EQUIPMENT, 0.4),
      injuries: subset(INJURIES, 0.15),
      units: random() < 0.5 ? UNITS[0] : UNITS[1],
      seed: int(0, 2 ** 31),
    };
    if (random() < 0.3) {
      const shuffled = [...DAYS].sort(() => random() - 0.5);
      profile.preferredDays = shuffled.slice(0, daysPerWeek);
    }
    if (random() < 0.5) {
      profile.oneRepMaxes = {
        squat: int(40, 250),
        benchPress: int(30, 180) + 0.5 * int(0, 1),
        deadlift: int(50, 300),
        overheadPress: int(20, 120),
      };
    }
    if (random() < 0.5) profile.age = int(13, 100);
    profiles.push(profile);
  }
  return profiles;
}
