import { describe, expect, it } from "vitest";
import { shuffled, stepDownPValues } from "../../src/scan/significance.js";
import { randomSource } from "../../src/uncertainty/random.js";

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

describe("shuffled(values, random)", () => {
  it("shuffled(…) returns a permutation of a copy and leaves the input alone", () => {
    const values = Float64Array.from({ length: 50 }, (_, i) => i * 0.5);
    const out = shuffled(values, randomSource(3));
    expect(out).not.toBe(values);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(values)).toEqual(Array.from({ length: 50 }, (_, i) => i * 0.5));
    expect(Array.from(out).sort((a, b) => a - b)).toEqual(Array.from(values));
    expect(Array.from(out)).not.toEqual(Array.from(values));
  });

  it("shuffled(…) is Fisher–Yates: swap i with a uniform k in [0, i], from the last index down", () => {
    // The same draws from the same seed, applied by hand.
    const draws = randomSource(11);
    const expected = [10, 20, 30, 40, 50];
    for (let i = expected.length - 1; i > 0; i--) {
      const k = draws.integer(0, i);
      [expected[i], expected[k]] = [expected[k]!, expected[i]!];
    }
    expect(Array.from(shuffled(Uint8Array.from([10, 20, 30, 40, 50]), randomSource(11)))).toEqual(
      expected,
    );
  });

  it("shuffled(…) draws every order of three values equally often", () => {
    const random = randomSource(7);
    const counts = new Map<string, number>();
    const draws = 6000;
    for (let b = 0; b < draws; b++) {
      const key = Array.from(shuffled(Uint8Array.from([0, 1, 2]), random)).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Each count is Binomial(6000, 1/6): mean 1000, sd ≈ 28.9; 5 sd either side.
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(145);
  });
});
