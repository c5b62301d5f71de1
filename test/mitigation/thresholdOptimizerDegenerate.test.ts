/**
 * ThresholdOptimizer on groups with one label class: Fairlearn raises "Degenerate labels for
 * sensitive feature value …"; fairscope raises FairnessInputError `degenerate_labels` naming the
 * group, in every path (one feature, intersections of several, weights).
 */
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import type { FairnessInput } from "../../src/data/inputTypes.js";
import { ThresholdOptimizer } from "../../src/mitigation/thresholdOptimizer.js";

function degenerateIssue(input: FairnessInput) {
  try {
    new ThresholdOptimizer({ constraints: "demographicParity" }).fit(input);
  } catch (error) {
    expect(error).toBeInstanceOf(FairnessInputError);
    return (error as FairnessInputError).issues.find((i) => i.code === "degenerate_labels");
  }
  throw new Error("expected an error");
}

describe("ThresholdOptimizer refuses groups with one label class", () => {
  it("one feature: names the group (Fairlearn's edge_to_degenerate_labels)", () => {
    const issue = degenerateIssue({
      yTrue: [1, 0, 1, 0, 1, 1, 1, 1],
      yScore: [0.9, 0.1, 0.6, 0.4, 0.8, 0.3, 0.7, 0.2],
      sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
    });
    expect(issue?.message).toMatch(/group b\b.*only positive/);
  });

  it("several features: names the intersection", () => {
    const issue = degenerateIssue({
      yTrue: [1, 0, 1, 0, 0, 0, 1, 0],
      yScore: [0.9, 0.1, 0.6, 0.4, 0.8, 0.3, 0.7, 0.2],
      sensitiveFeatures: {
        f1: ["a", "a", "b", "b", "a", "a", "b", "b"],
        f2: ["x", "x", "x", "x", "y", "y", "y", "y"],
      },
    });
    expect(issue?.message).toMatch(/group a, y\b.*only negative/);
  });

  it("weights: a label present only with weight 0 does not count", () => {
    const input = {
      yTrue: [1, 0, 1, 0, 1, 0, 1, 1],
      yScore: [0.9, 0.1, 0.6, 0.4, 0.8, 0.3, 0.7, 0.2],
      sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
    };
    expect(() =>
      new ThresholdOptimizer().fit({ ...input, sampleWeight: [1, 1, 1, 1, 1, 1, 1, 1] }),
    ).not.toThrow();
    const issue = degenerateIssue({ ...input, sampleWeight: [1, 1, 1, 1, 1, 0, 1, 1] });
    expect(issue?.message).toMatch(/group b\b/);
  });
});
