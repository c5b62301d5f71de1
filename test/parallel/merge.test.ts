import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FairnessInput } from "../../src/data/inputTypes.js";
import { prepare } from "../../src/data/prepare.js";
import { chunkBounds, chunkInput, chunkStats } from "../../src/parallel/chunks.js";
import { mergeChunks } from "../../src/parallel/merge.js";
import { countConfusion } from "../../src/stats/confusion.js";
import { expectClose } from "../helpers/close.js";

const context = (input: FairnessInput) => ({
  n: input.yTrue.length,
  posLabel: input.posLabel,
  intersections: input.intersections ?? ("observed" as const),
});

const merged = (input: FairnessInput, chunkSize: number) =>
  mergeChunks(
    chunkBounds(input.yTrue.length, chunkSize).map(([from, to]) =>
      chunkStats(chunkInput(input, from, to)),
    ),
    context(input),
  );

const inputArbitrary = fc
  .record({
    rows: fc.array(
      fc.record({
        y: fc.boolean(),
        p: fc.boolean(),
        a: fc.constantFrom("k", "j", 2, 11, false),
        b: fc.constantFrom("u", "v", "w"),
        w: fc.double({ min: 0.01, max: 100, noNaN: true }),
      }),
      { minLength: 1, maxLength: 30 },
    ),
    two: fc.boolean(),
    weighted: fc.boolean(),
    intersections: fc.constantFrom("observed" as const, "all" as const),
  })
  .map(
    ({ rows, two, weighted, intersections }): FairnessInput => ({
      yTrue: rows.map((r) => r.y),
      yPred: rows.map((r) => r.p),
      sensitiveFeatures: two
        ? { a: rows.map((r) => r.a), b: rows.map((r) => r.b) }
        : rows.map((r) => r.a),
      ...(weighted ? { sampleWeight: rows.map((r) => r.w) } : {}),
      intersections,
    }),
  );

describe("mergeChunks", () => {
  it("gives prepare's groups and countConfusion's counts for any chunk size (property)", () => {
    fc.assert(
      fc.property(inputArbitrary, fc.integer({ min: 1, max: 8 }), (input, chunkSize) => {
        const columns = prepare(input);
        const expected = countConfusion(columns);
        const result = merged(input, chunkSize)!;
        expect(result.groups).toEqual(columns.groups);
        expect(Array.from(result.stats.counts)).toEqual(Array.from(expected.counts));
        if (expected.weightSum !== undefined) {
          const total = (s: typeof expected) =>
            Array.from(s.weightSum!, (v, i) => v + s.weightComp![i]!);
          expectClose(total(result.stats), total(expected));
        }
      }),
    );
  });

  it("refuses chunks that are valid alone but not together", () => {
    // {0} and {-1}: each chunk reads its labels with positive 1, the whole input has no rule.
    expect(merged({ yTrue: [0, 0, -1], yPred: [0, 0, -1], sensitiveFeatures: [1, 1, 1] }, 2)).toBe(
      undefined,
    );
    // Three label values, two per chunk.
    expect(
      merged(
        {
          yTrue: ["a", "b", "c"],
          yPred: ["a", "b", "c"],
          sensitiveFeatures: [1, 1, 1],
          posLabel: "b",
        },
        2,
      ),
    ).toBe(undefined);
    // Weights whose total times the rows overflows, although each chunk's does not.
    expect(
      merged(
        { yTrue: [1, 0], yPred: [1, 0], sensitiveFeatures: [1, 1], sampleWeight: [1e308, 1e308] },
        1,
      ),
    ).toBe(undefined);
  });

  it("accepts a positive label that only some chunks hold", () => {
    const input = {
      yTrue: ["n", "n", "y"],
      yPred: ["n", "n", "y"],
      sensitiveFeatures: [1, 2, 1],
      posLabel: "y",
    };
    expect(Array.from(merged(input, 2)!.stats.counts)).toEqual(
      Array.from(countConfusion(prepare(input)).counts),
    );
  });
});
