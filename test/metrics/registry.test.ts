import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_METRICS, getMetric, METRICS, metricIds } from "../../src/metrics/registry.js";

describe("the metric registry", () => {
  it("declares every metric once, with a full name, a description and a valid range", () => {
    const ids = metricIds();
    expect(new Set(ids).size).toBe(ids.length);
    for (const metric of METRICS) {
      expect(metric.id).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(metric.name).toMatch(/^[A-Z]/);
      expect(metric.description).not.toBe("");
      expect(metric.range[0]).toBeLessThan(metric.range[1]);
      expect(["higher", "lower", "neither"]).toContain(metric.better);
    }
  });

  it("getMetric(id) returns the declaration and undefined for an unknown id", () => {
    for (const metric of METRICS) expect(getMetric(metric.id)).toBe(metric);
    expect(getMetric("acuracy")).toBeUndefined();
    expect(getMetric("toString")).toBeUndefined();
  });

  it("the default rate metrics are registered proportions of the counts", () => {
    for (const id of DEFAULT_RATE_METRICS) {
      const metric = getMetric(id)!;
      expect(metric.input).toBe("counts");
      expect(metric.input === "counts" && metric.proportion).toBeTruthy();
    }
  });

  it("a proportion's value is its numerator over its denominator, inside its range", () => {
    const count = fc.integer({ min: 0, max: 50 });
    fc.assert(
      fc.property(count, count, count, count, (tn, fp, fn, tp) => {
        const c = { tn, fp, fn, tp };
        for (const metric of METRICS) {
          if (metric.input !== "counts" || metric.proportion === undefined) continue;
          const denominator = metric.proportion.denominator(c);
          if (denominator === 0) continue;
          const value = metric.fromCounts(c);
          expect(value).toBeCloseTo(metric.proportion.numerator(c) / denominator, 14);
          expect(value).toBeGreaterThanOrEqual(metric.range[0]);
          expect(value).toBeLessThanOrEqual(metric.range[1]);
        }
      }),
      { seed: 17, numRuns: 200 },
    );
  });
});
