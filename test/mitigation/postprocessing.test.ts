import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CalibratedEqOddsRule,
  calibratedEqualizedOdds,
} from "../../src/mitigation/calibratedEqualizedOdds.js";
import {
  EqOddsRule,
  equalizedOddsPostprocessing,
} from "../../src/mitigation/equalizedOddsPostprocessing.js";
import { RejectOptionRule, rejectOptionClassification } from "../../src/mitigation/rejectOption.js";

const small = {
  yTrue: [1, 1, 0, 0, 1, 0, 0, 0],
  yScore: [0.8, 0.6, 0.4, 0.2, 0.7, 0.5, 0.3, 0.1],
  sensitiveFeatures: ["p", "p", "p", "p", "u", "u", "u", "u"],
};

describe("calibratedEqualizedOdds", () => {
  it("calibratedEqualizedOdds(…) with cost fnr mixes the cheaper group (hand computation)", () => {
    // GFNR: p = mean(1 − 0.8, 1 − 0.6) = 0.3; u = 1 − 0.7 = 0.3 → equal costs, no mixing.
    const equal = calibratedEqualizedOdds(small, { costConstraint: "fnr" }).toJSON();
    for (const g of equal.groups) expect(g.rawMixRate).toBeCloseTo(0, 12);
    // GFPR: p = mean(0.4, 0.2) = 0.3, u = mean(0.5, 0.3, 0.1) = 0.3; trivial p = br 0.5.
    const fpr = calibratedEqualizedOdds(
      { ...small, yScore: [0.8, 0.6, 0.5, 0.3, 0.7, 0.5, 0.3, 0.1] },
      { costConstraint: "fpr" },
    ).toJSON();
    // p: GFPR 0.4 (worst); u: 0.3, trivial 0.25 → α_u = (0.4 − 0.3)/(0.25 − 0.3) = −2 → clipped 0.
    const u = fpr.groups.find((g) => g.group[0] === "u")!;
    expect(u.rawMixRate).toBeCloseTo(-2, 12);
    expect(u.mixRate).toBe(0);
  });

  it("three groups: every group's expected cost reaches the costliest group's when α ≤ 1", () => {
    const input = {
      yTrue: [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0],
      yScore: [0.9, 0.1, 0.8, 0.3, 0.6, 0.4, 0.7, 0.2, 0.55, 0.45, 0.65, 0.35],
      sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b", "c", "c", "c", "c"],
    };
    const rule = calibratedEqualizedOdds(input, { costConstraint: "fnr" });
    const score = rule.expectedScore(input);
    const gfnr = (g: string) => {
      const rows = input.sensitiveFeatures.flatMap((x, i) =>
        x === g && input.yTrue[i] === 1 ? [i] : [],
      );
      return rows.reduce((a, i) => a + 1 - score[i]!, 0) / rows.length;
    };
    const worst = Math.max(...rule.toJSON().groups.map((g) => g.cost));
    for (const g of ["a", "b", "c"]) expect(gfnr(g)).toBeCloseTo(worst, 12);
    const back = CalibratedEqOddsRule.fromJSON(JSON.parse(JSON.stringify(rule)));
    expect(Array.from(back.predict(input, { seed: 1 }))).toEqual(
      Array.from(rule.predict(input, { seed: 1 })),
    );
  });
});

describe("equalizedOddsPostprocessing", () => {
  const threeGroups = fc
    .array(
      fc.record({
        g: fc.constantFrom("a", "b", "c"),
        y: fc.constantFrom(0, 1),
        p: fc.constantFrom(0, 1),
      }),
      { minLength: 30, maxLength: 90 },
    )
    .filter((rows) =>
      ["a", "b", "c"].every(
        (g) => rows.some((r) => r.g === g && r.y === 1) && rows.some((r) => r.g === g && r.y === 0),
      ),
    );

  it("equalizedOddsPostprocessing(…) equalises expected TPR and FPR across three groups", () => {
    fc.assert(
      fc.property(threeGroups, (rows) => {
        const input = {
          yTrue: rows.map((r) => r.y),
          yPred: rows.map((r) => r.p),
          sensitiveFeatures: rows.map((r) => r.g),
        };
        const groups = equalizedOddsPostprocessing(input).toJSON().groups;
        for (const g of groups) {
          expect(g.keepFavorable).toBeGreaterThanOrEqual(0);
          expect(g.keepFavorable).toBeLessThanOrEqual(1);
          expect(g.truePositiveRateAfter).toBeCloseTo(groups[0]!.truePositiveRateAfter, 8);
          expect(g.falsePositiveRateAfter).toBeCloseTo(groups[0]!.falsePositiveRateAfter, 8);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("predictProba(…) gives keepFavorable for favorable predictions and round-trips through JSON", () => {
    const input = {
      yTrue: [1, 0, 1, 0, 1, 0, 1, 0],
      yPred: [1, 0, 1, 1, 1, 0, 0, 0],
      sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
    };
    const rule = equalizedOddsPostprocessing(input);
    const back = EqOddsRule.fromJSON(JSON.parse(JSON.stringify(rule)));
    const p = back.predictProba(input);
    const a = rule.toJSON().groups[0]!;
    expect(p[0]).toBe(a.keepFavorable);
    expect(p[1]).toBe(a.flipToFavorable);
  });
});

describe("rejectOptionClassification", () => {
  const input = {
    yTrue: [1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0],
    yScore: [0.9, 0.7, 0.6, 0.2, 0.8, 0.45, 0.4, 0.1, 0.65, 0.3, 0.48, 0.52],
    sensitiveFeatures: ["m", "m", "m", "m", "f", "f", "f", "f", "x", "x", "x", "x"],
  };

  it("predict(…) applies the band: favorable for unprivileged, unfavorable for privileged rows", () => {
    const rule = rejectOptionClassification(input, {
      privilegedGroups: ["m"],
      metricBounds: [-1, 1],
    });
    const { threshold: t, margin: m } = rule.toJSON();
    const labels = rule.predict(input);
    input.yScore.forEach((s, i) => {
      const priv = input.sensitiveFeatures[i] === "m";
      const band = s > t - m && s <= t + m;
      expect(labels[i]).toBe(band ? (priv ? 0 : 1) : s > t ? 1 : 0);
    });
    expect(rule.toJSON().constraintSatisfied).toBe(true);
    const back = RejectOptionRule.fromJSON(JSON.parse(JSON.stringify(rule)));
    expect(Array.from(back.predict(input))).toEqual(Array.from(labels));
  });

  it("rejectOptionClassification(…) says so when no pair meets the bounds, returning the closest", () => {
    const rule = rejectOptionClassification(input, {
      privilegedGroups: ["m"],
      metricBounds: [1.5, 2],
    });
    const state = rule.toJSON();
    expect(state.constraintSatisfied).toBe(false);
    // The largest reachable parity difference is 1 (every unprivileged row favorable, no
    // privileged one), the closest value to [1.5, 2].
    expect(state.metricValue).toBe(1);
  });

  it("rejectOptionClassification(…) rejects a privileged selector that matches no group", () => {
    expect(() => rejectOptionClassification(input, { privilegedGroups: ["z"] })).toThrow(
      /matches no group/,
    );
  });
});

describe("fromJSON validation", () => {
  it("fromJSON(…) rejects malformed states with a FairnessInputError under rule", () => {
    const ceo = calibratedEqualizedOdds(small, { costConstraint: "fnr" }).toJSON();
    const bad = { ...ceo, groups: ceo.groups.map((g) => ({ ...g, mixRate: 2 })) };
    expect(() => CalibratedEqOddsRule.fromJSON(bad)).toThrow(/rule\.groups\[0\]\.mixRate/);
    expect(() => EqOddsRule.fromJSON({ format: "x" })).toThrow(/rule/);
    expect(() => RejectOptionRule.fromJSON(null)).toThrow(/rule/);
  });
});

describe("privileged groups on intersections", () => {
  it("a record selector marks every group matching its features as privileged", () => {
    const n = 24;
    const sex = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? "M" : "F"));
    const age = Array.from({ length: n }, (_, i) => (i % 4 < 2 ? "old" : "young"));
    const yTrue = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const yScore = Array.from({ length: n }, (_, i) => ((i * 7) % 24) / 24);
    const rule = rejectOptionClassification(
      { yTrue, yScore, sensitiveFeatures: { sex, age } },
      { privilegedGroups: [{ sex: "M" }], metricBounds: [-1, 1] },
    );
    const { groups, featureNames } = rule.toJSON();
    const f = featureNames.indexOf("sex");
    expect(groups).toHaveLength(4);
    for (const g of groups) expect(g.privileged).toBe(g.group[f] === "M");
  });
});

describe("calibratedEqualizedOdds calibration check", () => {
  it("warns when a group's scores fail the Hosmer–Lemeshow test", () => {
    const n = 400;
    const g = Array.from({ length: n }, (_, i) => (i < n / 2 ? "good" : "bad"));
    // "good": score k/10 with exactly a k/10 share of positives; "bad": scores far too high.
    const yScore = Array.from({ length: n }, (_, i) => ((i % 10) + 0.5) / 10);
    const yTrue = Array.from({ length: n }, (_, i) => {
      const k = i % 10;
      const r = Math.floor(i / 10) % 20;
      return i < n / 2 ? (r < 2 * k + 1 ? 1 : 0) : r < 2 ? 1 : 0;
    });
    const rule = calibratedEqualizedOdds({ yTrue, yScore, sensitiveFeatures: g });
    const { warnings, groups } = rule.toJSON();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^group bad: scores do not look calibrated/);
    expect(
      groups.find((x) => x.group[0] === "good")!.calibration!.hosmerLemeshowPValue,
    ).toBeGreaterThan(0.01);
  });
});
