import { describe, expect, it } from "vitest";
import { bracketedRoot } from "../../src/scan/root.js";

describe("bracketedRoot", () => {
  it("bracketedRoot(x² − 2) is √2 to within one unit in the last place", () => {
    const root = bracketedRoot((x) => [x * x - 2, 2 * x], 0, 2);
    expect(Math.abs(root - Math.SQRT2)).toBeLessThanOrEqual(Number.EPSILON * Math.SQRT2);
  });

  it("bracketedRoot finds the root of a decreasing function with an infinite-slope end", () => {
    // log(x) − 1 on (0, 10]: the slope 1/x is infinite at 0, so the first steps must bisect.
    const root = bracketedRoot((x) => [1 - Math.log(x), -1 / x], 0, 10);
    expect(Math.abs(root - Math.E)).toBeLessThanOrEqual(2 * Number.EPSILON * Math.E);
  });

  it("bracketedRoot throws RangeError without a sign change", () => {
    expect(() => bracketedRoot((x) => [x * x + 1, 2 * x], -1, 1)).toThrow(RangeError);
  });
});
