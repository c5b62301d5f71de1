/**
 * The intervals of a `groupMetrics` result: the bootstrap of its metrics on the same columns,
 * read for any statistic (overall, a group) or aggregate (min, max, difference, ratio by any
 * comparison method and reference group).
 */
import type { Columns } from "../data/columns.js";
import {
  type Aggregate,
  COMPARISON_AGGREGATE,
  type Comparison,
  type ComparisonMethod,
} from "../disparity/aggregate.js";
import type { ResolvedMetric, ZeroDivision } from "../metrics/evaluate.js";
import type { BootstrapEstimate } from "./bootstrapInterval.js";
import { bootstrapColumns, type ColumnsBootstrap } from "./columnsBootstrap.js";
import type { BootstrapOptions, ResolvedBootstrapOptions } from "./countBootstrap.js";
import { RANDOM_METHOD } from "./random.js";
import {
  aggregateReplicates,
  type MetricSlot,
  type Resampling,
  replicatesInterval,
  statisticReplicates,
} from "./replicates.js";

/**
 * Bootstrap options of `groupMetrics`: `method` ("percentile" or "bca", default "percentile"),
 * `level` (one or several, default 0.95), `nBoot` (default 1000), `seed` (default 0) and
 * `stratified` (resample within each group, default true). Count metrics use the multinomial
 * bootstrap on the confusion counts (weighted: with each cell's weighted sum drawn given its
 * count); score metrics and user metrics resample rows (see `bootstrapGroupMetrics`).
 */
export type GroupMetricsCi = BootstrapOptions;

/** How the intervals of a result were made: the options used, and each metric's resampling. */
export interface CiProvenance extends ResolvedBootstrapOptions {
  /** How each metric was resampled (see `Resampling`), by metric id. */
  readonly resampling: Readonly<Record<string, Resampling>>;
  /** The generator and samplers (`RANDOM_METHOD`). */
  readonly random: string;
}

/**
 * The bootstrap of a result's metrics, made once from the columns; every interval is read from
 * its replicates, so the same seed gives the same bytes whichever intervals are asked for.
 */
export class GroupMetricsIntervals {
  /** How the intervals were made. */
  readonly provenance: CiProvenance;
  readonly #metrics: readonly string[];
  readonly #boot: ColumnsBootstrap;
  readonly #options: ResolvedBootstrapOptions;

  /** Bootstraps `metrics` on the columns (no group suppressed, no reference). */
  constructor(
    columns: Columns,
    metrics: readonly ResolvedMetric[],
    options: ResolvedBootstrapOptions,
    zeroDivision: ZeroDivision,
  ) {
    this.#metrics = metrics.map((m) => m.id);
    this.#options = options;
    this.#boot = bootstrapColumns(columns, metrics, {
      options,
      suppressed: new Uint8Array(columns.groups.keys.length),
      reference: -1,
      zeroDivision,
      jackknifeBlocks: 1000,
      criteria: false,
    });
    this.provenance = {
      ...options,
      resampling: Object.fromEntries(
        this.#metrics.map((id) => [id, this.#boot.metrics[id]!.resampling]),
      ),
      random: RANDOM_METHOD,
    };
  }

  #each(fn: (slot: MetricSlot) => BootstrapEstimate): Record<string, BootstrapEstimate> {
    return Object.fromEntries(this.#metrics.map((id) => [id, fn(this.#boot.metrics[id]!)]));
  }

  /** Each metric's interval on all rows (`s` = 0) or in group `s − 1`. */
  statistic(s: number): Record<string, BootstrapEstimate> {
    const { nBoot } = this.#options;
    return this.#each((slot) =>
      replicatesInterval(statisticReplicates(slot, s, nBoot), this.#options),
    );
  }

  /** Each metric's interval of one aggregate of its group values (`reference` −1 for none). */
  aggregate(aggregate: Aggregate, reference: number): Record<string, BootstrapEstimate> {
    const { k } = this.#boot;
    const { nBoot } = this.#options;
    return this.#each((slot) =>
      replicatesInterval(aggregateReplicates(slot, k, nBoot, aggregate, reference), this.#options),
    );
  }

  /** Each metric's interval of a comparison by a method (`reference` −1 unless toReference). */
  comparison(
    comparison: Comparison,
    method: ComparisonMethod,
    reference: number,
  ): Record<string, BootstrapEstimate> {
    return this.aggregate(COMPARISON_AGGREGATE[method][comparison], reference);
  }

  /** The slots of some metrics, for criteria that combine them replicate by replicate. */
  slots(ids: readonly string[]): { slots: MetricSlot[]; k: number; nBoot: number } {
    const slots = ids.map((id) => this.#boot.metrics[id]);
    if (!slots.every((s) => s !== undefined)) {
      throw new TypeError(`no bootstrap of ${ids.join(", ")} in this result`);
    }
    return { slots: slots as MetricSlot[], k: this.#boot.k, nBoot: this.#options.nBoot };
  }
}
