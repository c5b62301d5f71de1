import { describe, expect, it } from "vitest";
import { audit } from "../../src/report/audit.js";
import { chartSpecs, renderSvg } from "../../src/report/charts.js";
import { renderHtml } from "../../src/report/render/html.js";
import {
  drawCharts,
  groupColors,
  metricBarsSvg,
  ratioSvg,
  reliabilitySvg,
  rocSvg,
  worstServedGroup,
} from "../../src/report/svg.js";
import { hostile, twoGroups } from "./fixtures.js";

const attr = (tag: string, name: string) => Number(new RegExp(`${name}="([^"]+)"`).exec(tag)![1]);

describe("charts drawn as SVG", () => {
  it("every HTML report has its charts, drawn by fairscope (no vega)", () => {
    const report = audit(hostile).toJSON();
    expect(drawCharts(report).map((c) => c.id)).toEqual([
      "metrics",
      "ratios",
      "roc",
      "reliability",
    ]);
    expect(renderHtml(report).match(/<svg/g)).toHaveLength(4);
    expect(renderHtml(report, { charts: [] })).not.toContain("<svg");
  });

  it("one colour per group, the same in every chart", () => {
    const report = audit(hostile).toJSON();
    const colors = groupColors(report);
    const labels = report.groups.map((g) => g.label);
    expect(new Set(labels.map((l) => colors.get(l))).size).toBe(labels.length);
    const svgs = [
      metricBarsSvg(report),
      ratioSvg(report)!,
      rocSvg(report)!,
      reliabilitySvg(report)!,
    ];
    for (const label of labels.filter((l) => l !== report.reference)) {
      for (const svg of svgs) expect(svg).toContain(`"${colors.get(label)}"`);
    }
    // The ROC curves in report order, each stroked with its group's colour.
    const strokes = [...rocSvg(report)!.matchAll(/<polyline[^>]*stroke="(#[0-9a-f]{6})"/g)].map(
      (m) => m[1],
    );
    expect(strokes).toEqual(report.roc!.map((c) => colors.get(c.group)));
  });

  it("ratios: b's selection rate 1/4 over a's 1/2, parity line centred in the 0.8–1.25 band", () => {
    // twoGroups: selection rate a = 3/6 (the reference, the larger group), b = 1/4.
    const report = audit(twoGroups).toJSON();
    const svg = ratioSvg(report)!;
    expect(svg).toContain("<title>b: ratio 0.500</title>");
    const band = /<rect [^>]*fill="#dafbe1"\/>/.exec(svg)![0];
    const parity = /<line [^>]*stroke="#000"\/>/.exec(svg)![0];
    // On a log scale 0.8 and 1.25 are equally far from 1.
    expect(attr(band, "x") + attr(band, "width") / 2).toBeCloseTo(attr(parity, "x1"), 0);
    expect(attr(parity, "x1")).toBe(attr(parity, "x2"));
  });

  it("full group labels, escaped, and the worst-served group marked", () => {
    const long = "A group with a very long name that a chart must not cut <off>";
    const input = {
      yTrue: [1, 1, 1, 0, 0, 1, 1, 1],
      yPred: [1, 1, 1, 0, 0, 0, 0, 0],
      sensitiveFeatures: ["a", "a", "a", "a", "a", long, long, long],
    };
    const report = audit(input).toJSON();
    // TPR: a (the reference, the larger group) 3/3, the long-named group 0/3.
    expect(worstServedGroup(report)).toBe(long);
    const svg = metricBarsSvg(report);
    const escaped = "A group with a very long name that a chart must not cut &lt;off&gt;";
    expect(svg).toContain(`fill="#b3261e" font-weight="bold">${escaped}</text>`);
    expect(svg).not.toContain("<off>");
    expect(rocSvg(report)).toBeUndefined();
  });

  it("reliability: each bin's count beside its point and its Wilson interval as a whisker", () => {
    const report = audit(hostile).toJSON();
    const svg = reliabilitySvg(report)!;
    for (const group of report.calibration!.groups) {
      for (const bin of group.bins.filter((b) => b.count > 0 && b.observedRate !== null)) {
        expect(svg).toContain(
          `<title>${bin.count} rows; predicted ${bin.meanPredicted!.toFixed(3)}, observed ${bin.observedRate!.toFixed(3)}</title>`,
        );
      }
    }
    expect(svg).toContain("Whiskers: 95% Wilson intervals");
  });

  it("the Vega-Lite specifications use the same group colours, and vega renders them", async () => {
    const report = audit(hostile).toJSON();
    const colors = groupColors(report);
    for (const chart of chartSpecs(report)) {
      const json = JSON.stringify(chart.spec);
      const scale = /"scale":\{"domain":(\[[^\]]*\]),"range":(\[[^\]]*\])\}/.exec(json)!;
      const domain = JSON.parse(scale[1]!) as string[];
      const range = JSON.parse(scale[2]!) as string[];
      expect(range).toEqual(domain.map((g) => colors.get(g)));
      expect((await renderSvg(chart.spec)).startsWith("<svg")).toBe(true);
    }
  });
});
