/**
 * Tiny DOM builders.
 *
 * Everything the page draws goes through these helpers, which only ever set
 * text through `textContent`, so server data can never inject markup.
 * @module
 */

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Create an HTML element: `h("td", { class: "num" }, "3 × 8")`.
 * Attributes whose value is `false`, `null` or `undefined` are skipped;
 * `true` sets an empty attribute. Keys starting with `on` add listeners.
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...(Node | string | number | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/**
 * Create an SVG element with the same conventions as {@link h}.
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...(Node | string | number | null | undefined | false)} children
 * @returns {SVGElement}
 */
export function s(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/**
 * Replace all children of `parent`.
 * @param {Element} parent
 * @param {...(Node | string | null | undefined | false)} children
 */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren(...children.filter(isChild).map(toNode));
}

/**
 * The element with this id; throws when the page is missing it, which is a bug.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing element #${id}`);
  return element;
}

function build(element, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith("on") && typeof value === "function") {
      element.addEventListener(key.slice(2), value);
    } else {
      element.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (isChild(child)) element.append(toNode(child));
  }
  return element;
}

function isChild(child) {
  return child !== null && child !== undefined && child !== false;
}

function toNode(child) {
  return child instanceof Node ? child : document.createTextNode(String(child));
}
