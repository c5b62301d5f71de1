import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { multiclassStats, oneVsRest } from "../../src/multiclass/confusion.js";

const K = 3;
const rowArbitrary = fc.record({
  y: fc.integer({ min: 0, max: K - 1 }),
  yhat: fc.integer({ min: 0, max: K - 1 }),
  cell: fc.integer({ min: 0, max: 1 }),
  w: fc.integer({ min: 1, max: 4 }),
});
type Row = { y: number; yhat: number; cell: number; w: number };

function statsOf(rows: readonly Row[], weighted: boolean) {
  return multiclassStats(
    Uint32Array.from(rows, (r) => r.y),
    Uint32Array.from(rows, (r) => r.yhat),
    weighted ? Float64Array.from(rows, (r) => r.w) : undefined,
    Uint32Array.from(rows, (r) => r.cell),
    2,
    K,
  );
}

describe("multiclassStats(target, prediction, weight, code, cells, classes)", () => {
  it("multiclassStats(…) fills each cell's confusion matrix, supports and counts", () => {
    // Cell 0: (0→0, w 2), (1→2, w 1); cell 1: (2→2, w 3).
    const s = multiclassStats(
      Uint32Array.of(0, 1, 2),
      Uint32Array.of(0, 2, 2),
      Float64Array.of(2, 1, 3),
      Uint32Array.of(0, 0, 1),
      2,
      3,
    );
    expect(Array.from(s.matrix)).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]);
    expect(Array.from(s.weight)).toEqual([3, 3]);
    expect(Array.from(s.count)).toEqual([2, 1]);
    expect(Array.from(s.trueSupport)).toEqual([2, 1, 0, 0, 0, 3]);
    expect(Array.from(s.predictedSupport)).toEqual([2, 0, 1, 0, 0, 3]);
    expect(Array.from(s.trueCount)).toEqual([1, 1, 0, 0, 0, 1]);
    expect(Array.from(s.predictedCount)).toEqual([1, 0, 1, 0, 0, 1]);
  });

  it("statistics of two row sets add, and integer weights equal duplicated rows", () => {
    fc.assert(
      fc.property(
        fc.array(rowArbitrary, { maxLength: 30 }),
        fc.array(rowArbitrary, { maxLength: 30 }),
        (a, b) => {
          const whole = statsOf([...a, ...b], true);
          const [sa, sb] = [statsOf(a, true), statsOf(b, true)];
          for (const field of [
            "matrix",
            "weight",
            "trueSupport",
            "predictedSupport",
            "count",
          ] as const) {
            expect(Array.from(whole[field])).toEqual(
              Array.from(sa[field], (v, i) => v + sb[field][i]!),
            );
          }
          const duplicated = a.flatMap((r) => Array.from({ length: r.w }, () => r));
          expect(Array.from(statsOf(a, true).matrix)).toEqual(
            Array.from(statsOf(duplicated, false).matrix),
          );
        },
      ),
      { seed: 41, numRuns: 200 },
    );
  });
});

describe("oneVsRest(stats, cell, class)", () => {
  it("oneVsRest(…) reads scikit-learn's multilabel confusion matrix of a class", () => {
    // Cell 0, class 2: tp 0 (no row 2→2), fp 1 (1→2), fn 0, tn 3 − 1 = 2.
    const s = multiclassStats(
      Uint32Array.of(0, 1, 2),
      Uint32Array.of(0, 2, 2),
      Float64Array.of(2, 1, 3),
      Uint32Array.of(0, 0, 1),
      2,
      3,
    );
    expect(oneVsRest(s, 0, 2)).toEqual({ tn: 2, fp: 1, fn: 0, tp: 0 });
    expect(oneVsRest(s, 1, 2)).toEqual({ tn: 0, fp: 0, fn: 0, tp: 3 });
  });

  it("each class's four counts add up to the cell's weight, and the true positives to the trace", () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 1, maxLength: 40 }), (rows) => {
        const s = statsOf(rows, true);
        for (let c = 0; c < 2; c++) {
          let trace = 0;
          for (let j = 0; j < K; j++) {
            const { tn, fp, fn, tp } = oneVsRest(s, c, j);
            expect(tn + fp + fn + tp).toBe(s.weight[c]);
            expect(Math.min(tn, fp, fn, tp)).toBeGreaterThanOrEqual(0);
            trace += tp;
          }
          const correct = rows.filter((r) => r.cell === c && r.y === r.yhat);
          expect(trace).toBe(correct.reduce((sum, r) => sum + r.w, 0));
        }
      }),
      { seed: 43, numRuns: 200 },
    );
  });
});
