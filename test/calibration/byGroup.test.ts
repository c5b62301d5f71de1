import { describe, expect, it } from "vitest";
import { calibrationByGroup } from "../../src/calibration/byGroup.js";
import { FairnessInputError } from "../../src/data/errors.js";
import { groupMetrics } from "../../src/frame/groupMetrics.js";
import { CALIBRATION_METRICS } from "../../src/metrics/calibration/metrics.js";
import { getMetric } from "../../src/metrics/registry.js";
import { DatasetLoader } from "../conformance/datasets.js";

describe("calibrationByGroup", () => {
  it("calibrationByGroup(…) matches the doc example", () => {
    const r = calibrationByGroup({
      yTrue: [0, 1, 0, 1, 0, 0, 1, 1],
      yScore: [0.25, 0.75, 0.25, 0.75, 0.25, 0.25, 0.75, 0.75],
      sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
    });
    expect(r.byGroup.map((g) => g.summary?.calibrationInTheLarge)).toEqual([0, 0]);
    expect(r.notes).toEqual([]);
  });

  it("lists empty intersections with no summary", () => {
    const r = calibrationByGroup({
      yTrue: [0, 1, 0, 1],
      yScore: [0.2, 0.7, 0.4, 0.9],
      sensitiveFeatures: { s: ["x", "x", "y", "y"], t: ["u", "u", "v", "v"] },
      intersections: "all",
    });
    expect(r.byGroup.map((g) => [g.label, g.count, g.summary === undefined])).toEqual([
      ["x, u", 2, false],
      ["x, v", 0, true],
      ["y, u", 0, true],
      ["y, v", 2, false],
    ]);
  });

  it("group(selector) is the selected group's summary, by level(s) or by feature name", () => {
    const r = calibrationByGroup({
      yTrue: [0, 1, 0, 1, 1, 0, 1, 0],
      yScore: [0.2, 0.7, 0.4, 0.9, 0.6, 0.3, 0.8, 0.5],
      sensitiveFeatures: {
        s: ["x", "x", "y", "y", "x", "y", "x", "y"],
        t: ["u", "u", "v", "v", "u", "v", "u", "v"],
      },
      intersections: "all",
    });
    expect(r.group(["x", "u"])).toBe(r.byGroup[0]!.summary);
    expect(r.group({ s: "y", t: "v" })).toBe(r.byGroup[3]!.summary);
    expect(r.group(["y", "v"]).expectedCalibrationError).toBe(
      r.byGroup[3]!.summary!.expectedCalibrationError,
    );
    // An empty intersection and an unknown level have no summary to give.
    expect(() => r.group(["x", "v"])).toThrow(FairnessInputError);
    expect(() => r.group(["z", "u"])).toThrow(FairnessInputError);
  });

  it("group(selector) refuses a group whose rows all have weight 0", () => {
    const r = calibrationByGroup({
      yTrue: [0, 1, 0, 1],
      yScore: [0.2, 0.7, 0.4, 0.9],
      sensitiveFeatures: ["a", "a", "b", "b"],
      sampleWeight: [1, 1, 0, 0],
    });
    expect(r.byGroup[1]!.summary).toBeUndefined();
    expect(r.group("a")).toBe(r.byGroup[0]!.summary);
    expect(() => r.group("b")).toThrow(FairnessInputError);
  });

  it("needs probabilities in yScore", () => {
    expect(() =>
      calibrationByGroup({ yTrue: [0, 1], yPred: [0, 1], sensitiveFeatures: ["a", "b"] }),
    ).toThrow(FairnessInputError);
  });

  it("on German credit: per-group values agree with groupMetrics by id, notes carry the numbers", () => {
    const data = new DatasetLoader(["examples/data"]).load("german_lr");
    const input = {
      yTrue: data.yTrue,
      yScore: data.yScore!,
      sensitiveFeatures: { age_group: data.features.age_group! },
    };
    const r = calibrationByGroup(input);
    const ids = CALIBRATION_METRICS.map((m) => m.id);
    const table = groupMetrics(input, { metrics: ids });
    for (const [g, row] of table.byGroup.entries()) {
      const s = r.byGroup[g]!.summary!;
      expect(row.values.expectedCalibrationError).toBe(s.expectedCalibrationError);
      expect(row.values.calibrationSlope).toBe(s.recalibration.slope);
      expect(row.values.calibrationIntercept).toBe(s.calibrationIntercept.intercept);
      expect(row.values.hosmerLemeshowPValue).toBe(s.hosmerLemeshow.pValue);
      expect(row.values.generalizedFalsePositiveRate).toBe(s.generalizedRates.falsePositiveRate);
    }
    // statsmodels GLM, fixture german_age_group_calibration_regression (slope, by group 25+)
    expect(r.byGroup[0]!.summary!.recalibration.slope).toBeCloseTo(1.0666820406033715, 8);
    expect(r.groupCalibrationTest.statistic).toBeCloseTo(0.5905278254348332, 6);
    const codes = r.notes.map((n) => n.code);
    expect(codes).toEqual(["kleinbergImpossibility", "chouldechovaImpossibility"]);
    const chouldechova = r.notes[1]!;
    if (chouldechova.code === "chouldechovaImpossibility") {
      expect(chouldechova.maxIdentityError).toBeLessThan(1e-12);
    }
  });

  it("every calibration metric is in the registry and none redeclares brierScore", () => {
    for (const m of CALIBRATION_METRICS) expect(getMetric(m.id)).toBe(m);
    expect(CALIBRATION_METRICS.map((m) => m.id)).not.toContain("brierScore");
  });
});

describe("calibrationByGroup weights", () => {
  const yTrue = [0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0];
  const yScore = [0.1, 0.8, 0.3, 0.6, 0.7, 0.2, 0.4, 0.9, 0.35, 0.55, 0.45, 0.25];
  const group = ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"];
  const weight = [1, 2, 3, 1, 2, 3, 2, 1, 1, 3, 2, 2];

  it("relative weights: scaling every weight changes no value, interval or test", () => {
    const run = (w: number[]) =>
      calibrationByGroup({ yTrue, yScore, sensitiveFeatures: group, sampleWeight: w });
    const a = run(weight);
    const b = run(weight.map((w) => w * 1e-3));
    const sa = a.byGroup[0]!.summary!;
    const sb = b.byGroup[0]!.summary!;
    expect(sa.recalibration.converged).toBe(true);
    expect(sb.recalibration.seSlope).toBeCloseTo(sa.recalibration.seSlope, 10);
    expect(sb.expectedCalibrationErrorQuantile).toBeCloseTo(
      sa.expectedCalibrationErrorQuantile,
      12,
    );
    expect(sb.curve.bins[0]!.observedLow).toBeCloseTo(sa.curve.bins[0]!.observedLow, 12);
    expect(b.groupCalibrationTest.statistic).toBeCloseTo(a.groupCalibrationTest.statistic, 9);
  });

  it("frequency weights: integer weights equal duplicated rows, standard errors included", () => {
    const rows = weight.flatMap((w, i) => Array.from({ length: w }, () => i));
    const a = calibrationByGroup(
      { yTrue, yScore, sensitiveFeatures: group, sampleWeight: weight },
      { weights: "frequency" },
    );
    const b = calibrationByGroup({
      yTrue: rows.map((i) => yTrue[i]!),
      yScore: rows.map((i) => yScore[i]!),
      sensitiveFeatures: rows.map((i) => group[i]!),
    });
    for (const [g, ga] of a.byGroup.entries()) {
      const x = ga.summary!;
      const y = b.byGroup[g]!.summary!;
      expect(x.recalibration.slope).toBeCloseTo(y.recalibration.slope, 9);
      expect(x.recalibration.seSlope).toBeCloseTo(y.recalibration.seSlope, 9);
      expect(x.hosmerLemeshow.statistic).toBeCloseTo(y.hosmerLemeshow.statistic, 9);
      expect(x.expectedCalibrationErrorQuantile).toBeCloseTo(
        y.expectedCalibrationErrorQuantile,
        12,
      );
    }
    expect(a.groupCalibrationTest.statistic).toBeCloseTo(b.groupCalibrationTest.statistic, 8);
  });
});
