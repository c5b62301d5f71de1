import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { consistency, nearestNeighbours } from "../../src/metrics/index.js";

describe("consistency", () => {
  it("nearestNeighbours(…) includes each row itself and breaks ties by row index", () => {
    // Rows 0 and 2 are both at distance 1 from row 1.
    expect(nearestNeighbours(Float64Array.of(0, 1, 2), 1, 2)).toEqual(
      Uint32Array.of(0, 1, 1, 0, 2, 1),
    );
  });

  it("nearestNeighbours(…) agrees with sorting all distances", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 })), {
          minLength: 3,
          maxLength: 25,
        }),
        (points) => {
          const x = Float64Array.from(points.flat());
          const k = 3;
          const got = nearestNeighbours(x, 2, k);
          points.forEach(([a, b], i) => {
            const order = points
              .map(([c, d], j) => ({ j, d: (a - c) ** 2 + (b - d) ** 2 }))
              .sort((p, q) => p.d - q.d || p.j - q.j)
              .slice(0, k)
              .map((p) => p.j);
            expect(Array.from(got.subarray(i * k, (i + 1) * k))).toEqual(order);
          });
        },
      ),
    );
  });

  it("consistency(…) is 1 when neighbours agree and drops with disagreement", () => {
    expect(consistency(Float64Array.of(0, 0.1, 5, 5.1), 1, [1, 1, 0, 0], 2)).toBe(1);
    expect(consistency(Float64Array.of(0, 0.1, 5, 5.1), 1, [1, 0, 0, 0], 2)).toBe(0.75);
  });
});
