import { describe, expect, it } from "vitest";
import { decisionCurve } from "../../src/clinical/decisionCurve.js";
import { netBenefit } from "../../src/clinical/netBenefit.js";
import { syntheticGroups } from "../helpers/synthetic.js";

const data = syntheticGroups(3, [
  { name: "a", n: 300, baseRate: 0.3 },
  { name: "b", n: 200, baseRate: 0.5 },
]);
const input = {
  yTrue: data.yTrue,
  yScore: data.yScore,
  sensitiveFeatures: data.sensitiveFeatures,
};

describe("decisionCurve", () => {
  it("decisionCurve(…) per group equals netBenefit on the group's rows", () => {
    const r = decisionCurve(input, { grid: [0.2, 0.4], thresholds: [0.3], bootstrap: false });
    for (const group of r.byGroup) {
      const rows = data.sensitiveFeatures.flatMap((g, i) => (g === group.label ? [i] : []));
      const expected = netBenefit(
        rows.map((i) => data.yTrue[i]!),
        rows.map((i) => data.yScore[i]!),
        0.3,
      );
      expect(group.atThresholds[0]!.netBenefit).toBe(expected);
    }
    const values = r.byGroup.map((g) => g.atThresholds[0]!.netBenefit);
    expect(r.gaps[0]!.difference).toBe(Math.max(...values) - Math.min(...values));
    expect(r.overall.curve.map((p) => p.threshold)).toEqual([0.2, 0.4]);
  });

  it("bootstrap intervals are seeded, contain the estimate and cover the gap", () => {
    const options = { thresholds: [0.3, 0.5], bootstrap: { nBoot: 200, seed: 7 } };
    const r = decisionCurve(input, options);
    const again = decisionCurve(input, options);
    expect(again.gaps).toEqual(r.gaps);
    for (const g of [r.overall, ...r.byGroup]) {
      g.intervals!.forEach((e, j) => {
        const [bounds] = e.intervals;
        expect(e.estimate).toBe(g.atThresholds[j]!.netBenefit);
        expect(bounds!.lower).toBeLessThanOrEqual(e.estimate);
        expect(bounds!.upper).toBeGreaterThanOrEqual(e.estimate);
        expect(bounds!.upper - bounds!.lower).toBeGreaterThan(0);
      });
    }
    expect(r.bootstrap).toMatchObject({ nBoot: 200, seed: 7, resampling: "multinomial" });
    expect(r.gaps[0]!.interval!.intervals[0]!.lower).toBeGreaterThanOrEqual(0);
  });

  it("weighted rows are resampled row by row", () => {
    const r = decisionCurve(
      { ...input, sampleWeight: data.sampleWeight },
      { thresholds: [0.3], bootstrap: { nBoot: 50 } },
    );
    expect(r.weighted).toBe(true);
    expect(r.bootstrap?.resampling).toBe("rows");
    expect(Number.isFinite(r.gaps[0]!.interval!.intervals[0]!.lower)).toBe(true);
  });

  it("a group without events is reported with a warning, not a silent NaN", () => {
    const r = decisionCurve(
      {
        yTrue: [1, 0, 0, 0],
        yScore: [0.8, 0.2, 0.7, 0.1],
        sensitiveFeatures: ["a", "a", "b", "b"],
      },
      { grid: [0.5], thresholds: [0.5], bootstrap: false },
    );
    expect(r.warnings).toEqual([expect.objectContaining({ code: "noEvents", group: "b" })]);
    const b = r.byGroup[1]!.atThresholds[0]!;
    expect(b.netBenefit).toBe(-0.5);
    expect(b.standardizedNetBenefit).toBeNaN();
  });

  it("without scores it is a FairnessInputError", () => {
    expect(() =>
      decisionCurve({ yTrue: [1, 0], yPred: [1, 0], sensitiveFeatures: ["a", "b"] }),
    ).toThrow(/risk scores/);
  });
});
