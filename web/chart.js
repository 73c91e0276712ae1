/**
 * Weekly volume per muscle group, counted and drawn against its landmarks.
 *
 * This module decides how volume is counted for display, the same way the
 * generator plans it (`src/anatomy.rs`): a set counts 1.0 towards every group
 * one of its exercise's primary muscles belongs to, and 0.5 towards a group
 * reached only through a secondary muscle. `back` is lats + upper back,
 * `shoulders` the three delts, `abs` abs + obliques; forearms, adductors and
 * lower back count towards no group. It then draws each group's weekly sets as
 * a bar over its MEV / MAV / MRV bands in inline SVG, sized in real pixels so
 * the text stays legible on a phone.
 * @module
 */

import { h, s } from "./dom.js";
import { label, VOLUME_GROUPS } from "./labels.js";

/** Which volume group each muscle counts towards; muscles not listed count towards none. */
export const MUSCLE_GROUP = Object.freeze({
  chest: "chest",
  lats: "back",
  upper_back: "back",
  front_delts: "shoulders",
  side_delts: "shoulders",
  rear_delts: "shoulders",
  biceps: "biceps",
  triceps: "triceps",
  quads: "quads",
  hamstrings: "hamstrings",
  glutes: "glutes",
  calves: "calves",
  abs: "abs",
  obliques: "abs",
});

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
      for (const group of primary) add(group, exercise.sets);
      for (const group of secondary) {
        if (!primary.has(group)) add(group, exercise.sets * 0.5);
      }
    }
  }
  return totals;
}

/**
 * Where a weekly volume sits against its landmarks.
 * @param {number} sets
 * @param {{mev: number, mav: number, mrv: number} | undefined} landmarks
 * @returns {"below" | "productive" | "high" | "over" | "unknown"}
 */
export function zoneOf(sets, landmarks) {
  if (!landmarks) return "unknown";
  if (sets < landmarks.mev) return "below";
  if (sets <= landmarks.mav) return "productive";
  if (sets <= landmarks.mrv) return "high";
  return "over";
}

const ZONE_WORDS = {
  below: "below MEV",
  productive: "between MEV and MAV",
  high: "between MAV and MRV",
  over: "above MRV",
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
  const top = Math.max(
    ...rows.map((r) => Math.max(r.sets, r.landmarks?.mrv ?? 0)),
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
      ? [
        band("below", x(0), x(lm.mev), y + 4, `below MEV (${lm.mev})`),
        band(
          "productive",
          x(lm.mev),
          x(lm.mav),
          y + 4,
          `MEV ${lm.mev} to MAV ${lm.mav}`,
        ),
        band(
          "high",
          x(lm.mav),
          x(lm.mrv),
          y + 4,
          `MAV ${lm.mav} to MRV ${lm.mrv}`,
        ),
        band("over", x(lm.mrv), x(scaleMax), y + 4, `above MRV (${lm.mrv})`),
      ]
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

function legend() {
  const item = (zone, text) =>
    h(
      "li",
      {},
      h("span", { class: `swatch band-${zone}`, "aria-hidden": "true" }),
      text,
    );
  return h(
    "ul",
    { class: "legend" },
    item("below", "Below MEV: less than the minimum effective volume"),
    item("productive", "MEV–MAV: productive range"),
    item("high", "MAV–MRV: hard to recover from for long"),
    item("over", "Above MRV: more than you can recover from"),
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
        ...["Group", "Sets", "MEV", "MAV", "MRV", "Where"].map((t) =>
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
          h("td", {}, r.landmarks?.mev ?? "–"),
          h("td", {}, r.landmarks?.mav ?? "–"),
          h("td", {}, r.landmarks?.mrv ?? "–"),
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
