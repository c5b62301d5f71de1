import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { referenceShares } from "../../src/data/reference.js";

describe("referenceShares(reference, kind, path)", () => {
  it("referenceShares(…) divides counts by their total and keeps shares", () => {
    expect([...referenceShares({ a: 3, b: 1 }, "counts")]).toEqual([
      ["a", 0.75],
      ["b", 0.25],
    ]);
    expect(referenceShares({ a: 0.3, b: 0.7 + 5e-7 }).get("b")).toBe(0.7 + 5e-7);
  });

  it("referenceShares(…) rejects shares off 1 by more than 1e-6, and bad values, naming the group", () => {
    expect(() => referenceShares({ a: 0.3, b: 0.7 + 2e-6 })).toThrow(/sum to/);
    try {
      referenceShares({ a: Number.NaN, b: -0.1, c: 2 }, "shares", ["margins", "sex"]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FairnessInputError);
      expect((error as FairnessInputError).issues.map((i) => i.path)).toEqual([
        ["margins", "sex", "a"],
        ["margins", "sex", "b"],
        ["margins", "sex", "c"],
      ]);
    }
    expect(() => referenceShares({ a: 0 }, "counts")).toThrow(/all 0/);
    expect(() => referenceShares({})).toThrow(/no group/);
  });
});
