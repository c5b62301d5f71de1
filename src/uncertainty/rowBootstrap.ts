/**
 * The percentile row bootstrap of per-group metrics: every metric's value overall, for every
 * group, between groups (difference and ratio) and each group's gap to a reference, laid out in
 * one run of statistics per metric, resampled by rows and read as percentile intervals.
 */
import { differenceOf, ratioOf } from "../disparity/aggregate.js";
import { type BootstrapEstimate, bootstrapInterval } from "./bootstrapInterval.js";
import {
  type BootstrapOptions,
  type ResolvedBootstrapOptions,
  resolveBootstrapOptions,
} from "./countBootstrap.js";
import { RANDOM_METHOD, randomSource } from "./random.js";
import { type RowStatistic, rowReplicates } from "./resample.js";

/** Intervals of per-group metrics, by metric id. */
export interface GroupEstimates {
  /** On all rows. */
  readonly overall: Readonly<Record<string, BootstrapEstimate>>;
  /** For each group, in level order (NaN bounds for groups without rows). */
  readonly byGroup: readonly Readonly<Record<string, BootstrapEstimate>>[];
  /** Of `max − min` over the groups with rows. */
  readonly difference: Readonly<Record<string, BootstrapEstimate>>;
  /** Of `min / max` over the groups with rows. */
  readonly ratio: Readonly<Record<string, BootstrapEstimate>>;
  /**
   * Of each group's gap `v_g − v_reference` to `reference` (empty without one), in level order.
   */
  readonly gaps: readonly Readonly<Record<string, BootstrapEstimate>>[];
}

/** The options of a row bootstrap, its resampling and its generator. */
export type RowBootstrapSettings = ResolvedBootstrapOptions & {
  /** Always "rows": rows are drawn with replacement. */
  readonly resampling: "rows";
  /** The generator and samplers (`RANDOM_METHOD`). */
  readonly random: string;
};

/** Row bootstrap intervals of per-group metrics, with how they were made. */
export interface GroupIntervals extends GroupEstimates {
  /** The options used, the resampling and the generator. */
  readonly ci: RowBootstrapSettings;
}

/**
 * Where each metric's statistics sit in a vector of statistics: metric `m` owns `stride` slots
 * from `m · stride`: overall, difference, ratio, the k groups, then the k gaps (with a reference).
 */
export interface GroupSlots {
  readonly ids: readonly string[];
  readonly k: number;
  /** The base of the gaps: a group's index or "overall"; undefined for none. */
  readonly reference: number | "overall" | undefined;
  /** Slots per metric. */
  readonly stride: number;
  /** Slots of all metrics (`ids.length · stride`); further statistics may follow. */
  readonly size: number;
}

/**
 * The slots of metrics `ids` over `k` groups. Throws a RangeError prefixed with `fn` when
 * `reference` is neither "overall" nor a group index.
 *
 * @example
 * groupSlots("f", ["a", "b"], 2, "overall").size; // => 14
 */
export function groupSlots(
  fn: string,
  ids: readonly string[],
  k: number,
  reference: number | "overall" | undefined,
): GroupSlots {
  if (
    reference !== undefined &&
    reference !== "overall" &&
    !(Number.isInteger(reference) && reference >= 0 && reference < k)
  ) {
    throw new RangeError(`${fn}: reference must be "overall" or a group index, got ${reference}`);
  }
  const stride = 3 + k + (reference === undefined ? 0 : k);
  return { ids, k, reference, stride, size: ids.length * stride };
}

/**
 * Writes metric `m`'s statistics into `out`: its `overall` value, `byGroup` values (NaN for
 * groups without rows), the difference and ratio over the groups whose `counts` are positive,
 * and each group's gap to the reference. Cost O(k).
 *
 * @example
 * const out = new Float64Array(5);
 * writeGroupSlots(groupSlots("f", ["a"], 2, undefined), out, 0, 0.5, [0.25, 0.75], [3, 4]);
 * out[1]; // => 0.5
 */
export function writeGroupSlots(
  slots: GroupSlots,
  out: Float64Array,
  m: number,
  overall: number,
  byGroup: ArrayLike<number>,
  counts: ArrayLike<number>,
): void {
  const { k, reference } = slots;
  const at = m * slots.stride;
  const present: number[] = [];
  for (let c = 0; c < k; c++) {
    out[at + 3 + c] = byGroup[c]!;
    if (counts[c]! > 0) present.push(byGroup[c]!);
  }
  out[at] = overall;
  out[at + 1] = differenceOf(present, Number.NaN, "betweenGroups");
  out[at + 2] = ratioOf(present, Number.NaN, "betweenGroups");
  if (reference === undefined) return;
  const base = reference === "overall" ? overall : byGroup[reference]!;
  for (let c = 0; c < k; c++) out[at + 3 + k + c] = byGroup[c]! - base;
}

/**
 * The intervals of the metrics in `slots`, by metric id, from one estimate per statistic.
 *
 * @example
 * const e = { estimate: 1, intervals: [], nanReplicates: 0 };
 * readGroupSlots(groupSlots("f", ["a"], 1, undefined), [e, e, e, e]).byGroup[0].a.estimate; // => 1
 */
export function readGroupSlots(
  slots: GroupSlots,
  estimates: readonly BootstrapEstimate[],
): GroupEstimates {
  const { ids, k, stride } = slots;
  const byId = (offset: number) =>
    Object.fromEntries(ids.map((id, m) => [id, estimates[m * stride + offset]!]));
  return {
    overall: byId(0),
    difference: byId(1),
    ratio: byId(2),
    byGroup: Array.from({ length: k }, (_, c) => byId(3 + c)),
    gaps: Array.from({ length: slots.reference === undefined ? 0 : k }, (_, c) => byId(3 + k + c)),
  };
}

/**
 * Percentile bootstrap estimates of `estimates.length` statistics: each of `nBoot` replicates
 * hands `statistic` n rows drawn with replacement (within each of the `k` groups when
 * `stratified`, so every group keeps its size), seeded by `seed`; NaN replicates are left out
 * and counted. Cost O(nBoot · (n + cost of the statistic)).
 *
 * @example
 * const group = Uint32Array.of(0, 0, 1, 1);
 * const options = { nBoot: 20, seed: 1, stratified: true, levels: [0.95] };
 * const statistic = (rows, out) => { out[0] = rows.length; };
 * percentileRowBootstrap(group, 2, statistic, Float64Array.of(4), options)[0].intervals[0].lower; // => 4
 */
export function percentileRowBootstrap(
  group: Uint32Array,
  k: number,
  statistic: RowStatistic,
  estimates: Float64Array,
  options: Pick<ResolvedBootstrapOptions, "nBoot" | "seed" | "stratified" | "levels">,
): BootstrapEstimate[] {
  const { nBoot, levels } = options;
  const replicates = rowReplicates(group, k, statistic, estimates.length, {
    nBoot,
    rng: randomSource(options.seed),
    stratified: options.stratified,
  });
  return Array.from(estimates, (estimate, s) =>
    bootstrapInterval(
      replicates.subarray(s * nBoot, (s + 1) * nBoot),
      estimate,
      levels,
      "percentile",
    ),
  );
}

/**
 * The options of a percentile row bootstrap, defaults filled in by `resolveBootstrapOptions`.
 *
 * @throws RangeError prefixed with `fn` on bad options or a method other than "percentile"
 * @example
 * resolvePercentileOptions("f", { nBoot: 10 }).stratified; // => true
 */
export function resolvePercentileOptions(
  fn: string,
  options: BootstrapOptions,
): ResolvedBootstrapOptions {
  const resolved = resolveBootstrapOptions(fn, options);
  if (resolved.method !== "percentile") {
    throw new RangeError(`${fn}: only method 'percentile' is offered`);
  }
  return resolved;
}

/**
 * The settings a row bootstrap reports.
 *
 * @example
 * rowBootstrapSettings({ nBoot: 10, seed: 1, stratified: true, levels: [0.95], method: "percentile" }).resampling; // => "rows"
 */
export function rowBootstrapSettings(resolved: ResolvedBootstrapOptions): RowBootstrapSettings {
  return { ...resolved, resampling: "rows", random: RANDOM_METHOD };
}
