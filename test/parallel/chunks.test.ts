import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { prepare } from "../../src/data/prepare.js";
import { chunkBounds, chunkInput, chunkStats, viewRows } from "../../src/parallel/chunks.js";
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
