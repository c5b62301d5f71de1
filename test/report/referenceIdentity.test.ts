/**
 * The reference group is identified by identity (the audit's choice and the group's key), never
 * by its label: a group may be named `overall`, distinct groups may share a label.
 */
import { describe, expect, it } from "vitest";
import { audit, gate } from "../../src/index.js";
import { prepare } from "../../src/metrics/index.js";
import { renderCsv } from "../../src/report/index.js";
import { inputIssues } from "../helpers/errors.js";

const referenceFlags = (csv: string): string[] =>
  csv
    .trim()
    .split("\r\n")
    .slice(1)
    .map((line) => line.split(","))
    .filter((cells) => cells[3] === "true")
    .map((cells) => cells[0]!);

describe("reference identity", () => {
  // Selection rates: group "overall" 1/2, group "b" 0/2; overall population 1/4.
  const input = {
    yTrue: [1, 0, 1, 0],
    yPred: [1, 0, 0, 0],
    sensitiveFeatures: ["overall", "overall", "b", "b"],
  };

  it("a group named overall is not the overall population: gate and CSV measure against the population", () => {
    const report = audit(input, {
      reference: "overall",
      metrics: ["selectionRate"],
      intervals: false,
    }).toJSON();
    expect(referenceFlags(renderCsv(report))).toEqual([]);
    const result = gate(report, {
      version: 1,
      rules: [
        {
          metric: "selectionRate",
          comparison: "difference",
          method: "toReference",
          max: 0.3,
        },
      ],
    });
    // Largest |v_g − 0.25| = 0.25 (both groups), not |0 − 0.5| = 0.5 against the group "overall".
    expect(result.checks[0]!.value).toBe(0.25);
    expect(result.passed).toBe(true);
  });

  it("a group named overall chosen as reference is measured as that group", () => {
    const report = audit(input, {
      reference: { group: ["overall"] },
      metrics: ["selectionRate"],
      intervals: false,
    }).toJSON();
    expect(referenceFlags(renderCsv(report))).toEqual(["overall"]);
    const result = gate(report, {
      version: 1,
      rules: [{ metric: "selectionRate", comparison: "difference", method: "toReference", max: 1 }],
    });
    expect(result.checks[0]!.value).toBe(0.5);
  });

  it('distinct groups sharing a label ("1" and 1) make one reference row, found by key', () => {
    const report = audit(
      { yTrue: [1, 0, 1, 0, 1], yPred: [1, 0, 0, 0, 1], sensitiveFeatures: ["1", "1", 1, 1, 1] },
      { reference: { group: ["1"] }, metrics: ["selectionRate"], intervals: false },
    ).toJSON();
    expect(report.groups.map((g) => g.label)).toEqual(["1", "1"]);
    expect(referenceFlags(renderCsv(report))).toHaveLength(1);
    // The largest group (number 1, three rows) is the default reference, alone.
    const largest = audit(
      { yTrue: [1, 0, 1, 0, 1], yPred: [1, 0, 0, 0, 1], sensitiveFeatures: ["1", "1", 1, 1, 1] },
      { metrics: ["selectionRate"], intervals: false },
    ).toJSON();
    expect(referenceFlags(renderCsv(largest))).toHaveLength(1);
  });

  it("a reference label naming several groups is refused, asking for the key", () => {
    const issues = inputIssues(() =>
      audit(
        { yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["1", "1", 1, 1] },
        { reference: { label: "1" }, intervals: false },
      ),
    );
    expect(issues[0]).toMatchObject({ code: "invalid_option", path: ["reference"] });
    expect(issues[0]!.message).toContain("reference: { group: key }");
  });

  it("±Infinity group levels are refused, not merged with the missing group in JSON", () => {
    const issues = inputIssues(() =>
      prepare({
        yTrue: [1, 0, 1],
        yPred: [1, 0, 0],
        sensitiveFeatures: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1],
      }),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["not_finite", ["sensitiveFeatures", 0]],
      ["not_finite", ["sensitiveFeatures", 1]],
    ]);
  });
});

describe("group identity in intervals", () => {
  it('groups sharing a label ("1" and 1) each get their own intervals and gap intervals', () => {
    // Group "1": 10 rows all predicted positive; group 1: 10 rows all predicted negative;
    // group a (the reference, the largest): 20 rows, half predicted positive.
    const groups = [
      ...Array.from({ length: 10 }, () => "1"),
      ...Array.from({ length: 10 }, () => 1),
      ...Array.from({ length: 20 }, () => "a"),
    ];
    const yPred = groups.map((g, i) => (g === "1" ? 1 : g === 1 ? 0 : i % 2));
    const report = audit(
      { yTrue: groups.map((_, i) => i % 2), yPred, sensitiveFeatures: groups },
      { metrics: ["selectionRate"], intervals: { nBoot: 200 }, seed: 3 },
    ).toJSON();
    const byKey = (key: unknown) => report.groups.find((g) => g.key[0] === key)!;
    const inside = (e: {
      value: number | null;
      interval?: { lower: number | null; upper: number | null };
    }) => e.interval!.lower! <= e.value! && e.value! <= e.interval!.upper!;
    expect(byKey("1").values.selectionRate!.value).toBe(1);
    expect(byKey(1).values.selectionRate!.value).toBe(0);
    expect(inside(byKey("1").values.selectionRate!)).toBe(true);
    expect(inside(byKey(1).values.selectionRate!)).toBe(true);
    const gaps = report.disparities[0]!.gaps;
    expect(gaps.map((g) => g.difference.value).sort()).toEqual([-0.5, 0.5]);
    for (const gap of gaps) expect(inside(gap.difference)).toBe(true);
  });
});

describe("group identity in suppression", () => {
  it('suppressing group "1" (3 rows) leaves group 1 (50 rows) and its gaps shown', () => {
    const groups = [
      ...Array.from({ length: 3 }, () => "1"),
      ...Array.from({ length: 50 }, () => 1),
      ...Array.from({ length: 60 }, () => "a"),
    ];
    const report = audit(
      {
        yTrue: groups.map((_, i) => i % 2),
        yPred: groups.map((_, i) => (i % 3 === 0 ? 1 : 0)),
        sensitiveFeatures: groups,
      },
      { metrics: ["selectionRate"], intervals: false, suppressBelow: 10 },
    ).toJSON();
    const byKey = (key: unknown) => report.groups.find((g) => g.key[0] === key)!;
    expect(byKey("1").suppressed).toBe(true);
    expect(byKey(1).suppressed).toBeUndefined();
    expect(byKey(1).values.selectionRate!.value).not.toBeNull();
    // Groups sort numbers before strings: the gaps are those of 1, then "1".
    const gaps = report.disparities[0]!.gaps;
    expect(gaps.map((g) => g.difference.suppressed ?? false)).toEqual([false, true]);
  });
});

describe("a group named overall in per-group sections", () => {
  it("the calibration finding names the worst-calibrated group even when it is called overall", () => {
    // Group "overall" scores every label the wrong way round (ECE 0.9); group b is off by 0.2.
    const n = 200;
    const groups = Array.from({ length: n }, (_, i) => (i % 2 ? "overall" : "b"));
    const yTrue = Array.from({ length: n }, (_, i) => (i % 4 < 2 ? 1 : 0));
    const yScore = groups.map((g, i) =>
      g === "overall" ? (yTrue[i] ? 0.1 : 0.9) : yTrue[i] ? 0.8 : 0.2,
    );
    const report = audit({ yTrue, yScore, sensitiveFeatures: groups }, { intervals: false });
    const texts = report
      .toJSON()
      .findings.filter((f) => f.kind === "calibration")
      .map((f) => f.text);
    expect(texts).toEqual([
      "Calibration is worst for overall: expected calibration error 0.900 vs 0.550 overall (100 rows).",
    ]);
  });
});
