/**
 * The report's charts drawn as static SVG by fairscope itself (no renderer to install, no script,
 * no network): metric bars with the reference group's value, ratios to the reference with the
 * 0.8–1.25 band, ROC curves, reliability diagrams with bin counts and intervals, and decision
 * curves. One colour per group across every chart; the worst-served group is marked.
 */
import { escapeXml } from "./escape.js";
import type { FairnessReportData } from "./types.js";

/** A chart drawn as SVG: an id, a caption and standalone `<svg>` markup. */
export interface DrawnChart {
  /** Short id: "metrics", "ratios", "roc", "reliability" or "decisionCurve". */
  readonly id: string;
  /** Caption. */
  readonly title: string;
  /** Standalone `<svg>` markup. */
  readonly svg: string;
}

/** Tableau 10: distinct, colour-blind-aware hues, repeated past ten groups. */
const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];
const OVERALL = "#555555";
const WORST = "#b3261e";
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="11"';
/** Approximate width of one character at 11px (bold), for laying out labels without measuring. */
const CHAR = 7;
/** Left margin of every chart. */
const MARGIN = 8;

/**
 * Each group's colour, in the report's group order (the overall population is grey): the same
 * group has the same colour in every chart.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * groupColors(report).get("b"); // => "#f28e2b"
 */
export function groupColors(report: FairnessReportData): Map<string, string> {
  const colors = new Map(report.groups.map((g, i) => [g.label, PALETTE[i % PALETTE.length]!]));
  colors.set("overall", OVERALL);
  return colors;
}

/**
 * The worst-served group: the group of the most severe headline finding that is a harm (served
 * worse than the reference), or undefined when no headline names a harm.
 *
 * @example
 * const report = audit({ yTrue: [1, 1, 1, 1], yPred: [1, 1, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * worstServedGroup(report); // => "b"
 */
export function worstServedGroup(report: FairnessReportData): string | undefined {
  const rank = { warning: 0, notice: 1, info: 2 } as const;
  const harms = report.findings
    .filter((f) => f.headline && f.kind === "harm" && f.group !== undefined)
    .sort((a, b) => rank[a.severity] - rank[b.severity]);
  return harms[0]?.group;
}

/** An interval's bounds, when both are defined. */
function bounds(
  interval: { readonly lower: number | null; readonly upper: number | null } | undefined,
): [number, number] | undefined {
  if (!interval || interval.lower === null || interval.upper === null) return undefined;
  return [interval.lower, interval.upper];
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);
const num = (x: number) => (Math.round(x * 10) / 10).toString();

function svgDocument(width: number, height: number, label: string, body: string[]): string {
  const w = width + 2 * MARGIN;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${num(w)}" height="${num(height)}" viewBox="0 0 ${num(w)} ${num(height)}" role="img" aria-label="${escapeXml(label)}" ${FONT}>\n<rect width="100%" height="100%" fill="#fff"/>\n<g transform="translate(${MARGIN} 0)">\n${body.join("\n")}\n</g>\n</svg>`;
}

/** A chart document with a grey note under the plot, as wide as the note needs. */
function notedDocument(
  layout: { readonly width: number; readonly height: number },
  label: string,
  body: string[],
  note: string,
): string {
  body.push(text(0, layout.height + 12, note, { fill: "#57606a" }));
  return svgDocument(Math.max(layout.width, note.length * 5.8), layout.height + 20, label, body);
}

/** The note's sentence naming the worst-served group, or nothing. */
const worstNote = (worst: string | undefined) =>
  worst === undefined ? "" : ` Red label: the worst-served group, ${worst}.`;

function text(
  x: number,
  y: number,
  content: string,
  attrs: Readonly<Record<string, string | number>> = {},
): string {
  const extra = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join("");
  return `<text x="${num(x)}" y="${num(y)}"${extra}>${escapeXml(content)}</text>`;
}

function line(x1: number, y1: number, x2: number, y2: number, style: string): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" ${style}/>`;
}

function polyline(points: readonly (readonly [number, number])[], style: string): string {
  return `<polyline fill="none" points="${points.map(([x, y]) => `${num(x)},${num(y)}`).join(" ")}" ${style}/>`;
}

/** A linear map from [d0, d1] to [r0, r1]. */
const linear =
  (d0: number, d1: number, r0: number, r1: number) =>
  (v: number): number =>
    r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);

/** A square unit plot (both axes 0–1) at (x, y) of side `size`, with axis titles and ticks. */
function unitFrame(x: number, y: number, size: number, xTitle: string, yTitle: string): string[] {
  const out: string[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const px = x + t * size;
    const py = y + size - t * size;
    out.push(line(px, y, px, y + size, 'stroke="#eaeef2"'));
    out.push(line(x, py, x + size, py, 'stroke="#eaeef2"'));
    out.push(text(px, y + size + 13, fmt(t), { "text-anchor": "middle", fill: "#57606a" }));
    out.push(text(x - 5, py + 4, fmt(t), { "text-anchor": "end", fill: "#57606a" }));
  }
  out.push(
    `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="none" stroke="#8c959f"/>`,
  );
  out.push(text(x + size / 2, y + size + 28, xTitle, { "text-anchor": "middle" }));
  out.push(
    text(x - 30, y + size / 2, yTitle, {
      "text-anchor": "middle",
      transform: `rotate(-90 ${num(x - 30)} ${num(y + size / 2)})`,
    }),
  );
  out.push(line(x, y + size, x + size, y, 'stroke="#8c959f" stroke-dasharray="4 4"'));
  return out;
}

/** A legend of group colours, one entry per line, at (x, y); marks the worst-served group. */
function groupLegend(
  x: number,
  y: number,
  groups: readonly string[],
  colors: ReadonlyMap<string, string>,
  worst: string | undefined,
): string[] {
  return groups.flatMap((g, i) => [
    `<rect x="${x}" y="${y + i * 16 - 9}" width="12" height="10" fill="${colors.get(g) ?? OVERALL}"/>`,
    text(
      x + 17,
      y + i * 16,
      g === worst ? `${g} (worst served)` : g,
      g === worst ? worstStyle : {},
    ),
  ]);
}

const worstStyle = { fill: WORST, "font-weight": "bold" } as const;

function legendWidth(groups: readonly string[], worst: string | undefined): number {
  const longest = Math.max(
    ...groups.map((g) => (g === worst ? g.length + 15 : g.length)),
    "Group".length,
  );
  return 30 + longest * CHAR;
}

/** Metrics drawn as bars: the ones bounded in [0, 1] (counts have their own scale). */
function barMetrics(report: FairnessReportData): FairnessReportData["metrics"] {
  return report.metrics.filter((m) => m.range[0] === 0 && m.range[1] === 1);
}

/** Lays out `n` panels of the given size in rows of at most `maxWidth`. */
function grid(n: number, width: number, height: number, maxWidth = 1060) {
  const columns = Math.max(1, Math.min(n, Math.floor(maxWidth / width)));
  return {
    at: (i: number) => [(i % columns) * width, Math.floor(i / columns) * height] as const,
    width: columns * width,
    height: Math.ceil(n / columns) * height,
  };
}

/**
 * Per-group bars of each [0, 1]-bounded metric, with interval whiskers, the reference group's
 * value as a dashed line, pale bars for small groups and the worst-served group's label in red.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * metricBarsSvg(report).startsWith("<svg"); // => true
 */
export function metricBarsSvg(report: FairnessReportData): string {
  const colors = groupColors(report);
  const worst = worstServedGroup(report);
  const groups = report.groups.filter((g) => g.count > 0);
  const metrics = barMetrics(report);
  const labelWidth = 12 + groups.reduce((m, g) => Math.max(m, g.label.length), 4) * CHAR;
  const plot = 180;
  const row = 16;
  const panelWidth = labelWidth + plot + 24;
  const panelHeight = 40 + groups.length * row + 16;
  const layout = grid(metrics.length, panelWidth, panelHeight);
  const reference = report.reference;
  const body: string[] = [];
  metrics.forEach((m, i) => {
    const [ox, oy] = layout.at(i);
    const x0 = ox + labelWidth;
    const scale = linear(0, 1, x0, x0 + plot);
    const top = oy + 30;
    body.push(text(x0, oy + 16, m.name, { "font-weight": "bold" }));
    for (const t of [0, 0.5, 1]) {
      body.push(line(scale(t), top - 4, scale(t), top + groups.length * row, 'stroke="#eaeef2"'));
      body.push(
        text(scale(t), top + groups.length * row + 12, fmt(t), {
          "text-anchor": "middle",
          fill: "#57606a",
        }),
      );
    }
    groups.forEach((g, r) => {
      const y = top + r * row;
      const e = g.values[m.id];
      const isWorst = g.label === worst;
      body.push(
        text(x0 - 6, y + 11, g.label, {
          "text-anchor": "end",
          ...(isWorst ? worstStyle : g.label === reference ? { "font-weight": "bold" } : {}),
        }),
      );
      if (e?.value === null || e?.value === undefined) {
        body.push(text(x0 + 4, y + 11, "n/a", { fill: "#8c959f" }));
        return;
      }
      const value = Math.min(1, Math.max(0, e.value));
      body.push(
        `<rect x="${num(x0)}" y="${y + 2}" width="${num(scale(value) - x0)}" height="${row - 4}" fill="${colors.get(g.label)}"${g.small ? ' fill-opacity="0.4"' : ""}><title>${escapeXml(`${g.label}: ${e.value.toFixed(3)}`)}</title></rect>`,
      );
      const interval = bounds(e.interval);
      if (interval) {
        const lo = scale(Math.max(0, interval[0]));
        const hi = scale(Math.min(1, interval[1]));
        const mid = y + row / 2;
        body.push(line(lo, mid, hi, mid, 'stroke="#222"'));
        body.push(line(lo, mid - 3, lo, mid + 3, 'stroke="#222"'));
        body.push(line(hi, mid - 3, hi, mid + 3, 'stroke="#222"'));
      }
    });
    const ref =
      reference === "overall"
        ? report.overall[m.id]?.value
        : groups.find((g) => g.label === reference)?.values[m.id]?.value;
    if (ref !== null && ref !== undefined) {
      const x = scale(Math.min(1, Math.max(0, ref)));
      body.push(
        line(x, top - 4, x, top + groups.length * row, 'stroke="#000" stroke-dasharray="3 3"'),
      );
    }
  });
  const note = `Dashed line: the reference ${reference === "overall" ? "(all rows)" : `group ${reference}`}. Whiskers: 95% intervals. Pale bars: small groups.${worstNote(worst)}`;
  return notedDocument(layout, "Metric values by group", body, note);
}

/**
 * Each group's ratio to the reference group for each metric with a disparity, on a log scale,
 * with the line of parity (1) and the 0.8–1.25 band (the four-fifths rule and its inverse, as
 * in fairmodels). Undefined when the report has no ratios.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 1, 1], sensitiveFeatures: ["a", "a", "b", "b"] });
 * ratioSvg(report)?.includes("0.8"); // => true
 */
export function ratioSvg(report: FairnessReportData): string | undefined {
  const names = new Map(report.metrics.map((m) => [m.id, m.name]));
  const bars = new Set(barMetrics(report).map((m) => m.id));
  const panels = report.disparities
    .filter((d) => bars.has(d.metric))
    .map((d) => ({ metric: d.metric, gaps: d.gaps }))
    .filter((p) => p.gaps.some((g) => g.ratio.value !== null && Number.isFinite(g.ratio.value)));
  if (panels.length === 0) return undefined;
  const colors = groupColors(report);
  const worst = worstServedGroup(report);
  const ratios = panels
    .flatMap((p) => p.gaps.map((g) => g.ratio.value))
    .filter((v): v is number => v !== null && Number.isFinite(v) && v > 0);
  const lowest = Math.max(
    1 / 16,
    ratios.reduce((m, r) => Math.min(m, r), 0.5),
  );
  const highest = Math.min(
    16,
    ratios.reduce((m, r) => Math.max(m, r), 2),
  );
  const labels = panels.flatMap((p) => p.gaps.map((g) => g.group));
  const labelWidth = 12 + labels.reduce((m, l) => Math.max(m, l.length), 4) * CHAR;
  const plot = 200;
  const row = 16;
  const rows = panels.reduce((m, p) => Math.max(m, p.gaps.length), 0);
  const panelWidth = labelWidth + plot + 24;
  const panelHeight = 40 + rows * row + 16;
  const layout = grid(panels.length, panelWidth, panelHeight);
  const body: string[] = [];
  panels.forEach((p, i) => {
    const [ox, oy] = layout.at(i);
    const x0 = ox + labelWidth;
    const scale = linear(Math.log(lowest), Math.log(highest), x0, x0 + plot);
    const at = (v: number) => scale(Math.log(Math.min(highest, Math.max(lowest, v))));
    const top = oy + 30;
    const bottom = top + p.gaps.length * row;
    body.push(text(x0, oy + 16, names.get(p.metric) ?? p.metric, { "font-weight": "bold" }));
    body.push(
      `<rect x="${num(at(0.8))}" y="${top - 4}" width="${num(at(1.25) - at(0.8))}" height="${bottom - top + 4}" fill="#dafbe1"/>`,
    );
    for (const t of [1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8, 16].filter(
      (t) => t >= lowest && t <= highest,
    )) {
      const label = t < 1 ? `1/${Math.round(1 / t)}` : fmt(t);
      body.push(text(at(t), bottom + 12, label, { "text-anchor": "middle", fill: "#57606a" }));
    }
    body.push(line(at(1), top - 4, at(1), bottom, 'stroke="#000"'));
    p.gaps.forEach((g, r) => {
      const y = top + r * row;
      const mid = y + row / 2;
      const isWorst = g.group === worst;
      body.push(
        text(x0 - 6, y + 11, g.group, { "text-anchor": "end", ...(isWorst ? worstStyle : {}) }),
      );
      const value = g.ratio.value;
      if (value === null || Number.isNaN(value)) {
        body.push(text(x0 + 4, y + 11, "n/a", { fill: "#8c959f" }));
        return;
      }
      const interval = bounds(g.ratio.interval);
      if (interval) body.push(line(at(interval[0]), mid, at(interval[1]), mid, 'stroke="#222"'));
      // A ratio beyond the axis (0 or very large) sits at its end as a hollow point.
      const inside = value >= lowest && value <= highest;
      const color = colors.get(g.group) ?? OVERALL;
      body.push(
        `<circle cx="${num(at(value))}" cy="${num(mid)}" r="4.5" fill="${inside ? color : "#fff"}" stroke="${inside ? "#222" : color}" stroke-width="${inside ? 0.5 : 2}"><title>${escapeXml(`${g.group}: ratio ${value.toFixed(3)}`)}</title></circle>`,
      );
    });
  });
  const note = `Ratio of each group's value to the reference ${report.reference} (log scale). Black line: parity (1). Green band: 0.8 to 1.25. Hollow points: beyond the axis.${worstNote(worst)}`;
  return notedDocument(layout, "Ratios to the reference group", body, note);
}

/**
 * ROC curves per group with the diagonal of a random classifier. Undefined when the report has
 * no scores.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yScore: [0.9, 0.2, 0.4, 0.6], sensitiveFeatures: ["a", "a", "b", "b"] });
 * rocSvg(report)?.includes("polyline"); // => true
 */
export function rocSvg(report: FairnessReportData): string | undefined {
  if (!report.roc || report.roc.length === 0) return undefined;
  const colors = groupColors(report);
  const worst = worstServedGroup(report);
  const size = 300;
  const x = 50;
  const y = 10;
  const body = unitFrame(x, y, size, "False positive rate", "True positive rate");
  for (const curve of report.roc) {
    const points = curve.points.map(
      (p) => [x + p.falsePositiveRate * size, y + size - p.truePositiveRate * size] as const,
    );
    body.push(
      polyline(
        points,
        `stroke="${colors.get(curve.group) ?? OVERALL}" stroke-width="${curve.group === worst ? 3 : 1.6}"`,
      ),
    );
  }
  const groups = report.roc.map((c) => c.group);
  body.push(...groupLegend(x + size + 20, y + 12, groups, colors, worst));
  return svgDocument(
    x + size + 20 + legendWidth(groups, worst),
    Math.max(y + size + 40, y + 12 + groups.length * 16),
    "ROC curves by group",
    body,
  );
}

/**
 * Reliability diagrams, one panel per group (and one for all rows): each score bin's mean
 * predicted probability against its observed positive rate, the point's area proportional to
 * the bin's rows (the count is written beside it), its Wilson interval as a whisker, and the
 * diagonal of perfect calibration. Undefined when the report has no calibration section.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yScore: [0.9, 0.2, 0.4, 0.6], sensitiveFeatures: ["a", "a", "b", "b"] });
 * reliabilitySvg(report)?.includes("Observed positive rate"); // => true
 */
export function reliabilitySvg(report: FairnessReportData): string | undefined {
  const section = report.calibration;
  if (!section || section.groups.length === 0) return undefined;
  const colors = groupColors(report);
  const worst = worstServedGroup(report);
  const size = 200;
  const panelWidth = size + 90;
  const panelHeight = size + 70;
  const layout = grid(section.groups.length, panelWidth, panelHeight);
  const largest = section.groups.reduce(
    (m, g) => g.bins.reduce((n, b) => Math.max(n, b.count), m),
    1,
  );
  const body: string[] = [];
  section.groups.forEach((g, i) => {
    const [ox, oy] = layout.at(i);
    const x = ox + 50;
    const y = oy + 22;
    const color = colors.get(g.group) ?? OVERALL;
    const title = i === 0 ? "All rows" : g.group;
    body.push(
      text(x, oy + 14, g.group === worst ? `${title} (worst served)` : title, {
        "font-weight": "bold",
        ...(g.group === worst ? { fill: WORST } : {}),
      }),
    );
    body.push(...unitFrame(x, y, size, "Mean predicted probability", "Observed positive rate"));
    const bins = g.bins.filter(
      (b) => b.count > 0 && b.meanPredicted !== null && b.observedRate !== null,
    );
    const px = (v: number) => x + v * size;
    const py = (v: number) => y + size - v * size;
    body.push(
      polyline(
        bins.map((b) => [px(b.meanPredicted!), py(b.observedRate!)] as const),
        `stroke="${color}" stroke-width="1" stroke-opacity="0.6"`,
      ),
    );
    for (const b of bins) {
      const cx = px(b.meanPredicted!);
      const cy = py(b.observedRate!);
      const interval = bounds(b.interval);
      if (interval) body.push(line(cx, py(interval[0]), cx, py(interval[1]), `stroke="${color}"`));
      const r = 2 + 6 * Math.sqrt(b.count / largest);
      body.push(
        `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" fill="${color}" fill-opacity="0.75"><title>${escapeXml(`${b.count} rows; predicted ${b.meanPredicted!.toFixed(3)}, observed ${b.observedRate!.toFixed(3)}`)}</title></circle>`,
      );
      body.push(text(cx + r + 2, cy + 3, String(b.count), { fill: "#57606a", "font-size": 9 }));
    }
  });
  const note =
    "Point area and the number beside it: rows in the score bin. Whiskers: 95% Wilson intervals. Dashed: perfect calibration.";
  return notedDocument(layout, "Reliability by group", body, note);
}

/**
 * Decision curves, one panel per group: net benefit of treating by the model, of treating
 * everyone and of treating no one against the threshold probability, with the decision
 * thresholds marked. Undefined when the report has no net-benefit section.
 *
 * @example
 * const report = audit(
 *   { yTrue: [1, 0, 1, 0], yScore: [0.9, 0.2, 0.4, 0.6], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { netBenefit: { thresholds: [0.3] }, intervals: false },
 * );
 * decisionCurveSvg(report)?.includes("Net benefit"); // => true
 */
export function decisionCurveSvg(report: FairnessReportData): string | undefined {
  const section = report.netBenefit;
  if (!section || section.groups.length === 0) return undefined;
  const colors = groupColors(report);
  const floor = -0.05;
  const top = section.groups.reduce((m, g) => Math.max(m, g.prevalence ?? 0), 0.05);
  const width = 220;
  const height = 160;
  const layout = grid(section.groups.length, width + 80, height + 70);
  const body: string[] = [];
  section.groups.forEach((g, i) => {
    const [ox, oy] = layout.at(i);
    const x = ox + 55;
    const y = oy + 22;
    const px = linear(0, 1, x, x + width);
    const py = (v: number) => linear(floor, top, y + height, y)(Math.min(top, Math.max(floor, v)));
    body.push(text(x, oy + 14, i === 0 ? "All rows" : g.group, { "font-weight": "bold" }));
    body.push(
      `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="none" stroke="#8c959f"/>`,
    );
    for (const t of [0, 0.5, 1]) {
      body.push(text(px(t), y + height + 13, fmt(t), { "text-anchor": "middle", fill: "#57606a" }));
    }
    for (const t of [floor, 0, top]) {
      body.push(text(x - 5, py(t) + 4, fmt(t), { "text-anchor": "end", fill: "#57606a" }));
    }
    body.push(
      text(x + width / 2, y + height + 28, "Threshold probability", { "text-anchor": "middle" }),
    );
    body.push(
      text(x - 38, y + height / 2, "Net benefit", {
        "text-anchor": "middle",
        transform: `rotate(-90 ${num(x - 38)} ${num(y + height / 2)})`,
      }),
    );
    body.push(line(x, py(0), x + width, py(0), 'stroke="#000" stroke-width="1"'));
    const curve = (pick: (p: (typeof g.curve)[number]) => number | null) =>
      g.curve
        .filter((p) => pick(p) !== null && pick(p)! >= floor)
        .map((p) => [px(p.threshold), py(pick(p)!)] as const);
    body.push(
      polyline(
        curve((p) => p.treatAll),
        'stroke="#8c959f" stroke-dasharray="5 3"',
      ),
    );
    body.push(
      polyline(
        curve((p) => p.netBenefit),
        `stroke="${colors.get(g.group) ?? OVERALL}" stroke-width="2"`,
      ),
    );
    for (const p of g.atThresholds) {
      if (p.netBenefit.value === null) continue;
      body.push(
        `<circle cx="${num(px(p.threshold))}" cy="${num(py(p.netBenefit.value))}" r="3.5" fill="#000"/>`,
      );
    }
  });
  const note =
    "Coloured: treat by the model. Grey dashed: treat everyone. Black: treat no one. Dots: the decision thresholds.";
  return notedDocument(layout, "Decision curves by group", body, note);
}

/**
 * Every chart of a report, drawn as SVG: metric bars, ratios to the reference (with gaps), ROC
 * curves (with scores), reliability diagrams (with a calibration section), decision curves (with
 * net benefit).
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yScore: [0.9, 0.2, 0.4, 0.6], sensitiveFeatures: ["a", "a", "b", "b"] });
 * drawCharts(report).map((c) => c.id); // => ["metrics", "ratios", "roc", "reliability"]
 */
export function drawCharts(report: FairnessReportData): DrawnChart[] {
  const charts: DrawnChart[] = [
    { id: "metrics", title: "Metric values by group", svg: metricBarsSvg(report) },
  ];
  const optional = [
    { id: "ratios", title: "Ratios to the reference group", svg: ratioSvg(report) },
    { id: "roc", title: "ROC curves by group", svg: rocSvg(report) },
    { id: "reliability", title: "Reliability by group", svg: reliabilitySvg(report) },
    { id: "decisionCurve", title: "Decision curves by group", svg: decisionCurveSvg(report) },
  ];
  for (const c of optional) if (c.svg !== undefined) charts.push({ ...c, svg: c.svg });
  return charts;
}
