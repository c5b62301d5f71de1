import { describe, expect, it } from "vitest";
import { rowLosses } from "../../src/scan/rowLosses.js";

describe("rowLosses(kind, yTrue, prediction)", () => {
  it("rowLosses('zeroOne', …) is 1 where the prediction differs", () => {
    expect(Array.from(rowLosses("zeroOne", [1, 0, 1, 0], [1, 1, 0, 0]))).toEqual([0, 1, 1, 0]);
  });

  it("rowLosses('squaredError', …) is (y − ŷ)²", () => {
    expect(Array.from(rowLosses("squaredError", [1, 2, -1], [0, 4, -1]))).toEqual([1, 4, 0]);
  });

  it("rowLosses('logLoss', …) is −log of the probability given to the outcome, clipped at 1e-15", () => {
    const losses = rowLosses("logLoss", [1, 0, 1, 0], [0.8, 0.8, 0, 1]);
    expect(losses[0]).toBeCloseTo(-Math.log(0.8), 15);
    expect(losses[1]).toBeCloseTo(-Math.log(0.2), 14);
    // A certain wrong prediction costs −ln(1e-15) ≈ 34.54, not infinity.
    expect(losses[2]).toBeCloseTo(15 * Math.LN10, 10);
    expect(losses[3]).toBeCloseTo(-Math.log1p(-(1 - 1e-15)), 10);
  });

  it("rowLosses(…) rejects arrays of different lengths", () => {
    expect(() => rowLosses("zeroOne", [1, 0], [1])).toThrow(
      new RangeError("rowLosses: yTrue has 2 values and prediction 1"),
    );
  });
});
