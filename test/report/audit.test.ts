import { describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { FairnessInputError } from "../../src/data/errors.js";
import {
  demographicParityDifference,
  demographicParityRatio,
  equalizedOddsDifference,
  equalizedOddsRatio,
  equalOpportunityDifference,
  predictiveParityDifference,
} from "../../src/disparity/criteria.js";
import { audit } from "../../src/report/audit.js";
import { FairnessReport } from "../../src/report/report.js";
import { FairnessReportSchema } from "../../src/report/schema.js";
import { FAIRSCOPE_VERSION } from "../../src/report/version.js";
import { hostile, twoGroups } from "./fixtures.js";

describe("audit", () => {
  it("audit(…) reports hand-computed per-group rates and the largest group as reference", () => {
    const r = audit(twoGroups);
    expect(r.reference).toBe("a");
    const a = r.groups.find((g) => g.label === "a")!;
    const b = r.groups.find((g) => g.label === "b")!;
    expect(a.count).toBe(6);
    expect(a.values.truePositiveRate!.value).toBeCloseTo(2 / 3, 15);
    expect(a.values.falsePositiveRate!.value).toBeCloseTo(1 / 3, 15);
    expect(b.values.selectionRate!.value).toBe(0.25);
    expect(b.values.falsePositiveRate!.value).toBe(0);
    // gaps of b against a: selection 1/4 − 1/2
    const sel = r.disparities.find((d) => d.metric === "selectionRate")!;
    expect(sel.gaps).toHaveLength(1);
    expect(sel.gaps[0]!.difference.value).toBeCloseTo(-0.25, 15);
    expect(sel.gaps[0]!.ratio.value).toBeCloseTo(0.5, 15);
    expect(sel.difference.value).toBeCloseTo(0.25, 15);
  });

  it("audit(…) criteria equal the named criterion functions", () => {
    const r = audit(twoGroups);
    const value = (id: string) => r.criteria.find((c) => c.id === id)!.value;
    expect(value("demographicParityDifference")).toBe(demographicParityDifference(twoGroups));
    expect(value("demographicParityRatio")).toBe(demographicParityRatio(twoGroups));
    expect(value("equalizedOddsDifference")).toBe(equalizedOddsDifference(twoGroups));
    expect(value("equalizedOddsRatio")).toBe(equalizedOddsRatio(twoGroups));
    expect(value("equalOpportunityDifference")).toBe(equalOpportunityDifference(twoGroups));
    expect(value("predictiveParityDifference")).toBe(predictiveParityDifference(twoGroups));
  });

  it("audit(…) compares with a named group or with the overall population", () => {
    const named = audit(twoGroups, { reference: { group: "b" } });
    expect(named.reference).toBe("b");
    expect(named.metadata.options.reference).toEqual({ kind: "group", key: ["b"] });
    const sel = named.disparities.find((d) => d.metric === "selectionRate")!;
    expect(sel.gaps[0]!.group).toBe("a");
    expect(sel.gaps[0]!.difference.value).toBeCloseTo(0.25, 15);
    const overall = audit(twoGroups, { reference: "overall" });
    expect(overall.reference).toBe("overall");
    const o = overall.disparities.find((d) => d.metric === "selectionRate")!;
    // overall selection 4/10; a: 0.5 − 0.4, b: 0.25 − 0.4
    expect(o.gaps.map((g) => g.difference.value)).toEqual([
      expect.closeTo(0.1, 15),
      expect.closeTo(-0.15, 15),
    ]);
    expect(() => audit(twoGroups, { reference: { group: "zzz" } })).toThrow(FairnessInputError);
  });

  it("audit(…) flags groups under minGroupSize and warns about them", () => {
    const r = audit(twoGroups, { minGroupSize: 5 });
    expect(r.groups.map((g) => g.small)).toEqual([false, true]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: "smallGroup", group: "b" }));
    expect(audit(twoGroups).groups.every((g) => g.small)).toBe(true);
  });

  it("audit(…) adds rocAuc and brierScore for probability scores and ROC curves per group", () => {
    const r = audit(hostile);
    expect(r.metrics.map((m) => m.id)).toContain("rocAuc");
    expect(r.metrics.map((m) => m.id)).toContain("brierScore");
    expect(r.roc!.length).toBeGreaterThan(0);
    for (const c of r.roc!) {
      expect(c.points[0]).toEqual({ threshold: null, falsePositiveRate: 0, truePositiveRate: 0 });
      expect(c.points.at(-1)).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
    }
    expect(r.metadata.input).toMatchObject({
      predictions: "thresholded",
      threshold: 0.5,
      thresholdRule: ">=",
    });
    const noScores = audit(twoGroups);
    expect(noScores.metrics.map((m) => m.id)).not.toContain("rocAuc");
    expect(noScores.roc).toBeUndefined();
  });

  it("audit(…) records version, seed, options and input summary; the schema validates it", () => {
    const r = audit(twoGroups, { seed: 42, title: "t" });
    expect(r.metadata.fairscopeVersion).toBe(FAIRSCOPE_VERSION);
    expect(r.metadata.seed).toBe(42);
    expect(r.metadata.input).toMatchObject({ rows: 10, groups: 2, weighted: false, baseRate: 0.5 });
    expect(FairnessReportSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r.toJSON());
    expect(FairnessReportSchema.safeParse(JSON.parse(JSON.stringify(audit(hostile)))).success).toBe(
      true,
    );
  });

  it("audit(…) notes that criteria conflict when base rates differ", () => {
    const r = audit(hostile);
    expect(r.impossibilityNotes!.map((n) => n.code)).toEqual(["baseRatesDiffer"]);
    expect(audit(twoGroups).impossibilityNotes).toEqual([]);
  });

  it("audit(…) with weights reports each group's weight", () => {
    const r = audit({ ...twoGroups, sampleWeight: [1, 1, 1, 1, 1, 1, 2, 2, 2, 2] });
    expect(r.groups.map((g) => g.weight)).toEqual([6, 8]);
    expect(r.metadata.input.weightSum).toBe(14);
  });

  it("audit(…) rejects unknown metrics and bad minGroupSize", () => {
    expect(() => audit(twoGroups, { metrics: ["nope"] })).toThrow(RangeError);
    expect(() => audit(twoGroups, { minGroupSize: -1 })).toThrow(/minGroupSize/);
  });

  it("FairnessReport.fromJSON round-trips and rejects invalid reports with paths", () => {
    const r = audit(twoGroups);
    const back = FairnessReport.fromJSON(JSON.parse(JSON.stringify(r)));
    expect(JSON.stringify(back)).toBe(JSON.stringify(r));
    try {
      FairnessReport.fromJSON({ ...r.toJSON(), schemaVersion: "2" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FairnessInputError);
      expect((e as FairnessInputError).issues[0]!.path).toEqual(["report", "schemaVersion"]);
    }
  });

  it("FAIRSCOPE_VERSION matches package.json", () => {
    expect(FAIRSCOPE_VERSION).toBe(pkg.version);
  });
});
