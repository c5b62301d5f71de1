/**
 * Metric ids, criterion ids and option values are literal unions: a misspelt one fails to
 * compile (`npm run typecheck` fails when a `@ts-expect-error` line stops being an error), and
 * strings from outside (a command line, a JSON file) are checked at run time and narrowed.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  audit,
  type CriterionId,
  calibrationByGroup,
  getMetric,
  groupMetrics,
  isMetricId,
  METRICS,
  type MetricId,
  metricIds,
  mitigationEffect,
  type RegressionMetricId,
  regressionMetrics,
  ThresholdOptimizer,
} from "../../src/index.js";
import { metricIdsOf } from "../../src/metrics/registry.js";
import { bootstrapGroupMetrics, groupRateTests } from "../../src/uncertainty/index.js";

const input = {
  yTrue: [1, 0, 1, 0, 1, 0, 1, 0],
  yPred: [1, 0, 0, 0, 1, 1, 1, 0],
  yScore: [0.9, 0.2, 0.4, 0.1, 0.8, 0.6, 0.7, 0.3],
  sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
};

describe("literal unions", () => {
  it("a misspelt metric id does not compile wherever metrics are named", () => {
    expectTypeOf<"truePositiveRate">().toExtend<MetricId>();
    expectTypeOf<"truePositveRate">().not.toExtend<MetricId>();
    // @ts-expect-error: not a metric id
    expect(() => groupMetrics(input, { metrics: ["truePositveRate"] })).toThrow(RangeError);
    // @ts-expect-error: not a metric id
    expect(() => audit(input, { metrics: ["selectonRate"] })).toThrow(RangeError);
    // @ts-expect-error: not a metric id
    expect(() => bootstrapGroupMetrics(input, { metrics: ["acuracy"] })).toThrow(RangeError);
    // @ts-expect-error: not a metric id
    expect(() => groupRateTests(input, { metrics: ["falsePositiveRates"] })).toThrow();
    // @ts-expect-error: not a metric id
    expect(() => mitigationEffect(input, input.yPred, { metrics: ["precison"] })).toThrow();
    const ids = ["selectionRate", "truePositiveRate"] as const;
    expect(groupMetrics(input, { metrics: ids }).metrics).toEqual(ids);
  });

  it("a misspelt regression metric id does not compile", () => {
    expectTypeOf<"meanAbsoluteError">().toExtend<RegressionMetricId>();
    const regression = {
      yTrue: [1, 2, 3, 4],
      yPred: [1, 3, 3, 6],
      sensitiveFeatures: ["a", "a", "b", "b"],
    };
    // @ts-expect-error: not a regression metric id
    expect(() => regressionMetrics(regression, { metrics: ["meanAbsoluteErorr"] })).toThrow(
      RangeError,
    );
    expect(
      regressionMetrics(regression, { metrics: ["meanAbsoluteError"] }).overall.meanAbsoluteError,
    ).toBe(0.75);
  });

  it("user metrics (functions and named) still sit beside built-in ids", () => {
    const share = (yTrue: ArrayLike<number>) => yTrue.length;
    const r = groupMetrics(input, {
      metrics: ["accuracy", share, { id: "rows", fn: (y: ArrayLike<number>) => y.length }],
    });
    expect(r.metrics).toEqual(["accuracy", "share", "rows"]);
  });

  it("a misspelt criterion id or option value does not compile", () => {
    expectTypeOf<"equalizedOddsDifference">().toExtend<CriterionId>();
    // @ts-expect-error: not a criterion id
    expect(() => audit(input, { criteria: ["equalisedOddsDifference"] })).toThrow(RangeError);
    // @ts-expect-error: not a zero-division policy
    expect(() => groupMetrics(input, { zeroDivision: "zero" })).toThrow();
    // @ts-expect-error: not a binning strategy
    expect(() => calibrationByGroup(input, { strategy: "quantiles" })).toThrow(RangeError);
    // @ts-expect-error: not a constraint
    expect(() => new ThresholdOptimizer({ constraints: "equalOdds" })).toThrow();
  });

  it("strings from outside are checked at run time and narrowed to MetricId", () => {
    const fromJson: string = JSON.parse('"falsePositiveRate"');
    expect(isMetricId(fromJson)).toBe(true);
    if (isMetricId(fromJson)) expectTypeOf(fromJson).toEqualTypeOf<MetricId>();
    expect(isMetricId("truePositveRate")).toBe(false);
    expect(() => metricIdsOf(["truePositveRate"], "audit")).toThrow(
      'audit: unknown metric "truePositveRate"',
    );
    expectTypeOf(metricIds()).toEqualTypeOf<MetricId[]>();
    expectTypeOf(METRICS[0]!.id).toEqualTypeOf<MetricId>();
    expect(metricIds()).toEqual(METRICS.map((m) => m.id));
    expect(metricIds().every((id) => getMetric(id)?.id === id)).toBe(true);
  });
});
