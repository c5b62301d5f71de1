import { describe, expect, it } from "vitest";
import type { GroupIndex } from "../../src/data/columns.js";
import { privilegedCodes } from "../../src/mitigation/groupSplit.js";
import { inputIssues } from "../helpers/errors.js";

const groups: GroupIndex = {
  featureNames: ["sex", "race"],
  levels: [
    ["F", "M"],
    ["A", "B"],
  ],
  keys: [
    ["F", "A"],
    ["F", "B"],
    ["M", "A"],
    ["M", "B"],
  ],
};
const all = [true, true, true, true];

describe("privilegedCodes(groups, present, selectors, fn)", () => {
  it("privilegedCodes(…) ANDs the features of one condition and ORs the conditions", () => {
    expect(Array.from(privilegedCodes(groups, all, [{ sex: "M" }], "f"))).toEqual([0, 0, 1, 1]);
    expect(Array.from(privilegedCodes(groups, all, [{ sex: "M", race: "A" }], "f"))).toEqual([
      0, 0, 1, 0,
    ]);
    expect(
      Array.from(privilegedCodes(groups, all, [{ sex: "M", race: "A" }, ["F", "B"]], "f")),
    ).toEqual([0, 1, 1, 0]);
  });

  it("privilegedCodes(…) takes a bare level for a single feature", () => {
    const one: GroupIndex = { featureNames: ["g"], levels: [[1, 2]], keys: [[1], [2]] };
    expect(Array.from(privilegedCodes(one, [true, true], [2], "f"))).toEqual([0, 1]);
  });

  it("privilegedCodes(…) ignores groups without rows", () => {
    const present = [true, true, false, true];
    expect(Array.from(privilegedCodes(groups, present, [{ race: "A" }], "f"))).toEqual([
      1, 0, 0, 0,
    ]);
  });

  it("privilegedCodes(…) rejects a condition that matches no group with rows, naming it", () => {
    const issues = inputIssues(() =>
      privilegedCodes(groups, [true, true, false, true], [{ sex: "F" }, ["M", "A"]], "reweighing"),
    );
    expect(issues).toEqual([
      {
        code: "unknown_group",
        path: ["privilegedGroups", 1],
        message: 'reweighing: ["M","A"] matches no group with rows',
      },
    ]);
    expect(inputIssues(() => privilegedCodes(groups, all, [{ age: 3 }], "f"))[0]!.code).toBe(
      "unknown_group",
    );
  });

  it("privilegedCodes(…) needs at least one unprivileged group", () => {
    const issues = inputIssues(() =>
      privilegedCodes(groups, all, [{ sex: "F" }, { sex: "M" }], "f"),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([["invalid_option", ["privilegedGroups"]]]);
  });
});
