/**
 * Unknown input keys and options are refused with a did-you-mean; a present option of the wrong
 * type is invalid, not missing.
 */
import { describe, expect, it } from "vitest";
import { audit, type FairnessInput, groupMetrics } from "../../src/index.js";
import { prepare } from "../../src/metrics/index.js";
import { inputIssues } from "../helpers/errors.js";

const base = { yTrue: [1, 0, 1, 0], yPred: [1, 1, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] };

describe("unknown keys and invalid options", () => {
  it("prepare(…) refuses a misspelt input key (sampleWeights) instead of ignoring the weights", () => {
    const issues = inputIssues(() =>
      prepare({ ...base, sampleWeights: [1, 2, 3, 4] } as unknown as FairnessInput),
    );
    expect(issues[0]).toMatchObject({ code: "invalid_option", path: ["sampleWeights"] });
    expect(issues[0]!.message).toContain('did you mean "sampleWeight"?');
  });

  it("groupMetrics(…) refuses { metric: […] } instead of computing the default metrics", () => {
    const issues = inputIssues(() =>
      groupMetrics(base, { metric: ["accuracy"] } as unknown as { metrics: ["accuracy"] }),
    );
    expect(issues[0]).toMatchObject({ code: "invalid_option", path: ["options", "metric"] });
    expect(issues[0]!.message).toContain('did you mean "metrics"?');
  });

  it("audit(…) refuses an unknown option, suggesting the closest", () => {
    const issues = inputIssues(() =>
      audit(base, { minGroupSise: 5 } as unknown as { minGroupSize: number }),
    );
    expect(issues[0]!.message).toContain('did you mean "minGroupSize"?');
  });

  it("an unknown key far from every known one gets no suggestion; undefined values are accepted", () => {
    const issues = inputIssues(() => prepare({ ...base, zzzzzzzz: 1 } as unknown as FairnessInput));
    expect(issues[0]!.message).not.toContain("did you mean");
    expect(prepare({ ...base, threshold: undefined }).n).toBe(4);
  });

  it("a present option of the wrong type (threshold: '0.5', NaN) is invalid_option, not missing_field", () => {
    const scored = { yTrue: [1, 0], yScore: [0.7, 0.2], sensitiveFeatures: ["a", "b"] };
    for (const threshold of ["0.5", Number.NaN]) {
      const issues = inputIssues(() =>
        prepare({ ...scored, threshold } as unknown as FairnessInput),
      );
      expect(issues.map((i) => [i.code, i.path])).toEqual([["invalid_option", ["threshold"]]]);
    }
    // A field that is really absent stays missing_field.
    const missing = inputIssues(() => prepare({ yTrue: [1] } as unknown as FairnessInput));
    expect(missing[0]).toMatchObject({ code: "missing_field", path: ["sensitiveFeatures"] });
  });
});
