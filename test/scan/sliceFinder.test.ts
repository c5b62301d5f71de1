import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rowLosses, sliceFinder } from "../../src/scan/index.js";
import { randomSource } from "../../src/uncertainty/index.js";
import { expectClose } from "../helpers/close.js";
import { inputIssues } from "../helpers/errors.js";

/** Every slice of up to maxLevel predicates, scored by enumeration. */
function bruteForce(
  losses: number[],
  features: Record<string, string[]>,
  alpha: number,
  minSupport: number,
  maxLevel: number,
) {
  const names = Object.keys(features);
  const n = losses.length;
  const mean = losses.reduce((a, b) => a + b, 0) / n;
  const out: { key: string; score: number }[] = [];
  const recurse = (from: number, predicates: [string, string][]) => {
    if (predicates.length > 0) {
      const rows = losses.flatMap((loss, i) =>
        predicates.every(([f, v]) => features[f]![i] === v) ? [loss] : [],
      );
      if (rows.length >= minSupport) {
        const score =
          alpha * (rows.reduce((a, b) => a + b, 0) / rows.length / mean - 1) -
          (1 - alpha) * (n / rows.length - 1);
        if (score > 0) out.push({ key: predicates.map(([f, v]) => `${f}=${v}`).join("&"), score });
      }
    }
    if (predicates.length === maxLevel) return;
    for (let j = from; j < names.length; j++) {
      for (const v of new Set(features[names[j]!])) recurse(j + 1, [...predicates, [names[j]!, v]]);
    }
  };
  recurse(0, []);
  return out.sort((a, b) => b.score - a.score);
}

describe("sliceFinder", () => {
  it("sliceFinder(…) returns the top-k slices that enumeration of every slice gives (pruning loses nothing)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.constantFrom(0.5, 0.9, 0.99),
        fc.integer({ min: 1, max: 3 }),
        (seed, alpha, maxLevel) => {
          const random = randomSource(seed);
          const n = 300;
          const features = {
            a: [] as string[],
            b: [] as string[],
            c: [] as string[],
            d: [] as string[],
          };
          const losses: number[] = [];
          for (let i = 0; i < n; i++) {
            features.a.push(`a${random.integer(0, 2)}`);
            features.b.push(`b${random.integer(0, 3)}`);
            features.c.push(`c${random.integer(0, 1)}`);
            features.d.push(`d${random.integer(0, 2)}`);
            const bad = features.a[i] === "a0" && features.b[i] === "b1";
            losses.push(random.uniform() < (bad ? 0.6 : 0.2) ? 1 : 0);
          }
          const result = sliceFinder(
            { losses, features },
            { alpha, minSupport: 10, maxLevel, topK: 5 },
          );
          const expected = bruteForce(losses, features, alpha, 10, maxLevel).slice(0, 5);
          expect(result.slices.map((s) => s.score)).toEqual(
            expected.map((s) => expect.closeTo(s.score, 12)),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it("sliceFinder(…) finds a planted high-error slice, with its mean loss and a small permutation p-value", () => {
    const random = randomSource(3);
    const features = { a: [] as string[], b: [] as string[] };
    const losses: number[] = [];
    for (let i = 0; i < 2000; i++) {
      features.a.push(`a${random.integer(0, 3)}`);
      features.b.push(`b${random.integer(0, 3)}`);
      const bad = features.a[i] === "a2" && features.b[i] === "b0";
      losses.push(random.uniform() < (bad ? 0.7 : 0.15) ? 1 : 0);
    }
    const result = sliceFinder({ losses, features }, { replicates: 19, topK: 2 });
    const top = result.slices[0]!;
    expect(top.predicates).toEqual({ a: "a2", b: "b0" });
    const rows = losses.filter((_, i) => features.a[i] === "a2" && features.b[i] === "b0");
    expect(top.rows).toBe(rows.length);
    expectClose(top.meanLoss, rows.reduce((s, x) => s + x, 0) / rows.length);
    expect(top.pValue).toBe(1 / 20);
    expect(result.slices[1]!.pValue).toBeGreaterThanOrEqual(top.pValue);
  });

  it("sliceFinder(…) rejects negative losses and empty input", () => {
    expect(
      inputIssues(() => sliceFinder({ losses: [1, -1], features: { g: ["a", "b"] } }))[0]!.path,
    ).toEqual(["losses", 1]);
    expect(
      inputIssues(() => sliceFinder({ losses: [], features: { g: [] } })).map((i) => i.code),
    ).toContain("empty_input");
  });
});

describe("rowLosses", () => {
  it("rowLosses computes 0/1 error, log loss and squared error per row", () => {
    expect(Array.from(rowLosses("zeroOne", [1, 0, 1], [1, 1, 0]))).toEqual([0, 1, 1]);
    expectClose(Array.from(rowLosses("logLoss", [1, 0], [0.8, 0.25])), [
      -Math.log(0.8),
      -Math.log(0.75),
    ]);
    expect(Array.from(rowLosses("squaredError", [3, 1], [1, 1.5]))).toEqual([4, 0.25]);
  });
});
