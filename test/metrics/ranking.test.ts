import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averagePrecision, rocAuc } from "../../src/metrics/index.js";
import { rocAucOfBlocks } from "../../src/metrics/ranking.js";
import { descendingScoreBlocks } from "../../src/stats/scoreWalk.js";

/** AUC by enumerating every positive–negative pair (ties count ½), weighted. */
function pairwiseAuc(label: number[], score: number[], weight: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < label.length; i++) {
    if (label[i] !== 1) continue;
    for (let j = 0; j < label.length; j++) {
      if (label[j] !== 0) continue;
      const w = weight[i]! * weight[j]!;
      den += w;
      num += w * (score[i]! > score[j]! ? 1 : score[i] === score[j] ? 0.5 : 0);
    }
  }
  return num / den;
}

const data = fc
  .array(
    fc.record({
      y: fc.integer({ min: 0, max: 1 }),
      s: fc.integer({ min: 0, max: 10 }).map((k) => k / 10),
      w: fc.integer({ min: 1, max: 5 }),
    }),
    { minLength: 2, maxLength: 50 },
  )
  .filter((rows) => rows.some((r) => r.y === 1) && rows.some((r) => r.y === 0));

describe("rocAuc", () => {
  it("rocAuc(…) equals the pairwise definition with ties, unweighted and weighted", () => {
    fc.assert(
      fc.property(data, (rows) => {
        const y = rows.map((r) => r.y);
        const s = rows.map((r) => r.s);
        const w = rows.map((r) => r.w);
        const label = Uint8Array.from(y);
        const score = Float64Array.from(s);
        expect(rocAuc(label, score)).toBeCloseTo(
          pairwiseAuc(
            y,
            s,
            y.map(() => 1),
          ),
          12,
        );
        expect(rocAuc(label, score, Float64Array.from(w))).toBeCloseTo(pairwiseAuc(y, s, w), 12);
      }),
    );
  });

  it("rocAuc(…) is NaN when a class is absent", () => {
    expect(rocAuc(Uint8Array.of(1, 1), Float64Array.of(0.2, 0.3))).toBeNaN();
    expect(rocAuc(Uint8Array.of(0, 0), Float64Array.of(0.2, 0.3), Float64Array.of(1, 1))).toBeNaN();
  });

  it("rocAuc(…) of the doc example is 0.75 (3 of 4 pairs ordered)", () => {
    expect(rocAuc(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8))).toBe(0.75);
  });
});

describe("averagePrecision", () => {
  it("averagePrecision(…) of a hand case: thresholds 0.8 (P=1, R=½) and 0.35 (P=⅔, R=1)", () => {
    // scikit-learn's docstring example: average_precision_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.8333…
    expect(
      averagePrecision(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8)),
    ).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 15);
  });

  it("averagePrecision(…) with integer weights equals the unweighted value of duplicated rows", () => {
    fc.assert(
      fc.property(data, (rows) => {
        const dup = rows.flatMap((r) => Array.from({ length: r.w }, () => r));
        const weighted = averagePrecision(
          Uint8Array.from(rows.map((r) => r.y)),
          Float64Array.from(rows.map((r) => r.s)),
          Float64Array.from(rows.map((r) => r.w)),
        );
        const duplicated = averagePrecision(
          Uint8Array.from(dup.map((r) => r.y)),
          Float64Array.from(dup.map((r) => r.s)),
        );
        expect(weighted).toBeCloseTo(duplicated, 12);
      }),
    );
  });

  it("averagePrecision(…) is NaN without positives", () => {
    expect(averagePrecision(Uint8Array.of(0, 0), Float64Array.of(0.2, 0.3))).toBeNaN();
  });
});

describe("rocAucOfBlocks", () => {
  it("rocAucOfBlocks(…) of the score walk equals the unweighted rocAuc (pair counting)", () => {
    const rows = fc.array(
      fc.record({ s: fc.integer({ min: 0, max: 9 }), y: fc.integer({ min: 0, max: 1 }) }),
      { minLength: 1, maxLength: 60 },
    );
    fc.assert(
      fc.property(rows, (data) => {
        const score = Float64Array.from(data, (r) => r.s / 9);
        const label = Uint8Array.from(data, (r) => r.y);
        const blocks = descendingScoreBlocks(score, label);
        const fromBlocks = rocAucOfBlocks(blocks.positive, blocks.negative);
        const reference = rocAuc(label, score);
        if (Number.isNaN(reference)) expect(fromBlocks).toBeNaN();
        else expect(Math.abs(fromBlocks - reference)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });
});
