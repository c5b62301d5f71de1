/**
 * Notebook displays: the MIME bundle (`text/html` and `text/plain`) that Deno's Jupyter kernel
 * shows for an object with a `Symbol.for("Jupyter.display")` method, the same bundle sent to
 * tslab's `display`, and HTML escaping of user-supplied text (group names) in it.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text safe inside HTML element content and quoted attribute values.
 *
 * @example
 * escapeHtml('<img src=x onerror="alert(1)">'); // => "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/** A notebook's MIME bundle. */
export type MimeBundle = Record<"text/html" | "text/plain", string>;

/**
 * A titled table as HTML (escaped) and as aligned plain text; numeric columns right-aligned.
 *
 * @example
 * tableDisplay("Rates", ["group", "TPR"], [["<a>", "0.5"]])["text/html"].includes("&lt;a&gt;"); // => true
 */
export function tableDisplay(
  title: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  notes: readonly string[] = [],
): MimeBundle {
  const numeric = header.map((_, c) => c > 0 && rows.every((r) => /^[-\d.eNa]*$/.test(r[c]!)));
  const align = (c: number) => (numeric[c] ? ' style="text-align:right"' : "");
  const html = `<div><b>${escapeHtml(title)}</b><table><thead><tr>${header
    .map((h, c) => `<th${align(c)}>${escapeHtml(h)}</th>`)
    .join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v, c) => `<td${align(c)}>${escapeHtml(v)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>${notes.map((n) => `<p>${escapeHtml(n)}</p>`).join("")}</div>`;
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const pad = (v: string, c: number) =>
    numeric[c] ? v.padStart(widths[c]!) : v.padEnd(widths[c]!);
  const text = [
    title,
    header.map(pad).join("  "),
    ...rows.map((r) => r.map(pad).join("  ")),
    ...notes,
  ].join("\n");
  return { "text/html": html, "text/plain": text };
}

/**
 * A titled list of sentences (e.g. a fitted rule in words) as HTML and plain text.
 *
 * @example
 * listDisplay("Rule", ["group a: score > 0.5 → positive"])["text/plain"]; // => "Rule\n- group a: score > 0.5 → positive"
 */
export function listDisplay(title: string, items: readonly string[]): MimeBundle {
  return {
    "text/html": `<div><b>${escapeHtml(title)}</b><ul>${items
      .map((i) => `<li>${escapeHtml(i)}</li>`)
      .join("")}</ul></div>`,
    "text/plain": [title, ...items.map((i) => `- ${i}`)].join("\n"),
  };
}

/**
 * The part of tslab's `display` (`import * as tslab from "tslab"`) that notebook displays use.
 *
 * @category Reports
 */
export interface NotebookDisplay {
  /** Shows HTML in the cell's output. */
  html(html: string): void;
  /** Shows plain text in the cell's output. */
  text(text: string): void;
}

/**
 * Shows a fairscope object in a tslab notebook as Deno's Jupyter kernel shows it: its HTML (or,
 * without HTML, its text). Works for every object with a notebook display: a report, a
 * `groupMetrics` result, a calibration result and a fitted mitigation rule.
 *
 * @category Reports
 * @throws TypeError when the value has no notebook display
 * @example
 * const shown = [];
 * const result = groupMetrics({ yTrue: [1, 0], yPred: [1, 1], sensitiveFeatures: ["a", "b"] });
 * showInNotebook(result, { html: (h) => shown.push(h), text: (t) => shown.push(t) });
 * shown[0].startsWith("<div><b>Metrics by group"); // => true
 */
export function showInNotebook(value: object, display: NotebookDisplay): void {
  const method = (value as Record<symbol, unknown>)[Symbol.for("Jupyter.display")];
  if (typeof method !== "function") {
    throw new TypeError("showInNotebook: this value has no notebook display");
  }
  const bundle = method.call(value) as Readonly<Record<string, unknown>>;
  const html = bundle["text/html"];
  if (typeof html === "string") display.html(html);
  else display.text(String(bundle["text/plain"]));
}
