import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { levelInterval, mergeParts, sweepSets } from "../../src/scan/levelSweep.js";
import { createScorer, type PartStatistics } from "../../src/scan/scoring.js";

/** Best penalised score over all 2^m − 1 non-empty sets of levels, by enumeration. */
function bruteForce(
  scorer: ReturnType<typeof createScorer>,
  parts: PartStatistics[],
  penalty: number,
): number {
  let best = Number.NEGATIVE_INFINITY;
  for (let mask = 1; mask < 1 << parts.length; mask++) {
    const chosen = parts.filter((_, v) => (mask >> v) & 1);
    best = Math.max(best, scorer.maximum(mergeParts(chosen)).score - penalty * chosen.length);
  }
  return best;
}

function sweepBest(
  scorer: ReturnType<typeof createScorer>,
  parts: PartStatistics[],
  penalty: number,
): number {
  const intervals = parts.map((part) => levelInterval(scorer, part, penalty));
  let best = Number.NEGATIVE_INFINITY;
  for (const set of sweepSets(intervals, scorer.low, scorer.high)) {
    best = Math.max(
      best,
      scorer.maximum(mergeParts(set.map((v) => parts[v]!))).score - penalty * set.length,
    );
  }
  // With no level above the penalty, the best set is any single level or all of them; the scan
  // then keeps the feature unrestricted, so compare against the best single level.
  if (best === Number.NEGATIVE_INFINITY) {
    for (const part of parts) best = Math.max(best, scorer.maximum(part).score - penalty);
  }
  return best;
}

const level = fc.record({
  rows: fc.array(fc.tuple(fc.integer({ min: 1, max: 19 }), fc.integer({ min: 1, max: 6 })), {
    minLength: 1,
    maxLength: 4,
  }),
  positiveShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

const toPart = ({
  rows,
  positiveShare,
}: {
  rows: [number, number][];
  positiveShare: number;
}): PartStatistics => {
  const n = rows.reduce((a, [, c]) => a + c, 0);
  return {
    y: Math.round(positiveShare * n),
    n,
    expectations: rows.map(([p]) => p / 20),
    counts: rows.map(([, c]) => c),
  };
};

describe("the exact attribute step (sorted interval sweep)", () => {
  it("finds the best of all 2^m − 1 level sets (Bernoulli, both directions, with penalties)", () => {
    fc.assert(
      fc.property(
        fc.array(level, { minLength: 1, maxLength: 7 }),
        fc.boolean(),
        fc.constantFrom(0, 1e-17, 0.3, 1.5),
        (levels, over, penalty) => {
          const scorer = createScorer("bernoulli", over ? "overpredicted" : "underpredicted");
          const parts = levels.map(toPart);
          const expected = bruteForce(scorer, parts, penalty);
          const actual = sweepBest(scorer, parts, penalty);
          expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(expected)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("finds the best of all level sets (Berk–Jones)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true })),
          {
            minLength: 1,
            maxLength: 7,
          },
        ),
        fc.boolean(),
        fc.constantFrom(0, 0.5, 2),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (levels, over, penalty, alpha) => {
          const scorer = createScorer(
            "berkJones",
            over ? "overpredicted" : "underpredicted",
            alpha,
          );
          const parts = levels.map(([n, share]) => ({
            y: Math.round(share * n),
            n,
            expectations: [],
            counts: [],
          }));
          const expected = bruteForce(scorer, parts, penalty);
          const actual = sweepBest(scorer, parts, penalty);
          expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(expected)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a level's interval ends are where its contribution equals the penalty", () => {
    const scorer = createScorer("bernoulli", "overpredicted");
    const part = { y: 5, n: 40, expectations: [0.3, 0.5], counts: [20, 20] };
    const interval = levelInterval(scorer, part, 1)!;
    const at = scorer.contribution(part);
    expect(Math.abs(at(interval.low)[0] - 1)).toBeLessThan(1e-12);
    expect(Math.abs(at(interval.high)[0] - 1)).toBeLessThan(1e-12);
  });
});
