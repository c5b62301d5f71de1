import { describe, expect, it } from "vitest";
import { GroupLookup } from "../../src/mitigation/groupLookup.js";
import { inputIssues } from "../helpers/errors.js";

describe("GroupLookup", () => {
  const lookup = new GroupLookup(
    ["sex", "age"],
    [
      ["f", 1],
      ["m", 1],
      [null, 2],
    ],
  );

  it("codes(…) finds each row's group from a record, missing values as null", () => {
    const codes = lookup.codes(
      { sex: ["m", "f", undefined, Number.NaN], age: [1, 1, 2, 2] } as never,
      4,
    );
    expect(Array.from(codes)).toEqual([1, 0, 2, 2]);
  });

  it("codes(…) tells 1 from '1' (levels compare by value and type)", () => {
    const byType = new GroupLookup(["g"], [[1]]);
    expect(Array.from(byType.codes([1, "1"], 2, true))).toEqual([0, -1]);
  });

  it("codes(…) names unseen groups by row, or gives -1 when allowed", () => {
    const rows = { sex: ["f", "x"], age: [1, 1] };
    expect(inputIssues(() => lookup.codes(rows, 2)).map((i) => [i.code, ...i.path])).toEqual([
      ["unknown_group", "sensitiveFeatures", 1],
    ]);
    expect(Array.from(lookup.codes(rows, 2, true))).toEqual([0, -1]);
  });

  it("codes(…) names missing, mistyped and mis-sized features", () => {
    const issues = inputIssues(() => lookup.codes({ sex: ["f"], toString: ["x"] } as never, 2));
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([
      ["length_mismatch", "sensitiveFeatures", "sex"],
      ["missing_field", "sensitiveFeatures", "age"],
    ]);
    expect(inputIssues(() => lookup.codes({ sex: "f", age: [1] } as never, 1))[0]!.code).toBe(
      "invalid_type",
    );
    expect(inputIssues(() => lookup.codes(undefined, 1))[0]!.code).toBe("missing_field");
    expect(inputIssues(() => lookup.codes(["f"], 1))[0]!.code).toBe("invalid_type");
  });

  it("the constructor rejects repeated keys and keys of the wrong length", () => {
    const issues = inputIssues(
      () => new GroupLookup(["g"], [["a"], ["b"], ["a"], ["a", "b"]], ["rule", "groups"]),
    );
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([
      ["duplicate_group", "rule", "groups", 2, "group"],
      ["invalid_type", "rule", "groups", 3, "group"],
    ]);
  });
});
