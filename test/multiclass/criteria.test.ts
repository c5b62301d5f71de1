/**
 * The registered multiclass criteria: computed per class one-vs-rest from the registry's
 * declaration, reported by auditMulticlass with each class's value, and gated.
 */
import { describe, expect, it } from "vitest";
import { CRITERIA } from "../../src/disparity/registry.js";
import { audit, gate } from "../../src/index.js";
import {
  multiclassDemographicParity,
  multiclassEqualizedOdds,
} from "../../src/multiclass/criteria.js";
import { auditMulticlass, multiclassCriterion } from "../../src/multiclass/index.js";
import { policyJsonSchema } from "../../src/schemas/index.js";

// Group x: yTrue a a b c, yPred a b b a; group y: yTrue a b c c, yPred a c c c.
const input = {
  yTrue: ["a", "a", "b", "c", "a", "b", "c", "c"],
  yPred: ["a", "b", "b", "a", "a", "c", "c", "c"],
  sensitiveFeatures: ["x", "x", "x", "x", "y", "y", "y", "y"],
};

// By hand, classes a, b, c (one-vs-rest):
// selection rate x: 2/4, 2/4, 0;   y: 1/4, 0, 3/4
// true positive rate x: 1/2, 1, 0; y: 1, 0, 1
// false positive rate x: 1/2 (row 4 of 2 non-a), 1/3 (row 2 of 3 non-b), 0 (of 3 non-c);
//                     y: 0 (of 3 non-a), 0 (of 3 non-b), 1/2 (row 6 of 2 non-c)
const HAND: Record<string, { byClass: number[]; worstCase: number }> = {
  // |2/4 − 1/4|, |2/4 − 0|, |0 − 3/4|
  multiclassDemographicParityDifference: { byClass: [0.25, 0.5, 0.75], worstCase: 0.75 },
  // (1/4)/(2/4), 0/(2/4), 0/(3/4)
  multiclassDemographicParityRatio: { byClass: [0.5, 0, 0], worstCase: 0 },
  // a: max(|1/2 − 1|, |1/2 − 0|); b: max(|1 − 0|, |1/3 − 0|); c: max(|0 − 1|, |0 − 1/2|)
  multiclassEqualizedOddsDifference: { byClass: [0.5, 1, 1], worstCase: 1 },
  // a: min((1/2)/1, 0/(1/2)); b: min(0/1, 0/(1/3)); c: min(0/1, 0/(1/2))
  multiclassEqualizedOddsRatio: { byClass: [0, 0, 0], worstCase: 0 },
};

const MULTICLASS = CRITERIA.filter((c) => c.task === "multiclass");

describe("multiclass criteria in the registry", () => {
  it("declares demographic parity and equalized odds, difference and ratio, worst class", () => {
    expect(MULTICLASS.map((c) => c.id).sort()).toEqual(Object.keys(HAND).sort());
    for (const c of MULTICLASS) expect(c.classAggregation, c.id).toBe("worstCase");
  });

  it("multiclassCriterion(id, …) gives the hand-computed value of each class and the worst", () => {
    for (const c of MULTICLASS) {
      const r = multiclassCriterion(c.id, input);
      expect([...r.byClass], c.id).toEqual(HAND[c.id]!.byClass);
      expect(r.worstCase, c.id).toBe(HAND[c.id]!.worstCase);
    }
  });

  it("multiclassCriterion(…) refuses a criterion of another task, and audit refuses a multiclass one", () => {
    expect(() => multiclassCriterion("demographicParityDifference", input)).toThrow(
      /not a multiclass criterion/,
    );
    const binary = { yTrue: [1, 0], yPred: [1, 0], sensitiveFeatures: ["a", "b"] };
    expect(() => audit(binary, { criteria: ["multiclassDemographicParityDifference"] })).toThrow(
      /multiclass criterion: use auditMulticlass/,
    );
    expect(() => auditMulticlass(input, { criteria: ["demographicParityDifference"] })).toThrow(
      /not a multiclass criterion/,
    );
  });

  it("auditMulticlass(…) reports every multiclass criterion with each class's value", () => {
    const report = auditMulticlass(input);
    expect(report.criteria.map((c) => c.id)).toEqual(MULTICLASS.map((c) => c.id));
    for (const c of report.criteria) {
      expect(c.value, c.id).toBe(HAND[c.id]!.worstCase);
      expect(c.byClass, c.id).toEqual(
        ["a", "b", "c"].map((label, j) => ({ class: label, value: HAND[c.id]!.byClass[j] })),
      );
    }
    const one = auditMulticlass(input, { criteria: ["multiclassEqualizedOddsDifference"] });
    expect(one.criteria.map((c) => c.id)).toEqual(["multiclassEqualizedOddsDifference"]);
  });

  it("every multiclass criterion is gated: the policy schema names it, the gate reads its value", () => {
    const report = auditMulticlass(input).toJSON();
    const schema = JSON.stringify(policyJsonSchema());
    for (const c of MULTICLASS) {
      expect(schema, c.id).toContain(`"${c.id}"`);
      const expected = HAND[c.id]!.worstCase;
      const passing = c.comparison === "difference" ? { max: expected } : { min: expected };
      const failing =
        c.comparison === "difference" ? { max: expected - 0.01 } : { min: expected + 0.01 };
      const pass = gate(report, { rules: [{ criterion: c.id, ...passing }] }).checks[0]!;
      expect(pass.status, c.id).toBe("pass");
      expect(pass.value, c.id).toBe(expected);
      expect(gate(report, { rules: [{ criterion: c.id, ...failing }] }).checks[0]!.status).toBe(
        "fail",
      );
    }
  });

  it("the gate cannot leave groups out of a multiclass criterion, nor read one a report lacks", () => {
    const report = auditMulticlass(input).toJSON();
    const rule = { criterion: "multiclassDemographicParityDifference" as const, max: 1 };
    const small = gate(report, { rules: [{ ...rule, minGroupSize: 5 }] }).checks[0]!;
    expect(small.status).toBe("error");
    expect(small.message).toMatch(/minGroupSize cannot leave out x; y/);
    const binary = audit(
      { yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] },
      { intervals: false },
    );
    const missing = gate(binary, { rules: [rule] }).checks[0]!;
    expect(missing.status).toBe("error");
    expect(missing.message).toMatch(/the report has no such criterion/);
  });
});

// Group 1 predicts a, b (both right); group 2 predicts a, a (b wrong).
// Shares predicted a / b: group 1 ½ / ½, group 2 1 / 0, overall ¾ / ¼.
const twoClasses = {
  yTrue: ["a", "b", "a", "b"],
  yPred: ["a", "b", "a", "a"],
  sensitiveFeatures: [1, 1, 2, 2],
};

describe("multiclassDemographicParity(input, options)", () => {
  it("compares each class's predicted share across groups, worst class last", () => {
    expect(multiclassDemographicParity(twoClasses)).toEqual({
      byClass: [0.5, 0.5],
      worstCase: 0.5,
    });
    // Ratios: a ½ / 1, b 0 / ½.
    expect(multiclassDemographicParity(twoClasses, { comparison: "ratio" })).toEqual({
      byClass: [0.5, 0],
      worstCase: 0,
    });
  });

  it("compares with the overall share or a reference group when asked", () => {
    expect(multiclassDemographicParity(twoClasses, { method: "toOverall" }).byClass).toEqual([
      0.25, 0.25,
    ]);
    expect(
      multiclassDemographicParity(twoClasses, { method: "toReference", reference: 1 }).byClass,
    ).toEqual([0.5, 0.5]);
  });
});

describe("multiclassEqualizedOdds(input, options)", () => {
  it("takes, per class, the larger gap of the one-vs-rest TPR and FPR", () => {
    // Class a: TPR 1 and 1, FPR 0 and 1 → 1. Class b: TPR 1 and 0, FPR 0 and 0 → 1.
    expect(multiclassEqualizedOdds(twoClasses)).toEqual({ byClass: [1, 1], worstCase: 1 });
  });

  it("skips a rate a group cannot have", () => {
    // Group 2 has no rows of class b: its TPR of b and its FPR of a are undefined.
    const partial = {
      yTrue: ["a", "b", "a", "a"],
      yPred: ["a", "a", "a", "b"],
      sensitiveFeatures: [1, 1, 2, 2],
    };
    // Class a: TPR 1 vs ½ (gap ½); FPR 1 in group 1, undefined in group 2 (gap 0) → ½.
    // Class b: TPR 0 in group 1, undefined in group 2 (gap 0); FPR 0 vs ½ (gap ½) → ½.
    expect(multiclassEqualizedOdds(partial)).toEqual({ byClass: [0.5, 0.5], worstCase: 0.5 });
  });
});
