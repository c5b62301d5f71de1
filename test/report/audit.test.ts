import { describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { calibrationByGroup } from "../../src/calibration/byGroup.js";
import { FairnessInputError } from "../../src/data/errors.js";
import {
  demographicParityDifference,
  demographicParityRatio,
  equalizedOddsDifference,
  equalizedOddsRatio,
  equalOpportunityDifference,
  predictiveParityDifference,
} from "../../src/frame/criteria.js";
import { audit } from "../../src/report/audit.js";
import { FairnessReport } from "../../src/report/report.js";
import { FAIRSCOPE_VERSION } from "../../src/report/version.js";
import { FairnessReportSchema } from "../../src/schemas/index.js";
import { newcombeDifferenceInterval } from "../../src/uncertainty/proportion.js";
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
    expect(r.impossibilityNotes!.map((n) => n.code)).toEqual([
      "kleinbergImpossibility",
      "chouldechovaImpossibility",
    ]);
    const preds = audit({
      ...hostile,
      yPred: hostile.yScore!.map((s) => (s >= 0.5 ? 1 : 0)),
      yScore: undefined,
    });
    expect(preds.impossibilityNotes!.map((n) => n.code)).toEqual(["chouldechovaImpossibility"]);
    expect(audit(twoGroups).impossibilityNotes).toEqual([]);
  });

  it("audit(…) with weights reports each group's weight", () => {
    const r = audit({ ...twoGroups, sampleWeight: [1, 1, 1, 1, 1, 1, 2, 2, 2, 2] });
    expect(r.groups.map((g) => g.weight)).toEqual([6, 8]);
    expect(r.metadata.input.weightSum).toBe(14);
  });

  it("audit(…) rejects unknown metrics and bad minGroupSize", () => {
    // @ts-expect-error: not a metric id (JavaScript callers get a RangeError)
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

describe("audit intervals and calibration", () => {
  it("audit(…) puts bootstrap intervals around group values and criteria, seeded (0 by default)", () => {
    const r = audit(hostile);
    expect(r.metadata.seed).toBe(0);
    expect(r.metadata.options.intervals).toEqual({
      level: 0.95,
      nBoot: 1000,
      method: "percentileBootstrap",
      scoreMetrics: false,
    });
    for (const g of r.groups) {
      const e = g.values.selectionRate!;
      expect(e.interval!.level).toBe(0.95);
      expect(e.interval!.lower!).toBeLessThanOrEqual(e.value!);
      expect(e.interval!.upper!).toBeGreaterThanOrEqual(e.value!);
      expect(g.values.rocAuc!.interval).toBeUndefined();
    }
    const dp = r.criteria.find((c) => c.id === "demographicParityDifference")!;
    // Every group has fewer than 30 rows, so the criterion's interval is the simultaneous exact one.
    expect(dp.interval!.method).toBe("simultaneousClopperPearson");
    expect(JSON.stringify(audit(hostile, { seed: 0 }))).toBe(JSON.stringify(r));
    expect(JSON.stringify(audit(hostile, { seed: 5 }))).not.toBe(JSON.stringify(r));
    const none = audit(hostile, { intervals: false });
    expect(none.metadata.seed).toBeNull();
    expect(none.groups[0]!.values.selectionRate!.interval).toBeUndefined();
  });

  it("audit(…) gap intervals are Newcombe's intervals of the two groups' counts", () => {
    const r = audit(twoGroups, { reference: { group: "a" } });
    const gap = r.disparities.find((d) => d.metric === "selectionRate")!.gaps[0]!;
    // b: 1 of 4 selected; a: 3 of 6
    const expected = newcombeDifferenceInterval(1, 4, 3, 6, 0.95);
    expect(gap.difference.interval).toEqual({
      lower: expected.lower,
      upper: expected.upper,
      level: 0.95,
      method: "newcombe",
    });
  });

  it("audit(…) adds the calibration section from calibrationByGroup for probability scores", () => {
    const r = audit(hostile, { calibrationBins: 5 });
    const c = calibrationByGroup(hostile, { bins: 5 });
    expect(r.calibration!.bins).toBe(5);
    expect(r.calibration!.groups.map((g) => g.group)).toEqual([
      "overall",
      ...c.byGroup.filter((g) => g.summary).map((g) => g.label),
    ]);
    expect(r.calibration!.groups[0]!.metrics.expectedCalibrationError!.value).toBe(
      c.overall.expectedCalibrationError,
    );
    expect(r.calibration!.groups[0]!.bins.length).toBe(c.overall.curve.bins.length);
    expect(audit(twoGroups).calibration).toBeUndefined();
    expect(FairnessReportSchema.safeParse(JSON.parse(JSON.stringify(r))).success).toBe(true);
  });

  it("audit(…) finds the reference group by its label", () => {
    const r = audit(
      {
        ...twoGroups,
        sensitiveFeatures: { s: twoGroups.sensitiveFeatures as string[], t: Array(10).fill("x") },
      },
      { reference: { label: "b, x" } },
    );
    expect(r.reference).toBe("b, x");
    expect(() => audit(twoGroups, { reference: { label: "c" } })).toThrow(/no rows in group "c"/);
  });
});
