import { describe, expect, it } from "vitest";
import type { ScanSubgroup } from "../../src/scan/biasScan.js";
import { describeSubgroup, formatPValue, subgroupConditions } from "../../src/scan/describe.js";

describe("formatPValue(p)", () => {
  it("formatPValue(…) gives two decimals from 0.01, one digit below, and a bound below 0.001", () => {
    expect(formatPValue(0.5)).toBe("p = 0.50");
    expect(formatPValue(0.01)).toBe("p = 0.01");
    expect(formatPValue(0.0042)).toBe("p = 0.004");
    expect(formatPValue(0.001)).toBe("p = 0.001");
    expect(formatPValue(0.0009)).toBe("p < 0.001");
    expect(formatPValue(Number.NaN)).toBe("not tested");
  });
});

describe("subgroupConditions(subset)", () => {
  it("subgroupConditions(…) joins one level with = and several with in {…}, by and", () => {
    expect(subgroupConditions({ sex: ["Female"] })).toBe("sex = Female");
    expect(subgroupConditions({ sex: ["Female"], age: [1, 2] })).toBe(
      "sex = Female and age in {1, 2}",
    );
    expect(subgroupConditions({})).toBe("all rows");
  });
});

describe("describeSubgroup(subgroup, options)", () => {
  const subgroup: ScanSubgroup = {
    subset: { race: ["B"] },
    score: 3,
    rows: 40,
    observedRate: 0.125,
    expectedRate: 0.3,
    q: 0.4,
    penalty: 0,
    pValue: Number.NaN,
  };

  it("describeSubgroup(…) rounds rates to whole percents and says when there was no test", () => {
    expect(describeSubgroup(subgroup)).toBe(
      "Among rows with race = B, the model predicts 30% but the observed outcome rate is 13% (40 rows, not tested for significance).",
    );
  });

  it("describeSubgroup(…) names the whole population when the subset is empty", () => {
    expect(
      describeSubgroup(
        { ...subgroup, subset: {}, pValue: 0.0001 },
        { population: "loans", outcome: "default" },
      ),
    ).toBe(
      "Among all loans, the model predicts 30% but the observed default rate is 13% (40 rows, p < 0.001 after the search).",
    );
  });
});
