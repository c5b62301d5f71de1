/**
 * taskIntervalSection: bootstrap estimates become report intervals, except where a group is
 * below the threshold (its values, its gap, and every comparison and criterion get none, with
 * the reason).
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
  gaps: [{ m: e(0, 0) }, { m: e(-1, 2) }, { m: e(Number.NaN, Number.NaN) }],
  criteria: { mDifference: e(0.5, 1) },
};
const withheld = {
  lower: null,
  upper: null,
  level: 0.9,
  method: "none",
  reason: "smallDenominator",
};
const id = (label: string) => groupId([label]);

describe("taskIntervalSection(…)", () => {
  it("keeps every percentile interval when all groups with rows reach the threshold", () => {
    const { section, gaps } = taskIntervalSection(
      estimates,
      [
        { key: ["a"], count: 10 },
        { key: ["b"], count: 12 },
        { key: ["empty"], count: 0 },
      ],
      10,
      0,
    );
    const method = "percentileBootstrap";
    expect(section.overall.m).toEqual({ lower: 1, upper: 2, level: 0.9, method });
    expect(section.byGroup.get(id("b"))!.m).toEqual({ lower: 0, upper: 4, level: 0.9, method });
    expect(section.betweenGroups.m!.ratio).toEqual({ lower: 0.2, upper: 0.4, level: 0.9, method });
    expect(section.criteria.mDifference).toEqual({ lower: 0.5, upper: 1, level: 0.9, method });
    expect(section.method).toBe(method);
    // Gaps of the groups with rows other than the reference (group 0).
    expect([...gaps.get("m")!.keys()]).toEqual([id("b")]);
    expect(gaps.get("m")!.get(id("b"))).toEqual({ lower: -1, upper: 2, level: 0.9, method });
  });

  it("withholds a small group's intervals, its gap, the comparisons and the criteria", () => {
    const groups = [
      { key: ["a"], count: 10 },
      { key: ["b"], count: 9 },
      { key: ["empty"], count: 0 },
    ];
    const { section, gaps } = taskIntervalSection(estimates, groups, 10, 0);
    expect(section.byGroup.get(id("a"))!.m!.method).toBe("percentileBootstrap");
    expect(section.byGroup.get(id("b"))!.m).toEqual(withheld);
    expect(gaps.get("m")!.get(id("b"))).toEqual(withheld);
    expect(section.betweenGroups.m).toEqual({ difference: withheld, ratio: withheld });
    expect(section.criteria.mDifference).toEqual(withheld);
    expect(section.overall.m!.method).toBe("percentileBootstrap");
    expect(taskIntervalSection(estimates, groups, 20, 0).section.overall.m).toEqual(withheld);
    // A small reference group withholds every gap; gaps to the overall value only the small one's.
    expect(taskIntervalSection(estimates, groups, 10, 1).gaps.get("m")!.get(id("a"))).toEqual(
      withheld,
    );
    const toOverall = taskIntervalSection(estimates, groups, 10, undefined).gaps.get("m")!;
    expect(toOverall.get(id("a"))!.method).toBe("percentileBootstrap");
    expect(toOverall.get(id("b"))).toEqual(withheld);
    // Below 2 rows whatever the threshold.
    const one = taskIntervalSection(
      { ...estimates, byGroup: [{ m: e(2, 2) }], gaps: [] },
      [{ key: ["a"], count: 1 }],
      0,
      undefined,
    );
    expect(one.section.byGroup.get(id("a"))!.m).toEqual(withheld);
  });
});
