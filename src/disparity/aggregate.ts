/**
 * Aggregations of one metric's per-group values: min, max, difference and ratio, with
 * Fairlearn's definitions. NaN values (undefined metrics) are skipped, as pandas does.
 */

/** How groups are compared. */
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
  return minOf(
    values.map((v) => {
      const r = v / base;
      return r > 1 ? 1 / r : r;
    }),
  );
}
