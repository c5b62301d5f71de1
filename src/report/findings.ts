/**
 * Plain-language findings a person can act on: one headline per criterion naming the
 * worst-served group, then each gap of each metric as a harm, an advantage or a difference
 * (complementary metrics such as TPR and FNR give one finding), calibration and representation
 * findings, and the notes on criteria that cannot hold together. Sentences carry the counts a
 * rate rests on and say when they are few.
 */
import { formatInterval, formatValue, inSentence } from "./format.js";
import { referenceGroup } from "./referenceGroup.js";
import type { Estimate, FairnessReportData, Finding, GroupResult, Interval } from "./types.js";

/** Gap sizes at which findings become warnings and notices. */
export interface FindingThresholds {
  /** Gaps at least this large are warnings. @defaultValue 0.1 */
  readonly warningGap?: number;
  /** Gaps at least this large are notices. @defaultValue 0.05 */
  readonly noticeGap?: number;
}

/** Default finding thresholds (for metrics bounded in [0, 1]). */
export const DEFAULT_FINDING_THRESHOLDS: Required<FindingThresholds> = {
  warningGap: 0.1,
  noticeGap: 0.05,
};

/** Pairs whose second metric is 1 − the first: one finding, stated on the first. */
const COMPLEMENTS: readonly (readonly [string, string])[] = [
  ["truePositiveRate", "falseNegativeRate"],
  ["falsePositiveRate", "trueNegativeRate"],
  ["accuracy", "errorRate"],
  ["precision", "falseDiscoveryRate"],
  ["negativePredictiveValue", "falseOmissionRate"],
];

/** What a rate's denominator counts, for sentences ("3 positives"). */
const DENOMINATOR_NAME: Readonly<Record<string, string>> = {
  truePositiveRate: "positives",
  falseNegativeRate: "positives",
  falsePositiveRate: "negatives",
  trueNegativeRate: "negatives",
  precision: "predicted positives",
  falseDiscoveryRate: "predicted positives",
  negativePredictiveValue: "predicted negatives",
  falseOmissionRate: "predicted negatives",
};

const RANK = { warning: 0, notice: 1, info: 2 } as const;

/** A report before its findings are written. */
export type ReportDraft = Omit<FairnessReportData, "findings">;

/** `0.000 (0/3)`: a value with the counts it rests on, when known. */
function withCounts(e: Estimate | undefined): string {
  if (e === undefined) return "n/a";
  if (e.suppressed) return "suppressed";
  const counts =
    e.numerator !== undefined && e.denominator !== undefined
      ? ` (${formatValue(e.numerator, 0)}/${formatValue(e.denominator, 0)})`
      : "";
  return `${formatValue(e.value)}${counts}`;
}

/** The interval of a gap stated in the gap's direction (sizes are positive). */
function directed(interval: Interval | undefined, diff: number): Interval | undefined {
  if (interval === undefined || diff >= 0) return interval;
  return {
    ...interval,
    lower: interval.upper === null ? null : -interval.upper,
    upper: interval.lower === null ? null : -interval.lower,
  };
}

const includesZero = (i: Interval | undefined) =>
  i !== undefined && i.lower !== null && i.upper !== null && i.lower <= 0 && i.upper >= 0;

/** The sentence saying a rate rests on few rows, or "". */
function fewNote(metric: string, group: string, e: Estimate | undefined, minDenominator: number) {
  if (!e?.small || e.denominator === undefined) return "";
  const what = DENOMINATOR_NAME[metric] ?? "rows";
  const n = e.denominator;
  const noun = n === 1 ? what.replace(/s$/, "") : what;
  const exact =
    e.interval?.method === "clopperPearson"
      ? "; its interval is exact (Clopper–Pearson) and wide"
      : "";
  return ` The rate for ${group} rests on only ${formatValue(n, 0)} ${noun} (fewer than ${minDenominator})${exact}.`;
}

interface Ranked {
  readonly finding: Finding;
  readonly size: number;
  readonly order: number;
}

/**
 * The findings of a report, in this order: one headline per difference criterion (who is worst
 * served, with the counts and the gap's interval); representation flags; then one finding per
 * (metric, group) gap to the reference — a `harm` when the group is served worse (lower where
 * higher is better, or higher where lower is better), an `advantage` when better (always
 * `info`: not a problem), a `difference` for metrics with no better direction (selection rate);
 * complementary metrics (TPR/FNR, FPR/TNR, accuracy/error rate, PPV/FDR, NPV/FOR) give one
 * finding, on the first of the pair, and a gap already stated by a headline is not repeated; then calibration findings and the impossibility notes.
 * Severity of a harm or difference: `warning` when |gap| ≥ `warningGap` (0.1), `notice` when
 * ≥ `noticeGap` (0.05), else `info`; `info` too when the gap's interval includes 0, or when the
 * group is below `minGroupSize` and there is no interval. A sentence whose rate rests on a
 * denominator below `minDenominator` says so. Suppressed groups give no gap findings.
 *
 * Cost: O(metrics × groups).
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] }, { minGroupSize: 0 });
 * findingsOf(report)[1].text;
 * // => "The worst-served group for equal opportunity is b: TPR 0.000 (0/1) vs 1.000 (1/1) for the reference a; gap 1.000, 95% CI -0.122 to 1.000. The rate for b rests on only 1 positive (fewer than 30); its interval is exact (Clopper–Pearson) and wide."
 */
export function findingsOf(report: ReportDraft, thresholds: FindingThresholds = {}): Finding[] {
  const options = report.metadata.options;
  const warningGap =
    thresholds.warningGap ?? options.findings?.warningGap ?? DEFAULT_FINDING_THRESHOLDS.warningGap;
  const noticeGap =
    thresholds.noticeGap ?? options.findings?.noticeGap ?? DEFAULT_FINDING_THRESHOLDS.noticeGap;
  const minDenominator = options.minDenominator ?? 30;
  const info = new Map(report.metrics.map((m) => [m.id, m]));
  const present = new Set(report.disparities.map((d) => d.metric));
  const complementOf = new Map<string, string>();
  for (const [a, b] of COMPLEMENTS) {
    if (present.has(a) && present.has(b)) complementOf.set(a, b);
  }
  const skipped = new Set(complementOf.values());
  const refGroup = referenceGroup(report);
  // Each metric's gaps list the groups with rows other than the reference, in order: a gap's
  // group is found by its position, never by its label (distinct groups may share one).
  const compared = report.groups.filter((g) => g.count > 0 && g !== refGroup);
  const reference = refGroup?.label ?? "overall";
  const refValues = refGroup === undefined ? report.overall : refGroup.values;
  const versus = refGroup === undefined ? "overall" : `for ${refGroup.label}`;
  const severityOf = (size: number, interval: Interval | undefined, group?: GroupResult) =>
    includesZero(interval) || (interval === undefined && group?.small === true)
      ? ("info" as const)
      : size >= warningGap
        ? ("warning" as const)
        : size >= noticeGap
          ? ("notice" as const)
          : ("info" as const);

  const headlines: Ranked[] = [];
  for (const c of report.criteria) {
    if (c.comparison !== "difference") continue;
    const concept = inSentence(c.name.replace(/ difference$/, ""));
    let worst:
      | {
          metric: string;
          group: string;
          result?: GroupResult;
          harm: number;
          diff: number;
          interval?: Interval;
        }
      | undefined;
    for (const id of c.metrics) {
      const d = report.disparities.find((x) => x.metric === id);
      const better = info.get(id)?.better ?? "neither";
      for (const [j, gap] of (d?.gaps ?? []).entries()) {
        const diff = gap.difference.value;
        if (diff === null || gap.difference.suppressed) continue;
        const harm = better === "higher" ? -diff : better === "lower" ? diff : Math.abs(diff);
        if (worst === undefined || harm > worst.harm) {
          worst = {
            metric: id,
            group: gap.group,
            ...(compared[j] ? { result: compared[j] } : {}),
            harm,
            diff,
            ...(gap.difference.interval ? { interval: gap.difference.interval } : {}),
          };
        }
      }
    }
    if (worst === undefined) continue;
    const short = shortMetric(worst.metric, info.get(worst.metric)?.name);
    const own = worst.result?.values[worst.metric];
    const ref = refValues[worst.metric];
    if (worst.harm <= 0) {
      headlines.push({
        finding: {
          severity: "info",
          kind: "note",
          headline: true,
          criterion: c.id,
          metric: worst.metric,
          text: `No group is served worse than the reference ${reference} for ${concept}.`,
        },
        size: 0,
        order: headlines.length,
      });
      continue;
    }
    const directionWord = (info.get(worst.metric)?.better ?? "neither") === "neither";
    const shown = directed(worst.interval, worst.diff);
    const text =
      `${directionWord ? `The largest ${concept} gap is for` : `The worst-served group for ${concept} is`} ${worst.group}: ` +
      `${short} ${withCounts(own)} vs ${withCounts(ref)} ${refGroup === undefined ? "overall" : `for the reference ${reference}`}; ` +
      `gap ${formatValue(Math.abs(worst.diff))}${shown ? `, ${formatInterval(shown)}` : ""}.` +
      fewNote(worst.metric, worst.group, own, minDenominator);
    headlines.push({
      finding: {
        severity: severityOf(Math.abs(worst.diff), worst.interval, worst.result),
        kind: directionWord ? "difference" : "harm",
        headline: true,
        criterion: c.id,
        metric: worst.metric,
        group: worst.group,
        ...(own?.small ? { small: true } : {}),
        text,
      },
      size: Math.abs(worst.diff),
      order: headlines.length,
    });
  }

  const representation: Finding[] = (report.representation?.groups ?? []).flatMap(
    (r): Finding[] => {
      const pct = (v: number | null) => (v === null ? "n/a" : `${formatValue(v * 100, 1)}%`);
      const p = r.adjustedPValue;
      const shownP = p !== null && p < 0.001 ? "p < 0.001" : `p = ${formatValue(p)}`;
      if (r.notInReference) {
        return [
          {
            severity: "info" as const,
            kind: "representation" as const,
            group: r.group,
            text: `${r.group} has ${r.count} rows but the reference population does not name it.`,
          },
        ];
      }
      if (!r.underRepresented && !r.overRepresented) return [];
      return [
        {
          severity: r.underRepresented ? ("warning" as const) : ("notice" as const),
          kind: "representation" as const,
          group: r.group,
          text:
            `${r.group} is ${r.underRepresented ? "under" : "over"}-represented: ${pct(r.share.value)} of the rows ` +
            `(${r.count}) vs ${pct(r.referenceShare)} of the reference population ` +
            `(Holm-adjusted ${shownP}).`,
        },
      ];
    },
  );

  const inHeadline = new Set(
    headlines.map((h) => `${h.finding.metric}\u0000${h.finding.group ?? ""}`),
  );
  const gaps: Ranked[] = [];
  for (const d of report.disparities) {
    if (skipped.has(d.metric)) continue;
    const name = inSentence(info.get(d.metric)?.name ?? d.metric);
    const better = info.get(d.metric)?.better ?? "neither";
    const complement = complementOf.get(d.metric);
    for (const [j, gap] of d.gaps.entries()) {
      const diff = gap.difference.value;
      if (diff === null || gap.difference.suppressed) continue;
      if (inHeadline.has(`${d.metric}\u0000${gap.group}`)) continue;
      const result = compared[j];
      const own = result?.values[d.metric];
      const ref = refValues[d.metric];
      const interval = gap.difference.interval;
      const size = Math.abs(diff);
      const shown = directed(interval, diff);
      const also =
        complement === undefined
          ? ""
          : ` (so its ${inSentence(info.get(complement)?.name ?? complement)} is ${formatValue(
              result?.values[complement]?.value ?? null,
            )} vs ${formatValue(refValues[complement]?.value ?? null)})`;
      const text =
        diff === 0
          ? `The ${name} for ${gap.group} equals the one ${versus} (${withCounts(own)}).`
          : `The ${name} for ${gap.group} is ${formatValue(size)} ${diff > 0 ? "higher" : "lower"} than ${versus}` +
            `${also}: ${withCounts(own)} vs ${withCounts(ref)}${shown ? `; ${formatInterval(shown)}` : ""}.` +
            fewNote(d.metric, gap.group, own, minDenominator) +
            (result?.small === true && !own?.small
              ? ` ${gap.group} has only ${gap.count} rows.`
              : "");
      const kind =
        better === "neither" || diff === 0
          ? ("difference" as const)
          : (better === "higher") === diff < 0
            ? ("harm" as const)
            : ("advantage" as const);
      gaps.push({
        finding: {
          severity: kind === "advantage" ? "info" : severityOf(size, interval, result),
          kind,
          metric: d.metric,
          group: gap.group,
          ...(own?.small ? { small: true } : {}),
          text,
        },
        size,
        order: gaps.length,
      });
    }
  }
  const kindRank = { harm: 0, difference: 1, advantage: 2 } as Record<string, number>;
  gaps.sort(
    (a, b) =>
      RANK[a.finding.severity] - RANK[b.finding.severity] ||
      (kindRank[a.finding.kind!] ?? 0) - (kindRank[b.finding.kind!] ?? 0) ||
      b.size - a.size ||
      a.order - b.order,
  );
  headlines.sort(
    (a, b) => RANK[a.finding.severity] - RANK[b.finding.severity] || a.order - b.order,
  );
  return [
    ...headlines.map((h) => h.finding),
    ...representation,
    ...gaps.map((g) => g.finding),
    ...calibrationFindings(report, noticeGap, warningGap),
    ...(report.impossibilityNotes ?? []).map((n) => ({
      severity: "info" as const,
      kind: "note" as const,
      text: n.text,
    })),
  ];
}

/** Short metric names for headlines. */
function shortMetric(id: string, name: string | undefined): string {
  const short: Record<string, string> = {
    truePositiveRate: "TPR",
    falsePositiveRate: "FPR",
    falseNegativeRate: "FNR",
    trueNegativeRate: "TNR",
    precision: "PPV",
    selectionRate: "selection rate",
    accuracy: "accuracy",
  };
  return short[id] ?? inSentence(name ?? id);
}

/** The group whose expected calibration error is largest, against the overall one. */
function calibrationFindings(
  report: ReportDraft,
  noticeGap: number,
  warningGap: number,
): Finding[] {
  const section = report.calibration;
  if (section === undefined) return [];
  const ece = (g: (typeof section.groups)[number]) =>
    g.metrics.expectedCalibrationError?.value ?? null;
  // The overall population comes first, by position: a group may be named "overall".
  const [overall, ...groups] = section.groups;
  const suppressed = new Set(report.groups.filter((g) => g.suppressed).map((g) => g.label));
  let worst: (typeof section.groups)[number] | undefined;
  for (const g of groups) {
    if (ece(g) === null || suppressed.has(g.group)) continue;
    if (worst === undefined || ece(g)! > ece(worst)!) worst = g;
  }
  if (worst === undefined) return [];
  const value = ece(worst)!;
  const count = report.groups.find((g) => g.label === worst.group)?.count;
  return [
    {
      severity: value >= warningGap ? "warning" : value >= noticeGap ? "notice" : "info",
      kind: "calibration",
      group: worst.group,
      text:
        `Calibration is worst for ${worst.group}: expected calibration error ${formatValue(value)} ` +
        `vs ${formatValue(overall ? ece(overall) : null)} overall` +
        (count === undefined ? "." : ` (${count} rows).`),
    },
  ];
}
