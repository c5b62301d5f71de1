import { describe, expect, it } from "vitest";
import { permutation, uniforms } from "../../src/tfjs/random.js";
import { randomSource } from "../../src/uncertainty/random.js";

describe("permutation(n, rng) / uniforms(n, rng)", () => {
  it("permutation(…) is a permutation of 0..n-1 drawn by Fisher–Yates from the source", () => {
    const order = permutation(20, randomSource(4));
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
    // The same draws applied by hand.
    const draws = randomSource(4);
    const expected = Array.from({ length: 20 }, (_, i) => i);
    for (let i = 19; i > 0; i--) {
      const j = draws.integer(0, i);
      [expected[i], expected[j]] = [expected[j]!, expected[i]!];
    }
    expect(Array.from(order)).toEqual(expected);
    expect(Array.from(permutation(0, randomSource(1)))).toEqual([]);
  });

  it("uniforms(…) are the source's next n uniform draws, in [0, 1)", () => {
    const draws = randomSource(9);
    const expected = Array.from({ length: 50 }, () => draws.uniform());
    const u = uniforms(50, randomSource(9));
    expect(Array.from(u)).toEqual(expected);
    for (const x of u) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
