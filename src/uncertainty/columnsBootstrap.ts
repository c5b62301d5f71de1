/**
 * The bootstrap of prepared columns shared by `bootstrapGroupMetrics` and `groupMetrics(…, { ci })`:
 * count metrics on unweighted counts by the multinomial bootstrap, weighted count metrics from
 * their cells' weights (`weightedCountReplicates`), score / user metrics by resampling rows; and
 * the replicates of one metric's per-group values, from which any aggregate's interval is read.
 */
import type { Columns } from "../data/columns.js";
import { aggregateInto } from "../disparity/aggregate.js";
import { evaluateCells, type ResolvedMetric, type ZeroDivision } from "../metrics/evaluate.js";
import type { CountMetric } from "../metrics/types.js";
import { type ConfusionStats, countConfusion } from "../stats/confusion.js";
import { take } from "../stats/partition.js";
import {
  countBlock,
  countSummaryStatistic,
  criterionCountMetrics,
  metricStride,
  type ResolvedBootstrapOptions,
} from "./countBootstrap.js";
import { type RandomSource, randomSource } from "./random.js";
import type { MetricSlot } from "./replicates.js";
import { type CellRows, type RowStatistic, rowJackknife, rowReplicates } from "./resample.js";

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
  /**
   * Whether the registered criteria's count metrics are bootstrapped too (with predictions),
   * each in the block of its kind, so that criteria intervals can be read from the slots.
   */
  readonly criteria: boolean;
}

/** The replicates of every metric (and of the criteria's metrics, when asked). */
export interface ColumnsBootstrap {
  readonly k: number;
  readonly metrics: Readonly<Record<string, MetricSlot>>;
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

/** The built-in count metrics of `metrics`, with the criteria's when asked and predictions exist. */
function countedMetrics(
  metrics: readonly ResolvedMetric[],
  criteria: boolean,
  hasPredictions: boolean,
): CountResolved[] {
  const given = new Set(metrics.map((m) => m.id));
  const extra: ResolvedMetric[] =
    criteria && hasPredictions
      ? criterionCountMetrics()
          .filter((m) => !given.has(m.id))
          .map((definition) => ({
            kind: "builtin",
            id: definition.id,
            name: definition.name,
            definition,
          }))
      : [];
  return [...metrics, ...extra].filter(isCountMetric);
}

/**
 * Adds the slots of count metrics bootstrapped in one block (multinomial, or with weights each
 * cell's weighted sum drawn given its count).
 */
function addCountBlock(
  slots: Record<string, MetricSlot>,
  list: readonly CountResolved[],
  counts: Float64Array,
  rows: { cells: CellRows; counts: Float64Array } | undefined,
  k: number,
  plan: ColumnsBootstrapPlan,
  rng: RandomSource,
): void {
  if (list.length === 0) return;
  const summary = {
    suppressed: plan.suppressed,
    reference: plan.reference,
    zeroDivision: plan.zeroDivision,
  };
  const { m, statistic } = countSummaryStatistic(
    list.map((metric) => metric.definition),
    k,
    summary,
  );
  const { block, resampling } = countBlock(
    counts,
    statistic,
    m,
    plan.options,
    rng.split(),
    rows?.cells,
    rows?.counts,
  );
  const stride = metricStride(k);
  list.forEach((metric, j) => {
    slots[metric.id] = { block, base: j * stride, resampling };
  });
}

/**
 * Bootstraps count metrics from unweighted confusion counts alone (counted elsewhere: merged
 * from worker threads, say) by the multinomial bootstrap, with the same draws as
 * `bootstrapColumns` on the rows those counts come from.
 *
 * @throws RangeError when a metric is not a built-in count metric; TypeError on weighted counts
 */
export function bootstrapConfusion(
  confusion: ConfusionStats,
  metrics: readonly ResolvedMetric[],
  plan: ColumnsBootstrapPlan,
): ColumnsBootstrap {
  if (confusion.weightSum !== undefined) {
    throw new TypeError("bootstrapConfusion: weighted counts need their rows' weights");
  }
  const other = metrics.find((m) => !isCountMetric(m));
  if (other !== undefined) {
    throw new RangeError(`bootstrapConfusion: ${other.id} is not a count metric`);
  }
  const slots: Record<string, MetricSlot> = {};
  const counted = countedMetrics(metrics, plan.criteria, true);
  addCountBlock(
    slots,
    counted,
    confusion.counts,
    undefined,
    confusion.groups,
    plan,
    randomSource(plan.options.seed),
  );
  return { k: confusion.groups, metrics: slots };
}

/**
 * The confusion cell of each row, 2 · label + prediction (labels and predictions 0 or 1), four
 * rows at a time when both columns start at a multiple of 4 bytes: each byte of a word is then
 * its row's cell, as no byte carries into the next.
 */
function cellsOf(label: Uint8Array, pred: Uint8Array): Uint8Array {
  const n = label.length;
  const cell = new Uint8Array(n);
  let from = 0;
  if (label.byteOffset % 4 === 0 && pred.byteOffset % 4 === 0) {
    const words = n >>> 2;
    const labels = new Uint32Array(label.buffer, label.byteOffset, words);
    const preds = new Uint32Array(pred.buffer, pred.byteOffset, words);
    const cells = new Uint32Array(cell.buffer, 0, words);
    for (let i = 0; i < words; i++) cells[i] = (labels[i]! << 1) + preds[i]!;
    from = 4 * words;
  }
  for (let r = from; r < n; r++) cell[r] = 2 * label[r]! + pred[r]!;
  return cell;
}

/**
 * The confusion statistics of prepared columns, every row predicted 0 when there are no
 * predictions (count metrics then read only the labels and the row counts).
 */
export function columnsConfusion(columns: Columns): ConfusionStats {
  return countConfusion({ ...columns, pred: columns.pred ?? new Uint8Array(columns.n) });
}

/**
 * Bootstraps every metric on prepared columns. Count metrics on unweighted counts (and `count`,
 * which reads row counts) go through the multinomial bootstrap; weighted count metrics draw their
 * cell sums from the cells' weights (`weightedCountReplicates`); score and user metrics resample
 * rows and re-evaluate. The random source of `options.seed` is split once per block, in that
 * order, so the same seed gives the same replicates. `confusion` is `columnsConfusion(columns)`,
 * when the caller has counted it already. Cost O(n) to count, then
 * O(nBoot · k · metrics) for unweighted count metrics (weighted: plus O(n) to summarise the
 * cells' weights) and O(nBoot · (n + metric cost)) for row-resampled ones.
 */
export function bootstrapColumns(
  columns: Columns,
  metrics: readonly ResolvedMetric[],
  plan: ColumnsBootstrapPlan,
  confusion: ConfusionStats = columnsConfusion(columns),
): ColumnsBootstrap {
  const { options } = plan;
  const k = columns.groups.keys.length;
  const stride = metricStride(k);
  const counted = countedMetrics(metrics, plan.criteria, columns.pred !== undefined);
  const weighted = counted.filter(
    (m) => columns.weight !== undefined && m.definition.unweighted !== true,
  );
  const unweighted = counted.filter((m) => !weighted.includes(m));
  const byRows = metrics.filter((m) => !isCountMetric(m));
  const pred = columns.pred ?? new Uint8Array(columns.n);
  const rng = randomSource(options.seed);
  const slots: Record<string, MetricSlot> = {};

  addCountBlock(slots, unweighted, confusion.counts, undefined, k, plan, rng);
  if (weighted.length > 0) {
    const counts = confusion.weightSum!.map((s, i) => s + confusion.weightComp![i]!);
    const cell = cellsOf(columns.label, pred);
    const cells = { cell, group: columns.group, weight: columns.weight!, k };
    const rows = { cells, counts: confusion.counts };
    addCountBlock(slots, weighted, counts, rows, k, plan, rng);
  }

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
  return { k, metrics: slots };
}
