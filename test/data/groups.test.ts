import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IssueCollector } from "../../src/data/errors.js";
import {
  encodeGroups,
  findMissingRows,
  intersectGroups,
  MAX_LEVEL_LENGTH,
  namedFeatures,
} from "../../src/data/groups.js";
import { compareLevels } from "../../src/data/levels.js";
import { inputIssues } from "../helpers/errors.js";

describe("namedFeatures(input, field)", () => {
  it("namedFeatures(…) names an unnamed column and keeps a record's names in order", () => {
    expect(namedFeatures(["a"], "sensitiveFeatures")).toEqual({
      field: "sensitiveFeatures",
      names: ["sensitive_feature_0"],
      columns: [["a"]],
      named: false,
    });
    expect(namedFeatures(Uint8Array.of(1), "controlFeatures").names).toEqual(["control_feature_0"]);
    expect(namedFeatures({ race: ["x"], sex: ["F"] }, "sensitiveFeatures").names).toEqual([
      "race",
      "sex",
    ]);
  });
});

describe("findMissingRows(features, n, policy, issues, missing)", () => {
  const features = namedFeatures(
    { sex: ["F", null, "M", Number.NaN], age: [1, 2, undefined, 4] },
    "sensitiveFeatures",
  );

  it("findMissingRows(…) reports each missing value by feature and row under 'error'", () => {
    const issues = new IssueCollector();
    findMissingRows(features, 4, "error", issues, new Uint8Array(4));
    expect(inputIssues(() => issues.throwIfAny()).map((i) => [i.code, i.path])).toEqual([
      ["missing_group", ["sensitiveFeatures", "sex", 1]],
      ["missing_group", ["sensitiveFeatures", "sex", 3]],
      ["missing_group", ["sensitiveFeatures", "age", 2]],
    ]);
  });

  it("findMissingRows(…) marks the rows under 'drop' and keeps them under 'asGroup'", () => {
    const dropped = new Uint8Array(4);
    findMissingRows(features, 4, "drop", new IssueCollector(), dropped);
    expect(Array.from(dropped)).toEqual([0, 1, 1, 1]);
    const kept = new Uint8Array(4);
    const issues = new IssueCollector();
    findMissingRows(features, 4, "asGroup", issues, kept);
    expect(Array.from(kept)).toEqual([0, 0, 0, 0]);
    expect(issues.size).toBe(0);
  });

  it("findMissingRows(…) refuses levels that are objects or longer than MAX_LEVEL_LENGTH", () => {
    const bad = namedFeatures(
      [{}, "x".repeat(MAX_LEVEL_LENGTH + 1), "x".repeat(MAX_LEVEL_LENGTH)] as unknown as string[],
      "sensitiveFeatures",
    );
    const issues = new IssueCollector();
    findMissingRows(bad, 3, "asGroup", issues, new Uint8Array(3));
    expect(inputIssues(() => issues.throwIfAny()).map((i) => i.path)).toEqual([
      ["sensitiveFeatures", 0],
      ["sensitiveFeatures", 1],
    ]);
  });
});

describe("intersectGroups(levels, codes, n, mode)", () => {
  it("intersectGroups(…) lists observed combinations in product order, or the full product", () => {
    const levels = [
      ["a", "b"],
      [1, 2],
    ];
    const codes = [Uint32Array.of(1, 0, 1), Uint32Array.of(0, 1, 0)];
    expect(intersectGroups(levels, codes, 3, "observed")).toEqual({
      code: Uint32Array.of(1, 0, 1),
      keys: [
        ["a", 2],
        ["b", 1],
      ],
    });
    const all = intersectGroups(levels, codes, 3, "all");
    expect(all.keys).toEqual([
      ["a", 1],
      ["a", 2],
      ["b", 1],
      ["b", 2],
    ]);
    expect(Array.from(all.code)).toEqual([2, 1, 2]);
  });

  it("intersectGroups(…) refuses a full product beyond a million groups", () => {
    const many = Array.from({ length: 1001 }, (_, i) => i);
    expect(
      inputIssues(() =>
        intersectGroups([many, many], [new Uint32Array(1), new Uint32Array(1)], 1, "all"),
      )[0]!.code,
    ).toBe("too_many_levels");
  });
});

describe("encodeGroups(features, keep, n, mode)", () => {
  it("encodeGroups(…) codes rows by sorted level combinations, over the kept rows only", () => {
    const features = namedFeatures(
      { sex: ["M", "F", "M", "F"], age: [30, 40, 40, 30] },
      "sensitiveFeatures",
    );
    const { code, index } = encodeGroups(features, Uint32Array.of(0, 2, 3), 3);
    expect(index.featureNames).toEqual(["sex", "age"]);
    expect(index.levels).toEqual([
      ["F", "M"],
      [30, 40],
    ]);
    expect(index.keys).toEqual([
      ["F", 30],
      ["M", 30],
      ["M", 40],
    ]);
    expect(Array.from(code)).toEqual([1, 2, 0]);
  });

  it("encodeGroups(…) gives each row the key of its own levels, keys sorted and distinct", () => {
    const level = fc.oneof(
      fc.constantFrom("a", "b", "c"),
      fc.integer({ min: 0, max: 3 }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(level, level), { minLength: 1, maxLength: 30 }), (rows) => {
        const features = namedFeatures(
          { f: rows.map((r) => r[0]), g: rows.map((r) => r[1]) },
          "sensitiveFeatures",
        );
        const { code, index } = encodeGroups(features, undefined, rows.length);
        for (const [r, row] of rows.entries()) expect(index.keys[code[r]!]).toEqual(row);
        const keys = index.keys.map((k) => JSON.stringify(k));
        expect(new Set(keys).size).toBe(keys.length);
        for (let g = 1; g < index.keys.length; g++) {
          const [a, b] = [index.keys[g - 1]!, index.keys[g]!];
          const order = compareLevels(a[0]!, b[0]!) || compareLevels(a[1]!, b[1]!);
          expect(order).toBeLessThan(0);
        }
      }),
      { seed: 53, numRuns: 200 },
    );
  });
});
