import { describe, expect, it } from "vitest";
import { IssueCollector } from "../../src/data/errors.js";
import { checkIntegerOption, checkSeedOption } from "../../src/scan/options.js";
import { inputIssues } from "../helpers/errors.js";

/** The issues the checks add, thrown and caught. */
function issuesOf(check: (issues: IssueCollector) => void) {
  const issues = new IssueCollector();
  check(issues);
  if (issues.size === 0) return [];
  return inputIssues(() => issues.throwIfAny());
}

describe("scan option checks", () => {
  it("checkIntegerOption(…) accepts integers from min up and names the option otherwise", () => {
    expect(issuesOf((i) => checkIntegerOption(i, "topK", 1, 1))).toEqual([]);
    expect(issuesOf((i) => checkIntegerOption(i, "replicates", 0, 0))).toEqual([]);
    expect(issuesOf((i) => checkIntegerOption(i, "topK", 2 ** 40, 1))).toEqual([]);
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(issuesOf((i) => checkIntegerOption(i, "topK", bad, 1))).toEqual([
        { code: "invalid_option", path: ["topK"], message: `must be an integer >= 1, got ${bad}` },
      ]);
    }
  });

  it("checkSeedOption(…) accepts exactly the integers in [0, 2^32 − 1]", () => {
    for (const ok of [0, 1, 0xffff_ffff]) {
      expect(issuesOf((i) => checkSeedOption(i, "seed", ok))).toEqual([]);
    }
    for (const bad of [-1, 2 ** 32, 0.5, Number.NaN]) {
      expect(issuesOf((i) => checkSeedOption(i, "testSeed", bad))).toEqual([
        {
          code: "invalid_option",
          path: ["testSeed"],
          message: `must be an integer in [0, 2^32 - 1], got ${bad}`,
        },
      ]);
    }
  });
});
