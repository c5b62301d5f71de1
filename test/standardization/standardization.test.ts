import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { groupMetrics } from "../../src/frame/groupMetrics.js";
import { kishEffectiveSampleSize } from "../../src/standardization/effectiveSampleSize.js";
import { standardizedGroupMetrics } from "../../src/standardization/standardize.js";
import { postStratificationWeights, rakingWeights } from "../../src/standardization/weights.js";
import { closeMismatches } from "../helpers/close.js";

const levels = ["a", "b", "c"];
/** Rows with every level of `levels` present at least once, plus positive base weights. */
const sample = fc
  .array(fc.tuple(fc.constantFrom(...levels), fc.double({ min: 0.1, max: 5, noNaN: true })), {
    minLength: 3,
    maxLength: 60,
  })
  .map((rows) => [...levels.map((l) => [l, 1] as [string, number]), ...rows]);
const shares = fc
  .tuple(
    fc.integer({ min: 1, max: 100 }),
    fc.integer({ min: 1, max: 100 }),
    fc.integer({ min: 1, max: 100 }),
  )
  .map(([x, y, z]) => ({
    a: x / (x + y + z),
    b: y / (x + y + z),
    c: 1 - x / (x + y + z) - y / (x + y + z),
  }));

describe("postStratificationWeights(features, reference, options)", () => {
  it("postStratificationWeights(…) equals b_i · π_s · B / B_s", () => {
    fc.assert(
      fc.property(sample, shares, (rows, pi) => {
        const cells = rows.map((r) => r[0]);
        const base = rows.map((r) => r[1]);
        const w = postStratificationWeights({ f: cells }, pi, { baseWeights: base });
        const total = base.reduce((s, x) => s + x, 0);
        rows.forEach(([cell, b], i) => {
          const cellTotal = rows.filter((r) => r[0] === cell).reduce((s, r) => s + r[1], 0);
          const expected = (b * pi[cell as "a"] * total) / cellTotal;
          expect(Math.abs(w[i]! - expected)).toBeLessThanOrEqual(1e-12 * expected);
        });
      }),
    );
  });

  it("postStratificationWeights(…) unweighted is π_s · n / n_s, on joint cells of two features", () => {
    const w = postStratificationWeights(
      { sex: ["F", "F", "M", "M", "M", "M"], age: ["y", "o", "y", "y", "o", "o"] },
      { "F, y": 0.25, "F, o": 0.25, "M, y": 0.25, "M, o": 0.25 },
    );
    expect([...w]).toEqual([1.5, 1.5, 0.75, 0.75, 0.75, 0.75]);
  });

  it("postStratificationWeights(…) names cells missing on either side", () => {
    try {
      postStratificationWeights({ f: ["a", "z"] }, { a: 0.5, b: 0.5 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FairnessInputError);
      expect((error as FairnessInputError).issues.map((i) => i.path)).toEqual([
        ["reference", "z"],
        ["reference", "b"],
      ]);
    }
  });
});

describe("rakingWeights(features, margins, options)", () => {
  it("rakingWeights(…) on one margin equals post-stratification", () => {
    fc.assert(
      fc.property(sample, shares, (rows, pi) => {
        const cells = rows.map((r) => r[0]);
        const base = rows.map((r) => r[1]);
        const raked = rakingWeights({ f: cells }, { f: pi }, { baseWeights: base });
        const post = postStratificationWeights({ f: cells }, pi, { baseWeights: base });
        expect(raked.converged).toBe(true);
        expect(closeMismatches([...raked.weights], [...post])).toEqual([]);
      }),
    );
  });

  it("rakingWeights(…) matches two margins and reports convergence", () => {
    const features = {
      sex: ["F", "F", "F", "M", "M", "M", "M", "M"],
      age: ["y", "y", "o", "y", "y", "y", "o", "o"],
    };
    const margins = { sex: { F: 0.5, M: 0.5 }, age: { y: 0.4, o: 0.6 } };
    const r = rakingWeights(features, margins);
    expect(r.converged).toBe(true);
    expect(r.maxMarginError).toBeLessThanOrEqual(1e-10);
    const total = r.weights.reduce((s, w) => s + w, 0);
    expect(total).toBeCloseTo(8, 12);
    const share = (f: "sex" | "age", level: string) =>
      features[f].reduce((s, l, i) => s + (l === level ? r.weights[i]! : 0), 0) / total;
    expect(share("sex", "F")).toBeCloseTo(0.5, 10);
    expect(share("age", "o")).toBeCloseTo(0.6, 10);
    const stopped = rakingWeights(features, margins, { maxIterations: 1 });
    expect(stopped.converged).toBe(false);
    expect(stopped.iterations).toBe(1);
    expect(stopped.maxMarginError).toBeGreaterThan(1e-10);
  });

  it("rakingWeights(…) rejects a missing margin and a level absent from the data", () => {
    expect(() => rakingWeights({ sex: ["F", "M"] }, {})).toThrow(/no margin for feature sex/);
    expect(() => rakingWeights({ sex: ["F", "M"] }, { sex: { F: 0.4, M: 0.4, X: 0.2 } })).toThrow(
      /no rows/,
    );
    expect(() => rakingWeights({ sex: ["F", "M"] }, { sex: { F: 1, M: 1 } })).toThrow(/sum to/);
  });
});

describe("kishEffectiveSampleSize(weights, group, groups)", () => {
  it("kishEffectiveSampleSize(…) is (Σw)²/Σw² per group, n for equal weights", () => {
    expect(kishEffectiveSampleSize([2, 2, 2, 2])).toEqual([4]);
    expect(kishEffectiveSampleSize([1, 3, 2, 2], [0, 0, 1, 1], 2)).toEqual([16 / 10, 2]);
    expect(kishEffectiveSampleSize([0, 0])[0]).toBeNaN();
  });
});

describe("standardizedGroupMetrics(input, target, options)", () => {
  const input = {
    yTrue: [1, 0, 1, 1, 0, 1, 0, 0, 1, 1],
    yPred: [1, 0, 0, 1, 1, 1, 0, 1, 0, 1],
    sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b", "b", "b"],
    sampleWeight: [1, 2, 1, 1, 3, 1, 1, 2, 1, 1],
  };
  const age = ["y", "o", "o", "y", "y", "o", "o", "o", "y", "o"];

  it("standardizedGroupMetrics(…) equals groupMetrics with the raking weights", () => {
    const s = standardizedGroupMetrics(
      input,
      { method: "raking", features: { age }, margins: { age: { y: 0.7, o: 0.3 } } },
      { metrics: ["selectionRate", "truePositiveRate", "accuracy"] },
    );
    const direct = groupMetrics(
      { ...input, sampleWeight: s.weights },
      { metrics: ["selectionRate", "truePositiveRate", "accuracy"] },
    );
    expect(closeMismatches(s.result.toJSON(), direct.toJSON())).toEqual([]);
    expect(s.raking?.converged).toBe(true);
    expect(s.raking?.iterations).toBe(1);
    const expectedEss = kishEffectiveSampleSize(s.weights.subarray(0, 4))[0]!;
    expect(s.effectiveSampleSize.a).toBeCloseTo(expectedEss, 12);
  });

  it("standardizedGroupMetrics(…) post-stratified starts from the input's sample weights", () => {
    const s = standardizedGroupMetrics(input, {
      method: "postStratification",
      features: { age },
      reference: { y: 70, o: 30 },
      referenceKind: "counts",
    });
    const expected = postStratificationWeights(
      { age },
      { y: 0.7, o: 0.3 },
      { baseWeights: input.sampleWeight },
    );
    expect([...s.weights]).toEqual([...expected]);
    expect(s.raking).toBeUndefined();
  });
});
