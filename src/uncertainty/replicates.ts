/**
 * Replicates of bootstrap statistics: a block of statistics drawn together, the replicates of
 * one statistic, a metric's aggregate recomputed replicate by replicate from its per-group
 * values, and a criterion's parts combined replicate by replicate.
 */
import {
  AGGREGATES,
  type Aggregate,
  aggregateInto,
  type Comparison,
  type CriterionAggregation,
  combineParts,
} from "../disparity/aggregate.js";
import type { BootstrapMethod } from "./bootstrapInterval.js";
import { type BootstrapEstimate, bootstrapInterval, type Jackknife } from "./bootstrapInterval.js";

/** Replicates and point estimates of a block of statistics, with their jackknife. */
export interface Block {
  /** Statistic-major: replicate b of statistic s at `s · nBoot + b`. */
  readonly replicates: Float64Array;
  /** The statistics on the data. */
  readonly estimates: Float64Array;
  /** Jackknife values per statistic (BCa only); the same rows are deleted for every statistic. */
  readonly jackknife: readonly Jackknife[] | undefined;
}

/**
 * How a metric's replicates were drawn: `multinomial` on unweighted confusion counts;
 * `weightedMultinomial` (exact) or `weightedNormal` (some cell sums from the normal
 * approximation) on weighted confusion counts (see `weightedCountReplicates`); `rows` by
 * resampling rows and re-evaluating.
 */
export type Resampling = "multinomial" | "weightedMultinomial" | "weightedNormal" | "rows";

/**
 * Where a metric's statistics are in its block: the overall value at `base`, group g at
 * `base + 1 + g`, then the `AGGREGATES`.
 */
export interface MetricSlot {
  readonly block: Block;
  readonly base: number;
  readonly resampling: Resampling;
}

/** The replicates of one statistic, its estimate and (for BCa) its jackknife values. */
export interface StatisticReplicates {
  readonly replicates: Float64Array;
  readonly estimate: number;
  readonly jackknife: Jackknife | undefined;
}

/** The levels and method an interval is read with. */
export interface IntervalReading {
  readonly nBoot: number;
  readonly levels: readonly number[];
  readonly method: BootstrapMethod;
}

/** The interval of replicates. */
export function replicatesInterval(
  r: StatisticReplicates,
  options: IntervalReading,
): BootstrapEstimate {
  return bootstrapInterval(r.replicates, r.estimate, options.levels, options.method, r.jackknife);
}

/** The replicates of statistic `s` (counted from the slot's base) of a slot's block. */
export function statisticReplicates(
  slot: Pick<MetricSlot, "block" | "base">,
  s: number,
  nBoot: number,
): StatisticReplicates {
  const { block } = slot;
  const at = slot.base + s;
  return {
    replicates: block.replicates.subarray(at * nBoot, (at + 1) * nBoot),
    estimate: block.estimates[at]!,
    jackknife: block.jackknife?.[at],
  };
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

/**
 * A criterion's replicates from its parts' (one comparison per metric, drawn from the same
 * block): `combineParts` replicate by replicate, and jackknife value by jackknife value.
 */
export function combineReplicates(
  parts: readonly StatisticReplicates[],
  comparison: Comparison,
  aggregation: CriterionAggregation,
): StatisticReplicates {
  if (parts.length === 1) return parts[0]!;
  const combine = (read: (p: StatisticReplicates) => number) =>
    combineParts(parts.map(read), comparison, aggregation);
  const first = parts[0]!;
  const replicates = first.replicates.map((_, b) => combine((p) => p.replicates[b]!));
  const jackknife = parts.every((p) => p.jackknife !== undefined)
    ? {
        values: first.jackknife!.values.map((_, r) => combine((p) => p.jackknife!.values[r]!)),
        weights: first.jackknife!.weights,
      }
    : undefined;
  return { replicates, estimate: combine((p) => p.estimate), jackknife };
}
