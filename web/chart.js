/**
 * Weekly volume per muscle group, counted and drawn against its landmarks.
 *
 * This module decides how volume is counted for display, the same way the
 * generator plans it (`src/rules/counting.rs`): a set counts
 * `setWeights.primary` towards every group one of its exercise's primary
 * muscles belongs to, and `setWeights.secondary` towards a group reached only
 * through a secondary muscle. The weights, which muscle belongs to which group
 * and the landmark bands all come from the generated vocabulary (`labels.js`).
 * It then draws each group's weekly sets as a bar over its landmark bands in
 * inline SVG, sized in real pixels so the text stays legible on a phone.
 * @module
 */

import { h, s } from "./dom.js";
import { label, VOCABULARY, VOLUME_GROUPS } from "./labels.js";

/** Which volume group each muscle counts towards; muscles not listed count towards none. */
export const MUSCLE_GROUP = Object.freeze(
  Object.fromEntries(
    VOCABULARY.muscles.filter((m) => m.group !== null).map((m) => [
      m.value,
      m.group,
    ]),
  ),
);

/** What one set counts for a group: `{primary, secondary}`. */
export const SET_WEIGHTS = Object.freeze({ ...VOCABULARY.setWeights });

/** The landmark bands, lowest first: `{zone, from, to, includesTo, meaning}`. */
export const BANDS = Object.freeze(VOCABULARY.bands);

const LANDMARK_LABEL = new Map(
  VOCABULARY.landmarks.map(({ value, label }) => [value, label]),
);

/**
 * Fractional sets per volume group for one week.
 * @param {{sessions: {exercises: {sets: number, primaryMuscles: string[], secondaryMuscles: string[]}[]}[]}} week
 * @returns {Map<string, number>} group → sets, only groups that got any
 */
export function weeklyGroupSets(week) {
  const totals = new Map();
  const add = (group, amount) =>
    totals.set(group, (totals.get(group) ?? 0) + amount);
  for (const session of week.sessions ?? []) {
    for (const exercise of session.exercises ?? []) {
      const primary = groupsOf(exercise.primaryMuscles);
      const secondary = groupsOf(exercise.secondaryMuscles);
      for (const group of primary) {
        add(group, exercise.sets * SET_WEIGHTS.primary);
      }
      for (const group of secondary) {
        if (!primary.has(group)) {
          add(group, exercise.sets * SET_WEIGHTS.secondary);
        }
      }
    }
  }
  return totals;
}

/**
 * Where a weekly volume sits against its landmarks: the first band whose upper
 * landmark it stays under (or reaches, when the band includes it).
 * @param {number} sets
 * @param {{mev: number, mav: number, mrv: number} | undefined} landmarks
 * @returns {"below" | "productive" | "high" | "over" | "unknown"}
 */
export function zoneOf(sets, landmarks) {
  if (!landmarks) return "unknown";
  const band = BANDS.find(({ to, includesTo }) =>
    to === null ||
    (includesTo ? sets <= landmarks[to] : sets < landmarks[to])
  );
  return band.zone;
}

/** `below MEV`, `between MEV and MAV`, `above MRV`. */
function bandWords({ from, to }) {
  if (from === null) return `below ${LANDMARK_LABEL.get(to)}`;
  if (to === null) return `above ${LANDMARK_LABEL.get(from)}`;
  return `between ${LANDMARK_LABEL.get(from)} and ${LANDMARK_LABEL.get(to)}`;
}

const ZONE_WORDS = {
  ...Object.fromEntries(BANDS.map((band) => [band.zone, bandWords(band)])),
  unknown: "no landmarks",
};

/**
 * The chart rows to draw: groups with landmarks or volume, in canonical order.
 * @param {Map<string, number>} sets
 * @param {Record<string, {mev: number, mav: number, mrv: number}>} landmarks
 */
export function chartRows(sets, landmarks) {
  const known = VOLUME_GROUPS.map(([group]) => group);
  const extra = [...sets.keys(), ...Object.keys(landmarks ?? {})].filter((g) =>
    !known.includes(g)
  );
  return [...known, ...new Set(extra)]
    .filter((group) => sets.has(group) || landmarks?.[group])
    .map((group) => {
      const value = sets.get(group) ?? 0;
      return {
        group,
        sets: value,
        landmarks: landmarks?.[group],
        zone: zoneOf(value, landmarks?.[group]),
      };
    });
}

/**
 * A figure with the SVG chart, a legend and the same data as a table.
 * @param {object} week A program week.
 * @param {Record<string, {mev: number, mav: number, mrv: number}>} landmarks
 * @param {number} width Pixels available.
 * @returns {HTMLElement}
 */
export function volumeFigure(week, landmarks, width) {
  const rows = chartRows(weeklyGroupSets(week), landmarks);
  const caption = `Weekly sets per muscle group, week ${week.number}${
    week.deload ? " (deload)" : ""
  }`;
  return h(
    "figure",
    { class: "volume-figure" },
    h("figcaption", {}, caption),
    rows.length === 0
      ? h("p", { class: "hint" }, "This week has no sets to chart.")
      : svgChart(rows, width, caption),
    legend(),
    h(
      "details",
      { class: "chart-table" },
      h("summary", {}, "Show the numbers"),
      dataTable(rows),
    ),
  );
}

const ROW = 30;
const BAR = 12;
const TOP = 8;
const AXIS = 26;

function svgChart(rows, width, caption) {
  const narrow = width < 420;
  const labelWidth = narrow ? 92 : 104;
  const valueWidth = narrow ? 40 : 52;
  const plotLeft = labelWidth;
  const plotWidth = Math.max(120, width - labelWidth - valueWidth);
  const height = TOP + rows.length * ROW + AXIS;
  const highest = [...LANDMARK_LABEL.keys()].at(-1);
  const top = Math.max(
    ...rows.map((r) => Math.max(r.sets, r.landmarks?.[highest] ?? 0)),
  );
  const step = top > 30 ? 10 : 5;
  const scaleMax = Math.max(step, Math.ceil((top + 1) / step) * step);
  const x = (value) =>
    plotLeft + (Math.min(value, scaleMax) / scaleMax) * plotWidth;
  const titleId = `chart-title-${Math.random().toString(36).slice(2, 8)}`;
  const description = rows
    .map((r) =>
      `${label("group", r.group)} ${format(r.sets)} sets, ${ZONE_WORDS[r.zone]}`
    )
    .join("; ");

  const grid = [];
  for (let tick = 0; tick <= scaleMax; tick += step) {
    grid.push(
      s("line", {
        class: "grid",
        x1: x(tick),
        x2: x(tick),
        y1: TOP - 4,
        y2: height - AXIS + 4,
      }),
      s(
        "text",
        { class: "tick", x: x(tick), y: height - 8, "text-anchor": "middle" },
        String(tick),
      ),
    );
  }

  const bars = rows.map((row, i) => {
    const y = TOP + i * ROW;
    const mid = y + ROW / 2;
    const lm = row.landmarks;
    const bands = lm
      ? BANDS.map((b) =>
        band(
          b.zone,
          x(b.from === null ? 0 : lm[b.from]),
          x(b.to === null ? scaleMax : lm[b.to]),
          y + 4,
          bandTitle(b, lm),
        )
      )
      : [];
    return s(
      "g",
      {
        class: `row zone-${row.zone}`,
        "data-group": row.group,
        "data-sets": row.sets,
      },
      s(
        "text",
        {
          class: "group-label",
          x: labelWidth - 8,
          y: mid + 4,
          "text-anchor": "end",
        },
        label("group", row.group),
      ),
      ...bands,
      s(
        "rect",
        {
          class: "bar",
          x: x(0),
          y: mid - BAR / 2,
          width: Math.max(0, x(row.sets) - x(0)),
          height: BAR,
          rx: 2,
        },
        s(
          "title",
          {},
          `${label("group", row.group)}: ${format(row.sets)} sets, ${
            ZONE_WORDS[row.zone]
          }`,
        ),
      ),
      s(
        "text",
        { class: "value", x: x(row.sets) + 6, y: mid + 4 },
        format(row.sets),
      ),
    );
  });

  return s(
    "svg",
    {
      class: "volume-chart",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-labelledby": titleId,
    },
    s("title", { id: titleId }, `${caption}: ${description}.`),
    ...grid,
    ...bars,
  );
}

function band(zone, x1, x2, y, title) {
  return s(
    "rect",
    {
      class: `band band-${zone}`,
      x: x1,
      y,
      width: Math.max(0, x2 - x1),
      height: ROW - 8,
    },
    s("title", {}, title),
  );
}

/** `below MEV (8)`, `MEV 8 to MAV 14`, `above MRV (20)`. */
function bandTitle({ from, to }, landmarks) {
  const at = (name) => `${LANDMARK_LABEL.get(name)} ${landmarks[name]}`;
  if (from === null) {
    return `below ${LANDMARK_LABEL.get(to)} (${landmarks[to]})`;
  }
  if (to === null) {
    return `above ${LANDMARK_LABEL.get(from)} (${landmarks[from]})`;
  }
  return `${at(from)} to ${at(to)}`;
}

/** `Below MEV`, `MEV–MAV`, `Above MRV`. */
function bandHeading({ from, to }) {
  if (from === null) return `Below ${LANDMARK_LABEL.get(to)}`;
  if (to === null) return `Above ${LANDMARK_LABEL.get(from)}`;
  return `${LANDMARK_LABEL.get(from)}–${LANDMARK_LABEL.get(to)}`;
}

function legend() {
  return h(
    "ul",
    { class: "legend" },
    ...BANDS.map((b) =>
      h(
        "li",
        {},
        h("span", { class: `swatch band-${b.zone}`, "aria-hidden": "true" }),
        `${bandHeading(b)}: ${b.meaning}`,
      )
    ),
  );
}

function dataTable(rows) {
  return h(
    "table",
    { class: "numbers" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ...["Group", "Sets", ...LANDMARK_LABEL.values(), "Where"].map((t) =>
          h("th", { scope: "col" }, t)
        ),
      ),
    ),
    h(
      "tbody",
      {},
      ...rows.map((r) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, label("group", r.group)),
          h("td", {}, format(r.sets)),
          ...[...LANDMARK_LABEL.keys()].map((name) =>
            h("td", {}, r.landmarks?.[name] ?? "–")
          ),
          h("td", {}, ZONE_WORDS[r.zone]),
        )
      ),
    ),
  );
}

function groupsOf(muscles) {
  return new Set((muscles ?? []).map((m) => MUSCLE_GROUP[m]).filter(Boolean));
}

function format(sets) {
  return Number.isInteger(sets) ? String(sets) : sets.toFixed(1);
}
