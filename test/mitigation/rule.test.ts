import { describe, expect, it } from "vitest";
import {
  CalibratedEqOddsRule,
  CalibratedEqualizedOddsRule,
  calibratedEqualizedOdds,
} from "../../src/mitigation/calibratedEqualizedOdds.js";
import {
  EqOddsRule,
  EqualizedOddsRule,
  equalizedOddsPostprocessing,
} from "../../src/mitigation/equalizedOddsPostprocessing.js";
import { manualThresholds } from "../../src/mitigation/groupThresholds.js";
import { RejectOptionRule, rejectOptionClassification } from "../../src/mitigation/rejectOption.js";
import type { FittedRule, FittedRuleClass } from "../../src/mitigation/rule.js";
import { ThresholdOptimizer } from "../../src/mitigation/thresholdOptimizer.js";
import { ThresholdRule } from "../../src/mitigation/thresholdRule.js";
import { inputIssues } from "../helpers/errors.js";

const input = {
  yTrue: [1, 1, 0, 0, 1, 0, 1, 0],
  yPred: [1, 0, 1, 0, 1, 0, 0, 0],
  yScore: [0.8, 0.6, 0.4, 0.2, 0.7, 0.5, 0.3, 0.1],
  sensitiveFeatures: ["p", "p", "p", "p", "u", "u", "u", "u"],
};

const fitted = {
  threshold: manualThresholds(
    [
      { group: "p", threshold: 0.5 },
      { group: "u", threshold: 0.4 },
    ],
    { featureNames: ["group"] },
  ),
  rejectOption: rejectOptionClassification(input, { privilegedGroups: ["p"] }),
  calibrated: calibratedEqualizedOdds(input),
  equalizedOdds: equalizedOddsPostprocessing(input),
};

type AnyRule = FittedRule<never, { seed: number }, unknown>;
const classes: [string, AnyRule, FittedRuleClass<AnyRule>][] = [
  ["ThresholdRule", fitted.threshold as never, ThresholdRule as never],
  ["RejectOptionRule", fitted.rejectOption as never, RejectOptionRule as never],
  ["CalibratedEqualizedOddsRule", fitted.calibrated as never, CalibratedEqualizedOddsRule as never],
  ["EqualizedOddsRule", fitted.equalizedOdds as never, EqualizedOddsRule as never],
];

const scoreRules = [
  ["ThresholdRule", fitted.threshold],
  ["RejectOptionRule", fitted.rejectOption],
  ["CalibratedEqualizedOddsRule", fitted.calibrated],
] as const;

describe("FittedRule: one shape for every fitted rule", () => {
  it.each(classes)(
    "%s: fromJSON(toJSON()) predicts the same, explain() says one sentence per group",
    (_, rule, cls) => {
      const rows = { ...input } as never;
      const back = cls.fromJSON(JSON.parse(JSON.stringify(rule.toJSON())));
      expect(Array.from(back.predictProba(rows))).toEqual(Array.from(rule.predictProba(rows)));
      expect(Array.from(back.predict(rows, { seed: 3 }))).toEqual(
        Array.from(rule.predict(rows, { seed: 3 })),
      );
      const groups = (rule.toJSON() as { groups: unknown[] }).groups.length;
      expect(rule.explain()).toHaveLength(groups);
      expect(rule.featureNames.length).toBeGreaterThan(0);
    },
  );

  it("the short names are deprecated aliases of the full names", () => {
    expect(EqOddsRule).toBe(EqualizedOddsRule);
    expect(CalibratedEqOddsRule).toBe(CalibratedEqualizedOddsRule);
  });

  it("explain() states each rule in words", () => {
    expect(fitted.threshold.explain()).toEqual([
      "group p: score < 0.5 → negative; score ≥ 0.5 → positive",
      "group u: score < 0.4 → negative; score ≥ 0.4 → positive",
    ]);
    const reject = new RejectOptionRule({
      ...fitted.rejectOption.toJSON(),
      threshold: 0.5,
      margin: 0.1,
    });
    expect(reject.explain()).toEqual([
      "group p (privileged): score > 0.6 → favorable (scores in (0.5, 0.6] become unfavorable)",
      "group u (unprivileged): score > 0.4 → favorable (scores in (0.4, 0.5] become favorable)",
    ]);
  });
});

describe("predict input is validated like prepare's", () => {
  it.each(scoreRules)("%s: NaN and non-numeric scores are named by row", (_, rule) => {
    const rows = { yScore: [0.5, Number.NaN, "0.7"], sensitiveFeatures: ["p", "u", "u"] };
    const issues = inputIssues(() => rule.predict(rows as never, { seed: 1 }));
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([
      ["not_finite", "yScore", 1],
      ["invalid_type", "yScore", 2],
    ]);
  });

  it.each(scoreRules)("%s: missing yScore is a missing_field", (_, rule) => {
    const issues = inputIssues(() =>
      rule.predict({ sensitiveFeatures: ["p"] } as never, { seed: 1 }),
    );
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([["missing_field", "yScore"]]);
  });

  it.each(scoreRules)("%s: a feature of another length names the feature", (_, rule) => {
    const issues = inputIssues(() =>
      rule.predict({ yScore: [0.5, 0.6], sensitiveFeatures: ["p"] }, { seed: 1 }),
    );
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([
      ["length_mismatch", "sensitiveFeatures", rule.featureNames[0]!],
    ]);
  });

  it("EqualizedOddsRule: labels other than 0/1/false/true are named by row", () => {
    const issues = inputIssues(() =>
      fitted.equalizedOdds.predictProba({
        yPred: [1, "1", 2, "yes", true, 0] as never,
        sensitiveFeatures: ["p", "p", "u", "u", "p", "u"],
      }),
    );
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([
      ["not_binary", "yPred", 1],
      ["not_binary", "yPred", 2],
      ["not_binary", "yPred", 3],
    ]);
  });

  it("EqualizedOddsRule: missing yPred is a missing_field", () => {
    const issues = inputIssues(() =>
      fitted.equalizedOdds.predict({ sensitiveFeatures: ["p"] } as never, { seed: 1 }),
    );
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([["missing_field", "yPred"]]);
  });

  it("inherited Object.prototype members are never taken as feature columns", () => {
    const rule = manualThresholds([{ group: ["a"], threshold: 0.5 }], {
      featureNames: ["constructor"],
    });
    const issues = inputIssues(() => rule.predictProba({ yScore: [0.5], sensitiveFeatures: {} }));
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([
      ["missing_field", "sensitiveFeatures", "constructor"],
    ]);
    const own = rule.predictProba({ yScore: [0.5], sensitiveFeatures: { constructor: ["a"] } });
    expect(Array.from(own)).toEqual([1]);
  });

  it("inherited Object.prototype members are never taken as constraint names", () => {
    expect(() => new ThresholdOptimizer({ constraints: "constructor" as never })).toThrow(
      /unknown constraints "constructor"/,
    );
    expect(() => new ThresholdOptimizer({ constraints: "toString" as never })).toThrow(
      /unknown constraints/,
    );
  });
});

describe("fromJSON rejects inconsistent rules", () => {
  const base = fitted.threshold.toJSON();

  it("ThresholdRule.fromJSON(…) rejects p0 + p1 ≠ 1", () => {
    const bad = { ...base, groups: [{ ...base.groups[0]!, p0: 0.5, p1: 0.6 }, base.groups[1]] };
    const issues = inputIssues(() => ThresholdRule.fromJSON(bad));
    expect(issues.map((i) => i.path)).toEqual([["rule", "groups", 0, "p1"]]);
    expect(issues[0]!.message).toMatch(/p0 \+ p1 must be 1/);
  });

  it("ThresholdRule.fromJSON(…) accepts p0 + p1 off by an ulp", () => {
    const p0 = 0.1;
    const p1 = 1 - 0.1 + 2 ** -53;
    expect(p0 + p1).not.toBe(1);
    const ok = { ...base, groups: [{ ...base.groups[0]!, p0, p1 }, base.groups[1]] };
    expect(ThresholdRule.fromJSON(ok).groups[0]!.p1).toBe(p1);
  });

  it("fromJSON(…) rejects a group listed twice, for every rule", () => {
    const twice = { ...base, groups: [base.groups[0], base.groups[1], base.groups[0]] };
    const issues = inputIssues(() => ThresholdRule.fromJSON(twice));
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([
      ["duplicate_group", "rule", "groups", 2, "group"],
    ]);
    const eq = fitted.equalizedOdds.toJSON();
    const eqTwice = { ...eq, groups: [eq.groups[0], eq.groups[0]] };
    expect(inputIssues(() => EqualizedOddsRule.fromJSON(eqTwice))[0]!.code).toBe("duplicate_group");
  });

  it("fromJSON(…) rejects a group key with the wrong number of levels", () => {
    const wrong = { ...base, groups: [{ ...base.groups[0]!, group: ["p", "x"] }] };
    const issues = inputIssues(() => ThresholdRule.fromJSON(wrong));
    expect(issues.map((i) => i.path)).toEqual([["rule", "groups", 0, "group"]]);
  });
});
