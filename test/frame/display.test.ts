import { describe, expect, it } from "vitest";
import { groupMetrics, ThresholdOptimizer } from "../../src/index.js";

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
});
