/**
 * `groupRateTests`: every group's rates against a reference group, with exact and z tests, a
 * Newcombe interval for each gap, a chi-square test of homogeneity per rate, and Holm or
 * Benjamini–Hochberg adjustment across the whole family of comparisons.
 */
import type { Level } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { getMetric, type MetricId } from "../metrics/registry.js";
import type { CountMetric } from "../metrics/types.js";
import { confusionOf, countConfusion } from "../stats/confusion.js";
import { adjustPValues, type CorrectionMethod } from "./corrections.js";
import { checkLevel, newcombeDifferenceInterval, type ProportionInterval } from "./proportion.js";
import {
  type ChiSquareResult,
  chiSquareHomogeneityTest,
  fisherExactTest,
  type TestResult,
  twoProportionZTest,
} from "./significance.js";

/** Options of `groupRateTests`. */
export interface GroupRateTestsOptions {
  /** Proportion metric ids. @defaultValue selectionRate, truePositiveRate, falsePositiveRate */
  readonly metrics?: readonly MetricId[];
  /** The reference group's level (one feature) or levels. @defaultValue the largest group */
  readonly reference?: Level | readonly Level[];
  /** Level of the Newcombe intervals. @defaultValue 0.95 */
  readonly level?: number;
  /** Family-wise (holm) or false-discovery (benjaminiHochberg) control. @defaultValue "holm" */
  readonly correction?: CorrectionMethod;
  /** Error rate controlled by the correction. @defaultValue 0.05 */
  readonly alpha?: number;
  /** Which test's p-values enter the family. @defaultValue "fisher" */
  readonly test?: "fisher" | "zTest";
}

/** One group against the reference on one rate. */
export interface RateComparison {
  /** Metric id. */
  readonly metric: string;
  /** Group label. */
  readonly group: string;
  /** Numerator of the rate in the group (unweighted). */
  readonly count: number;
  /** Denominator of the rate in the group (unweighted). */
  readonly nobs: number;
  /** Numerator of the rate in the reference group. */
  readonly referenceCount: number;
  /** Denominator of the rate in the reference group. */
  readonly referenceNobs: number;
  /** Newcombe interval of rate(group) − rate(reference). */
  readonly difference: ProportionInterval;
  /** Two-proportion z-test (pooled variance). */
  readonly zTest: TestResult;
  /** Fisher's exact test (statistic: the odds ratio). */
  readonly fisher: TestResult;
  /** The chosen test's p-value adjusted across all comparisons (NaN when undefined). */
  readonly adjustedPValue: number;
  /** Whether the adjusted p-value is below `alpha`. */
  readonly reject: boolean;
}

/** Result of `groupRateTests`. */
export interface GroupRateTestsResult {
  /** The reference group's label. */
  readonly reference: string;
  /** The multiple-testing correction applied. */
  readonly correction: CorrectionMethod;
  /** Error rate controlled by the correction. */
  readonly alpha: number;
  /** The test whose p-values were adjusted. */
  readonly test: "fisher" | "zTest";
  /** One comparison per (metric, non-reference group). */
  readonly comparisons: readonly RateComparison[];
  /** Chi-square test of homogeneity of each rate across the non-empty groups. */
  readonly homogeneity: Readonly<Record<string, ChiSquareResult>>;
}

/**
 * Tests every group's rates against a reference group, on unweighted counts (tests need the
 * number of trials; weights do not change it). For each proportion metric and each other
 * non-empty group: the two-proportion z-test, Fisher's exact test and the Newcombe interval of the
 * difference; then the chosen test's p-values over all (metric, group) comparisons are adjusted
 * with Holm's or Benjamini–Hochberg's method, so a report with many comparisons does not
 * overstate significance. Also a chi-square test of homogeneity across all groups, per metric.
 * Comparisons whose p-value is undefined (an empty denominator) are left out of the family.
 * Cost O(n) to count, then O(groups · metrics) tests (Fisher's is linear in the group size).
 *
 * @throws FairnessInputError on invalid data or an unknown reference group
 * @example
 * groupRateTests(
 *   { yTrue: [1, 0, 1, 0, 1, 0], yPred: [1, 1, 1, 0, 0, 0], sensitiveFeatures: ["a", "a", "a", "b", "b", "b"] },
 *   { metrics: ["selectionRate"] },
 * ).comparisons[0].fisher.pValue; // => 0.1
 */
export function groupRateTests(
  input: FairnessInput,
  options: GroupRateTestsOptions = {},
): GroupRateTestsResult {
  const fn = "groupRateTests";
  const ids = options.metrics ?? ["selectionRate", "truePositiveRate", "falsePositiveRate"];
  const level = options.level ?? 0.95;
  const correction = options.correction ?? "holm";
  const alpha = options.alpha ?? 0.05;
  const test = options.test ?? "fisher";
  checkLevel(fn, level);
  if (test !== "fisher" && test !== "zTest") {
    throw new RangeError(`${fn}: test must be 'fisher' or 'zTest'`);
  }
  const metrics = ids.map((id, i) => {
    const m = getMetric(id);
    if (m === undefined || m.input !== "counts" || m.proportion === undefined) {
      throw new RangeError(`${fn}: metrics[${i}] (${id}) is not a proportion metric`);
    }
    return m as CountMetric & { proportion: NonNullable<CountMetric["proportion"]> };
  });
  const columns = prepare(input);
  const stats = countConfusion({ ...columns, pred: columns.pred ?? new Uint8Array(columns.n) });
  const keys = columns.groups.keys;
  const size = (g: number) =>
    stats.counts[4 * g]! +
    stats.counts[4 * g + 1]! +
    stats.counts[4 * g + 2]! +
    stats.counts[4 * g + 3]!;
  const present = keys.map((_, g) => g).filter((g) => size(g) > 0);
  let ref: number;
  if (options.reference === undefined) {
    ref = present.reduce((best, g) => (size(g) > size(best) ? g : best), present[0] ?? 0);
  } else {
    const wanted = Array.isArray(options.reference) ? options.reference : [options.reference];
    ref = keys.findIndex((k) => k.length === wanted.length && k.every((v, i) => v === wanted[i]));
    if (ref < 0 || size(ref) === 0) {
      throw new FairnessInputError([
        {
          code: "unknown_group",
          path: ["reference"],
          message: `no rows in reference group ${JSON.stringify(options.reference)}`,
        },
      ]);
    }
  }
  const pending: Omit<RateComparison, "adjustedPValue" | "reject">[] = [];
  const homogeneity: Record<string, ChiSquareResult> = {};
  for (const metric of metrics) {
    const { numerator, denominator } = metric.proportion;
    const rate = (g: number) => {
      const c = confusionOf(stats, g, true);
      return [numerator(c), denominator(c)] as const;
    };
    const [x2, n2] = rate(ref);
    for (const g of present) {
      if (g === ref) continue;
      const [x1, n1] = rate(g);
      pending.push({
        metric: metric.id,
        group: groupLabel(keys[g]!),
        count: x1,
        nobs: n1,
        referenceCount: x2,
        referenceNobs: n2,
        difference: newcombeDifferenceInterval(x1, n1, x2, n2, level),
        zTest: twoProportionZTest(x1, n1, x2, n2),
        fisher: fisherExactTest([
          [x1, n1 - x1],
          [x2, n2 - x2],
        ]),
      });
    }
    const table = present.map((g) => {
      const [x, n] = rate(g);
      return [x, n - x];
    });
    homogeneity[metric.id] =
      table.length >= 2
        ? chiSquareHomogeneityTest(table)
        : { statistic: Number.NaN, pValue: Number.NaN, dof: 0, expected: table };
  }
  const pValueOf = (c: (typeof pending)[number]) =>
    test === "fisher" ? c.fisher.pValue : c.zTest.pValue;
  const defined = pending
    .map((c, i) => [i, pValueOf(c)] as const)
    .filter(([, p]) => !Number.isNaN(p));
  const adjusted = adjustPValues(
    defined.map(([, p]) => p),
    { method: correction, alpha },
  );
  const byIndex = new Map(defined.map(([i], j) => [i, j]));
  const comparisons = pending.map((c, i) => {
    const j = byIndex.get(i);
    return {
      ...c,
      adjustedPValue: j === undefined ? Number.NaN : (adjusted.adjusted[j] as number),
      reject: j === undefined ? false : (adjusted.reject[j] as boolean),
    };
  });
  return {
    reference: groupLabel(keys[ref]!),
    correction,
    alpha,
    test,
    comparisons,
    homogeneity,
  };
}
