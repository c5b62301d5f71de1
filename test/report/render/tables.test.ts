/**
 * The shared report tables and legends: the interval footnote describes the intervals the report
 * carries (exact and hybrid rate intervals of a binary audit, the percentile row bootstrap of a
 * regression or multiclass audit, none for a group too small to resample), and multiclass
 * criteria show each class's value, in the text, Markdown and HTML renderers alike.
 */
import { describe, expect, it } from "vitest";
import { audit, auditMulticlass, auditRegression } from "../../../src/index.js";
import { renderHtml } from "../../../src/report/render/html.js";
import { renderMarkdown } from "../../../src/report/render/markdown.js";
import { criteriaTable, marksLegend } from "../../../src/report/render/tables.js";
import { renderText } from "../../../src/report/render/text.js";
import type { FairnessReportData } from "../../../src/report/types.js";

const renderers = {
  text: (r: FairnessReportData) => renderText(r, { width: 400 }),
  markdown: renderMarkdown,
  html: renderHtml,
} as const;

// Group a: 9 rows, errors −1, 0, 1 in turn; group b: 3 rows, below minGroupSize 5.
const yTrue = Array.from({ length: 12 }, (_, i) => i);
const regression = auditRegression(
  {
    yTrue,
    yPred: yTrue.map((t, i) => t + (i % 3) - 1),
    sensitiveFeatures: yTrue.map((i) => (i < 9 ? "a" : "b")),
  },
  { intervals: { nBoot: 50 }, minGroupSize: 5, seed: 1 },
).toJSON();

// Group x predicts a, b, b, a; group y predicts c, c, a, a.
const multiclass = auditMulticlass(
  {
    yTrue: ["a", "b", "c", "a", "b", "c", "a", "b"],
    yPred: ["a", "b", "b", "a", "c", "c", "a", "a"],
    sensitiveFeatures: ["x", "x", "x", "x", "y", "y", "y", "y"],
  },
  { intervals: { nBoot: 50 }, minGroupSize: 2, seed: 1 },
).toJSON();

describe("marksLegend(…)", () => {
  it("describes a regression report's percentile row bootstrap and the small group's missing interval", () => {
    const legend = marksLegend(regression);
    expect(legend).toBe(
      "Intervals are percentile bootstrap intervals of 50 replicates, rows redrawn within each group; " +
        "[no CI]: no interval for a group of fewer than 5 rows, nor for the comparisons and " +
        "criteria while any group is that small (redrawing so few rows would give a falsely narrow interval).",
    );
    expect(legend).not.toMatch(/Clopper|hybrid|denominator/);
  });

  it("keeps the binary marks: small denominators, exact and hybrid rate intervals", () => {
    const n = 80;
    const report = audit(
      {
        yTrue: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
        yPred: Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0)),
        sensitiveFeatures: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? "a" : "b")),
      },
      { seed: 1 },
    ).toJSON();
    const legend = marksLegend(report);
    expect(legend).toMatch(/^\* the rate's own denominator is below 30 \(k\/n shows it\)/);
    expect(legend).toContain("† exact interval (Clopper–Pearson");
    expect(legend).toContain("wider of the bootstrap and Clopper–Pearson intervals (hybrid)");
    expect(legend).not.toContain("[no CI]");
  });

  it("is empty for a report without intervals", () => {
    const report = auditRegression(
      { yTrue: [1, 2, 3, 4], yPred: [1, 2, 2, 5], sensitiveFeatures: ["a", "a", "b", "b"] },
      { intervals: false },
    ).toJSON();
    expect(marksLegend(report)).toBe("");
    expect(renderMarkdown(report)).not.toContain("<sub></sub>");
  });
});

describe("criteriaTable(…)", () => {
  it("shows each class's value of a multiclass criterion", () => {
    const table = criteriaTable(multiclass);
    expect(table.header.at(-1)).toBe("by class");
    const row = table.rows.find((r) => r[0] === "Multiclass demographic parity difference")!;
    // Selection rates a, b, c: x 2/4, 2/4, 0; y 2/4, 0, 2/4; differences 0, 0.5, 0.5.
    expect(row.at(-1)).toBe("a 0.000; b 0.500; c 0.500");
  });

  it("has no by-class column without multiclass criteria", () => {
    expect(criteriaTable(regression).header).not.toContain("by class");
  });
});

/** The rendered text without Markdown escapes and HTML tags (a line break read as a space). */
const plain = (out: string) =>
  out
    .replaceAll("\\", "")
    .replaceAll("<br>", " ")
    .replace(/<[^>]+>/g, "");

describe.each(Object.entries(renderers))("the %s renderer", (_, render) => {
  it("footnotes a regression report's bootstrap intervals, not the binary rate intervals", () => {
    const out = plain(render(regression));
    expect(out).toContain("percentile bootstrap intervals of 50 replicates");
    expect(out).toContain("no interval for a group of fewer than 5 rows");
    expect(out).not.toMatch(/Clopper|hybrid/);
  });

  it("shows each group's interval, and [no CI] for the small group", () => {
    const out = plain(render(regression));
    // Mean absolute error: 6/9 in group a, with an interval; 2/3 in group b, without one.
    expect(out).toMatch(/0\.667 \[0\.\d{3}, 1\.000\]/);
    expect(out).toContain("0.667 [no CI]");
    // The headline's gap of group b has no interval either, and says why.
    expect(out).toContain("gap 0.900, no 95% CI (too few rows).");
  });

  it("shows the multiclass criteria's values by class", () => {
    expect(plain(render(multiclass))).toContain("a 0.000; b 0.500; c 0.500");
  });
});
