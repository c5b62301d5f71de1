/**
 * The report's tables as rows of formatted strings, shared by the text, Markdown and HTML
 * renderers (each escapes the cells for its format).
 */
import { formatEstimate, formatValue } from "../format.js";
import { referenceGroup } from "../referenceGroup.js";
import type { Estimate, FairnessReportData } from "../types.js";

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

/** Interval methods that are exact (marked † in tables). */
const EXACT = new Set(["clopperPearson", "simultaneousClopperPearson"]);

/**
 * One cell: the value, its counts `(k/n)` when asked, `*` when its denominator is small, its
 * interval `[l, u]` when asked (`†` when exact); `suppressed` for a withheld value.
 */
export function formatCell(
  e: Estimate | undefined,
  options: { readonly intervals: boolean; readonly counts: boolean },
): string {
  if (e?.suppressed) return "suppressed";
  const value = formatValue(e?.value ?? null);
  const counts =
    options.counts && e?.numerator !== undefined && e.denominator !== undefined
      ? ` (${formatValue(e.numerator, 0)}/${formatValue(e.denominator, 0)})`
      : "";
  const mark = e?.small ? "*" : "";
  const i = e?.interval;
  const interval =
    options.intervals && i
      ? ` [${formatValue(i.lower)}, ${formatValue(i.upper)}]${EXACT.has(i.method) ? "†" : ""}`
      : "";
  return `${value}${mark}${counts}${interval}`;
}

/**
 * Groups × metrics (the overall row first), with intervals as `[lower, upper]` and counts as
 * `(k/n)` when asked.
 */
export function groupTable(
  report: FairnessReportData,
  withIntervals = true,
  withCounts = true,
): Table {
  const ids = report.metrics.map((m) => m.id);
  const reference = referenceGroup(report);
  const cell = (e: FairnessReportData["overall"][string] | undefined, id: string) =>
    id === "count"
      ? formatValue(e?.value ?? null, 0)
      : formatCell(e, { intervals: withIntervals, counts: withCounts });
  const rows = [
    ["overall", ...ids.map((id) => cell(report.overall[id], id))],
    ...report.groups.map((g) => [g.label, ...ids.map((id) => cell(g.values[id], id))]),
  ];
  const notes = [
    "",
    ...report.groups.map((g) =>
      [
        g === reference ? "reference" : "",
        g.suppressed ? "suppressed" : g.small ? (g.count === 0 ? "empty" : "small") : "",
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

/** Every rate whose own denominator is below `minDenominator`: group, metric, k/n, interval. */
export function smallRateTable(report: FairnessReportData): Table {
  const names = new Map(report.metrics.map((m) => [m.id, m.name]));
  const rows = report.groups.flatMap((g) =>
    Object.entries(g.values).flatMap(([id, e]) =>
      e.small && e.denominator !== undefined && e.denominator > 0
        ? [
            [
              g.label,
              names.get(id) ?? id,
              `${formatValue(e.numerator ?? null, 0)}/${formatValue(e.denominator, 0)}`,
              formatValue(e.value),
              e.interval
                ? `[${formatValue(e.interval.lower)}, ${formatValue(e.interval.upper)}]`
                : "",
              e.interval?.method ?? "",
            ],
          ]
        : [],
    ),
  );
  return {
    header: ["group", "metric", "k/n", "value", "95% interval", "method"],
    rows,
    numeric: [false, false, true, true, true, false],
    notes: rows.map(() => ""),
  };
}

/** How to read the table marks and interval methods. */
export function marksLegend(report: FairnessReportData): string {
  const min = report.metadata.options.minDenominator ?? 30;
  return (
    `* the rate's own denominator is below ${min} (k/n shows it); † exact interval ` +
    "(Clopper–Pearson, or simultaneous Clopper–Pearson for disparities); other rate intervals are " +
    "the wider of the bootstrap and Clopper–Pearson intervals (hybrid)."
  );
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
      formatCell(d.betweenGroups.difference, { intervals: true, counts: false }),
      formatCell(d.betweenGroups.ratio, { intervals: true, counts: false }),
    ]),
    numeric: [false, true, true, true, true],
    notes: report.disparities.map(() => ""),
  };
}

/** The named criteria with their values. */
export function criteriaTable(report: FairnessReportData): Table {
  return {
    header: ["criterion", "value", "ideal", "interval method"],
    rows: report.criteria.map((c) => [
      c.name,
      formatEstimate(c.interval ? { value: c.value, interval: c.interval } : { value: c.value }),
      String(c.ideal),
      c.interval?.method ?? "",
    ]),
    numeric: [false, true, true, false],
    notes: report.criteria.map(() => ""),
  };
}

/** The legend of the short metric headers used in a table. */
export function legend(report: FairnessReportData): string {
  return report.metrics.map((m) => `${shortName(m.id)} = ${m.name}`).join("; ");
}

/** Each group's share of the rows against the reference population, with the flags. */
export function representationTable(report: FairnessReportData): Table {
  const section = report.representation;
  const pct = (v: number | null) => (v === null ? "n/a" : `${formatValue(v * 100, 1)}%`);
  const rows = (section?.groups ?? []).map((r) => [
    r.group,
    formatValue(r.count, 0),
    `${pct(r.share.value)} [${pct(r.share.interval?.lower ?? null)}, ${pct(r.share.interval?.upper ?? null)}]`,
    r.notInReference ? "not in reference" : pct(r.referenceShare),
    formatValue(r.adjustedPValue),
    r.underRepresented ? "under" : r.overRepresented ? "over" : "",
  ]);
  return {
    header: ["group", "rows", "share", "reference", "Holm p", "represented"],
    rows,
    numeric: [false, true, true, true, true, false],
    notes: rows.map(() => ""),
  };
}

/** The notes of the disparities and criteria (suppressed groups left out), once each. */
export function aggregateNotes(report: FairnessReportData): string[] {
  return [
    ...new Set(
      [...report.disparities.map((d) => d.note), ...report.criteria.map((c) => c.note)].filter(
        (n): n is string => n !== undefined,
      ),
    ),
  ].map((n) => `Note: ${n} of every disparity and criterion.`);
}

/** Each group's metrics under the standardisation weights, with its effective sample size. */
export function standardizationTable(report: FairnessReportData): Table {
  const section = report.standardization;
  const ids = Object.keys(section?.overall ?? {}).filter((id) => id !== "count");
  const rows = [
    ["overall", "", ...ids.map((id) => formatValue(section?.overall[id]?.value ?? null))],
    ...(section?.groups ?? []).map((g) => [
      g.group,
      formatValue(g.effectiveSampleSize, 0),
      ...ids.map((id) => formatValue(g.values[id]?.value ?? null)),
    ]),
  ];
  return {
    header: ["group", "eff. n", ...ids.map(shortName)],
    rows,
    numeric: [false, true, ...ids.map(() => true)],
    notes: rows.map(() => ""),
  };
}

/** Each group's metrics under soft membership beside the hard (argmax) assignment. */
export function softMembershipTable(report: FairnessReportData): Table {
  const section = report.softMembership;
  const ids = Object.keys(section?.differences ?? {});
  const rows = [
    ...(section?.groups ?? []).map((g) => [
      g.group,
      `${formatValue(g.expectedCount, 1)} / ${g.hardCount}`,
      ...ids.map(
        (id) =>
          `${formatCell(g.values[id], { intervals: false, counts: false })} / ${formatValue(g.hardValues[id]?.value ?? null)}`,
      ),
    ]),
    [
      "max − min",
      "",
      ...ids.map(
        (id) =>
          `${formatValue(section?.differences[id]?.soft.value ?? null)} / ${formatValue(section?.differences[id]?.hard.value ?? null)}`,
      ),
    ],
  ];
  return {
    header: ["group", "n soft / hard", ...ids.map(shortName)],
    rows,
    numeric: [false, true, ...ids.map(() => true)],
    notes: rows.map(() => ""),
  };
}
