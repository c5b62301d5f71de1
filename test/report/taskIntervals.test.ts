/**
 * taskIntervalSection: bootstrap estimates become report intervals, except where a group is
 * below the threshold (its values, and every comparison and criterion, get none, with the reason).
 */
import { describe, expect, it } from "vitest";
import { groupId } from "../../src/data/levels.js";
import { taskIntervalSection } from "../../src/report/taskIntervals.js";
import type { BootstrapEstimate } from "../../src/uncertainty/bootstrapInterval.js";

const e = (lower: number, upper: number): BootstrapEstimate => ({
  estimate: (lower + upper) / 2,
  intervals: [{ level: 0.9, lower, upper }],
  nanReplicates: 0,
});
const estimates = {
  overall: { m: e(1, 2) },
  byGroup: [{ m: e(1, 3) }, { m: e(0, 4) }, { m: e(Number.NaN, Number.NaN) }],
  difference: { m: e(0.5, 1) },
  ratio: { m: e(0.2, 0.4) },
  criteria: { mDifference: e(0.5, 1) },
};
const withheld = {
  lower: null,
  upper: null,
  level: 0.9,
  method: "none",
  reason: "smallDenominator",
};

describe("taskIntervalSection(…)", () => {
  it("keeps every percentile interval when all groups with rows reach the threshold", () => {
    const s = taskIntervalSection(
      estimates,
      [
        { key: ["a"], count: 10 },
        { key: ["b"], count: 12 },
        { key: ["empty"], count: 0 },
      ],
      10,
    );
    const method = "percentileBootstrap";
    expect(s.overall.m).toEqual({ lower: 1, upper: 2, level: 0.9, method });
    expect(s.byGroup.get(groupId(["b"]))!.m).toEqual({ lower: 0, upper: 4, level: 0.9, method });
    expect(s.betweenGroups.m!.ratio).toEqual({ lower: 0.2, upper: 0.4, level: 0.9, method });
    expect(s.criteria.mDifference).toEqual({ lower: 0.5, upper: 1, level: 0.9, method });
    expect(s.method).toBe(method);
  });

  it("withholds a small group's intervals, the comparisons and the criteria, and the overall below it", () => {
    const groups = [
      { key: ["a"], count: 10 },
      { key: ["b"], count: 9 },
    ];
    const s = taskIntervalSection(estimates, groups, 10);
    expect(s.byGroup.get(groupId(["a"]))!.m!.method).toBe("percentileBootstrap");
    expect(s.byGroup.get(groupId(["b"]))!.m).toEqual(withheld);
    expect(s.betweenGroups.m).toEqual({ difference: withheld, ratio: withheld });
    expect(s.criteria.mDifference).toEqual(withheld);
    expect(s.overall.m!.method).toBe("percentileBootstrap");
    expect(taskIntervalSection(estimates, groups, 20).overall.m).toEqual(withheld);
    // Below 2 rows whatever the threshold.
    const one = taskIntervalSection(estimates, [{ key: ["a"], count: 1 }], 0);
    expect(one.byGroup.get(groupId(["a"]))!.m).toEqual(withheld);
  });
});
