import { describe, expect, it } from "vitest";
import * as fairscope from "../../src/index.js";
import {
  audit,
  CRITERIA,
  evaluateCriterion,
  gate,
  getMetric,
  groupMetrics,
  regressionMetrics,
} from "../../src/index.js";
import { metricIdsOf } from "../../src/metrics/registry.js";
import { getRegressionMetric, regressionCriterion } from "../../src/regression/index.js";
import { regressionMetricIdsOf } from "../../src/regression/metrics.js";
import { policyJsonSchema } from "../../src/schemas/index.js";
import { bootstrapGroupMetrics } from "../../src/uncertainty/index.js";

// Three groups with different rates, so every criterion is defined and not at its ideal.
const input = {
  yTrue: [1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1],
  yPred: [1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0],
  sensitiveFeatures: [..."aaaaaa", ..."bbbbbb", ..."cccccc"],
};
const ALL = CRITERIA;
const BINARY = ALL.filter((c) => (c.task ?? "binary") === "binary");
const REGRESSION = ALL.filter((c) => c.task === "regression");
const MULTICLASS = ALL.filter((c) => c.task === "multiclass");
const allMetrics = metricIdsOf([...new Set(BINARY.flatMap((c) => c.metrics))], "test");

describe("criterion registry", () => {
  it("declares each criterion once, with metrics from the registry of its task", () => {
    expect(new Set(CRITERIA.map((c) => c.id)).size).toBe(CRITERIA.length);
    expect(BINARY.length + REGRESSION.length + MULTICLASS.length).toBe(CRITERIA.length);
    for (const c of ALL) {
      // Multiclass criteria compare binary metrics of each class against the rest.
      const registry = c.task === "regression" ? getRegressionMetric : getMetric;
      expect(c.classAggregation !== undefined, c.id).toBe(c.task === "multiclass");
      for (const m of c.metrics) expect(registry(m), `${c.id}: ${m}`).toBeDefined();
      expect(c.ideal).toBe(c.comparison === "difference" ? 0 : 1);
      expect(c.better).toBe(c.comparison === "difference" ? "lower" : "higher");
    }
  });

  it("every criterion is computed: its metrics' comparisons across groups, combined as declared", () => {
    const r = groupMetrics(input, { metrics: allMetrics });
    for (const c of BINARY) {
      const values = c.comparison === "difference" ? r.difference() : r.ratio();
      const parts = c.metrics.map((m) => values[m]!);
      const expected = c.comparison === "difference" ? Math.max(...parts) : Math.min(...parts);
      expect(evaluateCriterion(c.id, input), c.id).toBe(expected);
      // The exported function of the same name is the same computation.
      const fn = (fairscope as unknown as Record<string, (i: typeof input) => number>)[c.id];
      expect(fn?.(input), c.id).toBe(expected);
    }
  });

  it("every criterion is reported by audit, with a bootstrap interval", () => {
    const report = audit(input, {
      metrics: allMetrics,
      criteria: BINARY.map((c) => c.id),
      seed: 1,
      intervals: { nBoot: 50 },
    });
    expect(report.criteria.map((c) => c.id)).toEqual(BINARY.map((c) => c.id));
    for (const c of report.criteria) {
      expect(c.value, c.id).toBe(evaluateCriterion(c.id as never, input));
      expect(c.interval, c.id).toBeDefined();
      expect(c.interval!.lower!, c.id).toBeLessThanOrEqual(c.interval!.upper!);
    }
  });

  it("every criterion is bootstrapped: its interval's estimate is its value", () => {
    const r = bootstrapGroupMetrics(input, { metrics: ["count"], nBoot: 30, seed: 2 });
    for (const c of BINARY) {
      expect(r.criteria?.[c.id]?.betweenGroups.estimate, c.id).toBe(evaluateCriterion(c.id, input));
      expect(r.criteria?.[c.id]?.toOverall.estimate, c.id).toBe(
        evaluateCriterion(c.id, input, { method: "toOverall" }),
      );
    }
  });

  it("every criterion is gated: the policy schema names it and the gate measures its value", () => {
    const report = audit(input, { metrics: allMetrics, intervals: false });
    const schema = JSON.stringify(policyJsonSchema());
    for (const c of BINARY) {
      expect(schema, c.id).toContain(`"${c.id}"`);
      const limit = c.comparison === "difference" ? { max: 1 } : { min: 0 };
      const result = gate(report, { rules: [{ criterion: c.id, ...limit }] });
      expect(result.checks[0]!.status, c.id).toBe("pass");
      expect(result.checks[0]!.value, c.id).toBe(evaluateCriterion(c.id, input));
    }
  });

  it("every regression criterion is computed by regressionCriterion and named by the policy schema", () => {
    const data = {
      yTrue: [1, 2, 3, 4, 2, 5],
      yPred: [1.5, 2, 2, 5, 2, 3],
      sensitiveFeatures: ["a", "a", "a", "b", "b", "b"],
    };
    const schema = JSON.stringify(policyJsonSchema());
    for (const c of REGRESSION) {
      const r = regressionMetrics(data, { metrics: regressionMetricIdsOf(c.metrics, "test") });
      const values = c.comparison === "difference" ? r.difference() : r.ratio();
      expect(regressionCriterion(c.id, data), c.id).toBe(values[c.metrics[0]!]);
      expect(schema, c.id).toContain(`"${c.id}"`);
      expect(() => evaluateCriterion(c.id, input), c.id).toThrow(/regressionCriterion/);
    }
  });
});
