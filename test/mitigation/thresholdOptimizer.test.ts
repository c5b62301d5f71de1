import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { ThresholdOptimizer } from "../../src/mitigation/thresholdOptimizer.js";
import { ThresholdRule } from "../../src/mitigation/thresholdRule.js";

// Fairlearn test/unit/postprocessing/conftest.py: sensitive_features_ex1, labels_ex, scores_ex.
const groups = [..."AAAAAAABBBBBBBCCCCCC"];
const yTrue = [..."01101000010111000111"].map(Number);
const yScore = [..."00112330001111011112"].map(Number);
const input = { yTrue, yScore, sensitiveFeatures: groups };

function selectionRates(p: Float64Array, g: string[]) {
  const sums = new Map<string, [number, number]>();
  g.forEach((k, i) => {
    const s = sums.get(k) ?? [0, 0];
    sums.set(k, [s[0] + p[i]!, s[1] + 1]);
  });
  return [...sums.values()].map(([s, n]) => s / n);
}

describe("ThresholdOptimizer on Fairlearn's unit-test example", () => {
  it("fit(…) with demographicParity and flip gives every group selection rate 0.572", () => {
    // Fairlearn 0.13 test_threshold_optimization_demographic_parity: x* = 0.572.
    const rule = new ThresholdOptimizer({ constraints: "demographicParity", flip: true }).fit(
      input,
    );
    expect(rule.fit?.constraintValue).toBeCloseTo(0.572, 12);
    const p = rule.predictProba(input);
    for (const rate of selectionRates(p, groups)) expect(rate).toBeCloseTo(0.572, 12);
    // Group A: P(1) = 0.8008 for s < 2.5, else 0 (Fairlearn's 0.1992·[>∞] + 0.8008·[<2.5]).
    expect(p[0]).toBeCloseTo(0.8008, 12);
    expect(p[5]).toBe(0);
  });

  it("fit(…) with equalizedOdds gives Fairlearn's p_ignore per group", () => {
    // Fairlearn 0.13 test_threshold_optimization_equalized_odds: x* = 0.334.
    const rule = new ThresholdOptimizer({ constraints: "equalizedOdds", flip: true }).fit(input);
    const json = rule.toJSON();
    expect(json.fit?.constraintValue).toBeCloseTo(0.334, 12);
    const byGroup = Object.fromEntries(json.groups.map((g) => [String(g.group[0]), g]));
    expect(byGroup.A?.pIgnore).toBeCloseTo(0.001996007984031716, 12);
    expect(byGroup.B?.pIgnore).toBeCloseTo(0.1991991991991991, 12);
    expect(byGroup.C?.pIgnore).toBe(0);
  });

  it("explain() writes each group's rule in words", () => {
    const rule = new ThresholdOptimizer({ constraints: "demographicParity", flip: true }).fit(
      input,
    );
    const [a, b] = rule.explain();
    expect(a).toBe(
      "group A: score < 2.5 → positive with probability 0.8008; score ≥ 2.5 → negative",
    );
    expect(b).toBe(
      "group B: score ≤ 0.5 → positive with probability 0.00133333; score > 0.5 → positive",
    );
  });
});

describe("ThresholdOptimizer errors", () => {
  it("fit(…) names the group with degenerate labels", () => {
    const bad = {
      yTrue: [1, 0, 1, 1],
      yScore: [0.9, 0.1, 0.8, 0.3],
      sensitiveFeatures: ["a", "a", "b", "b"],
    };
    expect(() => new ThresholdOptimizer().fit(bad)).toThrow(/group b: it has only positive/);
  });

  it("constructor rejects tol with equalizedOdds, negative tol and unavailable objectives", () => {
    expect(() => new ThresholdOptimizer({ constraints: "equalizedOdds", tol: 0.05 })).toThrow(
      RangeError,
    );
    expect(() => new ThresholdOptimizer({ tol: -0.1 })).toThrow(/tol must be >= 0/);
    expect(
      () => new ThresholdOptimizer({ constraints: "equalizedOdds", objective: "selectionRate" }),
    ).toThrow(/not available with equalizedOdds/);
  });

  it("predictProba(…) rejects a group unseen at fit time unless a fallback is given", () => {
    const rule = new ThresholdOptimizer().fit(input);
    const rows = { yScore: [1, 2], sensitiveFeatures: ["A", "Z"] };
    expect(() => rule.predictProba(rows)).toThrow(FairnessInputError);
    expect(() => rule.predictProba(rows)).toThrow(/"Z"\] was not seen/);
    const p = rule.predictProba(rows, { unseenGroup: { probability: 0.25 } });
    expect(p[1]).toBe(0.25);
  });
});

describe("ThresholdOptimizer with sample weights", () => {
  it("integer weights equal repeating rows", () => {
    const w = yTrue.map((_, i) => (i % 3) + 1);
    const rep = {
      yTrue: [] as number[],
      yScore: [] as number[],
      sensitiveFeatures: [] as string[],
    };
    w.forEach((k, i) => {
      for (let r = 0; r < k; r++) {
        rep.yTrue.push(yTrue[i]!);
        rep.yScore.push(yScore[i]!);
        rep.sensitiveFeatures.push(groups[i]!);
      }
    });
    for (const constraints of ["demographicParity", "equalizedOdds"] as const) {
      const weighted = new ThresholdOptimizer({ constraints }).fit({ ...input, sampleWeight: w });
      const repeated = new ThresholdOptimizer({ constraints }).fit(rep);
      const a = weighted.predictProba(input);
      const b = repeated.predictProba(input);
      a.forEach((v, i) => {
        expect(v).toBeCloseTo(b[i]!, 12);
      });
    }
  });

  it("fits equalized odds when weights summed in score order round differently", () => {
    // Group a's negative weights sum to 0.6000000000000001 in row order and to 0.6 from the
    // highest score down: the curve must still end at (1, 1).
    const rule = new ThresholdOptimizer({ constraints: "equalizedOdds" }).fit({
      yTrue: [0, 0, 0, 1, 0, 1],
      yScore: [0.1, 0.2, 0.3, 0.9, 0.2, 0.8],
      sensitiveFeatures: ["a", "a", "a", "a", "b", "b"],
      sampleWeight: [0.1, 0.2, 0.3, 1, 1, 1],
    });
    const p = rule.predictProba({ yScore: [0.05, 0.95], sensitiveFeatures: ["a", "a"] });
    expect(p[0]).toBeLessThanOrEqual(p[1]!);
  });
});

const dataArb = fc
  .array(
    fc.record({
      g: fc.constantFrom("x", "y", "z"),
      y: fc.constantFrom(0, 1),
      s: fc.integer({ min: 0, max: 20 }).map((v) => v / 20),
    }),
    { minLength: 12, maxLength: 80 },
  )
  .filter((rows) =>
    ["x", "y", "z"].every(
      (g) => rows.some((r) => r.g === g && r.y === 1) && rows.some((r) => r.g === g && r.y === 0),
    ),
  );
const constraintArb = fc.constantFrom(
  "demographicParity",
  "truePositiveRateParity",
  "falsePositiveRateParity",
  "equalizedOdds",
) as fc.Arbitrary<"demographicParity" | "equalizedOdds">;

function toInput(rows: { g: string; y: number; s: number }[]) {
  return {
    yTrue: rows.map((r) => r.y),
    yScore: rows.map((r) => r.s),
    sensitiveFeatures: rows.map((r) => r.g),
  };
}

describe("ThresholdOptimizer properties", () => {
  it("predictProba(…) lies in [0, 1]", () => {
    fc.assert(
      fc.property(dataArb, constraintArb, fc.boolean(), (rows, constraints, flip) => {
        const data = toInput(rows);
        const p = new ThresholdOptimizer({ constraints, flip }).fit(data).predictProba(data);
        for (const v of p) expect(v >= -1e-12 && v <= 1 + 1e-12).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("a demographic-parity rule has equal expected selection rates across groups (1e-9)", () => {
    fc.assert(
      fc.property(dataArb, (rows) => {
        const data = toInput(rows);
        const rule = new ThresholdOptimizer({ constraints: "demographicParity" }).fit(data);
        const rates = selectionRates(rule.predictProba(data), data.sensitiveFeatures);
        for (const r of rates) expect(Math.abs(r - rates[0]!)).toBeLessThan(1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it("toJSON → JSON text → fromJSON gives identical predictions", () => {
    fc.assert(
      fc.property(dataArb, constraintArb, fc.boolean(), (rows, constraints, flip) => {
        const data = toInput(rows);
        const rule = new ThresholdOptimizer({ constraints, flip }).fit(data);
        const back = ThresholdRule.fromJSON(JSON.parse(JSON.stringify(rule)));
        expect(Array.from(back.predictProba(data))).toEqual(Array.from(rule.predictProba(data)));
        expect(Array.from(back.predict(data, { seed: 7 }))).toEqual(
          Array.from(rule.predict(data, { seed: 7 })),
        );
      }),
      { numRuns: 60 },
    );
  });

  it("a permutation of the rows does not change the fitted rule", () => {
    fc.assert(
      fc.property(
        dataArb.chain((rows) =>
          fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length })),
        ),
        constraintArb,
        ([rows, shuffled], constraints) => {
          const a = new ThresholdOptimizer({ constraints }).fit(toInput(rows)).toJSON();
          const b = new ThresholdOptimizer({ constraints }).fit(toInput(shuffled)).toJSON();
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("predict(…) with the same seed gives the same labels, and its mean converges to predictProba", () => {
    const rule = new ThresholdOptimizer({ constraints: "equalizedOdds", flip: true }).fit(input);
    expect(Array.from(rule.predict(input, { seed: 3 }))).toEqual(
      Array.from(rule.predict(input, { seed: 3 })),
    );
    const p = rule.predictProba(input);
    const mean = new Float64Array(p.length);
    const runs = 4000;
    for (let seed = 0; seed < runs; seed++) {
      rule.predict(input, { seed }).forEach((v, i) => {
        mean[i]! += v / runs;
      });
    }
    // Binomial standard error ≤ 0.5/√4000 ≈ 0.008; 5 standard errors.
    mean.forEach((m, i) => {
      expect(Math.abs(m - p[i]!)).toBeLessThan(0.04);
    });
  });
});

describe("ThresholdOptimizer with tol and trade-off data", () => {
  it("fit(…) with tol keeps the groups' constraint values within tol and reports them", () => {
    const optimizer = new ThresholdOptimizer({
      constraints: "demographicParity",
      tol: 0.1,
      flip: true,
    });
    const rule = optimizer.fit(input);
    const fit = rule.fit!;
    expect(fit.constraintValue).toBeNull();
    const values = fit.constraintValueByGroup;
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(0.1 + 1e-12);
    expect(fit.betweenGroups).toBeCloseTo(Math.max(...values) - Math.min(...values), 15);
    // The relaxed optimum is at least as good as exact parity.
    const exact = new ThresholdOptimizer({ constraints: "demographicParity", flip: true }).fit(
      input,
    );
    expect(fit.objectiveValue).toBeGreaterThanOrEqual(exact.fit!.objectiveValue - 1e-12);
    expect(optimizer.tradeoff?.curves).toHaveLength(3);
    expect(optimizer.tradeoff?.grid).toHaveLength(1001);
  });

  it("fromJSON(…) rejects pIgnore without predictionConstant", () => {
    const json = new ThresholdOptimizer({ constraints: "equalizedOdds" }).fit(input).toJSON();
    const broken = { ...json, groups: json.groups.map(({ predictionConstant: _, ...g }) => g) };
    expect(() => ThresholdRule.fromJSON(broken)).toThrow(/go together/);
  });
});
