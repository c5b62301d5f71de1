import { describe, expect, it } from "vitest";
import { audit } from "../../src/report/audit.js";
import { chartSpecs, renderSvg, tradeoffSpec } from "../../src/report/charts.js";
import { findingsOf } from "../../src/report/findings.js";
import { formatEstimate, formatInterval, formatValue } from "../../src/report/format.js";
import { renderHtml, renderHtmlReport } from "../../src/report/render/html.js";
import { renderCsv, renderJson } from "../../src/report/render/json.js";
import { renderMarkdown } from "../../src/report/render/markdown.js";
import { displayWidth, renderText } from "../../src/report/render/text.js";
import { VEGA_LITE_MIME } from "../../src/report/report.js";
import type { FairnessReportData } from "../../src/report/types.js";
import { hostile, twoGroups } from "./fixtures.js";

const EVIL = "<img src=x onerror=alert(1)>";

describe("findings", () => {
  it("findingsOf(…) opens with a headline per criterion and writes other gaps as harms or advantages", () => {
    const r = audit(twoGroups, { minGroupSize: 0, intervals: false });
    const dp = r.findings.find((f) => f.criterion === "demographicParityDifference")!;
    expect(r.findings[0]!.headline).toBe(true);
    expect(dp.text).toBe(
      "The largest demographic parity gap is for b: selection rate 0.250 (1/4) vs 0.500 (3/6) " +
        "for the reference a; gap 0.250. The rate for b rests on only 4 rows (fewer than 30).",
    );
    expect(dp.severity).toBe("warning");
    const fpr = r.findings.find((f) => f.metric === "falsePositiveRate" && !f.headline)!;
    expect(fpr.text).toBe(
      "The false positive rate for b is 0.333 lower than for a: 0.000 (0/2) vs 0.333 (1/3). " +
        "The rate for b rests on only 2 negatives (fewer than 30).",
    );
    expect(fpr.kind).toBe("advantage");
    expect(fpr.severity).toBe("info");
    // TPR and FNR are complements: one finding (the headline), none on FNR.
    expect(r.findings.some((f) => f.metric === "falseNegativeRate")).toBe(false);
    const tpr = audit(twoGroups, { minGroupSize: 0, intervals: false, reference: { group: "b" } });
    expect(tpr.findings.find((f) => f.metric === "truePositiveRate" && !f.headline)!.text).toMatch(
      /^The true positive rate for a is 0\.167 higher than for b \(so its false negative rate is 0\.333 vs 0\.500\)/,
    );
  });

  it("findingsOf(…) quotes the interval and downgrades gaps whose interval includes 0", () => {
    const data = audit(twoGroups, { minGroupSize: 0, intervals: false }).toJSON();
    const withCi: FairnessReportData = {
      ...data,
      disparities: data.disparities.map((d) => ({
        ...d,
        gaps: d.gaps.map((g) => ({
          ...g,
          difference: {
            ...g.difference,
            interval: { lower: -0.4, upper: 0.05, level: 0.95, method: "bootstrap" },
          },
        })),
      })),
    };
    const sel = findingsOf(withCi).find((f) => f.metric === "selectionRate")!;
    expect(sel.text).toBe(
      "The largest demographic parity gap is for b: selection rate 0.250 (1/4) vs 0.500 (3/6) " +
        "for the reference a; gap 0.250, 95% CI -0.050 to 0.400. The rate for b rests on only 4 rows (fewer than 30).",
    );
    expect(sel.severity).toBe("info");
  });

  it("findingsOf(…) says when a rate rests on few rows and that its interval is exact", () => {
    const r = audit(twoGroups, { minGroupSize: 5 });
    const sel = r.findings.find((f) => f.metric === "selectionRate")!;
    expect(sel.text).toMatch(
      /rests on only 4 rows \(fewer than 30\); its interval is exact \(Clopper–Pearson\) and wide\.$/,
    );
    expect(sel.small).toBe(true);
    expect(sel.severity).toBe("info");
  });

  it("findingsOf(…) takes severity thresholds as options", () => {
    const r = audit(twoGroups, {
      minGroupSize: 0,
      intervals: false,
      findings: { warningGap: 0.3 },
    });
    expect(r.findings.find((f) => f.criterion === "demographicParityDifference")!.severity).toBe(
      "notice",
    );
  });
});

describe("format", () => {
  it("formatValue / formatInterval / formatEstimate", () => {
    expect(formatValue(null)).toBe("n/a");
    expect(formatValue(1)).toBe("1.000");
    expect(formatValue(16281, 0)).toBe("16281");
    expect(formatInterval({ lower: 0.09, upper: 0.15, level: 0.95, method: "wilson" })).toBe(
      "95% CI 0.090–0.150",
    );
    expect(
      formatEstimate({
        value: 0.12,
        interval: { lower: 0.1, upper: 0.2, level: 0.9, method: "x" },
      }),
    ).toBe("0.120 [0.100, 0.200]");
  });
});

describe("renderText", () => {
  it("renderText(…) fits 100 columns and strips control characters", () => {
    const r = audit(hostile, { title: "t\u001b[31m" });
    const text = renderText(r.toJSON());
    for (const line of text.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(100);
    expect(text).not.toContain("\u001b");
    expect(text).toContain('a|b & "c" 漢字');
  });

  it("renderText(…) splits wide tables into column blocks of the asked width", () => {
    const r = audit(hostile);
    const text = renderText(r.toJSON(), { width: 60 });
    for (const line of text.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(text.match(/^group /gm)!.length).toBeGreaterThan(1);
  });

  it("renderText(…) colours only when asked", () => {
    const data = audit(twoGroups, { minGroupSize: 0 }).toJSON();
    expect(renderText(data)).not.toContain("\u001b[");
    expect(renderText(data, { color: true })).toContain("\u001b[1m");
  });

  it("displayWidth(…) counts wide characters twice and combining marks zero", () => {
    expect(displayWidth("漢字a")).toBe(5);
    expect(displayWidth("e\u0301")).toBe(1);
  });
});

describe("renderMarkdown", () => {
  it("renderMarkdown(…) escapes group names so tables keep their columns", () => {
    const md = renderMarkdown(audit(hostile).toJSON());
    expect(md).not.toContain("<img");
    expect(md).toContain("&lt;img src=x onerror=alert\\(1\\)&gt;");
    const rows = md.split("\n").filter((l) => l.startsWith("| ") && l.includes("漢字"));
    expect(rows.length).toBeGreaterThan(0);
    const header = md.split("\n").find((l) => l.startsWith("| group"))!;
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    for (const row of rows.filter((l) => cells(l) > 3 && l.includes("0."))) {
      if (cells(row) === cells(header)) expect(cells(row)).toBe(cells(header));
    }
    expect(cells(rows[0]!)).toBe(cells(header));
  });
});

describe("renderHtml", () => {
  it("renderHtml(…) escapes every user name and has no script or network reference", () => {
    const html = renderHtml(audit(hostile, { title: EVIL }).toJSON());
    expect(html).not.toContain(EVIL);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;b&gt;feature&lt;/b&gt;");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/src="(https?:)?\/\//);
    expect(html).toContain("Content-Security-Policy");
  });

  it("renderHtmlReport(…) inlines SVG charts with escaped group names", async () => {
    const html = await renderHtmlReport(audit(hostile).toJSON());
    expect(html.match(/<svg/g)!.length).toBe(4);
    expect(html).not.toContain(EVIL);
    expect(html).not.toMatch(/<script/i);
  });

  it("a report rendered twice with the same seed is byte-identical", async () => {
    const a = await renderHtmlReport(audit(hostile, { seed: 7 }).toJSON());
    const b = await renderHtmlReport(audit(hostile, { seed: 7 }).toJSON());
    expect(a).toBe(b);
    expect(renderJson(audit(hostile, { seed: 7 }))).toBe(renderJson(audit(hostile, { seed: 7 })));
  });
});

describe("renderJson and renderCsv", () => {
  it("renderJson(…) writes NaN values as null", () => {
    const r = audit({
      yTrue: [0, 0, 1, 0],
      yPred: [0, 1, 1, 0],
      sensitiveFeatures: ["a", "a", "b", "b"],
    });
    const json = JSON.parse(renderJson(r));
    expect(json.groups[0].values.truePositiveRate.value).toBeNull();
  });

  it("renderCsv(…) defuses formula-like group names", () => {
    const r = audit({
      yTrue: [1, 0, 1, 0],
      yPred: [1, 0, 0, 0],
      sensitiveFeatures: ['=HYPERLINK("http://x")', '=HYPERLINK("http://x")', "b", "b"],
    });
    const csv = renderCsv(r.toJSON());
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.split("\r\n")[0]).toMatch(/^group,count,small,reference,baseRate,/);
  });
});

describe("charts and notebook display", () => {
  it("chartSpecs(…) gives metric bars, and ROC curves when there are scores", () => {
    expect(chartSpecs(audit(twoGroups).toJSON()).map((c) => c.id)).toEqual(["metrics"]);
    expect(chartSpecs(audit(hostile).toJSON()).map((c) => c.id)).toEqual([
      "metrics",
      "roc",
      "reliability",
    ]);
  });

  it("tradeoffSpec(…) renders to SVG", async () => {
    const spec = tradeoffSpec(
      [
        { threshold: 0.3, x: 0.2, y: 0.7 },
        { threshold: 0.5, x: 0.1, y: 0.8 },
      ],
      { x: "Disparity", y: "Accuracy" },
    );
    const svg = await renderSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Accuracy");
  });

  it("a report displays in Jupyter as HTML, Vega-Lite and text, and inspects as text", () => {
    const r = audit(twoGroups);
    const bundle = (r as unknown as Record<symbol, () => Record<string, unknown>>)[
      Symbol.for("Jupyter.display")
    ]!();
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain", VEGA_LITE_MIME].sort());
    expect(bundle["text/html"]).toContain('<div class="fairscope">');
    expect(String(r)).toBe(renderText(r.toJSON()));
  });
});
