/**
 * The report's optional sections from the uncertainty and calibration modules: intervals on
 * values, gaps, disparities and criteria; reliability diagrams and calibration metrics; notes
 * on criteria that cannot hold together.
 */
import { type CalibrationSummary, calibrationByGroupOfColumns } from "../calibration/byGroup.js";
import { chouldechovaNote } from "../calibration/impossibility.js";
import type { Columns } from "../data/columns.js";
import { groupId, groupLabel } from "../data/levels.js";
import { getMetric, type MetricId } from "../metrics/registry.js";
import { confusionOf, countConfusion } from "../stats/confusion.js";
import type { BootstrapEstimate } from "../uncertainty/bootstrapInterval.js";
import { bootstrapGroupMetricsOfColumns } from "../uncertainty/groupBootstrap.js";
import { newcombeDifferenceInterval } from "../uncertainty/proportion.js";
import type {
  CalibrationSection,
  Estimate,
  ImpossibilityNote,
  Interval,
  ReliabilityBin,
} from "./types.js";

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** What the bootstrap adds to the report, by group (its {@link groupId}), metric id and criterion id. */
export interface IntervalSection {
  readonly overall: Readonly<Record<string, Interval>>;
  readonly byGroup: ReadonlyMap<string, Readonly<Record<string, Interval>>>;
  readonly betweenGroups: Readonly<Record<string, { difference: Interval; ratio: Interval }>>;
  readonly criteria: Readonly<Record<string, Interval>>;
  readonly method: string;
}

function toInterval(e: BootstrapEstimate, method: string): Interval | undefined {
  const b = e.intervals[0];
  if (b === undefined) return undefined;
  return { lower: num(b.lower), upper: num(b.upper), level: b.level, method };
}

/**
 * Stratified bootstrap intervals (percentile) for every group's value, the between-group
 * difference and ratio of each metric, and the named criteria. Method `percentileBootstrap`, or
 * `percentileBootstrapNormalWeightSums` where weighted cell sums were partly drawn from the
 * normal approximation (see `weightedCountReplicates`).
 */
export function bootstrapIntervals(
  columns: Columns,
  metrics: readonly MetricId[],
  options: { level: number; nBoot: number; seed: number; minGroupSize: number },
): IntervalSection {
  const result = bootstrapGroupMetricsOfColumns(columns, {
    metrics,
    level: options.level,
    nBoot: options.nBoot,
    seed: options.seed,
    minGroupSize: options.minGroupSize,
  });
  // Weighted count metrics whose cell sums were partly drawn from the normal approximation say
  // so in their method; the criteria are drawn in the same block as the weighted count metrics.
  const exact = `${result.provenance.method}Bootstrap`;
  const approximate = `${exact}NormalWeightSums`;
  const methodOf = (id: string) =>
    result.provenance.resampling[id] === "weightedNormal" ? approximate : exact;
  const method = metrics.some((id) => methodOf(id) === approximate) ? approximate : exact;
  const pick = (f: (id: string) => BootstrapEstimate) =>
    Object.fromEntries(
      metrics.flatMap((id) => {
        const i = toInterval(f(id), methodOf(id));
        return i ? [[id, i]] : [];
      }),
    );
  const byGroup = new Map(
    result.groups.map((g, index) => [
      groupId(g.key),
      pick((id) => result.metrics[id]!.byGroup[index]!),
    ]),
  );
  const betweenGroups = Object.fromEntries(
    metrics.map((id) => [
      id,
      {
        difference: toInterval(result.metrics[id]!.difference, methodOf(id))!,
        ratio: toInterval(result.metrics[id]!.ratio, methodOf(id))!,
      },
    ]),
  );
  const criteria: Record<string, Interval> = {};
  for (const [id, e] of Object.entries(result.criteria ?? {})) {
    const i = e === undefined ? undefined : toInterval(e.betweenGroups, method);
    if (i) criteria[id] = i;
  }
  return {
    overall: pick((id) => result.metrics[id]!.overall),
    byGroup,
    betweenGroups,
    criteria,
    method,
  };
}

/**
 * Newcombe's interval for each group's gap `p_g − p_ref` of a proportion metric against the
 * reference group (unweighted data; independent groups). Keyed by metric id then group (its
 * {@link groupId}).
 */
export function gapIntervals(
  columns: Columns,
  metrics: readonly string[],
  reference: number,
  level: number,
): Map<string, Map<string, Interval>> {
  const out = new Map<string, Map<string, Interval>>();
  if (columns.weight !== undefined || columns.pred === undefined) return out;
  const stats = countConfusion(columns);
  const k = columns.groups.keys.length;
  const ref = confusionOf(stats, reference);
  for (const id of metrics) {
    const m = getMetric(id);
    if (m?.input !== "counts" || m.proportion === undefined) continue;
    const { numerator, denominator } = m.proportion;
    const byGroup = new Map<string, Interval>();
    for (let g = 0; g < k; g++) {
      if (g === reference) continue;
      const c = confusionOf(stats, g);
      if (denominator(c) === 0 || denominator(ref) === 0) continue;
      const i = newcombeDifferenceInterval(
        numerator(c),
        denominator(c),
        numerator(ref),
        denominator(ref),
        level,
      );
      byGroup.set(groupId(columns.groups.keys[g]!), {
        lower: num(i.lower),
        upper: num(i.upper),
        level,
        method: "newcombe",
      });
    }
    out.set(id, byGroup);
  }
  return out;
}

function summaryMetrics(s: CalibrationSummary): Record<string, Estimate> {
  return {
    expectedCalibrationError: { value: num(s.expectedCalibrationError) },
    maximumCalibrationError: { value: num(s.maximumCalibrationError) },
    calibrationInTheLarge: { value: num(s.calibrationInTheLarge) },
    observedExpectedRatio: { value: num(s.observedExpectedRatio) },
    calibrationSlope: { value: num(s.recalibration.slope) },
    calibrationIntercept: { value: num(s.calibrationIntercept.intercept) },
    hosmerLemeshowPValue: { value: num(s.hosmerLemeshow.pValue) },
  };
}

function bins(s: CalibrationSummary, level: number): ReliabilityBin[] {
  return s.curve.bins.map((b) => ({
    low: b.lower,
    high: b.upper,
    count: b.count,
    meanPredicted: num(b.meanPredicted),
    observedRate: num(b.observedRate),
    interval: { lower: num(b.observedLow), upper: num(b.observedHigh), level, method: "wilson" },
  }));
}

/** Reliability diagrams and calibration metrics overall and per group, with the module's notes. */
export function calibrationSection(
  columns: Columns,
  binCount: number,
): { section: CalibrationSection; notes: ImpossibilityNote[] } {
  const alpha = 0.05;
  const result = calibrationByGroupOfColumns(columns, { bins: binCount, alpha });
  const level = 1 - alpha;
  return {
    section: {
      binning: "uniform",
      bins: binCount,
      groups: [
        {
          group: "overall",
          bins: bins(result.overall, level),
          metrics: summaryMetrics(result.overall),
        },
        ...result.byGroup.flatMap((g) =>
          g.summary
            ? [{ group: g.label, bins: bins(g.summary, level), metrics: summaryMetrics(g.summary) }]
            : [],
        ),
      ],
    },
    notes: result.notes.map((n) => ({ code: n.code, text: n.message })),
  };
}

/** The Chouldechova note from hard predictions (when there are no probability scores). */
export function predictionNotes(columns: Columns): ImpossibilityNote[] {
  if (columns.pred === undefined) return [];
  const stats = countConfusion(columns);
  const note = chouldechovaNote(
    columns.groups.keys.map((key, g) => ({
      group: groupLabel(key),
      counts: confusionOf(stats, g),
    })),
  );
  return note ? [{ code: note.code, text: note.message }] : [];
}
