/**
 * Renderers on many groups: no spread of every row into Math.max (which overflows the call
 * stack past ~120,000 arguments).
 */
import { describe, expect, it } from "vitest";
import { audit } from "../../src/index.js";
import { renderCsv, renderMarkdown, renderText } from "../../src/report/index.js";
import { drawCharts } from "../../src/report/svg.js";

describe("rendering many groups", { timeout: 120_000 }, () => {
  it("renderText, renderCsv, renderMarkdown and drawCharts lay out 150,000 groups", () => {
    const small = audit(
      { yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] },
      { metrics: ["selectionRate"], intervals: false },
    ).toJSON();
    const template = small.groups[0]!;
    const groups = Array.from({ length: 150_000 }, (_, i) => ({
      ...template,
      key: [`g${i}`],
      label: `g${i}`,
    }));
    const report = { ...small, groups };
    const text = renderText(report);
    expect(text).toContain("g149999");
    expect(renderCsv(report).split("\r\n")).toHaveLength(150_000 + 3);
    expect(renderMarkdown(report)).toContain("g149999");
    expect(drawCharts(report).map((c) => c.id)).toContain("metrics");
  });
});

describe("bootstrap size limits", () => {
  it("audit(…) refuses intervals.nBoot beyond MAX_BOOTSTRAP_REPLICATES before allocating", () => {
    const input = { yTrue: [1, 0], yPred: [1, 0], sensitiveFeatures: ["a", "b"] };
    expect(() => audit(input, { intervals: { nBoot: 1e9 } })).toThrow(
      /nBoot must be an integer in \[2, 1000000\]/,
    );
  });
});
