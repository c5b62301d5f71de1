/**
 * Analytic intervals for every proportion metric of every group, from confusion counts.
 */
import type { CountMetric } from "../metrics/types.js";
import { clopperPearsonInterval, type ProportionInterval, wilsonInterval } from "./proportion.js";

/** Wilson and Clopper–Pearson intervals of one proportion metric, one entry per group. */
export interface ProportionIntervals {
  /** Wilson score interval of each group's proportion. */
  readonly wilson: readonly ProportionInterval[];
  /** Clopper–Pearson (exact) interval of each group's proportion. */
  readonly clopperPearson: readonly ProportionInterval[];
  /** The denominator of each group (its number of trials), for small-group flags. */
  readonly denominators: readonly number[];
}

/**
 * Wilson and Clopper–Pearson intervals for each metric that declares a `proportion`
 * (numerator / denominator cells), in each group. Metrics without a proportion form (e.g. F1) are
 * left out. Pass unweighted counts: the intervals' width depends on the number of trials, which
 * weights do not change. A group whose denominator is 0 gets NaN intervals.
 * Cost O(k · metrics).
 *
 * @param counts - k×4 confusion counts [tn, fp, fn, tp] per group
 * @param metrics - count metric declarations (registry entries)
 * @defaultValue level 0.95
 * @example
 * proportionIntervals(Float64Array.of(0, 0, 1, 1), [truePositiveRate]).truePositiveRate.wilson[0].lower;
 * // => 0.09453120573423068
 */
export function proportionIntervals(
  counts: Float64Array,
  metrics: readonly CountMetric[],
  level = 0.95,
): Record<string, ProportionIntervals> {
  if (counts.length === 0 || counts.length % 4 !== 0) {
    throw new RangeError("proportionIntervals: counts must hold 4 cells per group");
  }
  const k = counts.length / 4;
  const result: Record<string, ProportionIntervals> = {};
  for (const metric of metrics) {
    const form = metric.proportion;
    if (form === undefined) continue;
    const wilson: ProportionInterval[] = [];
    const clopperPearson: ProportionInterval[] = [];
    const denominators: number[] = [];
    for (let g = 0; g < k; g++) {
      const c = {
        tn: counts[4 * g] as number,
        fp: counts[4 * g + 1] as number,
        fn: counts[4 * g + 2] as number,
        tp: counts[4 * g + 3] as number,
      };
      const x = form.numerator(c);
      const n = form.denominator(c);
      wilson.push(wilsonInterval(x, n, level));
      clopperPearson.push(clopperPearsonInterval(x, n, level));
      denominators.push(n);
    }
    result[metric.id] = { wilson, clopperPearson, denominators };
  }
  return result;
}
