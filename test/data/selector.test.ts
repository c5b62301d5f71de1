import { describe, expect, it } from "vitest";
import type { GroupIndex } from "../../src/data/columns.js";
import { groupIndexOf } from "../../src/data/selector.js";
import { inputIssues } from "../helpers/errors.js";

const two: GroupIndex = {
  featureNames: ["sex", "age"],
  levels: [
    ["F", "M"],
    [30, 40],
  ],
  keys: [
    ["F", 30],
    ["F", 40],
    ["M", 30],
    ["M", 40],
  ],
};

describe("groupIndexOf(groups, counts, selector)", () => {
  it("groupIndexOf(…) finds a group by its level, its levels in feature order, or by feature name", () => {
    const one: GroupIndex = { featureNames: ["g"], levels: [["a", "b"]], keys: [["a"], ["b"]] };
    expect(groupIndexOf(one, [3, 4], "b")).toBe(1);
    expect(groupIndexOf(one, [3, 4], ["a"])).toBe(0);
    expect(groupIndexOf(two, [1, 2, 3, 4], ["M", 30])).toBe(2);
    expect(groupIndexOf(two, [1, 2, 3, 4], { age: 40, sex: "F" })).toBe(1);
  });

  it("groupIndexOf(…) matches levels by identity: 30 is not '30'", () => {
    const issues = inputIssues(() => groupIndexOf(two, [1, 2, 3, 4], ["M", "30"]));
    expect(issues.map((i) => [i.code, i.path])).toEqual([["unknown_group", ["reference"]]]);
  });

  it("groupIndexOf(…) rejects a group without rows and lists the groups that have rows", () => {
    const issues = inputIssues(() => groupIndexOf(two, [1, 0, 3, 0], { sex: "F", age: 40 }));
    expect(issues[0]!.message).toBe('no rows in group ["F",40]; groups are ["F",30], ["M",30]');
  });

  it("groupIndexOf(…) needs every feature: a partial selector names no group", () => {
    expect(() => groupIndexOf(two, [1, 2, 3, 4], "F")).toThrow(/no rows in group \["F"\]/);
  });
});
