import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjustPValues } from "../../src/uncertainty/corrections.js";

const pValues = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
  minLength: 1,
  maxLength: 30,
});

describe("adjustPValues(pValues, { method, alpha })", () => {
  it("adjustPValues(…) reproduces statsmodels on tied p-values", () => {
    // statsmodels 0.14 multipletests, fixture stats_multipletests_ties
    const p = [0.5, 0.001, 0.02, 0.001, 0.3, 0.02];
    const holm = adjustPValues(p, { method: "holm" });
    expect(holm.adjusted).toEqual([0.6, 0.006, 0.08, 0.006, 0.6, 0.08]);
    expect(holm.reject).toEqual([false, true, false, true, false, false]);
    const bh = adjustPValues([0.01, 0.01, 0.02, 0.04, 0.04, 0.04, 0.5], {
      method: "benjaminiHochberg",
    });
    expect(bh.adjusted[0]).toBeCloseTo(0.035, 15);
    expect(bh.reject).toEqual([true, true, true, true, true, true, false]);
  });

  it("adjustPValues(…) gives Holm ≥ Benjamini–Hochberg ≥ raw p", () => {
    fc.assert(
      fc.property(pValues, (p) => {
        const holm = adjustPValues(p, { method: "holm" }).adjusted;
        const bh = adjustPValues(p, { method: "benjaminiHochberg" }).adjusted;
        p.forEach((raw, i) => {
          expect(holm[i]).toBeGreaterThanOrEqual((bh[i] as number) * (1 - 1e-15));
          expect(bh[i]).toBeGreaterThanOrEqual(raw * (1 - 1e-15));
          expect(holm[i]).toBeLessThanOrEqual(1);
        });
      }),
    );
  });

  it("adjustPValues(…) is monotone in the raw p-value", () => {
    fc.assert(
      fc.property(pValues, fc.constantFrom("holm", "benjaminiHochberg" as const), (p, method) => {
        const adj = adjustPValues(p, { method }).adjusted;
        p.forEach((a, i) => {
          p.forEach((b, j) => {
            if (a <= b) expect(adj[i]).toBeLessThanOrEqual(adj[j] as number);
          });
        });
      }),
    );
  });

  it("adjustPValues(…) rejects exactly the p-values whose adjusted value is ≤ alpha", () => {
    fc.assert(
      fc.property(pValues, fc.constantFrom("holm", "benjaminiHochberg" as const), (p, method) => {
        const r = adjustPValues(p, { method, alpha: 0.05 });
        r.adjusted.forEach((a, i) => {
          // Equality can differ by one rounding between the two formulas; stay off the boundary.
          if (Math.abs(a - 0.05) > 1e-12) expect(r.reject[i]).toBe(a <= 0.05);
        });
      }),
    );
  });

  it("adjustPValues(…) rejects p-values outside [0, 1]", () => {
    expect(() => adjustPValues([0.2, 1.5])).toThrow(/adjustPValues: pValues\[1\]/);
  });
});
