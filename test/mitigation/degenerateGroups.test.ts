/**
 * Groups with only one label class in every post-processor: ThresholdOptimizer (error by
 * default, Fairlearn's "Degenerate labels"; `degenerateGroups: "allow"` gives the group the
 * constant rule meeting the chosen constraint value), groupThresholds with a true / false
 * positive rate target, the reject option, calibrated equalized odds and equalized-odds
 * post-processing: FairnessInputError `degenerate_labels` naming the group, on one feature, on
 * intersections of several and with weights (a label present only with weight 0 does not count).
 */
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import type { FairnessInput } from "../../src/data/inputTypes.js";
import { calibratedEqualizedOdds } from "../../src/mitigation/calibratedEqualizedOdds.js";
import { equalizedOddsPostprocessing } from "../../src/mitigation/equalizedOddsPostprocessing.js";
import { groupThresholds } from "../../src/mitigation/groupThresholds.js";
import { rejectOptionClassification } from "../../src/mitigation/rejectOption.js";
import { ThresholdOptimizer } from "../../src/mitigation/thresholdOptimizer.js";
import { expectClose } from "../helpers/close.js";

/** The `degenerate_labels` issue messages of the error `fit` throws. */
function degenerateMessages(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FairnessInputError);
    return (error as FairnessInputError).issues
      .filter((i) => i.code === "degenerate_labels")
      .map((i) => i.message);
  }
  throw new Error("expected a FairnessInputError");
}

// Group b has only positive labels (Fairlearn's edge_to_degenerate_labels).
const oneFeature = {
  yTrue: [1, 0, 1, 0, 1, 1, 1, 1],
  yScore: [0.9, 0.1, 0.6, 0.4, 0.8, 0.3, 0.7, 0.2],
  yPred: [1, 0, 1, 1, 1, 0, 1, 0],
  sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
};
// The intersection (a, y) has only negative labels; each feature alone has both.
const intersections = {
  yTrue: [1, 0, 1, 0, 0, 0, 1, 0],
  yScore: [0.9, 0.1, 0.6, 0.4, 0.8, 0.3, 0.7, 0.2],
  yPred: [1, 0, 1, 1, 1, 0, 1, 0],
  sensitiveFeatures: {
    f1: ["a", "a", "b", "b", "a", "a", "b", "b"],
    f2: ["x", "x", "x", "x", "y", "y", "y", "y"],
  },
};
// Both labels in each group, but b's only negative has weight 0.
const weighted = {
  ...oneFeature,
  yTrue: [1, 0, 1, 0, 1, 0, 1, 1],
  sampleWeight: [1, 1, 1, 1, 1, 0, 1, 1],
};
const PATHS: [string, FairnessInput, RegExp][] = [
  ["one feature", oneFeature, /group b\b.*(only positive|lacks unfavorable|no negative)/],
  ["intersections", intersections, /group a, y\b.*(only negative|lacks favorable|no positive)/],
  ["weights", weighted, /group b\b.*(only positive|lacks unfavorable|no negative)/],
];

describe("post-processors name a group with one label class", () => {
  for (const [path, input, names] of PATHS) {
    it(`${path}: every method raises degenerate_labels naming the group`, () => {
      const fits: [string, () => unknown][] = [
        ["ThresholdOptimizer", () => new ThresholdOptimizer().fit(input)],
        [
          "ThresholdOptimizer equalizedOdds",
          () => new ThresholdOptimizer({ constraints: "equalizedOdds" }).fit(input),
        ],
        ["calibratedEqualizedOdds", () => calibratedEqualizedOdds(input)],
        ["equalizedOddsPostprocessing", () => equalizedOddsPostprocessing(input)],
        [
          "rejectOptionClassification",
          () =>
            rejectOptionClassification(input, {
              privilegedGroups: Array.isArray(input.sensitiveFeatures) ? ["a"] : [{ f1: "a" }],
            }),
        ],
      ];
      for (const [name, run] of fits) {
        const messages = degenerateMessages(run);
        expect(messages, name).toHaveLength(1);
        expect(messages[0], name).toMatch(names);
      }
    });

    it(`${path}: groupThresholds refuses the rate the group cannot measure`, () => {
      const unmeasured = path === "intersections" ? "truePositiveRate" : "falsePositiveRate";
      for (const value of [0.5, "overall"] as const) {
        const messages = degenerateMessages(() =>
          groupThresholds(input, { target: { metric: unmeasured, value } }),
        );
        expect(messages).toHaveLength(1);
        expect(messages[0]).toMatch(names);
      }
      // The other rates are defined in the group: the thresholds are chosen as usual.
      const measured = path === "intersections" ? "falsePositiveRate" : "truePositiveRate";
      for (const metric of ["selectionRate", measured] as const) {
        expect(groupThresholds(input, { target: { metric, value: 0.5 } }).achieved.length).toBe(
          path === "intersections" ? 4 : 2,
        );
      }
    });
  }

  it("groupThresholds: a group whose weights are all 0 has no selection rate", () => {
    const messages = degenerateMessages(() =>
      groupThresholds(
        { ...oneFeature, sampleWeight: [1, 1, 1, 1, 0, 0, 0, 0] },
        { target: { metric: "selectionRate", value: 0.5 } },
      ),
    );
    expect(messages[0]).toMatch(/group b\b.*no rows of positive weight/);
  });
});

/** The rows of one group, as a new input without the others. */
function only(input: typeof oneFeature, group: string, weights?: number[]): FairnessInput {
  const rows = input.sensitiveFeatures.flatMap((g, i) => (g === group ? [i] : []));
  return {
    yTrue: rows.map((i) => input.yTrue[i]!),
    yScore: rows.map((i) => input.yScore[i]!),
    sensitiveFeatures: rows.map((i) => input.sensitiveFeatures[i]!),
    ...(weights === undefined ? {} : { sampleWeight: rows.map((i) => weights[i]!) }),
  };
}

describe('ThresholdOptimizer with degenerateGroups: "allow"', () => {
  it("rejects an unknown value", () => {
    expect(
      () => new ThresholdOptimizer({ degenerateGroups: "skip" as unknown as "allow" }),
    ).toThrow(RangeError);
  });

  it("still refuses data where no group has both labels", () => {
    const messages = degenerateMessages(() =>
      new ThresholdOptimizer({ degenerateGroups: "allow" }).fit(only(oneFeature, "b")),
    );
    expect(messages[0]).toMatch(/no group has both label classes/);
  });

  for (const [path, input, weights] of [
    ["one feature", oneFeature, undefined],
    ["weights", weighted, weighted.sampleWeight],
  ] as const) {
    it(`${path}: the other groups get the rule fitted without the group, the group P = x*`, () => {
      const allowed = new ThresholdOptimizer({ degenerateGroups: "allow" }).fit(input).toJSON();
      const alone = new ThresholdOptimizer().fit(only(input, "a", weights)).toJSON();
      const a = allowed.groups.find((g) => g.group[0] === "a")!;
      expect(a).toEqual(alone.groups[0]);
      const xStar = alone.fit!.constraintValue!;
      expect(allowed.fit!.constraintValue).toBe(xStar);
      expect(allowed.fit!.constraintValueByGroup).toEqual([xStar, xStar]);
      // Every row of b, whatever its score, is positive with probability x*, so b's selection
      // rate is x*: demographic parity holds.
      const rule = new ThresholdOptimizer({ degenerateGroups: "allow" }).fit(input);
      const p = rule.predictProba({
        yScore: [-1e9, 0, 0.5, 1e9],
        sensitiveFeatures: ["b", "b", "b", "b"],
      });
      for (const v of p) expectClose(v, xStar);
    });
  }

  it("intersections: the intersection with one label class gets the constant rule", () => {
    const rule = new ThresholdOptimizer({
      constraints: "truePositiveRateParity",
      degenerateGroups: "allow",
    }).fit(intersections);
    const xStar = rule.toJSON().fit!.constraintValue!;
    const p = rule.predictProba({
      yScore: [0.1, 0.9],
      sensitiveFeatures: { f1: ["a", "a"], f2: ["y", "y"] },
    });
    for (const v of p) expectClose(v, xStar);
    expect(rule.toJSON().groups.map((g) => g.group)).toEqual([
      ["a", "x"],
      ["a", "y"],
      ["b", "x"],
      ["b", "y"],
    ]);
  });

  it("rates that fall as P grows (true negative rate) get P = 1 − x*", () => {
    const rule = new ThresholdOptimizer({
      constraints: "trueNegativeRateParity",
      degenerateGroups: "allow",
    }).fit(oneFeature);
    const xStar = rule.toJSON().fit!.constraintValue!;
    expectClose(rule.predictProba({ yScore: [0.5], sensitiveFeatures: ["b"] })[0]!, 1 - xStar);
  });

  it("equalized odds: only positives meet the common TPR y*, only negatives the common FPR x*", () => {
    const input = {
      yTrue: [1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1],
      yScore: [0.9, 0.1, 0.6, 0.4, 0.8, 0.3, 0.7, 0.2, 0.55, 0.45, 0.35, 0.65],
      sensitiveFeatures: ["a", "a", "a", "a", "p", "p", "n", "n", "c", "c", "c", "c"],
    };
    const rule = new ThresholdOptimizer({
      constraints: "equalizedOdds",
      degenerateGroups: "allow",
    }).fit(input);
    const fit = rule.toJSON().fit!;
    const [p, n] = rule.predictProba({ yScore: [0.5, 0.5], sensitiveFeatures: ["p", "n"] });
    expectClose(p!, fit.objectiveValue);
    expectClose(n!, fit.constraintValue!);
  });

  it("tol: the group gets the middle of the other groups' constraint values", () => {
    const input = {
      yTrue: [1, 0, 1, 0, 1, 0, 1, 0, 1, 1],
      yScore: [0.9, 0.1, 0.6, 0.4, 0.8, 0.3, 0.7, 0.2, 0.5, 0.45],
      sensitiveFeatures: ["a", "a", "a", "a", "c", "c", "c", "c", "b", "b"],
    };
    const rule = new ThresholdOptimizer({ tol: 0.2, degenerateGroups: "allow" }).fit(input);
    const byGroup = rule.toJSON().fit!.constraintValueByGroup;
    const others = [byGroup[0]!, byGroup[2]!];
    const middle = (Math.min(...others) + Math.max(...others)) / 2;
    expect(byGroup[1]).toBe(middle);
    expectClose(rule.predictProba({ yScore: [0.5], sensitiveFeatures: ["b"] })[0]!, middle);
  });
});
