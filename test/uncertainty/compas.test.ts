/**
 * The COMPAS "Native American" group (11 members): what honest intervals look like for a tiny
 * group. Reads `../shared/datasets` relative to the repository root; skipped when absent
 * (COMPAS is never committed).
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bootstrapGroupMetrics } from "../../src/uncertainty/groupBootstrap.js";
import { clopperPearsonInterval, wilsonInterval } from "../../src/uncertainty/proportion.js";
import { DatasetLoader } from "../conformance/datasets.js";

const datasets = new DatasetLoader([
  fileURLToPath(new URL("../../../shared/datasets", import.meta.url)),
]);
const present = datasets.available("compas_propublica") === true;

describe.skipIf(!present)("COMPAS race groups (needs ../shared/datasets)", () => {
  it("bootstrapGroupMetrics(…) flags the 11 Native American defendants with a wide interval", () => {
    const d = datasets.load("compas_propublica");
    const input = { yTrue: d.yTrue, yPred: d.yPred!, sensitiveFeatures: d.features.race! };
    const r = bootstrapGroupMetrics(input, {
      metrics: ["selectionRate", "truePositiveRate"],
      nBoot: 1000,
      seed: 2024,
    });
    const g = r.groups.findIndex((x) => x.label === "Native American");
    expect(r.groups[g]?.count).toBe(11);
    // Asian (31 members) is just above the default minGroupSize of 30.
    expect(r.smallGroups.map((s) => s.label)).toEqual(["Native American"]);
    const sel = r.metrics.selectionRate!.byGroup[g]!;
    expect(sel.estimate).toBeCloseTo(8 / 11, 15);
    const ci = sel.intervals[0]!;
    // Far wider than the 3175-member African-American group's interval.
    const big = r.metrics.selectionRate!.byGroup[0]!.intervals[0]!;
    expect(ci.upper - ci.lower).toBeGreaterThan(10 * (big.upper - big.lower));
    // 8 of 11 selected: the exact interval is wide too, and contains the bootstrap's centre.
    const cp = clopperPearsonInterval(8, 11);
    expect(cp.lower).toBeLessThan(sel.estimate);
    expect(cp.upper - cp.lower).toBeGreaterThan(0.5);
    // All 5 positives were flagged: the bootstrap collapses to [1, 1] (a replicate has no
    // positives with probability (6/11)^11 ≈ 0.13%, and is then dropped and counted), while the
    // Wilson interval still admits a TPR near 0.57.
    const tpr = r.metrics.truePositiveRate!.byGroup[g]!;
    expect(tpr.intervals[0]).toMatchObject({ lower: 1, upper: 1 });
    expect(tpr.nanReplicates).toBeLessThan(10);
    expect(wilsonInterval(5, 5).lower).toBeLessThan(0.6);
  });
});
