import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IssueCollector } from "../../src/data/errors.js";
import { encodeFeaturesInput } from "../../src/scan/features.js";
import { createScorer } from "../../src/scan/scoring.js";
import {
  distinctOptima,
  type SubsetCodes,
  scoreSubset,
  searchSubsets,
  subsetKey,
} from "../../src/scan/search.js";
import { buildScanTable, cellOutcomeSums } from "../../src/scan/table.js";

/** A scan problem on rows: its table, cell outcome sums and the Bernoulli scorer. */
function problem(features: Record<string, string[]>, outcomes: number[], expectations: number[]) {
  const issues = new IssueCollector();
  const encoded = encodeFeaturesInput(features, outcomes.length, {}, issues);
  issues.throwIfAny();
  const table = buildScanTable(encoded, Float64Array.from(expectations));
  return {
    table,
    cellOutcomes: cellOutcomeSums(table, outcomes),
    scorer: createScorer("bernoulli", "overpredicted"),
  };
}

/** Every choice for one feature: one of its non-empty proper level sets, or unrestricted. */
function choices(levels: number): (readonly number[] | undefined)[] {
  const out: (readonly number[] | undefined)[] = [undefined];
  for (let mask = 1; mask < 2 ** levels - 1; mask++) {
    out.push(Array.from({ length: levels }, (_, v) => v).filter((v) => mask & (1 << v)));
  }
  return out;
}

const rowsArbitrary = fc
  .array(
    fc.record({
      a: fc.constantFrom("a0", "a1", "a2", "a3"),
      b: fc.constantFrom("b0", "b1", "b2"),
      y: fc.integer({ min: 0, max: 1 }),
      p: fc.constantFrom(0.2, 0.5, 0.7),
    }),
    { minLength: 12, maxLength: 60 },
  )
  .filter(
    (rows) => new Set(rows.map((r) => r.a)).size === 4 && new Set(rows.map((r) => r.b)).size === 3,
  );

describe("subsetKey / distinctOptima", () => {
  it("subsetKey(…) writes * for an unrestricted feature and the listed codes otherwise", () => {
    expect(subsetKey([undefined, [0, 2]])).toBe("*|0.2");
  });

  it("distinctOptima(…) keeps the best of each key, best first", () => {
    const optima = [
      { subset: [[1]], score: 2, key: "1" },
      { subset: [[0]], score: 5, key: "0" },
      { subset: [[1]], score: 2, key: "1" },
    ];
    expect(distinctOptima(optima).map((o) => [o.key, o.score])).toEqual([
      ["0", 5],
      ["1", 2],
    ]);
  });
});

describe("searchSubsets(table, cellOutcomes, scorer, settings)", () => {
  it("searchSubsets(…) with one feature finds the best of all its level sets (brute force)", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.constantFrom(0, 0.01, 1), (rows, penalty) => {
        const { table, cellOutcomes, scorer } = problem(
          { a: rows.map((r) => r.a) },
          rows.map((r) => r.y),
          rows.map((r) => r.p),
        );
        const best = Math.max(
          ...choices(4).map((c) => scoreSubset(table, cellOutcomes, scorer, [c], penalty)),
        );
        const found = searchSubsets(table, cellOutcomes, scorer, {
          penalty,
          iterations: 1,
          seed: 0,
          recordSteps: false,
        });
        const top = distinctOptima(found.optima)[0]!;
        expect(top.score).toBeCloseTo(best, 9);
        expect(scoreSubset(table, cellOutcomes, scorer, top.subset, penalty)).toBeCloseTo(
          top.score,
          9,
        );
      }),
      { seed: 23, numRuns: 60 },
    );
  });

  it("searchSubsets(…) stops at a local optimum: no change of one feature's levels scores higher", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.integer({ min: 0, max: 1000 }), (rows, seed) => {
        const { table, cellOutcomes, scorer } = problem(
          { a: rows.map((r) => r.a), b: rows.map((r) => r.b) },
          rows.map((r) => r.y),
          rows.map((r) => r.p),
        );
        const found = searchSubsets(table, cellOutcomes, scorer, {
          penalty: 0.01,
          iterations: 3,
          seed,
          recordSteps: true,
        });
        for (const optimum of found.optima) {
          for (const [feature, levels] of [
            [0, 4],
            [1, 3],
          ] as const) {
            for (const choice of choices(levels)) {
              const changed: SubsetCodes = optimum.subset.map((c, j) =>
                j === feature ? choice : c,
              );
              const score = scoreSubset(table, cellOutcomes, scorer, changed, 0.01);
              expect(score).toBeLessThanOrEqual(optimum.score + 1e-9);
            }
          }
        }
        // Restart 0 starts from the whole population; the recorded steps never lose score
        // within a restart.
        expect(found.steps[0]).toMatchObject({ iteration: 0, feature: -1 });
        for (let s = 1; s < found.steps.length; s++) {
          const [before, after] = [found.steps[s - 1]!, found.steps[s]!];
          if (after.iteration === before.iteration) {
            expect(after.score).toBeGreaterThanOrEqual(before.score - 1e-9);
          }
        }
      }),
      { seed: 29, numRuns: 40 },
    );
  });
});
