import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCompensated, CompensatedSum, neumaierSum } from "../../src/stats/summation.js";

describe("compensated summation", () => {
  it("neumaierSum(…) recovers what naive summation loses", () => {
    expect(neumaierSum([1e100, 1, -1e100])).toBe(1);
    expect(neumaierSum(new Array(10).fill(0.1))).toBe(1);
  });

  it("CompensatedSum, addCompensated and neumaierSum agree on any sequence", () => {
    const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 60 });
    fc.assert(
      fc.property(values, (xs) => {
        const running = new CompensatedSum();
        const sum = new Float64Array(1);
        const comp = new Float64Array(1);
        for (const x of xs) {
          running.add(x);
          addCompensated(sum, comp, 0, x);
        }
        expect(running.value).toBe(neumaierSum(xs));
        expect(sum[0]! + comp[0]!).toBe(neumaierSum(xs));
      }),
    );
  });

  it("integer weights sum exactly, like duplicated rows", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 60 }), (ws) => {
        expect(neumaierSum(ws)).toBe(ws.reduce((a, w) => a + w, 0));
      }),
    );
  });
});
