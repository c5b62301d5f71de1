/**
 * Group metrics under soft (probabilistic) group membership, with the hard (argmax) result
 * beside them so a user can see how much the choice matters.
 */
import type { GroupIndex } from "../data/columns.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { prepare } from "../data/prepare.js";
import { groupMetricsOfColumns, groupMetricsOfConfusion } from "../frame/groupMetrics.js";
import type { GroupMetricsResult } from "../frame/result.js";
import { DEFAULT_RATE_METRICS, getMetric, type MetricId } from "../metrics/registry.js";
import type { CountMetric } from "../metrics/types.js";
import type { Confusion, ConfusionStats } from "../stats/confusion.js";
import { addCompensated } from "../stats/summation.js";
import { type DisparityInterval, disparityInterval } from "../uncertainty/disparityInterval.js";
import { newcombeDifferenceInterval, type ProportionInterval } from "../uncertainty/proportion.js";
import { type RateInterval, rateInterval } from "../uncertainty/rateInterval.js";
import { argmaxGroups, type MembershipMatrix, membershipMatrix } from "./matrix.js";

/** The input of {@link softGroupMetrics}: sensitive features as membership probabilities. */
export type SoftMembershipInput = Omit<FairnessInput, "sensitiveFeatures" | "controlFeatures"> & {
  /** n × k membership probabilities with the k group names. */
  readonly sensitiveFeatures: MembershipMatrix;
};

/** Options of {@link softGroupMetrics}. */
export interface SoftGroupMetricsOptions {
  /**
   * Count metric ids. @defaultValue selectionRate, truePositiveRate, falsePositiveRate,
   * falseNegativeRate, precision, accuracy
   */
  readonly metrics?: readonly MetricId[];
  /** Confidence level of the intervals. @defaultValue 0.95 */
  readonly level?: number;
  /** Effective denominators below this are flagged small. @defaultValue 30 */
  readonly minDenominator?: number;
  /** Group name the gaps are taken against. @defaultValue the group with the largest membership */
  readonly reference?: string;
}

/** One soft group's rate with its evidence and interval. */
export interface SoftRate {
  /** Membership-weighted numerator Σ w·P(g|x) over the numerator's rows. */
  readonly numerator: number;
  /** Membership-weighted denominator. */
  readonly denominator: number;
  /** Kish effective number of rows behind the denominator, (Σ w·P)² / Σ (w·P)². */
  readonly effectiveDenominator: number;
  /** Whether the effective denominator is below `minDenominator`. */
  readonly small: boolean;
  /** The interval (see {@link softGroupMetrics}). */
  readonly interval: RateInterval;
}

/** Result of {@link softGroupMetrics}. */
export interface SoftGroupMetricsResult {
  /** The membership-weighted estimator: metrics of each group, aggregates and gaps. */
  readonly soft: GroupMetricsResult;
  /** The same metrics with every row assigned to its most probable group. */
  readonly hard: GroupMetricsResult;
  /** Per proportion metric, per group name: evidence and interval. */
  readonly rates: Readonly<Record<string, Readonly<Record<string, SoftRate>>>>;
  /** The reference group of the gaps. */
  readonly reference: string;
  /** Per proportion metric, per other group: Newcombe interval of v_g − v_reference. */
  readonly gapIntervals: Readonly<Record<string, Readonly<Record<string, ProportionInterval>>>>;
  /** Per proportion metric: interval of the between-group difference (max − min). */
  readonly differenceIntervals: Readonly<Record<string, DisparityInterval>>;
}

const confusionAt = (t: Float64Array, g: number): Confusion => ({
  tn: t[4 * g]!,
  fp: t[4 * g + 1]!,
  fn: t[4 * g + 2]!,
  tp: t[4 * g + 3]!,
});

/**
 * Metrics of groups known only through membership probabilities P(g | x), with the
 * membership-weighted estimator of Chen, Kallus, Mao, Svacha & Udell (2019): every confusion cell
 * of group g sums w_i · P(g | x_i) over its rows (w the sample weights, 1 when absent), which
 * equals `groupMetrics` on the rows duplicated once per group with weights w_i · P(g | x_i). The
 * `count` of a group is its expected size Σ P(g | x_i). Beside it, `hard` assigns each row to its
 * most probable group (`argmaxGroups`) and runs `groupMetrics`.
 * Intervals: each rate gets {@link rateInterval} on its Kish effective denominator n_eff and
 * p̂ · n_eff successes (exact, no bootstrap); gaps to the reference get Newcombe's interval on the
 * same effective counts, and the between-group difference the simultaneous exact interval. These
 * treat groups as independent samples, which soft membership is not (one row counts in several
 * groups): read them as approximate.
 * Reference: J. Chen, N. Kallus, X. Mao, G. Svacha, M. Udell, "Fairness Under Unawareness:
 * Assessing Disparity When Protected Class Is Unobserved", FAT* 2019. Cost O(n · k).
 *
 * @throws FairnessInputError on invalid data or membership matrix (naming the row)
 * @example
 * const r = softGroupMetrics(
 *   { yTrue: [1, 1], yPred: [1, 0], sensitiveFeatures: { probabilities: [[0.75, 0.25], [0.25, 0.75]], groups: ["a", "b"] } },
 *   { metrics: ["truePositiveRate"] },
 * );
 * r.soft.byGroup[0].values.truePositiveRate; // => 0.75
 * r.hard.byGroup[0].values.truePositiveRate; // => 1
 */
export function softGroupMetrics(
  input: SoftMembershipInput,
  options: SoftGroupMetricsOptions = {},
): SoftGroupMetricsResult {
  const fn = "softGroupMetrics";
  const ids = options.metrics ?? DEFAULT_RATE_METRICS;
  const metrics = ids.map((id) => {
    const m = getMetric(id);
    if (m?.input !== "counts")
      throw new RangeError(`${fn}: ${JSON.stringify(id)} is not a count metric`);
    return m;
  });
  const level = options.level ?? 0.95;
  const minDenominator = options.minDenominator ?? 30;
  const { groups: names } = input.sensitiveFeatures;
  const n = input.yTrue.length;
  const flat = membershipMatrix(input.sensitiveFeatures, n);
  const hardLabels = argmaxGroups(flat, names);
  const columns = prepare({ ...input, sensitiveFeatures: hardLabels });
  if (columns.pred === undefined)
    throw new TypeError(`${fn}: predictions (yPred or yScore) are required`);
  const k = names.length;
  const counts = new Float64Array(4 * k);
  const countComp = new Float64Array(4 * k);
  const weightSum = new Float64Array(4 * k);
  const weightComp = new Float64Array(4 * k);
  const squares = new Float64Array(4 * k);
  const squareComp = new Float64Array(4 * k);
  for (let i = 0; i < n; i++) {
    const cell = (columns.label[i]! << 1) | columns.pred[i]!;
    const w = columns.weight?.[i] ?? 1;
    for (let g = 0; g < k; g++) {
      const p = flat[i * k + g]!;
      if (p === 0) continue;
      addCompensated(counts, countComp, 4 * g + cell, p);
      addCompensated(weightSum, weightComp, 4 * g + cell, w * p);
      addCompensated(squares, squareComp, 4 * g + cell, w * p * (w * p));
    }
  }
  const stats: ConfusionStats = {
    groups: k,
    counts: counts.map((c, i) => c + countComp[i]!),
    weightSum,
    weightComp,
  };
  const index: GroupIndex = {
    featureNames: ["group"],
    levels: [[...names]],
    keys: names.map((g) => [g]),
  };
  const soft = groupMetricsOfConfusion(stats, index, { metrics: ids });
  const hard = groupMetricsOfColumns(columns, { metrics: ids });
  const weighted = weightSum.map((s, i) => s + weightComp[i]!);
  const squared = squares.map((s, i) => s + squareComp[i]!);
  const sizes = names.map(
    (_, g) => counts[4 * g]! + counts[4 * g + 1]! + counts[4 * g + 2]! + counts[4 * g + 3]!,
  );
  const referenceIndex =
    options.reference === undefined
      ? sizes.indexOf(sizes.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY))
      : names.indexOf(options.reference);
  if (referenceIndex < 0)
    throw new RangeError(`${fn}: unknown reference group ${JSON.stringify(options.reference)}`);
  const rates: Record<string, Record<string, SoftRate>> = {};
  const gapIntervals: Record<string, Record<string, ProportionInterval>> = {};
  const differenceIntervals: Record<string, DisparityInterval> = {};
  for (const metric of metrics as CountMetric[]) {
    const form = metric.proportion;
    if (form === undefined) continue;
    const effective = names.map((_, g) => {
      const numerator = form.numerator(confusionAt(weighted, g));
      const denominator = form.denominator(confusionAt(weighted, g));
      const square = form.denominator(confusionAt(squared, g));
      const effectiveDenominator = square > 0 ? (denominator * denominator) / square : 0;
      const estimate = denominator > 0 ? numerator / denominator : Number.NaN;
      const successes =
        denominator > 0 ? Math.min(effectiveDenominator, estimate * effectiveDenominator) : 0;
      return { numerator, denominator, effectiveDenominator, estimate, successes };
    });
    rates[metric.id] = Object.fromEntries(
      effective.map((e, g) => [
        names[g]!,
        {
          numerator: e.numerator,
          denominator: e.denominator,
          effectiveDenominator: e.effectiveDenominator,
          small: e.effectiveDenominator < minDenominator,
          interval: rateInterval(e.successes, e.effectiveDenominator, {
            level,
            minDenominator,
            ...(e.denominator > 0 ? { estimate: e.estimate } : {}),
          }),
        },
      ]),
    );
    const ref = effective[referenceIndex]!;
    gapIntervals[metric.id] = Object.fromEntries(
      effective.flatMap((e, g) => {
        if (g === referenceIndex || !(e.effectiveDenominator > 0 && ref.effectiveDenominator > 0))
          return [];
        return [
          [
            names[g]!,
            newcombeDifferenceInterval(
              e.successes,
              e.effectiveDenominator,
              ref.successes,
              ref.effectiveDenominator,
              level,
            ),
          ],
        ];
      }),
    );
    differenceIntervals[metric.id] = disparityInterval(
      "difference",
      [effective.map((e) => ({ numerator: e.successes, denominator: e.effectiveDenominator }))],
      undefined,
      { level, minDenominator },
    );
  }
  return {
    soft,
    hard,
    rates,
    reference: names[referenceIndex]!,
    gapIntervals,
    differenceIntervals,
  };
}
