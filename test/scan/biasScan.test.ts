import { describe, expect, it } from "vitest";
import { biasScan } from "../../src/index.js";
import { biasScanOfCells } from "../../src/scan/biasScan.js";
import { createScorer } from "../../src/scan/scoring.js";
import { randomSource } from "../../src/uncertainty/index.js";
import { expectClose } from "../helpers/close.js";
import { inputIssues } from "../helpers/errors.js";

/** Seeded synthetic data: three features, calibrated expectations, a planted subgroup. */
function synthetic(n: number, seed: number, plantedOddsFactor: number) {
  const random = randomSource(seed);
  const a: string[] = [];
  const b: string[] = [];
  const c: string[] = [];
  const p: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const ai = ["a0", "a1", "a2", "a3"][random.integer(0, 3)]!;
    const bi = ["b0", "b1", "b2"][random.integer(0, 2)]!;
    const ci = ["c0", "c1"][random.integer(0, 1)]!;
    const pi = 0.1 + 0.08 * random.integer(0, 10);
    const planted = ai === "a1" && bi === "b2";
    const odds = (pi / (1 - pi)) * (planted ? plantedOddsFactor : 1);
    a.push(ai);
    b.push(bi);
    c.push(ci);
    p.push(pi);
    y.push(random.uniform() < odds / (1 + odds) ? 1 : 0);
  }
  return { outcomes: y, expectations: p, features: { a, b, c } };
}

/** Every subset of three features (each unrestricted or a proper non-empty level set). */
function bruteForceBest(
  data: ReturnType<typeof synthetic>,
  penalty: number,
  direction: "overpredicted" | "underpredicted",
) {
  const scorer = createScorer("bernoulli", direction);
  const levels = { a: ["a0", "a1", "a2", "a3"], b: ["b0", "b1", "b2"], c: ["c0", "c1"] };
  const choices = (names: string[]) => {
    const out: (string[] | undefined)[] = [undefined];
    for (let mask = 1; mask < (1 << names.length) - 1; mask++)
      out.push(names.filter((_, k) => (mask >> k) & 1));
    return out;
  };
  let best = Number.NEGATIVE_INFINITY;
  for (const sa of choices(levels.a)) {
    for (const sb of choices(levels.b)) {
      for (const sc of choices(levels.c)) {
        const byP = new Map<number, number>();
        let y = 0;
        let n = 0;
        data.outcomes.forEach((yi, i) => {
          if (sa && !sa.includes(data.features.a[i]!)) return;
          if (sb && !sb.includes(data.features.b[i]!)) return;
          if (sc && !sc.includes(data.features.c[i]!)) return;
          y += yi;
          n += 1;
          byP.set(data.expectations[i]!, (byP.get(data.expectations[i]!) ?? 0) + 1);
        });
        if (n === 0) continue;
        const listed = (sa?.length ?? 0) + (sb?.length ?? 0) + (sc?.length ?? 0);
        const score = scorer.maximum({
          y,
          n,
          expectations: [...byP.keys()],
          counts: [...byP.values()],
        }).score;
        best = Math.max(best, score - penalty * listed);
      }
    }
  }
  return best;
}

describe("biasScan", () => {
  it("biasScan(…) finds the global maximum that enumeration of all 15 × 7 × 3 subsets gives", () => {
    for (const [seed, direction] of [
      [1, "underpredicted"],
      [2, "overpredicted"],
      [3, "underpredicted"],
    ] as const) {
      const data = synthetic(600, seed, direction === "underpredicted" ? 3 : 1 / 3);
      const result = biasScan(data, { direction, penalty: 0.5 });
      expectClose(result.best.score, bruteForceBest(data, 0.5, direction), 1e-9);
    }
  });

  it("biasScan(…) recovers a planted underpredicted subgroup and reports its rates", () => {
    const data = synthetic(4000, 7, 4);
    const { best } = biasScan(data, { direction: "underpredicted", penalty: 1 });
    expect(best.subset).toEqual({ a: ["a1"], b: ["b2"] });
    const rows = data.outcomes.flatMap((_, i) =>
      data.features.a[i] === "a1" && data.features.b[i] === "b2" ? [i] : [],
    );
    expect(best.rows).toBe(rows.length);
    expectClose(best.observedRate, rows.reduce((s, i) => s + data.outcomes[i]!, 0) / rows.length);
    expectClose(
      best.expectedRate,
      rows.reduce((s, i) => s + data.expectations[i]!, 0) / rows.length,
    );
    expect(best.q).toBeGreaterThan(1);
    expect(best.penalty).toBe(2);
  });

  it("biasScan(…) lists the steps of the search, ending at the best subset", () => {
    const data = synthetic(2000, 8, 4);
    const result = biasScan(data, { direction: "underpredicted", penalty: 1, iterations: 1 });
    expect(result.steps[0]).toMatchObject({ iteration: 0, feature: undefined, subset: {} });
    const last = result.steps[result.steps.length - 1]!;
    expect(last.subset).toEqual(result.best.subset);
    expect(last.score).toBe(result.best.score);
    for (let k = 1; k < result.steps.length; k++) {
      expect(result.steps[k]!.score).toBeGreaterThan(result.steps[k - 1]!.score);
    }
  });

  it("biasScan(…) is reproducible for a seed, and the same without expectations as with the overall rate", () => {
    const data = synthetic(800, 9, 3);
    expect(biasScan(data, { iterations: 4, seed: 5 })).toEqual(
      biasScan(data, { iterations: 4, seed: 5 }),
    );
    const rate = data.outcomes.reduce((a, b) => a + b, 0) / data.outcomes.length;
    const without = biasScan(
      { outcomes: data.outcomes, features: data.features },
      { direction: "underpredicted", nullModel: "parametric" },
    );
    const withRate = biasScan(
      { ...data, expectations: data.outcomes.map(() => rate) },
      { direction: "underpredicted" },
    );
    expect(without.best.subset).toEqual(withRate.best.subset);
    expectClose(without.best.score, withRate.best.score);
  });

  it("biasScan(…, { scoring: 'berkJones' }) scores N · KL(rate ‖ α) of the subgroup", () => {
    const data = synthetic(3000, 10, 4);
    const { best } = biasScan(data, {
      scoring: "berkJones",
      alpha: 0.5,
      direction: "underpredicted",
      penalty: 0,
    });
    const y = best.observedRate * best.rows;
    const r = best.observedRate;
    expectClose(best.score, y * Math.log(r / 0.5) + (best.rows - y) * Math.log((1 - r) / 0.5));
  });

  it("a feature whose every level would be listed is left unrestricted", () => {
    const data = synthetic(3000, 11, 4);
    const { best } = biasScan(data, { direction: "underpredicted", penalty: 0 });
    for (const [name, levels] of Object.entries(best.subset)) {
      const all = new Set(data.features[name as "a" | "b" | "c"]);
      expect(levels.length).toBeLessThan(all.size);
    }
  });

  it("biasScan(…, { replicates }) gives step-down p-values: small for a planted subgroup, non-decreasing", () => {
    const data = synthetic(3000, 12, 4);
    const result = biasScan(data, {
      direction: "underpredicted",
      penalty: 1,
      iterations: 3,
      topK: 3,
      replicates: 19,
    });
    expect(result.best.pValue).toBe(1 / 20);
    expect(result.nullScores).toHaveLength(19);
    const ps = result.subgroups.map((s) => s.pValue);
    for (let k = 1; k < ps.length; k++) expect(ps[k]).toBeGreaterThanOrEqual(ps[k - 1]!);
  });

  it("biasScan(…) buckets a numeric feature by quantiles when asked", () => {
    const data = synthetic(1000, 13, 4);
    const age = data.outcomes.map((_, i) => 18 + (i % 150));
    const result = biasScan(
      { ...data, features: { ...data.features, age } },
      { buckets: { age: 4 }, direction: "underpredicted" },
    );
    expect(result.best.rows).toBeGreaterThan(0);
    expect(() => biasScan({ ...data, features: { age } })).toThrow(
      /150 levels, more than maxLevels = 100/,
    );
    expect(
      inputIssues(() => biasScan({ ...data, features: { age } }, { maxLevels: 20 }))[0]!.code,
    ).toBe("too_many_levels");
  });
});

describe("biasScan input errors", () => {
  const base = {
    outcomes: [0, 1, 1, 0],
    expectations: [0.2, 0.4, 0.6, 0.8],
    features: { g: ["a", "b", "a", "b"] },
  };

  it("empty outcomes", () => {
    expect(
      inputIssues(() => biasScan({ outcomes: [], features: { g: [] } })).map((i) => i.code),
    ).toContain("empty_input");
  });

  it("expectations outside (0, 1), with the row", () => {
    const issues = inputIssues(() => biasScan({ ...base, expectations: [0.2, 1.2, 0, 0.5] }));
    expect(issues.map((i) => i.path)).toEqual([
      ["expectations", 1],
      ["expectations", 2],
    ]);
    expect(issues[0]!.code).toBe("out_of_range");
  });

  it("a feature with a single level, and missing values", () => {
    expect(
      inputIssues(() => biasScan({ ...base, features: { g: ["a", "a", "a", "a"] } }))[0]!.code,
    ).toBe("too_few_levels");
    expect(
      inputIssues(() => biasScan({ ...base, features: { g: ["a", null as never, "b", "a"] } }))[0]!
        .path,
    ).toEqual(["features", "g", 1]);
  });

  it("non-binary outcomes, mismatched lengths and bad options", () => {
    const issues = inputIssues(() =>
      biasScan(
        { ...base, outcomes: [0, 2, 1, 0], features: { g: ["a", "b"] } },
        { penalty: -1, iterations: 0, scoring: "berkJones", alpha: 1 },
      ),
    );
    expect(issues.map((i) => i.code).sort()).toEqual([
      "invalid_option",
      "invalid_option",
      "invalid_option",
      "length_mismatch",
      "not_binary",
    ]);
  });
});

describe("biasScan without expectations", () => {
  it("biasScan(…) and biasScanOfCells(…) reject an overall rate of 0 or 1 under the Bernoulli score", () => {
    const rows = inputIssues(() =>
      biasScan({ outcomes: [1, 1, 1, 1], features: { g: ["a", "a", "b", "b"] } }),
    );
    expect(rows).toEqual([
      {
        code: "out_of_range",
        path: ["outcomes"],
        message: "have an overall rate of 1, so no subgroup can deviate from it",
      },
    ]);
    const cells = inputIssues(() =>
      biasScanOfCells({ features: { g: ["a", "b"] }, rows: [2, 3], outcomeSums: [0, 0] }),
    );
    expect(cells.map((i) => [i.path, i.message])).toEqual([
      [["outcomeSums"], "have an overall rate of 0, so no subgroup can deviate from it"],
    ]);
    // Berk–Jones tests against alpha, so the same outcomes are accepted there.
    expect(() =>
      biasScan(
        { outcomes: [1, 1, 1, 1], features: { g: ["a", "a", "b", "b"] } },
        { scoring: "berkJones", alpha: 0.5 },
      ),
    ).not.toThrow();
  });
});
