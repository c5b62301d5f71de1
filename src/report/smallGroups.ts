/**
 * The report's small-group rules: every rate carries its numerator and denominator, a flag on
 * its own denominator and an interval that never claims false certainty; groups below
 * `suppressBelow` are withheld (shown as suppressed, never as 0) and left out of every aggregate.
 */
import { rateEvidence } from "../metrics/evidence.js";
import { getMetric } from "../metrics/registry.js";
import type { ConfusionStats } from "../stats/confusion.js";
import { disparityInterval, type RateCounts } from "../uncertainty/disparityInterval.js";
import { rateInterval } from "../uncertainty/rateInterval.js";
import { referenceGroup } from "./referenceGroup.js";
import type { Criterion, Disparity, Estimate, FairnessReportData, GroupResult } from "./types.js";

/** The options of the small-group rules. */
export interface SmallGroupRules {
  /** Rates whose own denominator is below this are flagged and get exact intervals. */
  readonly minDenominator: number;
  /** Groups with fewer rows (and at least one) are suppressed; 0 suppresses nothing. */
  readonly suppressBelow: number;
}

type Draft = Omit<FairnessReportData, "findings">;

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The group's rate as counts for the disparity intervals (weighted: estimate × rows). */
function countsOf(e: Estimate | undefined): RateCounts | undefined {
  if (e?.denominator === undefined || e.numerator === undefined || e.value === null)
    return undefined;
  return e.weightedDenominator === undefined
    ? { numerator: e.numerator, denominator: e.denominator }
    : { numerator: e.value * e.denominator, denominator: e.denominator };
}

/** `values` with evidence and the rate-interval rule applied to each proportion metric. */
function withEvidence(
  values: Readonly<Record<string, Estimate>>,
  evidence: ReadonlyMap<string, ReturnType<typeof rateEvidence>>,
  at: number | "overall",
  rules: SmallGroupRules,
): Record<string, Estimate> {
  return Object.fromEntries(
    Object.entries(values).map(([id, e]) => {
      const ev = evidence.get(id);
      if (ev === undefined) return [id, e];
      const r = at === "overall" ? ev.overall : ev.byGroup[at]!;
      const next: Estimate = {
        ...e,
        numerator: r.numerator,
        denominator: r.denominator,
        ...(r.weightedNumerator === undefined
          ? {}
          : { weightedNumerator: r.weightedNumerator, weightedDenominator: r.weightedDenominator }),
        small: r.small,
      };
      if (e.interval === undefined || r.denominator === 0 || e.value === null) return [id, next];
      const ci = rateInterval(
        r.weightedNumerator === undefined ? r.numerator : e.value * r.denominator,
        r.denominator,
        {
          level: e.interval.level,
          minDenominator: rules.minDenominator,
          estimate: e.value,
          bootstrap:
            e.interval.lower === null || e.interval.upper === null
              ? undefined
              : { lower: e.interval.lower, upper: e.interval.upper },
        },
      );
      return [
        id,
        {
          ...next,
          interval: {
            lower: num(ci.lower),
            upper: num(ci.upper),
            level: ci.level,
            method: ci.method,
            ...(ci.reason === undefined ? {} : { reason: ci.reason }),
          },
        },
      ];
    }),
  );
}

const suppressedValues = (values: Readonly<Record<string, Estimate>>) =>
  Object.fromEntries(
    Object.entries(values).map(([id, e]) =>
      id === "count" || id === "weightedCount" ? [id, e] : [id, { value: null, suppressed: true }],
    ),
  );

const maxOf = (xs: readonly number[]) =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
const minOf = (xs: readonly number[]) =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);

/**
 * Applies the small-group rules to a drafted report: evidence (numerator, denominator, weighted
 * sums, `small` on the rate's own denominator) on every proportion metric's value; each rate's
 * interval by `rateInterval` (exact below `minDenominator` or at 0 and 1, else the hull of the
 * bootstrap and Clopper–Pearson); each between-group disparity's and criterion's interval by
 * `disparityInterval`; and suppression: values of groups with fewer than `suppressBelow` rows
 * become `{ value: null, suppressed: true }`, their gaps are withheld, and the disparities and
 * criteria are recomputed without them, with a note saying so. The reference group is never
 * suppressed. `stats` are the groups' confusion counts (undefined without predictions: the
 * draft is returned as it is). Cost O(groups · metrics).
 */
export function applySmallGroupRules(
  draft: Draft,
  stats: ConfusionStats | undefined,
  rules: SmallGroupRules,
): Draft {
  if (stats === undefined) return draft;
  const evidence = new Map<string, ReturnType<typeof rateEvidence>>();
  for (const m of draft.metrics) {
    const def = getMetric(m.id);
    if (def?.input === "counts") {
      const ev = rateEvidence(stats, def, rules.minDenominator);
      if (ev !== undefined) evidence.set(m.id, ev);
    }
  }
  const refGroup = referenceGroup(draft);
  const refIndex = refGroup === undefined ? -1 : draft.groups.indexOf(refGroup);
  // By identity, not label: distinct groups may share a label ("1" and 1).
  const suppressed = new Set(
    draft.groups.filter((g) => g.count > 0 && g.count < rules.suppressBelow && g !== refGroup),
  );
  const groups: GroupResult[] = draft.groups.map((g, i) =>
    suppressed.has(g)
      ? { ...g, suppressed: true, values: suppressedValues(g.values) }
      : { ...g, values: withEvidence(g.values, evidence, i, rules) },
  );
  const overall = withEvidence(draft.overall, evidence, "overall", rules);
  const kept = groups.filter((g, i) => g.count > 0 && !suppressed.has(draft.groups[i]!));
  // Each metric's gaps list the groups with rows other than the reference, in order.
  const compared = draft.groups.filter((g) => g.count > 0 && g !== refGroup);
  const note =
    suppressed.size === 0
      ? undefined
      : `${[...suppressed].map((g) => g.label).join("; ")} ${suppressed.size === 1 ? "is" : "are"} suppressed (fewer than ${rules.suppressBelow} rows) and left out`;
  const ratesOf = (id: string) =>
    kept.flatMap((g) => {
      const c = countsOf(g.values[id]);
      return c === undefined ? [] : [c];
    });
  const level = draft.metadata.options.intervals?.level ?? 0.95;
  const intervalOf = (
    kind: "difference" | "ratio",
    ids: readonly string[],
    e: Estimate,
  ): Estimate["interval"] => {
    if (e.interval === undefined || !ids.every((id) => evidence.has(id))) return e.interval;
    const boot =
      e.interval.lower === null || e.interval.upper === null || note !== undefined
        ? undefined
        : { lower: e.interval.lower, upper: e.interval.upper };
    const ci = disparityInterval(kind, ids.map(ratesOf), boot, {
      level,
      minDenominator: rules.minDenominator,
    });
    return {
      lower: num(ci.lower),
      upper: num(ci.upper),
      level: e.interval.level,
      // The bootstrap interval kept: its own method (which says how weighted sums were drawn).
      method: ci.method === "percentileBootstrap" ? e.interval.method : ci.method,
    };
  };
  const refValues = refIndex < 0 ? overall : groups[refIndex]!.values;
  const disparities: Disparity[] = draft.disparities.map((d) => {
    const gaps = d.gaps.map((gap, j) =>
      suppressed.has(compared[j]!)
        ? {
            ...gap,
            difference: { value: null, suppressed: true },
            ratio: { value: null, suppressed: true },
          }
        : gap,
    );
    const values = kept.map((g) => g.values[d.metric]?.value ?? null).filter((v) => v !== null);
    const base = refValues[d.metric]?.value ?? Number.NaN;
    const others = kept
      .filter((g) => g !== groups[refIndex])
      .map((g) => g.values[d.metric]?.value ?? null)
      .filter((v) => v !== null);
    const recomputed =
      note === undefined
        ? d
        : {
            ...d,
            difference: { value: num(maxOf(others.map((v) => Math.abs(v - base)))) },
            ratio: {
              value: num(
                minOf(
                  others.map((v) => {
                    const r = v / base;
                    return r > 1 ? 1 / r : r;
                  }),
                ),
              ),
            },
            betweenGroups: {
              difference: {
                ...d.betweenGroups.difference,
                value: num(maxOf(values) - minOf(values)),
              },
              ratio: { ...d.betweenGroups.ratio, value: num(minOf(values) / maxOf(values)) },
            },
            note,
          };
    const between = recomputed.betweenGroups;
    const difference = intervalOf("difference", [d.metric], between.difference);
    const ratio = intervalOf("ratio", [d.metric], between.ratio);
    return {
      ...recomputed,
      gaps,
      betweenGroups: {
        difference: difference
          ? { ...between.difference, interval: difference }
          : between.difference,
        ratio: ratio ? { ...between.ratio, interval: ratio } : between.ratio,
      },
    };
  });
  const criteria: Criterion[] = draft.criteria.map((c) => {
    const parts = c.metrics.map((id) => disparities.find((d) => d.metric === id)?.betweenGroups);
    const value =
      note === undefined || parts.some((p) => p === undefined)
        ? c.value
        : c.comparison === "difference"
          ? num(maxOf(parts.map((p) => p!.difference.value ?? Number.NaN)))
          : num(minOf(parts.map((p) => p!.ratio.value ?? Number.NaN)));
    const interval =
      c.interval === undefined
        ? undefined
        : intervalOf(c.comparison, c.metrics, { value, interval: c.interval });
    return {
      ...c,
      value,
      ...(interval ? { interval } : {}),
      ...(note === undefined ? {} : { note }),
    };
  });
  return { ...draft, overall, groups, disparities, criteria };
}
