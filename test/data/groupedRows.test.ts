import { describe, expect, it } from "vitest";
import { IssueCollector } from "../../src/data/errors.js";
import { prepareGroupedRows } from "../../src/data/groupedRows.js";
import { inputIssues } from "../helpers/errors.js";

/** prepareGroupedRows with the issues it found thrown. */
function grouped(input: Parameters<typeof prepareGroupedRows>[0], n: number) {
  const issues = new IssueCollector();
  const rows = prepareGroupedRows(input, n, issues);
  issues.throwIfAny();
  return rows!;
}

describe("prepareGroupedRows(input, n, issues)", () => {
  it("prepareGroupedRows(…) encodes groups and strata of every row, weights as given", () => {
    const rows = grouped(
      {
        sensitiveFeatures: { sex: ["M", "F", "F"], age: [30, 30, 40] },
        controlFeatures: ["x", "y", "x"],
        sampleWeight: [1, 0.5, 2],
      },
      3,
    );
    expect(rows.n).toBe(3);
    expect(rows.groups.keys).toEqual([
      ["F", 30],
      ["F", 40],
      ["M", 30],
    ]);
    expect(Array.from(rows.group)).toEqual([2, 0, 1]);
    expect(rows.control!.strata.keys).toEqual([["x"], ["y"]]);
    expect(Array.from(rows.control!.code)).toEqual([0, 1, 0]);
    expect(Array.from(rows.weight!)).toEqual([1, 0.5, 2]);
  });

  it("prepareGroupedRows(…) lists every intersection with intersections: 'all'", () => {
    const rows = grouped(
      { sensitiveFeatures: { sex: ["M", "F"], age: [30, 40] }, intersections: "all" },
      2,
    );
    expect(rows.groups.keys).toHaveLength(4);
  });

  it("prepareGroupedRows(…) applies the missing-group policy to sensitive and control features", () => {
    const input = {
      sensitiveFeatures: ["a", null, "b", "a"],
      controlFeatures: ["x", "x", null, "y"],
    };
    expect(inputIssues(() => grouped(input, 4)).map((i) => i.path)).toEqual([
      ["sensitiveFeatures", 1],
      ["controlFeatures", 2],
    ]);
    const dropped = grouped({ ...input, missingGroup: "drop" }, 4);
    expect(dropped.n).toBe(2);
    expect(Array.from(dropped.sourceRow!)).toEqual([0, 3]);
  });

  it("prepareGroupedRows(…) checks lengths and weights, and refuses kept rows of zero total weight", () => {
    expect(
      inputIssues(() => grouped({ sensitiveFeatures: ["a", "b"], sampleWeight: [1] }, 2))[0]!.code,
    ).toBe("length_mismatch");
    expect(
      inputIssues(() => grouped({ sensitiveFeatures: ["a", "b"], sampleWeight: [1, -1] }, 2))[0]!
        .code,
    ).toBe("negative_weight");
    expect(
      inputIssues(() =>
        grouped({ sensitiveFeatures: ["a", null], sampleWeight: [0, 1], missingGroup: "drop" }, 2),
      ),
    ).toEqual([
      {
        code: "zero_total_weight",
        path: ["sampleWeight"],
        message: "all weights of the kept rows are zero",
      },
    ]);
  });
});
