import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getMetric } from "../../src/metrics/registry.js";
import type { CountMetric } from "../../src/metrics/types.js";
import { rateFromCounts, tradeoffPoints } from "../../src/mitigation/thresholdOptimizerKernel.js";
import { expectClose } from "../helpers/close.js";

const METRICS = [
  "selectionRate",
  "truePositiveRate",
  "falsePositiveRate",
  "trueNegativeRate",
  "falseNegativeRate",
  "accuracy",
  "balancedAccuracy",
] as const;

const registry = (id: string) => getMetric(id) as CountMetric;

describe("rateFromCounts (Fairlearn's METRIC_DICT order)", () => {
  it("rateFromCounts(…) equals the registry's formula to 1e-12 on weighted counts", () => {
    const count = fc.double({ min: 1e-3, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.constantFrom(...METRICS), count, count, count, count, (id, tp, fp, tn, fn) => {
        expectClose(
          rateFromCounts(id, tp, fp, tn, fn),
          registry(id).fromCounts({ tn, fp, fn, tp }),
          1e-12,
        );
      }),
    );
  });
});

describe("tradeoffPoints", () => {
  it("tradeoffPoints(…) places each threshold at the registry's rates of its counts", () => {
    const rows = fc.array(
      fc.record({
        s: fc.integer({ min: 0, max: 8 }).map((k) => k / 8),
        y: fc.integer({ min: 0, max: 1 }),
        w: fc.double({ min: 0.1, max: 3, noNaN: true }),
      }),
      { minLength: 2, maxLength: 40 },
    );
    fc.assert(
      fc.property(rows, (data) => {
        const score = Float64Array.from(data, (r) => r.s);
        const label = Uint8Array.from(data, (r) => r.y);
        const weight = Float64Array.from(data, (r) => r.w);
        const points = tradeoffPoints(
          { score, label, weight },
          "falsePositiveRate",
          "truePositiveRate",
          false,
        );
        for (let j = 0; j < points.x.length; j++) {
          const t = points.threshold[j]!;
          const c = { tn: 0, fp: 0, fn: 0, tp: 0 };
          data.forEach((r) => {
            const positive = r.s > t;
            if (r.y === 1) c[positive ? "tp" : "fn"] += r.w;
            else c[positive ? "fp" : "tn"] += r.w;
          });
          for (const [value, id] of [
            [points.x[j]!, "falsePositiveRate"],
            [points.y[j]!, "truePositiveRate"],
          ] as const) {
            const expected = registry(id).fromCounts(c);
            if (Number.isNaN(expected)) expect(value).toBeNaN();
            else expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-12);
          }
        }
      }),
    );
  });
});
