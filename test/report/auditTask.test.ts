/**
 * auditRegression and auditMulticlass: seeded bootstrap intervals on group values, between-group
 * comparisons and criteria, and the small-group rule (no interval rather than a falsely narrow
 * one).
 */
import { describe, expect, it } from "vitest";
import { auditMulticlass, auditRegression, gate } from "../../src/index.js";
import { multiclassCriterion } from "../../src/multiclass/index.js";
import type { FairnessReportData, Interval } from "../../src/report/types.js";

/** n rows of a group: targets 0..n−1, each predicted `target + error(i)`. */
function rows(label: string, n: number, error: (i: number) => number) {
  const yTrue = Array.from({ length: n }, (_, i) => i);
  return {
    yTrue,
    yPred: yTrue.map((t, i) => t + error(i)),
    sensitiveFeatures: yTrue.map(() => label),
  };
}

function concat(...parts: ReturnType<typeof rows>[]) {
  return {
    yTrue: parts.flatMap((p) => p.yTrue),
    yPred: parts.flatMap((p) => p.yPred),
    sensitiveFeatures: parts.flatMap((p) => p.sensitiveFeatures),
  };
}

const intervalOf = (report: FairnessReportData, group: string, metric: string) =>
  report.groups.find((g) => g.label === group)!.values[metric]!.interval;

const criterionInterval = (report: FairnessReportData, id: string) =>
  report.criteria.find((c) => c.id === id)!.interval;

const WITHHELD: Interval = {
  lower: null,
  upper: null,
  level: 0.95,
  method: "none",
  reason: "smallDenominator",
};

describe("auditRegression(…) intervals", () => {
  // Every row of a errs by exactly +1, every row of b by exactly −2 (30 rows each).
  const exact = concat(
    rows("a", 30, () => 1),
    rows("b", 30, () => -2),
  );

  it("are zero-width exactly where every resample gives the same value, and positive elsewhere", () => {
    const report = auditRegression(exact, { intervals: { nBoot: 200 } }).toJSON();
    // Absolute errors are 1 in every row of a and 2 in every row of b: every resample agrees.
    expect(intervalOf(report, "a", "meanAbsoluteError")).toMatchObject({ lower: 1, upper: 1 });
    expect(intervalOf(report, "b", "meanAbsoluteError")).toMatchObject({ lower: 2, upper: 2 });
    expect(criterionInterval(report, "meanAbsoluteErrorDifference")).toMatchObject({
      lower: 1,
      upper: 1,
      method: "percentileBootstrap",
    });
    expect(criterionInterval(report, "meanAbsoluteErrorRatio")).toMatchObject({
      lower: 0.5,
      upper: 0.5,
    });
    // b's gap to the reference a (the first of the largest groups) is 2 − 1 in every resample.
    const gap = report.disparities.find((d) => d.metric === "meanAbsoluteError")!.gaps[0]!;
    expect(gap.group).toBe("b");
    expect(gap.difference.interval).toMatchObject({ lower: 1, upper: 1 });
    // The mean prediction depends on which targets are drawn: not exact.
    const mean = intervalOf(report, "a", "meanPrediction")!;
    expect(mean.upper! - mean.lower!).toBeGreaterThan(1);
    expect(mean.lower!).toBeLessThanOrEqual(15.5);
    expect(mean.upper!).toBeGreaterThanOrEqual(15.5);
    expect(report.metadata.options.intervals).toEqual({
      level: 0.95,
      nBoot: 200,
      method: "percentileBootstrap",
      scoreMetrics: false,
    });
    expect(report.metadata.seed).toBe(0);
  });

  it("are the same for the same seed and differ for another", () => {
    const noisy = concat(
      rows("a", 40, (i) => ((i * 7) % 5) - 2),
      rows("b", 35, (i) => ((i * 3) % 4) - 1),
    );
    const a = auditRegression(noisy, { seed: 7, intervals: { nBoot: 100 } }).toJSON();
    const b = auditRegression(noisy, { seed: 7, intervals: { nBoot: 100 } }).toJSON();
    const c = auditRegression(noisy, { seed: 8, intervals: { nBoot: 100 } }).toJSON();
    expect(b).toEqual(a);
    expect(a.metadata.seed).toBe(7);
    expect(c.criteria.map((x) => x.interval)).not.toEqual(a.criteria.map((x) => x.interval));
  });

  it("are left out, with the reason, for groups below minGroupSize and every comparison", () => {
    const small = concat(
      rows("a", 30, (i) => (i % 3) - 1),
      rows("b", 30, (i) => (i % 2) - 0.5),
      rows("c", 3, (i) => i),
    );
    const report = auditRegression(small, { intervals: { nBoot: 50 } }).toJSON();
    expect(intervalOf(report, "c", "meanAbsoluteError")).toEqual(WITHHELD);
    expect(intervalOf(report, "a", "meanAbsoluteError")!.method).toBe("percentileBootstrap");
    expect(criterionInterval(report, "meanAbsoluteErrorDifference")).toEqual(WITHHELD);
    const disparity = report.disparities.find((d) => d.metric === "meanAbsoluteError")!;
    expect(disparity.betweenGroups.difference.interval).toEqual(WITHHELD);
    expect(disparity.gaps.find((g) => g.group === "c")!.difference.interval).toEqual(WITHHELD);
    expect(disparity.gaps.find((g) => g.group === "b")!.difference.interval!.method).toBe(
      "percentileBootstrap",
    );
    expect(report.overall.meanAbsoluteError!.interval!.method).toBe("percentileBootstrap");
    expect(report.metadata.options.minDenominator).toBe(30);
    // A gate rule on the interval says why it cannot be measured.
    const check = gate(report, {
      rules: [{ criterion: "meanAbsoluteErrorDifference", max: 1, on: "intervalHigh" }],
    }).checks[0]!;
    expect(check.status).toBe("error");
    expect(check.message).toMatch(/withholds its interval \(a group has fewer rows/);
    // A threshold the group meets gives it an interval.
    const lowered = auditRegression(small, { minGroupSize: 3, intervals: { nBoot: 50 } }).toJSON();
    expect(intervalOf(lowered, "c", "meanAbsoluteError")!.method).toBe("percentileBootstrap");
    expect(criterionInterval(lowered, "meanAbsoluteErrorDifference")!.lower).not.toBeNull();
    // One row resampled is always itself: never an interval, whatever minGroupSize says.
    const one = concat(
      rows("a", 30, (i) => i % 2),
      rows("b", 1, () => 3),
    );
    const none = auditRegression(one, { minGroupSize: 0, intervals: { nBoot: 50 } }).toJSON();
    expect(intervalOf(none, "b", "meanAbsoluteError")).toEqual(WITHHELD);
  });

  it("are on by default and off with intervals: false", () => {
    const data = concat(
      rows("a", 30, (i) => i % 2),
      rows("b", 30, (i) => i % 3),
    );
    expect(auditRegression(data).toJSON().metadata.options.intervals?.nBoot).toBe(1000);
    const off = auditRegression(data, { intervals: false }).toJSON();
    expect(off.metadata.options.intervals).toBeNull();
    expect(off.metadata.seed).toBeNull();
    expect(off.criteria.every((c) => c.interval === undefined)).toBe(true);
    expect(() => auditRegression(data, { intervals: { nBoot: 1 } })).toThrow(/nBoot/);
    expect(() => auditRegression(data, { intervals: { level: 1.5 } })).toThrow(/level/);
  });
});

describe("auditMulticlass(…) intervals", () => {
  const classes = ["low", "mid", "high"];
  // Group a (30 rows) is predicted perfectly; group b (36 rows) gets every sixth row wrong.
  const yTrue = Array.from({ length: 66 }, (_, i) => classes[i % 3]!);
  const yPred = yTrue.map((c, i) => (i >= 30 && i % 6 === 0 ? classes[(i + 1) % 3]! : c));
  const input = {
    yTrue,
    yPred,
    sensitiveFeatures: yTrue.map((_, i) => (i < 30 ? "a" : "b")),
  };

  it("give a perfect group a zero-width accuracy interval and the criteria their intervals", () => {
    const report = auditMulticlass(input, { intervals: { nBoot: 200 } }).toJSON();
    expect(intervalOf(report, "a", "accuracy")).toMatchObject({ lower: 1, upper: 1 });
    const b = intervalOf(report, "b", "accuracy")!;
    expect(b.lower!).toBeLessThan(30 / 36);
    expect(b.upper!).toBeGreaterThan(30 / 36);
    for (const c of report.criteria) {
      expect(c.interval?.method, c.id).toBe("percentileBootstrap");
      expect(c.value, c.id).toBe(multiclassCriterion(c.id as never, input).worstCase);
    }
  });

  it("are the same for the same seed, and left out below minGroupSize", () => {
    const a = auditMulticlass(input, { seed: 3, intervals: { nBoot: 60 } }).toJSON();
    expect(auditMulticlass(input, { seed: 3, intervals: { nBoot: 60 } }).toJSON()).toEqual(a);
    const strict = auditMulticlass(input, { minGroupSize: 31, intervals: { nBoot: 60 } }).toJSON();
    expect(intervalOf(strict, "a", "accuracy")).toEqual(WITHHELD);
    expect(intervalOf(strict, "b", "accuracy")!.method).toBe("percentileBootstrap");
    for (const c of strict.criteria) expect(c.interval, c.id).toEqual(WITHHELD);
  });
});
