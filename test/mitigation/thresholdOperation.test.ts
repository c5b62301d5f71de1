import { describe, expect, it } from "vitest";
import { applies } from "../../src/mitigation/thresholdOperation.js";

describe("applies(operation, score)", () => {
  it("applies(…) compares the score with the threshold by the operator, ties included only by >= and <=", () => {
    const at = (operator: ">" | "<" | ">=" | "<=") =>
      [0.4, 0.5, 0.6].map((score) => applies({ operator, threshold: 0.5 }, score));
    expect(at(">")).toEqual([false, false, true]);
    expect(at(">=")).toEqual([false, true, true]);
    expect(at("<")).toEqual([true, false, false]);
    expect(at("<=")).toEqual([true, true, false]);
  });

  it("applies(…) with an infinite threshold predicts all or nothing", () => {
    const scores = [Number.NEGATIVE_INFINITY, 0, 1, Number.POSITIVE_INFINITY];
    expect(scores.map((s) => applies({ operator: ">", threshold: Infinity }, s))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(scores.map((s) => applies({ operator: ">=", threshold: -Infinity }, s))).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});
