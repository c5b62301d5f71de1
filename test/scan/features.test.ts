import { describe, expect, it } from "vitest";
import { quantileBuckets } from "../../src/scan/index.js";

describe("quantileBuckets", () => {
  it("cuts at the type-7 quartiles, labelling (lower, upper] intervals", () => {
    // Values 1..8: quartiles at 2.75, 4.5, 6.25.
    const { rows, labels } = quantileBuckets([1, 2, 3, 4, 5, 6, 7, 8], 4);
    expect(labels).toEqual(["≤ 2.75", "(2.75, 4.5]", "(4.5, 6.25]", "> 6.25"]);
    expect(rows).toEqual([
      "≤ 2.75",
      "≤ 2.75",
      "(2.75, 4.5]",
      "(2.75, 4.5]",
      "(4.5, 6.25]",
      "(4.5, 6.25]",
      "> 6.25",
      "> 6.25",
    ]);
  });

  it("merges duplicate cut points of heavily tied values", () => {
    expect(quantileBuckets([0, 0, 0, 0, 0, 0, 1, 5], 4).labels).toEqual([
      "≤ 0",
      "(0, 0.25]",
      "> 0.25",
    ]);
  });
});
