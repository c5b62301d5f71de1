import { describe, expect, it } from "vitest";
import { FairnessInputError, IssueCollector } from "../../src/data/errors.js";
import { inputIssues } from "../helpers/errors.js";

describe("FairnessInputError(issues)", () => {
  it("FairnessInputError's message is its first issue with its path, plus how many follow", () => {
    const error = new FairnessInputError([
      { code: "not_finite", path: ["yScore", 17], message: "expected a finite score" },
      { code: "invalid_option", path: ["options", "alpha"], message: "must be in (0, 1)" },
      { code: "empty_input", path: [], message: "needs a row" },
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("FairnessInputError");
    expect(error.message).toBe(
      "yScore[17]: expected a finite score [not_finite] (and 2 more issue(s))",
    );
    expect(error.format().split("\n")).toEqual([
      "yScore[17]: expected a finite score [not_finite]",
      "options.alpha: must be in (0, 1) [invalid_option]",
      "needs a row [empty_input]",
    ]);
    expect(new FairnessInputError([]).message).toBe("invalid input");
  });
});

describe("IssueCollector", () => {
  it("IssueCollector throws nothing when empty and every issue at once otherwise", () => {
    const issues = new IssueCollector();
    expect(issues.size).toBe(0);
    expect(() => issues.throwIfAny()).not.toThrow();
    issues.add("not_binary", ["yTrue", 3], "must be 0 or 1");
    issues.add("missing_field", ["yPred"], "give yPred");
    expect(issues.size).toBe(2);
    expect(inputIssues(() => issues.throwIfAny()).map((i) => i.code)).toEqual([
      "not_binary",
      "missing_field",
    ]);
  });

  it("IssueCollector lists 20 rows per field and code, then one summary of the rest", () => {
    const issues = new IssueCollector();
    for (let i = 0; i < 25; i++) issues.add("not_finite", ["yScore", i], `row ${i}`);
    for (let i = 0; i < 3; i++) issues.add("invalid_type", ["yScore", i], `row ${i}`);
    for (let i = 0; i < 21; i++) issues.add("not_finite", ["sampleWeight", i], `row ${i}`);
    expect(issues.size).toBe(20 + 3 + 20);
    const thrown = inputIssues(() => issues.throwIfAny());
    expect(thrown).toHaveLength(43 + 2);
    expect(thrown.slice(-2)).toEqual([
      { code: "not_finite", path: ["yScore"], message: "5 more rows with the same problem" },
      { code: "not_finite", path: ["sampleWeight"], message: "1 more rows with the same problem" },
    ]);
  });

  it("IssueCollector counts a named sub-field apart from its siblings", () => {
    // Features by name: ["sensitiveFeatures", "race", row] and ["sensitiveFeatures", "sex", row].
    const issues = new IssueCollector();
    for (let i = 0; i < 20; i++) issues.add("missing_group", ["sensitiveFeatures", "race", i], "x");
    for (let i = 0; i < 20; i++) issues.add("missing_group", ["sensitiveFeatures", "sex", i], "x");
    expect(issues.size).toBe(40);
  });
});
