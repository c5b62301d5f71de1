import { describe, expect, it } from "vitest";
import { audit } from "../../src/index.js";
import { countConfusion, prepare } from "../../src/metrics/index.js";
import { reportOfConfusion } from "../../src/sql/index.js";

const input = {
  yTrue: [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1],
  yPred: [1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0],
  sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b", "c", "c", "c", "c"],
  sampleWeight: [1, 2, 1, 0.5, 1, 1, 3, 1, 2, 1, 1, 1],
};

describe("reportOfConfusion(stats, groups, options)", () => {
  it("builds the report audit builds from the same statistics, without intervals", () => {
    const columns = prepare(input);
    const fromCounts = reportOfConfusion(countConfusion(columns), columns.groups, {
      reference: "overall",
      minGroupSize: 3,
      input: { predictions: "given", scores: null, threshold: null, thresholdRule: null },
    }).toJSON();
    const memory = audit(input, {
      reference: "overall",
      minGroupSize: 3,
      intervals: false,
    }).toJSON();
    expect(fromCounts.groups).toEqual(memory.groups);
    expect(fromCounts.disparities).toEqual(memory.disparities);
    expect(fromCounts.criteria).toEqual(memory.criteria);
    expect(fromCounts.findings).toEqual(memory.findings);
    expect(fromCounts.metadata.input).toEqual(memory.metadata.input);
    expect(fromCounts.impossibilityNotes).toEqual(memory.impossibilityNotes);
  });

  it("rejects score metrics, which need the rows", () => {
    const columns = prepare(input);
    expect(() =>
      reportOfConfusion(countConfusion(columns), columns.groups, { metrics: ["rocAuc"] }),
    ).toThrow(TypeError);
  });
});
