/**
 * JSON and CSV renderers.
 */
import { csvField } from "../escape.js";
import { referenceGroup } from "../referenceGroup.js";
import type { FairnessReportData } from "../types.js";

/**
 * The report as JSON text (2-space indented, a final newline). Reports from the same input and
 * seed render to identical bytes.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * JSON.parse(renderJson(report)).schemaVersion; // => "1"
 */
export function renderJson(report: FairnessReportData): string {
  return `${JSON.stringify(report, null, 2)}\n`;
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
  const ids = report.metrics.map((m) => m.id).filter((id) => id !== "count");
  const reference = referenceGroup(report);
  const withIntervals = ids.filter((id) =>
    report.groups.some((g) => g.values[id]?.interval !== undefined),
  );
  const header = [
    "group",
    "count",
    "small",
    "reference",
    ...ids.flatMap((id) => (withIntervals.includes(id) ? [id, `${id}Low`, `${id}High`] : [id])),
  ];
  const values = (v: FairnessReportData["overall"]) =>
    ids.flatMap((id) => {
      const e = v[id];
      return withIntervals.includes(id)
        ? [e?.value ?? null, e?.interval?.lower ?? null, e?.interval?.upper ?? null]
        : [e?.value ?? null];
    });
  const total = report.groups.reduce((s, g) => s + g.count, 0);
  const rows = [
    ["overall", total, "false", "false", ...values(report.overall)],
    ...report.groups.map((g) => [
      g.label,
      g.count,
      String(g.small),
      String(g === reference),
      ...values(g.values),
    ]),
  ];
  return `${[header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}
