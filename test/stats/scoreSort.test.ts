import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderByScore } from "../../src/stats/order.js";
import { scoreSortedRows } from "../../src/stats/scoreSort.js";

/** Scores with many equal high words (offsets in the low word), ±0, subnormals, huge values, NaN. */
const score = fc.oneof(
  fc
    .tuple(fc.constantFrom(0.5, -0.25, 3, 1e300, 2 ** -1060), fc.integer({ min: -40, max: 40 }))
    .map(([base, k]) => base + k * 2 ** -45),
  fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MAX_VALUE, Number.POSITIVE_INFINITY, Number.NaN),
  fc.double({ min: -1, max: 1, noNaN: true }),
);

const rows = fc.array(
  fc.record({
    score,
    label: fc.integer({ min: 0, max: 1 }),
    group: fc.integer({ min: 0, max: 5 }),
    weight: fc.double({ min: 0, max: 1e6, noNaN: true }),
  }),
  { maxLength: 400 },
);

/** The order-preserving 64-bit key of a double, as [high word, low word], −0 read as +0. */
function keyOf(x: number): [number, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x === 0 ? 0 : x);
  const h = view.getUint32(0);
  const l = view.getUint32(4);
  return h & 0x80000000 ? [~h >>> 0, ~l >>> 0] : [(h | 0x80000000) >>> 0, l];
}

describe("scoreSortedRows", () => {
  it("scoreSortedRows(…) carries tags and weights in orderByScore's order (property)", () => {
    fc.assert(
      fc.property(rows, fc.boolean(), (rs, weighted) => {
        const s = Float64Array.from(rs, (r) => r.score);
        const label = Uint8Array.from(rs, (r) => r.label);
        const code = Uint32Array.from(rs, (r) => r.group);
        const weight = weighted ? Float64Array.from(rs, (r) => r.weight) : undefined;
        const before = weight?.slice();
        const sorted = scoreSortedRows(s, label, code, weight);
        const order = Array.from(orderByScore(s));
        expect(Array.from(sorted.tag)).toEqual(order.map((r) => 2 * code[r]! + label[r]!));
        expect(Array.from(sorted.high)).toEqual(order.map((r) => keyOf(s[r]!)[0]));
        expect(Array.from(sorted.low)).toEqual(order.map((r) => keyOf(s[r]!)[1]));
        if (weight === undefined) expect(sorted.weight).toBeUndefined();
        else {
          expect(Array.from(sorted.weight!)).toEqual(order.map((r) => weight[r]!));
          expect(sorted.weight).not.toBe(weight);
          expect(weight).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("scoreSortedRows(…) sorts a long run of one high word by its low words, stably", () => {
    // 60 scores share the high word of 0.5: no radix pass moves them, the run sort orders them.
    const s = Float64Array.from({ length: 60 }, (_, i) => 0.5 + ((i * 7) % 20) * 2 ** -50);
    const label = Uint8Array.from({ length: 60 }, (_, i) => i % 2);
    const code = Uint32Array.from({ length: 60 }, (_, i) => i % 3);
    const weight = Float64Array.from({ length: 60 }, (_, i) => i);
    const sorted = scoreSortedRows(s, label, code, weight);
    const order = Array.from(orderByScore(s));
    expect(Array.from(sorted.weight!)).toEqual(order);
    expect(Array.from(sorted.tag)).toEqual(order.map((r) => 2 * (r % 3) + (r % 2)));
  });

  it("scoreSortedRows(…) of no rows is empty", () => {
    const sorted = scoreSortedRows(new Float64Array(0), new Uint8Array(0), new Uint32Array(0));
    expect(sorted.tag.length).toBe(0);
  });
});
