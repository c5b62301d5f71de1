/**
 * The report's calibration and clinical sections as tables and sentences, shared by the text,
 * Markdown and HTML renderers: calibration numbers by group (ECE, slope, intercept, O/E, ICI),
 * the calibration verdicts, net benefit at the decision thresholds and its gaps, and
 * time-to-event concordance.
 */
import { formatEstimate, formatValue } from "../format.js";
import type { Estimate, FairnessReportData } from "../types.js";
import type { Table } from "./tables.js";

/** One section: a title, an optional table and sentences after it. */
export interface ReportSection {
  /** The section's heading. */
  readonly title: string;
  /** Its table, when it has one. */
  readonly table: Table | undefined;
  /** Sentences (one paragraph or list item each). */
  readonly sentences: readonly string[];
}

const plain = (rows: readonly (readonly string[])[]) => rows.map(() => "");

/** Calibration numbers by group: the binned measures with the hierarchy's when present. */
function calibrationSection(report: FairnessReportData): ReportSection | undefined {
  const binned = report.calibration;
  const hierarchy = report.calibrationHierarchy;
  if (binned === undefined && hierarchy === undefined) return undefined;
  const labels = (binned?.groups ?? hierarchy?.groups ?? []).map((g) => g.group);
  const byLabel = new Map(hierarchy?.groups.map((g) => [g.group, g]));
  const metricsOf = new Map(binned?.groups.map((g) => [g.group, g.metrics]));
  const value = (e: Estimate | undefined) => formatValue(e?.value ?? null);
  const rows = labels.map((label) => {
    const m = metricsOf.get(label);
    const h = byLabel.get(label);
    return [
      label,
      value(m?.expectedCalibrationError),
      h ? formatEstimate(h.calibrationSlope, 2) : formatValue(m?.calibrationSlope?.value, 2),
      h
        ? formatEstimate(h.calibrationIntercept, 2)
        : formatValue(m?.calibrationIntercept?.value, 2),
      h ? formatEstimate(h.observedExpected, 2) : formatValue(m?.observedExpectedRatio?.value, 2),
      ...(hierarchy ? [formatEstimate(h?.ici), value(h?.e90), h?.level ?? "n/a"] : []),
    ];
  });
  return {
    title: "Calibration by group",
    table: {
      header: [
        "group",
        "ECE",
        "slope",
        "intercept",
        "O/E",
        ...(hierarchy ? ["ICI", "E90", "level"] : []),
      ],
      rows,
      numeric: [false, true, true, true, true, ...(hierarchy ? [true, true, false] : [])],
      notes: plain(rows),
    },
    sentences: hierarchy
      ? hierarchy.groups.map((g) => `${g.group}: ${g.verdict}`)
      : [
          "ECE: expected calibration error on equal-width bins; slope and intercept of logit P(y) = a + b · logit(p); O/E: observed / expected events.",
        ],
  };
}

/** Net benefit at the decision thresholds, and the gaps between groups. */
function netBenefitSections(report: FairnessReportData): ReportSection[] {
  const nb = report.netBenefit;
  if (nb === undefined) return [];
  const rows = nb.groups.flatMap((g) =>
    g.atThresholds.map((p) => [
      g.group,
      formatValue(p.threshold, 2),
      formatEstimate(p.netBenefit),
      formatValue(p.treatAll),
      formatValue(p.standardizedNetBenefit),
      formatValue(p.interventionsAvoidedPer100, 1),
    ]),
  );
  const gapRows = nb.gaps.map((gap) => [
    formatValue(gap.threshold, 2),
    formatEstimate(gap.difference),
    gap.best,
    gap.worst,
  ]);
  return [
    {
      title: "Net benefit at the decision thresholds",
      table: {
        header: ["group", "pt", "net benefit", "treat all", "standardized", "avoided/100"],
        rows,
        numeric: [false, true, true, true, true, true],
        notes: plain(rows),
      },
      sentences: [
        "Net benefit = TP/n − FP/n · pt/(1 − pt) when treating patients with risk ≥ pt; treat none = 0; standardized = net benefit / prevalence; avoided/100 = net interventions avoided per 100 patients compared with treating all.",
      ],
    },
    {
      title: "Net benefit gap between groups",
      table: {
        header: ["pt", "max − min", "highest", "lowest"],
        rows: gapRows,
        numeric: [true, true, false, false],
        notes: plain(gapRows),
      },
      sentences: [],
    },
  ];
}

/** Time-to-event concordance and calibration at the horizon. */
function survivalSection(report: FairnessReportData): ReportSection | undefined {
  const s = report.survival;
  if (s === undefined) return undefined;
  const rows = s.groups.map((g) => [
    g.group,
    formatValue(g.count, 0),
    formatValue(g.events, 0),
    formatEstimate(g.harrell),
    formatEstimate(g.uno),
    formatEstimate(g.observedRisk),
    formatValue(g.predictedRisk),
  ]);
  const pairs = s.matrixGroups.flatMap((a, i) =>
    s.matrixGroups.flatMap((b, j) =>
      i === j ? [] : [`${a} events vs later ${b}: ${formatValue(s.harrellMatrix[i]?.[j] ?? null)}`],
    ),
  );
  return {
    title: `Time to event (horizon ${formatValue(s.horizon)})`,
    table: {
      header: ["group", "n", "events", "Harrell C", "Uno C", "observed risk", "predicted risk"],
      rows,
      numeric: [false, true, true, true, true, true, true],
      notes: plain(rows),
    },
    sentences:
      pairs.length > 0 ? [`Cross-group concordance (Harrell's C): ${pairs.join("; ")}.`] : [],
  };
}

/** The calibration and clinical sections present in the report, in reading order. */
export function clinicalSections(report: FairnessReportData): ReportSection[] {
  return [
    calibrationSection(report),
    ...netBenefitSections(report),
    survivalSection(report),
  ].filter((s): s is ReportSection => s !== undefined);
}
