/**
 * The report's tables as rows of formatted strings, shared by the text, Markdown and HTML
 * renderers (each escapes the cells for its format).
 */
import { formatValue } from "../format.js";
import { referenceGroup } from "../referenceGroup.js";
import type { Estimate, FairnessReportData, Interval } from "../types.js";

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

/** The cell text of a value given no interval (method `none`). */
const NO_INTERVAL = "[no CI]";

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
    !options.intervals || !i
      ? ""
      : i.method === "none"
        ? ` ${NO_INTERVAL}`
        : ` [${formatValue(i.lower)}, ${formatValue(i.upper)}]${EXACT.has(i.method) ? "†" : ""}`;
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

/** Every interval the report's values, disparities and criteria carry. */
function reportIntervals(report: FairnessReportData): Interval[] {
  const estimates: Estimate[] = [
    ...Object.values(report.overall),
    ...report.groups.flatMap((g) => Object.values(g.values)),
    ...report.disparities.flatMap((d) => [
      d.difference,
      d.ratio,
      d.betweenGroups.difference,
      d.betweenGroups.ratio,
      ...d.gaps.flatMap((gap) => [gap.difference, gap.ratio]),
    ]),
  ];
  return [
    ...estimates.flatMap((e) => (e.interval ? [e.interval] : [])),
    ...report.criteria.flatMap((c) => (c.interval ? [c.interval] : [])),
  ];
}

/**
 * Whether any group value is a rate with its own denominator (its `k/n`), as the rates of a
 * binary audit are.
 */
export function hasRateDenominators(report: FairnessReportData): boolean {
  return report.groups.some((g) =>
    Object.values(g.values).some((e) => e.denominator !== undefined),
  );
}

/**
 * How to read the table marks and the intervals the report carries, from each interval's
 * `method` and `reason`: exact (Clopper–Pearson), hybrid, percentile bootstrap, and none for a
 * group too small to resample. Empty when there is nothing to explain.
 */
export function marksLegend(report: FairnessReportData): string {
  const intervals = reportIntervals(report);
  const methods = new Set(intervals.map((i) => i.method));
  const options = report.metadata.options;
  const parts: string[] = [];
  if (hasRateDenominators(report)) {
    parts.push(
      `* the rate's own denominator is below ${options.minDenominator ?? 30} (k/n shows it)`,
    );
  }
  const exact = [...methods].some((m) => EXACT.has(m));
  if (exact) {
    parts.push(
      "† exact interval (Clopper–Pearson, or simultaneous Clopper–Pearson for disparities)",
    );
  }
  if (methods.has("hybrid")) {
    parts.push(
      `${exact ? "other rate intervals" : "rate intervals"} are the wider of the bootstrap and Clopper–Pearson intervals (hybrid)`,
    );
  }
  if ([...methods].some((m) => m.startsWith("percentileBootstrap"))) {
    const replicates = options.intervals ? ` of ${options.intervals.nBoot} replicates` : "";
    parts.push(
      `${exact || methods.has("hybrid") ? "the remaining intervals are" : "intervals are"} percentile bootstrap intervals${replicates}, rows redrawn within each group`,
    );
  }
  if (intervals.some((i) => i.method === "none" && i.reason === "smallDenominator")) {
    parts.push(
      `${NO_INTERVAL}: no interval for a group of fewer than ${Math.max(options.minGroupSize, 2)} rows, nor for the comparisons and criteria while any group is that small (redrawing so few rows would give a falsely narrow interval)`,
    );
  }
  const text = parts.join("; ");
  return text === "" ? "" : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Disparities: per metric, the largest gap to the reference and between groups. */
export function disparityTable(report: FairnessReportData): Table {
  const names = new Map(report.metrics.map((m) => [m.id, m.name]));
  return {
    header: ["metric", "max |gap| to ref", "min ratio to ref", "max − min", "min / max"],
    rows: report.disparities.map((d) => [
      names.get(d.metric) ?? d.metric,
      formatCell(d.difference, { intervals: true, counts: false }),
      formatCell(d.ratio, { intervals: true, counts: false }),
      formatCell(d.betweenGroups.difference, { intervals: true, counts: false }),
      formatCell(d.betweenGroups.ratio, { intervals: true, counts: false }),
    ]),
    numeric: [false, true, true, true, true],
    notes: report.disparities.map(() => ""),
  };
}

/**
 * The named criteria with their values; with a column of each class's value (one-vs-rest) when
 * a criterion has them (multiclass criteria).
 */
export function criteriaTable(report: FairnessReportData): Table {
  const byClass = report.criteria.some((c) => c.byClass !== undefined);
  const classes = (c: FairnessReportData["criteria"][number]) =>
    (c.byClass ?? []).map((v) => `${String(v.class)} ${formatValue(v.value)}`).join("; ");
  return {
    header: ["criterion", "value", "ideal", "interval method", ...(byClass ? ["by class"] : [])],
    rows: report.criteria.map((c) => [
      c.name,
      formatCell(c.interval ? { value: c.value, interval: c.interval } : { value: c.value }, {
        intervals: true,
        counts: false,
      }),
      String(c.ideal),
      c.interval?.method ?? "",
      ...(byClass ? [classes(c)] : []),
    ]),
    numeric: [false, true, true, false, ...(byClass ? [false] : [])],
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
