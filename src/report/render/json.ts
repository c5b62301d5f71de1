/**
 * JSON and CSV renderers, whole or in pieces: a report of many groups can pass the longest
 * string JavaScript can hold (about 512 MiB), so the command line writes the pieces one by one.
 */
import { csvField } from "../escape.js";
import { referenceGroup } from "../referenceGroup.js";
import type { FairnessReportData } from "../types.js";

/** Values a piece of JSON text holds at most before it is split (about 100 KB of JSON). */
const PIECE_NODES = 2048;

/** Whether `value` holds more than `cap` values (counting itself and everything inside). */
function holdsMoreThan(value: unknown, cap: number): boolean {
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (++seen > cap) return true;
    if (v === null || typeof v !== "object") continue;
    const children = Array.isArray(v) ? v : Object.values(v);
    if (seen + children.length > cap) return true;
    for (const child of children) stack.push(child);
  }
  return false;
}

/** Whether JSON.stringify leaves an object member out (undefined, functions, symbols). */
const omitted = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";

function* piecesOf(value: unknown, indent: string): Generator<string> {
  if (value === null || typeof value !== "object" || !holdsMoreThan(value, PIECE_NODES)) {
    const text = JSON.stringify(value, null, 2) ?? "null";
    yield indent === "" ? text : text.replaceAll("\n", `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    yield "[";
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "" : ","}\n${inner}`;
      yield* piecesOf(omitted(value[i]) ? null : value[i], inner);
    }
    yield `\n${indent}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => !omitted(v));
  if (entries.length === 0) {
    yield "{}";
    return;
  }
  yield "{";
  for (const [i, [key, v]] of entries.entries()) {
    yield `${i === 0 ? "" : ","}\n${inner}${JSON.stringify(key)}: `;
    yield* piecesOf(v, inner);
  }
  yield `\n${indent}}`;
}

/**
 * The JSON text of a plain-data value in pieces of bounded size, whose concatenation is
 * `JSON.stringify(value, null, 2)` followed by a newline: objects and arrays holding many values
 * are split member by member, small ones written whole.
 *
 * Cost: O(size of the value); no piece holds more than about 2,048 values, except a single
 * string.
 *
 * @example
 * [...jsonPieces({ a: [1, 2] })].join(""); // => "{\n  \"a\": [\n    1,\n    2\n  ]\n}\n"
 */
export function* jsonPieces(value: unknown): Generator<string> {
  yield* piecesOf(value, "");
  yield "\n";
}

/**
 * The report as JSON text (2-space indented, a final newline). Reports from the same input and
 * seed render to identical bytes. For reports of very many groups, write {@link jsonPieces}
 * one piece at a time instead.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * JSON.parse(renderJson(report)).schemaVersion; // => "1"
 */
export function renderJson(report: FairnessReportData): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * The per-group table as CSV lines (each ending in CRLF): the header, the overall row, then one
 * row per group. Their concatenation is {@link renderCsv}.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * [...csvLines(report)].length; // => 4
 */
export function* csvLines(report: FairnessReportData): Generator<string> {
  const ids = report.metrics.map((m) => m.id).filter((id) => id !== "count");
  const reference = referenceGroup(report);
  const withIntervals = new Set(
    ids.filter((id) => report.groups.some((g) => g.values[id]?.interval !== undefined)),
  );
  const header = [
    "group",
    "count",
    "small",
    "reference",
    ...ids.flatMap((id) => (withIntervals.has(id) ? [id, `${id}Low`, `${id}High`] : [id])),
  ];
  const values = (v: FairnessReportData["overall"]) =>
    ids.flatMap((id) => {
      const e = v[id];
      return withIntervals.has(id)
        ? [e?.value ?? null, e?.interval?.lower ?? null, e?.interval?.upper ?? null]
        : [e?.value ?? null];
    });
  const line = (cells: readonly (string | number | null)[]) =>
    `${cells.map(csvField).join(",")}\r\n`;
  const total = report.groups.reduce((s, g) => s + g.count, 0);
  yield line(header);
  yield line(["overall", total, "false", "false", ...values(report.overall)]);
  for (const g of report.groups) {
    yield line([g.label, g.count, String(g.small), String(g === reference), ...values(g.values)]);
  }
}

/**
 * The per-group table as CSV: one row per group (the overall row first) with its count, flags
 * and every metric value (and interval bounds when present). Text fields are protected against
 * spreadsheet formula injection.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * renderCsv(report).split("\r\n")[0].split(",").slice(0, 7).join(","); // => "group,count,small,reference,baseRate,baseRateLow,baseRateHigh"
 */
export function renderCsv(report: FairnessReportData): string {
  return [...csvLines(report)].join("");
}
