import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { descendingScoreBlocks } from "../../src/stats/scoreWalk.js";

describe("descendingScoreBlocks", () => {
  it("descendingScoreBlocks(…) groups tied scores, highest first (hand computation)", () => {
    const blocks = descendingScoreBlocks(
      Float64Array.of(0.2, 0.8, 0.2, -0, 0),
      Uint8Array.of(1, 0, 0, 1, 1),
      Float64Array.of(1, 2, 3, 4, 5),
    );
    expect(blocks.count).toBe(3);
    expect(Array.from(blocks.score)).toEqual([0.8, 0.2, 0]);
    expect(Array.from(blocks.positive)).toEqual([0, 1, 9]);
    expect(Array.from(blocks.negative)).toEqual([2, 3, 0]);
    expect(Array.from(blocks.rows)).toEqual([1, 2, 2]);
  });

  it("descendingScoreBlocks(…, rows) reads only the listed rows", () => {
    const blocks = descendingScoreBlocks(
      Float64Array.of(0.9, 0.1, 0.5, 0.1),
      Uint8Array.of(1, 1, 0, 0),
      undefined,
      Uint32Array.of(3, 1),
    );
    expect(Array.from(blocks.score)).toEqual([0.1]);
    expect(Array.from(blocks.positive)).toEqual([1]);
    expect(Array.from(blocks.negative)).toEqual([1]);
  });

  it("each block holds exactly the weight of its score's rows (against a filter per score)", () => {
    const rows = fc.array(
      fc.record({
        s: fc.integer({ min: 0, max: 6 }).map((k) => k / 6),
        y: fc.integer({ min: 0, max: 1 }),
        w: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 50 },
    );
    fc.assert(
      fc.property(rows, (data) => {
        const score = Float64Array.from(data, (r) => r.s);
        const label = Uint8Array.from(data, (r) => r.y);
        const weight = Float64Array.from(data, (r) => r.w);
        const blocks = descendingScoreBlocks(score, label, weight);
        const distinct = [...new Set(data.map((r) => r.s))].sort((a, b) => b - a);
        expect(Array.from(blocks.score)).toEqual(distinct);
        distinct.forEach((s, k) => {
          const at = data.filter((r) => r.s === s);
          const sum = (y: number) => at.filter((r) => r.y === y).reduce((a, r) => a + r.w, 0);
          expect(blocks.positive[k]).toBe(sum(1));
          expect(blocks.negative[k]).toBe(sum(0));
          expect(blocks.rows[k]).toBe(at.length);
        });
      }),
    );
  });

  it("weights of one score are summed with compensation", () => {
    const blocks = descendingScoreBlocks(
      Float64Array.of(1, 1, 1),
      Uint8Array.of(1, 1, 1),
      Float64Array.of(1e100, 1, -1e100),
    );
    expect(blocks.positive[0]).toBe(1);
  });
});
