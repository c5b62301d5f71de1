/**
 * The bootstrap of prepared columns shared by `bootstrapGroupMetrics` and `groupMetrics(…, { ci })`:
 * count metrics on unweighted counts by the multinomial bootstrap, weighted count metrics and
 * score / user metrics by resampling rows; and the replicates of one metric's per-group values,
 * from which any aggregate's interval is read.
 */
import type { Columns } from "../data/columns.js";
import { evaluateCells, type ResolvedMetric, type ZeroDivision } from "../metrics/evaluate.js";
import type { CountMetric } from "../metrics/types.js";
import { countConfusion } from "../stats/confusion.js";
import { take } from "../stats/partition.js";
import { type BootstrapEstimate, bootstrapInterval, type Jackknife } from "./bootstrapInterval.js";
import {
  AGGREGATES,
  type Aggregate,
  aggregateInto,
  type Block,
  countBlock,
  countSummaryStatistic,
  metricStride,
  type ResolvedBootstrapOptions,
} from "./countBootstrap.js";
import { randomSource } from "./random.js";
import { type CellRows, type RowStatistic, rowJackknife, rowReplicates } from "./resample.js";

/** How a metric's replicates were drawn: multinomial on unweighted confusion counts, or rows. */
export type Resampling = "multinomial" | "rows";

/** Everything `bootstrapColumns` needs besides the columns and metrics. */
export interface ColumnsBootstrapPlan {
  readonly options: ResolvedBootstrapOptions;
  /** Per group, 1 when its values are suppressed. */
  readonly suppressed: Uint8Array;
  /** Reference group index for the toReference aggregates, -1 for none. */
  readonly reference: number;
  readonly zeroDivision: ZeroDivision;
  /** Blocks of the delete-a-group jackknife for BCa on row-resampled metrics. */
  readonly jackknifeBlocks: number;
  /** Whether the criteria statistics are needed (they ride with a count block). */
  readonly criteria: boolean;
}

/** Where a metric's statistics are: its block and the index of its overall value. */
export interface MetricSlot {
  readonly block: Block;
  readonly base: number;
  readonly resampling: Resampling;
}

/** The replicates of every metric (and of the criteria, when asked). */
export interface ColumnsBootstrap {
  readonly k: number;
  readonly metrics: Readonly<Record<string, MetricSlot>>;
  /** Block and index of the first criteria statistic; undefined without predictions or when not asked. */
  readonly criteria: { readonly block: Block; readonly base: number } | undefined;
}

type CountResolved = ResolvedMetric & {
  readonly kind: "builtin";
  readonly definition: CountMetric;
};

const isCountMetric = (m: ResolvedMetric): m is CountResolved =>
  m.kind === "builtin" && m.definition.input === "counts";

/** The per-metric layout of `countSummaryStatistic` (without criteria), for metrics evaluated on rows. */
function rowSummaryStatistic(
  columns: Columns,
  metrics: readonly ResolvedMetric[],
  k: number,
  plan: ColumnsBootstrapPlan,
): { m: number; statistic: RowStatistic } {
  const stride = metricStride(k);
  const m = metrics.length * stride;
  const perGroup = new Float64Array(k);
  const statistic: RowStatistic = (rows, out) => {
    const sample: Columns = {
      ...columns,
      n: rows.length,
      label: take(columns.label, rows),
      pred: columns.pred ? take(columns.pred, rows) : undefined,
      score: columns.score ? take(columns.score, rows) : undefined,
      weight: columns.weight ? take(columns.weight, rows) : undefined,
      group: rows.map((i) => columns.group[i] as number),
      control: undefined,
      sourceRow: undefined,
    };
    const z = plan.zeroDivision;
    const byGroup = evaluateCells(sample, sample.group, k, metrics, z, "coerce");
    const overall = evaluateCells(sample, new Uint32Array(rows.length), 1, metrics, z, "coerce");
    metrics.forEach((metric, j) => {
      const base = j * stride;
      const values = byGroup.values[metric.id] as Float64Array;
      out[base] = overall.values[metric.id]?.[0] as number;
      for (let g = 0; g < k; g++) {
        const v = plan.suppressed[g] ? Number.NaN : (values[g] as number);
        perGroup[g] = v;
        out[base + 1 + g] = v;
      }
      aggregateInto(perGroup, out[base] as number, plan.reference, out, base + k + 1);
    });
  };
  return { m, statistic };
}

/**
 * Bootstraps every metric on prepared columns. Count metrics on unweighted counts (and `count`,
 * which reads row counts) go through the multinomial bootstrap; weighted count metrics resample
 * rows and sum weights per cell; score and user metrics resample rows and re-evaluate. The
 * random source of `options.seed` is split once per block, in that order, so the same seed gives
 * the same replicates. Cost O(n) to count, then O(nBoot · k · metrics) for unweighted count
 * metrics and O(nBoot · (n + metric cost)) for row-resampled ones.
 */
export function bootstrapColumns(
  columns: Columns,
  metrics: readonly ResolvedMetric[],
  plan: ColumnsBootstrapPlan,
): ColumnsBootstrap {
  const { options } = plan;
  const k = columns.groups.keys.length;
  const stride = metricStride(k);
  const counted = metrics.filter(isCountMetric);
  const weighted = counted.filter(
    (m) => columns.weight !== undefined && m.definition.unweighted !== true,
  );
  const unweighted = counted.filter((m) => !weighted.includes(m));
  const byRows = metrics.filter((m) => !isCountMetric(m));
  const pred = columns.pred ?? new Uint8Array(columns.n);
  const confusion = countConfusion({ ...columns, pred });
  const rng = randomSource(options.seed);
  const slots: Record<string, MetricSlot> = {};
  let criteria: ColumnsBootstrap["criteria"];
  const summary = {
    suppressed: plan.suppressed,
    reference: plan.reference,
    zeroDivision: plan.zeroDivision,
  };

  // Criteria ride with the weighted block when weights are given, else with the unweighted one.
  const criteriaWithWeighted = columns.weight !== undefined;
  const addCountBlock = (list: CountResolved[], withWeights: boolean, withCriteria: boolean) => {
    if (list.length === 0 && !withCriteria) return;
    const defs = list.map((m) => m.definition);
    const { m, statistic } = countSummaryStatistic(defs, k, summary);
    let counts = confusion.counts;
    let rows: CellRows | undefined;
    if (withWeights) {
      counts = confusion.weightSum!.map((s, i) => s + confusion.weightComp![i]!);
      const cell = new Uint8Array(columns.n);
      for (let r = 0; r < columns.n; r++) cell[r] = 2 * columns.label[r]! + pred[r]!;
      rows = { cell, group: columns.group, weight: columns.weight!, k };
    }
    const block = countBlock(counts, statistic, m, options, rng.split(), rows);
    list.forEach((metric, j) => {
      slots[metric.id] = {
        block,
        base: j * stride,
        resampling: withWeights ? "rows" : "multinomial",
      };
    });
    if (withCriteria) criteria = { block, base: list.length * stride };
  };
  const withCriteria = plan.criteria && columns.pred !== undefined;
  addCountBlock(unweighted, false, withCriteria && !criteriaWithWeighted);
  addCountBlock(weighted, true, withCriteria && criteriaWithWeighted);

  if (byRows.length > 0) {
    const { m, statistic } = rowSummaryStatistic(columns, byRows, k, plan);
    const resample = { nBoot: options.nBoot, rng: rng.split(), stratified: options.stratified };
    const replicates = rowReplicates(columns.group, k, statistic, m, resample);
    const estimates = new Float64Array(m);
    statistic(
      Uint32Array.from({ length: columns.n }, (_, i) => i),
      estimates,
    );
    const jackknife =
      options.method === "bca"
        ? rowJackknife(columns.n, statistic, m, Math.min(columns.n, plan.jackknifeBlocks))
        : undefined;
    const block = { replicates, estimates, jackknife };
    byRows.forEach((metric, j) => {
      slots[metric.id] = { block, base: j * stride, resampling: "rows" };
    });
  }
  return { k, metrics: slots, criteria };
}

/** The replicates of one statistic, its estimate and (for BCa) its jackknife values. */
export interface StatisticReplicates {
  readonly replicates: Float64Array;
  readonly estimate: number;
  readonly jackknife: Jackknife | undefined;
}

/**
 * A metric's aggregate recomputed from the replicates of its per-group values, with any
 * reference group: replicate b of the aggregate is the aggregate of replicate b's group values
 * (and likewise for the jackknife values, which delete the same rows for every statistic of a
 * block). Cost O(nBoot · k).
 */
export function aggregateReplicates(
  slot: MetricSlot,
  k: number,
  nBoot: number,
  aggregate: Aggregate,
  reference: number,
): StatisticReplicates {
  const { block, base } = slot;
  const index = AGGREGATES.indexOf(aggregate);
  const values = new Float64Array(k);
  const out = new Float64Array(AGGREGATES.length);
  const of = (read: (s: number) => number): number => {
    for (let g = 0; g < k; g++) values[g] = read(base + 1 + g);
    aggregateInto(values, read(base), reference, out, 0);
    return out[index] as number;
  };
  const replicates = new Float64Array(nBoot);
  for (let b = 0; b < nBoot; b++) replicates[b] = of((s) => block.replicates[s * nBoot + b]!);
  const estimate = of((s) => block.estimates[s]!);
  let jackknife: Jackknife | undefined;
  const first = block.jackknife?.[base];
  if (block.jackknife !== undefined && first !== undefined) {
    const jk = block.jackknife;
    const jackValues = first.values.map((_, r) => of((s) => jk[s]!.values[r]!));
    jackknife = { values: jackValues, weights: first.weights };
  }
  return { replicates, estimate, jackknife };
}

/** The interval of replicates read with the resolved options. */
export function replicatesInterval(
  r: StatisticReplicates,
  options: ResolvedBootstrapOptions,
): BootstrapEstimate {
  return bootstrapInterval(r.replicates, r.estimate, options.levels, options.method, r.jackknife);
}

/** The replicates of statistic `s` of a slot's block. */
export function statisticReplicates(
  slot: MetricSlot,
  s: number,
  nBoot: number,
): StatisticReplicates {
  const { block } = slot;
  return {
    replicates: block.replicates.subarray((slot.base + s) * nBoot, (slot.base + s + 1) * nBoot),
    estimate: block.estimates[slot.base + s]!,
    jackknife: block.jackknife?.[slot.base + s],
  };
}
