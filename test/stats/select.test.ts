import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { valuesAtRanks } from "../../src/stats/select.js";

/** Values in [0, 1] with ties, ±0, subnormals and values one ulp apart in one bucket. */
const unit = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, -0, 1, Number.MIN_VALUE, 0.5, 0.5 - 2 ** -54, 2 ** -17, 2 ** -16),
  fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
);

const column = (values: readonly number[], extra: fc.Arbitrary<number>) =>
  fc.tuple(
    fc.constant(Float64Array.from(values)),
    fc.array(fc.nat(), { minLength: 1, maxLength: 25 }),
    extra,
  );

/** Every value equal to the bit (Object.is tells −0 from +0). */
function expectSameBits(actual: Float64Array, expected: number[]) {
  expect(Array.from(actual)).toEqual(expected);
  expect(expected.every((v, k) => Object.is(v, actual[k]))).toBe(true);
}

describe("valuesAtRanks", () => {
  it("valuesAtRanks(values, ranks) equals a full sort at those ranks, to the bit (property)", () => {
    fc.assert(
      fc.property(
        fc.array(unit, { minLength: 1, maxLength: 500 }).chain((v) => column(v, fc.constant(0))),
        ([values, picks]) => {
          const ranks = picks.map((p) => p % values.length);
          const sorted = Float64Array.from(values).sort();
          expectSameBits(
            valuesAtRanks(values, ranks),
            ranks.map((r) => sorted[r]!),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("valuesAtRanks(…) sorts everything when a value is outside [0, 1] or NaN (property)", () => {
    fc.assert(
      fc.property(
        fc
          .array(unit, { minLength: 1, maxLength: 200 })
          .chain((v) =>
            column(
              v,
              fc.constantFrom(-1e-300, 1 + 2 ** -52, 7, Number.NaN, Number.POSITIVE_INFINITY),
            ),
          ),
        ([values, picks, outside]) => {
          const all = Float64Array.of(...values, outside);
          const ranks = picks.map((p) => p % all.length);
          const sorted = Float64Array.from(all).sort();
          expectSameBits(
            valuesAtRanks(all, ranks),
            ranks.map((r) => sorted[r]!),
          );
        },
      ),
    );
  });

  it("valuesAtRanks(…) finds ranks inside one crowded bucket", () => {
    const values = Float64Array.from(
      { length: 3000 },
      (_, i) => 0.25 + ((i * 7919) % 3000) * 2 ** -40,
    );
    const sorted = Float64Array.from(values).sort();
    expectSameBits(
      valuesAtRanks(values, [0, 1499, 1500, 2999]),
      [0, 1499, 1500, 2999].map((r) => sorted[r]!),
    );
  });
});
