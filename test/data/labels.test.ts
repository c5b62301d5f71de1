import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FairnessInputError, IssueCollector } from "../../src/data/errors.js";
import type { LabelArray, LabelValue } from "../../src/data/inputTypes.js";
import { encodeLabels, resolvePositiveLabel } from "../../src/data/labels.js";

/** The positive label and the issues (code and path) of resolvePositiveLabel. */
function resolve(yTrue: LabelArray, yPred?: LabelArray, posLabel?: LabelValue) {
  const issues = new IssueCollector();
  const positive = resolvePositiveLabel(yTrue, yPred, posLabel, issues);
  try {
    issues.throwIfAny();
    return { positive, issues: [] as [string, readonly (string | number)[]][] };
  } catch (error) {
    const found = (error as FairnessInputError).issues.map((i) => [i.code, i.path] as const);
    return { positive, issues: found as [string, readonly (string | number)[]][] };
  }
}

describe("resolvePositiveLabel(yTrue, yPred, posLabel, issues)", () => {
  it("resolvePositiveLabel(…) follows Fairlearn's rule: {0, 1} and {-1, 1} → 1, booleans → true", () => {
    expect(resolve([0, 1, 1], [1, 0, 0]).positive).toBe(1);
    expect(resolve([-1, 1], [-1, -1]).positive).toBe(1);
    expect(resolve([1, 1], [1, 1]).positive).toBe(1);
    expect(resolve([false, true], [true, true]).positive).toBe(true);
    expect(resolve(Int8Array.from([-1, 1, 1])).positive).toBe(1);
    expect(resolve(Uint8Array.from([0, 1, 0, 1, 1])).positive).toBe(1);
  });

  it("resolvePositiveLabel(…) needs posLabel for other values and checks it is one of them", () => {
    expect(resolve(["no", "yes"], ["yes", "yes"])).toEqual({
      positive: undefined,
      issues: [["pos_label_required", ["posLabel"]]],
    });
    expect(resolve(["no", "yes"], undefined, "yes").positive).toBe("yes");
    expect(resolve([0, 2], undefined, 2).positive).toBe(2);
    expect(resolve(["no", "yes"], undefined, "maybe").issues).toEqual([
      ["pos_label_missing", ["posLabel"]],
    ]);
    // One value only: any posLabel is accepted (no row is positive when it differs).
    expect(resolve(["no", "no"], undefined, "yes").positive).toBe("yes");
  });

  it("resolvePositiveLabel(…) names the row of the third value, across yTrue and yPred", () => {
    expect(resolve([0, 1, 1], [1, 0, 2]).issues).toEqual([["not_binary", ["yPred", 2]]]);
    expect(resolve(Float64Array.from([0, 1, 0.5]), undefined).issues).toEqual([
      ["not_binary", ["yTrue", 2]],
    ]);
    expect(resolve(["a", "b", "c"], undefined, "a").issues).toEqual([["not_binary", ["yTrue", 2]]]);
  });

  it("resolvePositiveLabel(…) reports every invalid value with its row", () => {
    const yTrue = [0, null, 1, Number.NaN, {}] as unknown as LabelArray;
    expect(resolve(yTrue).issues).toEqual([
      ["invalid_type", ["yTrue", 1]],
      ["not_finite", ["yTrue", 3]],
      ["invalid_type", ["yTrue", 4]],
    ]);
    expect(resolve(Float64Array.from([0, 1, Number.POSITIVE_INFINITY])).issues).toEqual([
      ["not_finite", ["yTrue", 2]],
    ]);
  });

  it("resolvePositiveLabel(…) gives the same answer for a typed array and the plain array", () => {
    const labels = fc.array(fc.constantFrom(-1, 0, 1, 2), { maxLength: 20 });
    fc.assert(
      fc.property(labels, labels, fc.integer({ min: 0, max: 3 }), (yTrue, yPred, offset) => {
        // A Uint8Array view at an unaligned offset exercises the byte-wise tail.
        const buffer = new Uint8Array(yTrue.length + offset);
        const typed = buffer.subarray(offset);
        const nonNegative = yTrue.map((v) => Math.abs(v));
        typed.set(nonNegative);
        expect(resolve(typed, Int8Array.from(yPred))).toEqual(resolve(nonNegative, yPred));
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});

describe("encodeLabels(values, positive, keep, n)", () => {
  it("encodeLabels(…) writes 1 where the value is the positive label, over the kept rows", () => {
    expect(Array.from(encodeLabels(["y", "n", "y"], "y", undefined, 3))).toEqual([1, 0, 1]);
    expect(Array.from(encodeLabels([-1, 1, 1, -1], 1, Uint32Array.from([3, 1]), 2))).toEqual([
      0, 1,
    ]);
    expect(Array.from(encodeLabels([true, false], true, undefined, 2))).toEqual([1, 0]);
  });

  it("encodeLabels(…) uses a 0/1 Uint8Array as it is, and copies anything else", () => {
    const binary = Uint8Array.from([0, 1, 1, 0, 1]);
    expect(encodeLabels(binary, 1, undefined, 5)).toBe(binary);
    const zeroPositive = encodeLabels(binary, 0, undefined, 5);
    expect(zeroPositive).not.toBe(binary);
    expect(Array.from(zeroPositive)).toEqual([1, 0, 0, 1, 0]);
    const other = Uint8Array.from([0, 1, 2]);
    expect(encodeLabels(other, 1, undefined, 3)).not.toBe(other);
  });
});
