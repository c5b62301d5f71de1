import { describe, expect, it } from "vitest";
import { audit } from "../../src/report/audit.js";
import { randomSource } from "../../src/uncertainty/random.js";

/**
 * Two groups of 20 000 rows, label and prediction independent fair coins, so each (group, cell)
 * holds about 5000 rows; weights from `weight`.
 */
function input(weight: (u: number) => number) {
  const rng = randomSource(17);
  const n = 40_000;
  return {
    yTrue: Array.from({ length: n }, () => rng.integer(0, 1)),
    yPred: Array.from({ length: n }, () => rng.integer(0, 1)),
    sensitiveFeatures: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? "a" : "b")),
    sampleWeight: Array.from({ length: n }, () => weight(rng.uniform())),
  };
}

describe("audit intervals on weighted rows", () => {
  it("audit(…) records the normal approximation of weighted cell sums in every interval it made", () => {
    // Weights uniform on [0.5, 1.5): thousands of distinct values per cell; the Berry–Esseen
    // bound at ~5000 rows drawn is 0.4748 · 1.299 / √5000 ≈ 0.0087 ≤ 0.01, so the normal is used.
    const r = audit(
      input((u) => 0.5 + u),
      { intervals: { nBoot: 20 } },
    );
    const method = "percentileBootstrapNormalWeightSums";
    expect(r.metadata.options.intervals?.method).toBe(method);
    // (Group rates take the hull of the bootstrap and Clopper–Pearson intervals, method hybrid.)
    const criterion = r.criteria.find((c) => c.id === "demographicParityDifference")!;
    expect(criterion.interval?.method).toBe(method);
  });

  it("audit(…) keeps the exact bootstrap's method when weights take few values", () => {
    const r = audit(
      input((u) => (u < 0.5 ? 1 : 2)),
      { intervals: { nBoot: 20 } },
    );
    expect(r.metadata.options.intervals?.method).toBe("percentileBootstrap");
    const criterion = r.criteria.find((c) => c.id === "demographicParityDifference")!;
    expect(criterion.interval?.method).toBe("percentileBootstrap");
  });
});
