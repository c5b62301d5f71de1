import { describe, expect, it } from "vitest";
import { audit } from "../../src/index.js";
import { renderHtmlReport, renderMarkdown, renderText } from "../../src/report/index.js";

// Group b has no positive predictions: its precision divides by zero.
const input = {
  yTrue: [1, 0, 1, 0, 1, 0],
  yPred: [1, 0, 1, 0, 0, 0],
  sensitiveFeatures: ["a", "a", "a", "b", "b", "b"],
};

describe("warnings in every renderer", () => {
  it("name their code (camelCase), metric and group", async () => {
    const report = audit(input, { metrics: ["precision"], intervals: false }).toJSON();
    const warning = report.warnings.find((w) => w.metric === "precision" && w.group === "b");
    expect(warning?.code).toBe("zeroDivision");
    for (const code of report.warnings.map((w) => w.code)) expect(code).toMatch(/^[a-z][A-Za-z]*$/);
    expect(renderText(report)).toContain("zeroDivision (precision, b)");
    expect(renderMarkdown(report)).toContain("zeroDivision \\(precision, b\\)");
    expect(await renderHtmlReport(report)).toContain("zeroDivision (precision, b)");
  });

  it("name the group of the net-benefit and survival sections' warnings, in the same casing", async () => {
    // Group b has no positive outcomes: no events for net benefit and concordance.
    const scored = {
      yTrue: [1, 0, 1, 0, 0, 0, 0, 0],
      yScore: [0.9, 0.2, 0.7, 0.4, 0.3, 0.6, 0.1, 0.5],
      sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
    };
    const report = audit(scored, {
      intervals: false,
      netBenefit: { thresholds: [0.5], grid: [0.5] },
      survival: { time: [1, 2, 3, 4, 5, 6, 7, 8], event: [1, 0, 1, 0, 0, 0, 0, 0] },
    }).toJSON();
    const clinical = report.warnings.filter((w) => w.code === "noEvents");
    expect(clinical.map((w) => w.group)).toEqual(["b", "b"]);
    for (const code of report.warnings.map((w) => w.code)) expect(code).toMatch(/^[a-z][A-Za-z]*$/);
    expect(renderText(report)).toContain("noEvents (b)");
    expect(renderMarkdown(report)).toContain("noEvents \\(b\\)");
    expect(await renderHtmlReport(report)).toContain("noEvents (b)");
  });
});
