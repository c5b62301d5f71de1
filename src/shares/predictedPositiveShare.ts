/**
 * Aequitas's predicted-positive share (`ppr`) and its disparities against a reference group
 * chosen per metric (`min_metric`: the group with the smallest value).
 */

import type { FairnessInput } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import type { GroupMetricsResult } from "../frame/result.js";
import { neumaierSum } from "../stats/summation.js";

/** One group's share of all predicted positives. */
export interface PredictedPositiveShareRow {
  /** Group label. */
  readonly label: string;
  /** Rows in the group. */
  readonly count: number;
  /** Σ w of the group's predicted positives over Σ w of all predicted positives. */
  readonly value: number;
}

/**
 * Aequitas's `ppr`: each group's share of all predicted positives, `PP_g / Σ_h PP_h` (weighted).
 * The shares sum to 1; they measure representation among those selected, which Aequitas calls
 * "statistical parity" (not AIF360's selection-rate statistical parity). NaN for every group when
 * nothing is predicted positive.
 *
 * Cost: one pass over the rows.
 *
 * @throws FairnessInputError on invalid data
 * @example
 * predictedPositiveShare({ yTrue: [1, 0, 1, 0], yPred: [1, 1, 1, 0], sensitiveFeatures: ["a", "a", "b", "b"] })
 *   .map((g) => g.value); // => [0.6666666666666666, 0.3333333333333333]
 */
export function predictedPositiveShare(input: FairnessInput): PredictedPositiveShareRow[] {
  const columns = prepare(input);
  const k = columns.groups.keys.length;
  const positives: number[][] = Array.from({ length: k }, () => []);
  const counts = new Float64Array(k);
  for (let r = 0; r < columns.n; r++) {
    const g = columns.group[r]!;
    counts[g]! += 1;
    if (columns.pred![r] === 1) positives[g]!.push(columns.weight?.[r] ?? 1);
  }
  const perGroup = positives.map((p) => neumaierSum(p));
  const total = neumaierSum(perGroup);
  return columns.groups.keys.map((key, g) => ({
    label: groupLabel(key),
    count: counts[g]!,
    value: perGroup[g]! / total,
  }));
}

/** Disparities of one metric against its reference group. */
export interface ReferenceDisparity {
  /** The reference group's label. */
  readonly reference: string;
  /** `v_g / v_reference` for each group, in level order (NaN for empty groups). */
  readonly ratio: readonly number[];
  /** `v_g − v_reference` for each group. */
  readonly difference: readonly number[];
}

/**
 * Disparities of every metric of a result against a reference group chosen per metric:
 * `minMetric` (Aequitas's `get_disparity_min_metric`: the group with the smallest value, so every
 * ratio is ≥ 1) or `maxMetric` (the largest value, every ratio ≤ 1). Ties go to the first group
 * in level order; empty groups and NaN values are never the reference.
 *
 * @example
 * const r = groupMetrics(
 *   { yTrue: [1, 0, 1, 0], yPred: [1, 1, 1, 0], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { metrics: ["selectionRate"] },
 * );
 * disparitiesToReference(r, "minMetric").selectionRate.ratio; // => [2, 1]
 */
export function disparitiesToReference(
  result: GroupMetricsResult,
  reference: "minMetric" | "maxMetric",
): Record<string, ReferenceDisparity> {
  return Object.fromEntries(
    result.metrics.map((id) => {
      const values = result.byGroup.map((g) => (g.count > 0 ? g.values[id]! : Number.NaN));
      let best = -1;
      values.forEach((v, g) => {
        if (Number.isNaN(v)) return;
        const better = reference === "minMetric" ? v < values[best]! : v > values[best]!;
        if (best < 0 || better) best = g;
      });
      const base = best < 0 ? Number.NaN : values[best]!;
      return [
        id,
        {
          reference: best < 0 ? "" : result.byGroup[best]!.label,
          ratio: values.map((v) => v / base),
          difference: values.map((v) => v - base),
        },
      ];
    }),
  );
}
