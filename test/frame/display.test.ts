import { describe, expect, it } from "vitest";
import {
  audit,
  calibrationByGroup,
  groupMetrics,
  showInNotebook,
  ThresholdOptimizer,
} from "../../src/index.js";

type Displayable = { [key: symbol]: () => Record<string, string> };
const display = (x: unknown) => (x as Displayable)[Symbol.for("Jupyter.display")]!();

describe("notebook displays", () => {
  it("GroupMetricsResult shows one row per group, values to 3 decimals, names escaped", () => {
    // a: labels 1 1 1 0, predictions 1 1 0 0 → TPR 2/3, selection 2/4; <b>: TPR 1/1, selection 2/3.
    const result = groupMetrics(
      {
        yTrue: [1, 1, 1, 0, 1, 0, 0],
        yPred: [1, 1, 0, 0, 1, 1, 0],
        sensitiveFeatures: ["a", "a", "a", "a", "<b>", "<b>", "<b>"],
      },
      { metrics: ["truePositiveRate", "selectionRate"] },
    );
    const bundle = display(result);
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
    expect(bundle["text/html"]).toContain("<td>&lt;b&gt;</td>");
    expect(bundle["text/html"]).not.toContain("<b></td>");
    const lines = bundle["text/plain"]!.split("\n");
    expect(lines[0]).toBe(`Metrics by group (${result.featureNames[0]})`);
    expect(lines.find((l) => l.startsWith("a "))?.split(/\s+/)).toEqual([
      "a",
      "4",
      "0.667",
      "0.500",
    ]);
    expect(lines.find((l) => l.startsWith("<b>"))?.split(/\s+/)).toEqual([
      "<b>",
      "3",
      "1.000",
      "0.667",
    ]);
  });

  it("GroupMetricsResult's count column is the row count, not repeated as a metric", () => {
    const result = groupMetrics({
      yTrue: [1, 0, 1],
      yPred: [1, 1, 0],
      sensitiveFeatures: ["a", "a", "b"],
    });
    expect(result.metrics[0]).toBe("count");
    const [, header, overall, a] = display(result)["text/plain"]!.split("\n");
    expect(header!.split(/\s{2,}/)).toEqual([
      "group",
      "count",
      ...result.metrics.slice(1).map((id) => result.metricNames[id]),
    ]);
    expect(overall!.trim().split(/\s+/)).toHaveLength(result.metrics.length);
    expect(a!.split(/\s+/).slice(0, 2)).toEqual(["a", "2"]);
  });

  it("a fitted rule shows its explanation", () => {
    const rule = new ThresholdOptimizer({ constraints: "demographicParity" }).fit({
      yTrue: [0, 1, 1, 0, 1, 0],
      yScore: [0.1, 0.8, 0.6, 0.4, 0.9, 0.3],
      sensitiveFeatures: ["a", "a", "a", "b", "b", "b"],
    });
    const bundle = display(rule);
    expect(bundle["text/plain"]).toBe(
      ["ThresholdRule", ...rule.explain().map((l) => `- ${l}`)].join("\n"),
    );
    expect(bundle["text/html"]).toContain(
      `<li>${rule.explain()[0]!.replaceAll(">", "&gt;").replaceAll("<", "&lt;")}</li>`,
    );
  });

  it("a calibration result shows one row per group with its measures, the group test and the notes", () => {
    // a: scores 0.25/0.75 on labels 0 1 0 1 → ECE = MCE = 0.25; b: 0.2/0.8 on 0 0 1 1 → 0.2.
    const result = calibrationByGroup({
      yTrue: [0, 1, 0, 1, 0, 0, 1, 1],
      yScore: [0.25, 0.75, 0.25, 0.75, 0.2, 0.2, 0.8, 0.8],
      sensitiveFeatures: ["a", "a", "a", "a", "<b>", "<b>", "<b>", "<b>"],
    });
    const bundle = display(result);
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
    expect(bundle["text/html"]).toContain("<td>&lt;b&gt;</td>");
    const lines = bundle["text/plain"]!.split("\n");
    expect(lines[0]).toBe(`Calibration by group (${result.featureNames[0]})`);
    const cells = (label: string) => lines.find((l) => l.startsWith(`${label} `))!.split(/\s+/);
    expect(cells("a").slice(0, 5)).toEqual(["a", "4", "0.250", "0.250", "0.000"]);
    expect(cells("<b>").slice(0, 5)).toEqual(["<b>", "4", "0.200", "0.200", "0.000"]);
    expect(lines.some((l) => /^-0\.000/.test(l) || / -0\.000/.test(l))).toBe(false);
    expect(bundle["text/plain"]).toContain(
      `Likelihood-ratio test: p = ${result.groupCalibrationTest.pValue.toFixed(3)}`,
    );
  });

  it("showInNotebook sends an object's HTML to tslab's display, and refuses other values", () => {
    const input = {
      yTrue: [1, 0, 1, 0, 1, 0],
      yPred: [1, 0, 0, 1, 1, 1],
      sensitiveFeatures: ["a", "a", "a", "b", "b", "b"],
    };
    const shown: string[] = [];
    const tslab = {
      html: (h: string) => shown.push(`html:${h}`),
      text: (t: string) => shown.push(t),
    };
    const result = groupMetrics(input);
    const report = audit(input, { intervals: false });
    showInNotebook(result, tslab);
    showInNotebook(report, tslab);
    expect(shown).toEqual([
      `html:${display(result)["text/html"]}`,
      `html:${display(report)["text/html"]}`,
    ]);
    expect(() => showInNotebook({ rows: 3 }, tslab)).toThrow(TypeError);
  });
});
