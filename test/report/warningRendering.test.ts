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
});
