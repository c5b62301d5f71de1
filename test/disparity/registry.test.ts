import { describe, expect, it } from "vitest";
import * as fairscope from "../../src/index.js";
import {
  audit,
  bootstrapGroupMetrics,
  CRITERIA,
  evaluateCriterion,
  gate,
  getMetric,
  groupMetrics,
  policyJsonSchema,
} from "../../src/index.js";

// Three groups with different rates, so every criterion is defined and not at its ideal.
const input = {
  yTrue: [1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1],
  yPred: [1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0],
  sensitiveFeatures: [..."aaaaaa", ..."bbbbbb", ..."cccccc"],
};
const allMetrics = [...new Set(CRITERIA.flatMap((c) => c.metrics))];

describe("criterion registry", () => {
  it("declares each criterion once, with metrics from the metric registry", () => {
    expect(new Set(CRITERIA.map((c) => c.id)).size).toBe(CRITERIA.length);
    for (const c of CRITERIA) {
      for (const m of c.metrics) expect(getMetric(m), `${c.id}: ${m}`).toBeDefined();
      expect(c.ideal).toBe(c.comparison === "difference" ? 0 : 1);
      expect(c.better).toBe(c.comparison === "difference" ? "lower" : "higher");
    }
  });

  it("every criterion is computed: its metrics' comparisons across groups, combined as declared", () => {
    const r = groupMetrics(input, { metrics: allMetrics });
    for (const c of CRITERIA) {
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
      criteria: CRITERIA.map((c) => c.id),
      seed: 1,
      intervals: { nBoot: 50 },
    });
    expect(report.criteria.map((c) => c.id)).toEqual(CRITERIA.map((c) => c.id));
    for (const c of report.criteria) {
      expect(c.value, c.id).toBe(evaluateCriterion(c.id as never, input));
      expect(c.interval, c.id).toBeDefined();
      expect(c.interval!.lower!, c.id).toBeLessThanOrEqual(c.interval!.upper!);
    }
  });

  it("every criterion is bootstrapped: its interval's estimate is its value", () => {
    const r = bootstrapGroupMetrics(input, { metrics: ["count"], nBoot: 30, seed: 2 });
    for (const c of CRITERIA) {
      expect(r.criteria?.[c.id]?.betweenGroups.estimate, c.id).toBe(evaluateCriterion(c.id, input));
      expect(r.criteria?.[c.id]?.toOverall.estimate, c.id).toBe(
        evaluateCriterion(c.id, input, { method: "toOverall" }),
      );
    }
  });

  it("every criterion is gated: the policy schema names it and the gate measures its value", () => {
    const report = audit(input, { metrics: allMetrics, intervals: false });
    const schema = JSON.stringify(policyJsonSchema());
    for (const c of CRITERIA) {
      expect(schema, c.id).toContain(`"${c.id}"`);
      const limit = c.comparison === "difference" ? { max: 1 } : { min: 0 };
      const result = gate(report, { rules: [{ criterion: c.id, ...limit }] });
      expect(result.checks[0]!.status, c.id).toBe("pass");
      expect(result.checks[0]!.value, c.id).toBe(evaluateCriterion(c.id, input));
    }
  });
});
