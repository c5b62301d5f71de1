import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { partitionRows, take } from "../../src/stats/partition.js";

describe("partitionRows", () => {
  it("partitionRows(…) lists each group's rows contiguously, in input order", () => {
    const { offsets, rows } = partitionRows(Uint32Array.of(2, 0, 2, 1, 0), 4);
    expect(Array.from(offsets)).toEqual([0, 2, 3, 5, 5]);
    expect(Array.from(rows)).toEqual([1, 4, 3, 0, 2]);
  });

  it("partitionRows(…) equals a stable filter per group", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 60 }), (codes) => {
        const { offsets, rows } = partitionRows(Uint32Array.from(codes), 5);
        for (let g = 0; g < 5; g++) {
          const expected = codes.flatMap((c, i) => (c === g ? [i] : []));
          expect(Array.from(rows.subarray(offsets[g]!, offsets[g + 1]!))).toEqual(expected);
        }
      }),
    );
  });

  it("take(…) copies the values at the rows into the same array type", () => {
    const out = take(Float64Array.of(0.5, 1.5, 2.5), Uint32Array.of(2, 0));
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual([2.5, 0.5]);
  });
});
