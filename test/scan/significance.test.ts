import { describe, expect, it } from "vitest";
import { stepDownPValues } from "../../src/scan/significance.js";

describe("stepDownPValues", () => {
  it("the first p-value is (1 + #{null maxima ≥ T}) / (B + 1)", () => {
    const replicates = [
      [{ key: "x", score: 6 }],
      [{ key: "y", score: 1 }],
      [{ key: "z", score: 5 }],
    ];
    expect(stepDownPValues([{ key: "a", score: 5 }], replicates)).toEqual([3 / 4]);
  });

  it("later subgroups ignore replicate subgroups equal to earlier found ones, and never fall below earlier p-values", () => {
    // Found: a (9), b (4). Replicate maxima excluding nothing: 10, 3 → p_a = 2/3.
    // Excluding a: replicate 1's best other than a is c (3.5); replicate 2's is d (3) → p_b = 1/3 → raised to 2/3.
    const replicates = [
      [
        { key: "a", score: 10 },
        { key: "c", score: 3.5 },
      ],
      [{ key: "d", score: 3 }],
    ];
    const found = [
      { key: "a", score: 9 },
      { key: "b", score: 4 },
    ];
    expect(stepDownPValues(found, replicates)).toEqual([2 / 3, 2 / 3]);
    expect(
      stepDownPValues(
        [
          { key: "a", score: 11 },
          { key: "b", score: 3.2 },
        ],
        replicates,
      ),
    ).toEqual([1 / 3, 2 / 3]);
  });
});
