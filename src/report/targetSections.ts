/**
 * The report's standardisation and soft-membership sections: the audit's count metrics in a
 * target population, and under probabilistic group membership beside the hard assignment.
 */
import type { FairnessInput } from "../data/inputTypes.js";
import { getCriterion } from "../disparity/registry.js";
import type { GroupMetricsResult } from "../frame/result.js";
import type { MembershipMatrix } from "../membership/matrix.js";
import { softGroupMetrics } from "../membership/softGroupMetrics.js";
import { getMetric, type MetricId } from "../metrics/registry.js";
import {
  type StandardizationTarget,
  standardizedGroupMetrics,
} from "../standardization/standardize.js";
import type {
  Criterion,
  Estimate,
  SoftMembershipSection,
  StandardizationSection,
} from "./types.js";

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The metric ids a section can compute: count metrics only. */
const countIds = (ids: readonly MetricId[]) =>
  ids.filter((id) => getMetric(id)?.input === "counts");

/** Each criterion's value on a result (worst case over its metrics, between groups). */
function criteriaValues(
  result: GroupMetricsResult,
  criteria: readonly Criterion[],
): Record<string, number | null> {
  const difference = result.difference();
  const ratio = result.ratio();
  return Object.fromEntries(
    criteria.flatMap((c) => {
      const def = getCriterion(c.id);
      if (def === undefined || !c.metrics.every((m) => result.metrics.includes(m))) return [];
      const parts = c.metrics.map((m) =>
        c.comparison === "difference" ? difference[m]! : ratio[m]!,
      );
      const value =
        c.comparison === "difference"
          ? parts.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY)
          : parts.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
      return [[c.id, num(value)]];
    }),
  );
}

/**
 * The audit's count metrics under post-stratification or raking weights to `target`, with
 * each group's Kish effective sample size and the criteria's values (see
 * `standardizedGroupMetrics`). Cost: the weighting plus one `groupMetrics` pass.
 */
export function standardizationSection(
  input: FairnessInput,
  target: StandardizationTarget,
  metrics: readonly MetricId[],
  criteria: readonly Criterion[],
): StandardizationSection {
  const s = standardizedGroupMetrics(input, target, { metrics: countIds(metrics) });
  const values = (v: Readonly<Record<string, number>>): Record<string, Estimate> =>
    Object.fromEntries(Object.entries(v).map(([id, x]) => [id, { value: num(x) }]));
  return {
    method: s.method,
    features: Object.keys(target.features),
    ...(s.raking
      ? {
          converged: s.raking.converged,
          iterations: s.raking.iterations,
          maxMarginError: s.raking.maxMarginError,
        }
      : {}),
    overall: values(s.result.overall),
    groups: s.result.byGroup.map((g) => ({
      group: g.label,
      effectiveSampleSize: num(s.effectiveSampleSize[g.label] ?? Number.NaN),
      values: values(g.values),
    })),
    criteria: criteriaValues(s.result, criteria),
  };
}

/**
 * The audit's count metrics under soft group membership (`softGroupMetrics`): each group's
 * membership-weighted value with its weighted numerator and denominator, effective-denominator
 * flag and interval, beside its value under the hard (argmax) assignment; and each metric's
 * between-group difference both ways. Cost O(rows · groups).
 */
export function softMembershipSection(
  input: Omit<FairnessInput, "sensitiveFeatures">,
  membership: MembershipMatrix,
  metrics: readonly MetricId[],
  level: number,
  minDenominator: number,
): SoftMembershipSection {
  const ids = countIds(metrics);
  const r = softGroupMetrics(
    { ...input, sensitiveFeatures: membership },
    { metrics: ids, level, minDenominator },
  );
  const hardByLabel = new Map(r.hard.byGroup.map((g) => [g.label, g]));
  const softDiff = r.soft.difference();
  const hardDiff = r.hard.difference();
  return {
    estimator: "membershipWeighted",
    groups: r.soft.byGroup.map((g) => {
      const hard = hardByLabel.get(g.label);
      return {
        group: g.label,
        expectedCount: g.values.count ?? g.count,
        hardCount: hard?.count ?? 0,
        values: Object.fromEntries(
          ids.map((id) => {
            const rate = r.rates[id]?.[g.label];
            const value = num(g.values[id] ?? Number.NaN);
            if (rate === undefined) return [id, { value }];
            return [
              id,
              {
                value,
                ...(Number.isFinite(rate.interval.lower)
                  ? {
                      interval: {
                        lower: rate.interval.lower,
                        upper: rate.interval.upper,
                        level,
                        method: rate.interval.method,
                        ...(rate.interval.reason ? { reason: rate.interval.reason } : {}),
                      },
                    }
                  : {}),
                weightedNumerator: rate.numerator,
                weightedDenominator: rate.denominator,
                small: rate.small,
              },
            ];
          }),
        ),
        hardValues: Object.fromEntries(
          ids.map((id) => [id, { value: num(hard?.values[id] ?? Number.NaN) }]),
        ),
      };
    }),
    differences: Object.fromEntries(
      ids
        .filter((id) => id !== "count")
        .map((id) => {
          const ci = r.differenceIntervals[id];
          return [
            id,
            {
              soft: {
                value: num(softDiff[id] ?? Number.NaN),
                ...(ci && Number.isFinite(ci.lower)
                  ? { interval: { lower: ci.lower, upper: ci.upper, level, method: ci.method } }
                  : {}),
              },
              hard: { value: num(hardDiff[id] ?? Number.NaN) },
            },
          ];
        }),
    ),
  };
}
