/**
 * Aggregations of one metric's per-group values: min, max, difference and ratio, with
 * Fairlearn's definitions. NaN values (undefined metrics) are skipped, as pandas does.
 */

/**
 * How groups are compared.
 *
 * @category Criteria
 */
export type ComparisonMethod = "betweenGroups" | "toOverall" | "toReference";

export const COMPARISON_METHODS: readonly ComparisonMethod[] = [
  "betweenGroups",
  "toOverall",
  "toReference",
];

/**
 * Smallest non-NaN value; NaN when there is none.
 *
 * @example
 * minOf([0.3, Number.NaN, 0.1]); // => 0.1
 */
export function minOf(values: readonly number[]): number {
  let min = Number.NaN;
  for (const v of values) if (!Number.isNaN(v) && !(v >= min)) min = v;
  return min;
}

/**
 * Largest non-NaN value; NaN when there is none.
 *
 * @example
 * maxOf([0.3, Number.NaN, 0.1]); // => 0.3
 */
export function maxOf(values: readonly number[]): number {
  let max = Number.NaN;
  for (const v of values) if (!Number.isNaN(v) && !(v <= max)) max = v;
  return max;
}

/**
 * `v / base`, inverted when above 1: how far a value is from its base as a ratio in [0, 1].
 *
 * @example
 * relativeRatio(0.5, 0.25); // => 0.5
 */
export function relativeRatio(value: number, base: number): number {
  const r = value / base;
  return r > 1 ? 1 / r : r;
}

/**
 * The difference between groups: `max − min` (betweenGroups), or the largest `|v_g − base|`
 * where `base` is the overall value (toOverall) or the reference group's value (toReference).
 *
 * @example
 * differenceOf([0.2, 0.5, 0.4], 0.35, "betweenGroups"); // => 0.3
 * differenceOf([0.2, 0.5, 0.4], 0.35, "toOverall"); // => 0.15000000000000002
 */
export function differenceOf(
  values: readonly number[],
  base: number,
  method: ComparisonMethod,
): number {
  if (method === "betweenGroups") return maxOf(values) - minOf(values);
  return maxOf(values.map((v) => Math.abs(v - base)));
}

/**
 * The ratio between groups: `min / max` (betweenGroups), or the smallest of `v_g / base` and its
 * inverse (toOverall, toReference). `0/0` is NaN and skipped; `x/0` gives 0 after inversion.
 *
 * @example
 * ratioOf([0.2, 0.5, 0.4], 0.35, "betweenGroups"); // => 0.4
 */
export function ratioOf(values: readonly number[], base: number, method: ComparisonMethod): number {
  if (method === "betweenGroups") return minOf(values) / maxOf(values);
  return minOf(values.map((v) => relativeRatio(v, base)));
}

/** How the groups' values of one metric are compared: `max − min` or `min / max` (or to a base). */
export type Comparison = "difference" | "ratio";

/**
 * How a criterion over several metrics combines its parts: `worstCase` takes the largest
 * difference (the smallest ratio), `mean` the mean of the defined parts.
 */
export type CriterionAggregation = "worstCase" | "mean";

/**
 * One comparison of `values` (one per group) by `method`, `base` being the overall value
 * (toOverall) or the reference group's value (toReference); the groups given are compared, so
 * leave the reference group out for toReference.
 *
 * @example
 * compareGroups([0.2, 0.5], "ratio", "betweenGroups", Number.NaN); // => 0.4
 */
export function compareGroups(
  values: readonly number[],
  comparison: Comparison,
  method: ComparisonMethod,
  base: number,
): number {
  return comparison === "difference"
    ? differenceOf(values, base, method)
    : ratioOf(values, base, method);
}

/**
 * Combines the comparisons of a criterion's metrics: the worst case (largest difference,
 * smallest ratio) or the mean of the defined parts; NaN parts are skipped, NaN when all are.
 *
 * @example
 * combineParts([0.1, 0.3], "difference", "worstCase"); // => 0.3
 * combineParts([0.1, Number.NaN], "ratio", "mean"); // => 0.1
 */
export function combineParts(
  parts: readonly number[],
  comparison: Comparison,
  aggregation: CriterionAggregation,
): number {
  if (aggregation === "worstCase") {
    return comparison === "difference" ? maxOf(parts) : minOf(parts);
  }
  let sum = 0;
  let defined = 0;
  for (const v of parts) {
    if (Number.isNaN(v)) continue;
    sum += v;
    defined += 1;
  }
  return defined === 0 ? Number.NaN : sum / defined;
}

/**
 * Aggregates of one metric's per-group values, in the order `aggregateInto` writes them:
 * min, max, then difference and ratio between groups, to the overall value and to the reference.
 */
export const AGGREGATES = [
  "groupMin",
  "groupMax",
  "difference",
  "ratio",
  "differenceToOverall",
  "ratioToOverall",
  "differenceToReference",
  "ratioToReference",
] as const;

/** One of `AGGREGATES`. */
export type Aggregate = (typeof AGGREGATES)[number];

/** The aggregate that holds a comparison by a method. */
export const COMPARISON_AGGREGATE: Readonly<
  Record<ComparisonMethod, { readonly difference: Aggregate; readonly ratio: Aggregate }>
> = {
  betweenGroups: { difference: "difference", ratio: "ratio" },
  toOverall: { difference: "differenceToOverall", ratio: "ratioToOverall" },
  toReference: { difference: "differenceToReference", ratio: "ratioToReference" },
};

/**
 * Writes the `AGGREGATES` of `values` (one per group, NaN for groups left out) at `out[at…]`,
 * as `minOf`, `maxOf`, `differenceOf` and `ratioOf` do: min, max, max − min, min / max; the
 * largest |v − base| and the smallest `relativeRatio(v, base)`, with base the overall value and
 * then the reference group's value (`reference` < 0: no reference, NaN). The reference group
 * itself takes part (its own gap is 0, its ratio 1). Cost O(k), no allocation: the bootstrap
 * calls it once per replicate.
 *
 * @example
 * const out = new Float64Array(8);
 * aggregateInto([0.2, 0.5], 0.35, 0, out, 0);
 * out[2]; // => 0.3
 */
export function aggregateInto(
  values: ArrayLike<number>,
  overall: number,
  reference: number,
  out: Float64Array,
  at: number,
): void {
  const k = values.length;
  const base = reference >= 0 ? (values[reference] as number) : Number.NaN;
  let min = Number.NaN;
  let max = Number.NaN;
  let diffOverall = Number.NaN;
  let ratioOverall = Number.NaN;
  let diffReference = Number.NaN;
  let ratioReference = Number.NaN;
  for (let g = 0; g < k; g++) {
    const v = values[g] as number;
    if (Number.isNaN(v)) continue;
    if (!(v >= min)) min = v;
    if (!(v <= max)) max = v;
    const d = Math.abs(v - overall);
    if (!Number.isNaN(d) && !(d <= diffOverall)) diffOverall = d;
    const r = relativeRatio(v, overall);
    if (!Number.isNaN(r) && !(r >= ratioOverall)) ratioOverall = r;
    const e = Math.abs(v - base);
    if (!Number.isNaN(e) && !(e <= diffReference)) diffReference = e;
    const q = relativeRatio(v, base);
    if (!Number.isNaN(q) && !(q >= ratioReference)) ratioReference = q;
  }
  out[at] = min;
  out[at + 1] = max;
  out[at + 2] = max - min;
  out[at + 3] = min / max;
  out[at + 4] = diffOverall;
  out[at + 5] = ratioOverall;
  out[at + 6] = diffReference;
  out[at + 7] = ratioReference;
}
