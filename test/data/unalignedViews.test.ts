import { describe, expect, it } from "vitest";
import { prepare } from "../../src/data/prepare.js";

describe("prepare: typed-array views at any byte offset", () => {
  it("reads 0/1 labels from Uint8Array views that do not start on a 4-byte boundary", () => {
    const bytes = Uint8Array.of(9, 1, 0, 1, 1, 0, 0, 1, 0, 1);
    for (const offset of [1, 2, 3, 5]) {
      const yTrue = bytes.subarray(offset);
      const yPred = bytes.subarray(offset).map((v) => 1 - v);
      const plain = Array.from(yTrue);
      const groups = plain.map((_, i) => (i % 2 === 0 ? "a" : "b"));
      const typed = prepare({ yTrue, yPred, sensitiveFeatures: groups });
      const expected = prepare({
        yTrue: plain,
        yPred: Array.from(yPred),
        sensitiveFeatures: groups,
      });
      expect(Array.from(typed.label)).toEqual(Array.from(expected.label));
      expect(Array.from(typed.pred!)).toEqual(Array.from(expected.pred!));
    }
  });
});
