/**
 * The report's tables as rows of formatted strings, shared by the text, Markdown and HTML
 * renderers (each escapes the cells for its format).
 */
import { formatEstimate, formatValue } from "../format.js";
import type { FairnessReportData } from "../schema.js";

/** Short column headers for the built-in metrics (the legend gives the full names). */
const SHORT: Readonly<Record<string, string>> = {
  count: "n",
  weightedCount: "weight",
  baseRate: "base",
  selectionRate: "sel",
  truePositiveRate: "TPR",
  falsePositiveRate: "FPR",
  trueNegativeRate: "TNR",
  falseNegativeRate: "FNR",
  precision: "PPV",
  negativePredictiveValue: "NPV",
  falseDiscoveryRate: "FDR",
  falseOmissionRate: "FOR",
  accuracy: "acc",
  errorRate: "err",
  balancedAccuracy: "bal acc",
  f1Score: "F1",
  matthewsCorrelation: "MCC",
  rocAuc: "AUC",
  averagePrecision: "AP",
  meanPrediction: "mean",
  brierScore: "Brier",
  logLoss: "log loss",
};

/** A table: header cells, body rows, and which columns are numeric (right-aligned). */
export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly numeric: readonly boolean[];
  /** Per body row: whether the row is a flagged (small or reference) group. */
  readonly notes: readonly string[];
}

/** Short header of a metric id. */
export function shortName(id: string): string {
  return SHORT[id] ?? id;
}

/** Groups × metrics (the overall row first), with intervals as `[lower, upper]` when asked. */
export function groupTable(report: FairnessReportData, withIntervals = true): Table {
  const ids = report.metrics.map((m) => m.id);
  const cell = (e: FairnessReportData["overall"][string] | undefined, id: string) =>
    id === "count"
      ? formatValue(e?.value ?? null, 0)
      : withIntervals
        ? formatEstimate(e)
        : formatValue(e?.value ?? null);
  const rows = [
    ["overall", ...ids.map((id) => cell(report.overall[id], id))],
    ...report.groups.map((g) => [g.label, ...ids.map((id) => cell(g.values[id], id))]),
  ];
  const notes = [
    "",
    ...report.groups.map((g) =>
      [
        g.label === report.reference ? "reference" : "",
        g.small ? (g.count === 0 ? "empty" : "small") : "",
      ]
        .filter(Boolean)
        .join(", "),
    ),
  ];
  return {
    header: ["group", ...ids.map(shortName)],
    rows,
    numeric: [false, ...ids.map(() => true)],
    notes,
  };
}

/** Disparities: per metric, the largest gap to the reference and between groups. */
export function disparityTable(report: FairnessReportData): Table {
  const names = new Map(report.metrics.map((m) => [m.id, m.name]));
  return {
    header: ["metric", "max |gap| to ref", "min ratio to ref", "max − min", "min / max"],
    rows: report.disparities.map((d) => [
      names.get(d.metric) ?? d.metric,
      formatEstimate(d.difference),
      formatEstimate(d.ratio),
      formatEstimate(d.betweenGroups.difference),
      formatEstimate(d.betweenGroups.ratio),
    ]),
    numeric: [false, true, true, true, true],
    notes: report.disparities.map(() => ""),
  };
}

/** The named criteria with their values. */
export function criteriaTable(report: FairnessReportData): Table {
  return {
    header: ["criterion", "value", "ideal"],
    rows: report.criteria.map((c) => [
      c.name,
      formatEstimate(c.interval ? { value: c.value, interval: c.interval } : { value: c.value }),
      String(c.ideal),
    ]),
    numeric: [false, true, true],
    notes: report.criteria.map(() => ""),
  };
}

/** The legend of the short metric headers used in a table. */
export function legend(report: FairnessReportData): string {
  return report.metrics.map((m) => `${shortName(m.id)} = ${m.name}`).join("; ");
}
