import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { prepare } from "../../src/data/prepare.js";
import {
  type ChunkInput,
  chunkBounds,
  chunkInput,
  chunkStats,
  viewRows,
} from "../../src/parallel/chunks.js";
import { countConfusion } from "../../src/stats/confusion.js";

describe("chunkBounds", () => {
  it("cuts n rows into consecutive chunks of chunkSize, the last one shorter", () => {
    expect(chunkBounds(10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(chunkBounds(8, 4)).toEqual([
      [0, 4],
      [4, 8],
    ]);
    expect(chunkBounds(3, 10)).toEqual([[0, 3]]);
    expect(chunkBounds(0, 4)).toEqual([]);
  });
});

describe("chunkInput", () => {
  it("cuts every data column and every named feature, and carries the options", () => {
    const yTrue = Uint8Array.of(1, 0, 1, 0, 1);
    const input = {
      yTrue,
      yScore: [0.1, 0.2, 0.3, 0.4, 0.5],
      sensitiveFeatures: { sex: ["f", "m", "f", "m", "f"], age: Uint32Array.of(1, 2, 3, 4, 5) },
      sampleWeight: [1, 2, 3, 4, 5],
      threshold: 0.25,
      thresholdRule: ">" as const,
      missingGroup: "drop" as const,
    };
    const chunk = chunkInput(input, 1, 3);
    expect(chunk).toEqual({
      yTrue: Uint8Array.of(0, 1),
      yScore: [0.2, 0.3],
      sensitiveFeatures: { sex: ["m", "f"], age: Uint32Array.of(2, 3) },
      sampleWeight: [2, 3],
      threshold: 0.25,
      thresholdRule: ">",
      missingGroup: "drop",
    });
    // Typed arrays are viewed (no copy), plain arrays sliced.
    expect((chunk.yTrue as Uint8Array).buffer).toBe(yTrue.buffer);
    expect(viewRows([1, 2, 3], 1, 2)).toEqual([2]);
  });
});

describe("chunkStats", () => {
  it("counts like countConfusion after prepare, with the label values and the weight total", () => {
    const chunk = {
      yTrue: [1, 0, 1, 1],
      yPred: [1, 1, 0, 1],
      sensitiveFeatures: ["b", "a", "b", "b"],
      sampleWeight: [0.5, 1, 2, 0.25],
    };
    const stats = chunkStats(chunk);
    const expected = countConfusion(prepare(chunk));
    expect(stats.groups).toEqual(prepare(chunk).groups);
    expect(Array.from(stats.counts)).toEqual(Array.from(expected.counts));
    expect(Array.from(stats.weightSum!)).toEqual(Array.from(expected.weightSum!));
    expect(stats.labelValues).toEqual([1, 0]);
    expect(stats.weightTotal).toBe(3.75);
  });

  it("records one label value when the chunk has one, from yTrue and yPred together", () => {
    expect(
      chunkStats({ yTrue: [true, true], yPred: [true, true], sensitiveFeatures: [1, 2] })
        .labelValues,
    ).toEqual([true]);
    expect(
      chunkStats({ yTrue: [-1, -1], yPred: [1, -1], sensitiveFeatures: [1, 2] }).labelValues,
    ).toEqual([-1, 1]);
  });

  it("throws prepare's FairnessInputError on an invalid chunk", () => {
    expect(() =>
      chunkStats({ yTrue: [1, 2, 3], yPred: [1, 1, 1], sensitiveFeatures: [1, 1, 1] }),
    ).toThrow(FairnessInputError);
  });
});

/**
 * Chunks of byte labels and small integer group codes (the form counted in one pass), and
 * chunks just outside it: a label byte 2, a code of 32 or more, a positive label 0, a threshold,
 * a named feature, labels not starting on a 4-byte boundary.
 */
const codedChunk = fc
  .record({
    rows: fc.array(
      fc.record({
        y: fc.integer({ min: 0, max: 1 }),
        p: fc.integer({ min: 0, max: 1 }),
        g: fc.integer({ min: 0, max: 6 }),
      }),
      { minLength: 1, maxLength: 30 },
    ),
    codes: fc.constantFrom(
      (v: number[]) => Uint8Array.from(v),
      (v: number[]) => Uint16Array.from(v),
      (v: number[]) => Uint32Array.from(v),
    ),
    odd: fc.option(
      fc.constantFrom("label 2", "code 32", "code 1000", "misaligned", "threshold", "posLabel 0"),
      { nil: undefined, freq: 2 },
    ),
    named: fc.boolean(),
    posLabel: fc.constantFrom(undefined, 1),
    intersections: fc.constantFrom(undefined, "observed" as const, "all" as const),
    missingGroup: fc.constantFrom(undefined, "drop" as const),
  })
  .map(({ rows, codes, odd, named, posLabel, intersections, missingGroup }): ChunkInput => {
    const n = rows.length;
    const shift = odd === "misaligned" ? 1 : 0;
    const yTrue = new Uint8Array(n + shift).subarray(shift);
    yTrue.set(rows.map((r) => r.y));
    const yPred = Uint8Array.from(rows, (r) => r.p);
    const g = codes(rows.map((r) => r.g));
    if (odd === "label 2") yPred[n - 1] = 2;
    if (odd === "code 32") g[0] = 32;
    if (odd === "code 1000") g[n - 1] = 1000;
    return {
      yTrue,
      yPred,
      sensitiveFeatures: named ? { race: g } : g,
      ...(posLabel === undefined ? {} : { posLabel }),
      ...(odd === "posLabel 0" ? { posLabel: 0 } : {}),
      ...(odd === "threshold" ? { threshold: 0.3 } : {}),
      ...(intersections === undefined ? {} : { intersections }),
      ...(missingGroup === undefined ? {} : { missingGroup }),
    };
  });

describe("chunkStats on byte labels and small integer codes", () => {
  it("gives prepare's groups and countConfusion's counts, or prepare's error (property)", () => {
    fc.assert(
      fc.property(codedChunk, (chunk) => {
        let columns: ReturnType<typeof prepare>;
        try {
          columns = prepare(chunk);
        } catch (error) {
          expect(error).toBeInstanceOf(FairnessInputError);
          expect(() => chunkStats(chunk)).toThrow(FairnessInputError);
          return;
        }
        const stats = chunkStats(chunk);
        expect(stats.groups).toEqual(columns.groups);
        expect(Array.from(stats.counts)).toEqual(Array.from(countConfusion(columns).counts));
        expect(stats.weightSum).toBeUndefined();
        const values = [...new Set([...chunk.yTrue, ...chunk.yPred!])];
        expect([...stats.labelValues].sort()).toEqual(values.sort());
        expect(stats.weightTotal).toBe(0);
      }),
      { numRuns: 400 },
    );
  });
});
