/**
 * Charts as data: Vega-Lite specifications built from a report (for notebooks and Vega users),
 * their rendering by vega / vega-lite (optional, imported only by `renderSvg`), and the report's
 * charts as SVG drawn by fairscope itself (`renderCharts`, always available).
 */

import { drawCharts, groupColors } from "./svg.js";
import type { FairnessReportData } from "./types.js";

/** A Vega-Lite (v5/v6) specification, as plain JSON. */
export type VegaLiteSpec = Readonly<Record<string, unknown>>;

/** A chart of a report: an id, a title and its Vega-Lite specification. */
export interface ChartSpec {
  /** Short id: "metrics", "roc", "reliability" or "decisionCurve". */
  readonly id: string;
  /** Caption. */
  readonly title: string;
  /** The Vega-Lite specification, data inlined. */
  readonly spec: VegaLiteSpec;
}

/** A chart rendered to SVG markup. */
export interface RenderedChart {
  /** The {@link ChartSpec}'s id. */
  readonly id: string;
  /** Caption. */
  readonly title: string;
  /** Standalone `<svg>` markup. */
  readonly svg: string;
}

/** One point of a threshold trade-off curve (e.g. from a threshold optimizer). */
export interface TradeoffPoint {
  /** The curve the point belongs to (one curve, "all", when absent). */
  readonly group?: string;
  /** The threshold that gives the point; points are joined in threshold order. */
  readonly threshold: number;
  /** The x-axis measure (e.g. a disparity). */
  readonly x: number;
  /** The y-axis measure (e.g. accuracy). */
  readonly y: number;
}

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** The dashed y = x line of ROC curves (chance) and reliability diagrams (perfect calibration). */
const DIAGONAL = {
  data: {
    values: [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ],
  },
  mark: { type: "line", color: "#aaa", strokeDash: [4, 4] },
  encoding: {
    x: { field: "x", type: "quantitative" },
    y: { field: "y", type: "quantitative" },
  },
};
const FONT = { font: "system-ui, sans-serif", labelFont: "system-ui, sans-serif" };
const CONFIG = {
  font: FONT.font,
  axis: { labelFont: FONT.labelFont, titleFont: FONT.font, labelLimit: 130 },
  legend: { labelFont: FONT.labelFont, titleFont: FONT.font, labelLimit: 220 },
  header: { labelFont: FONT.font, titleFont: FONT.font },
  view: { stroke: null },
};

/**
 * The colour scale of the groups, the same in every specification and in the drawn charts (one
 * colour per group, the overall population grey).
 */
function groupScale(report: FairnessReportData): { domain: string[]; range: string[] } {
  const colors = [...groupColors(report)];
  return { domain: colors.map(([g]) => g), range: colors.map(([, c]) => c) };
}

/** A quantitative axis over [0, 1]. */
function unitAxis(field: string, title: string) {
  return { field, type: "quantitative", title, scale: { domain: [0, 1] } };
}

/** Colour by group, in the report's group colours, with the legend titled "Group". */
function groupColor(report: FairnessReportData) {
  return { field: "group", type: "nominal", title: "Group", sort: null, scale: groupScale(report) };
}

/** Metrics drawn as bars: the ones bounded in [0, 1] (counts have their own scale). */
function barMetrics(report: FairnessReportData): string[] {
  return report.metrics.filter((m) => m.range[0] === 0 && m.range[1] === 1).map((m) => m.id);
}

/**
 * Per-group bars of each [0, 1]-bounded metric (one colour per group, pale for small groups),
 * with interval whiskers when the report has intervals, and the reference group's value as a
 * dashed rule.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * metricBarsSpec(report).columns; // => 3
 */
export function metricBarsSpec(report: FairnessReportData): VegaLiteSpec {
  const names = new Map(report.metrics.map((m) => [m.id, m.name]));
  const ids = barMetrics(report);
  const referenceValues =
    report.reference === "overall"
      ? report.overall
      : report.groups.find((g) => g.label === report.reference)?.values;
  const values = report.groups
    .filter((g) => g.count > 0)
    .flatMap((g) =>
      ids.map((id) => {
        const e = g.values[id];
        return {
          group: g.label,
          metric: names.get(id)!,
          reference: referenceValues?.[id]?.value ?? null,
          value: e?.value ?? null,
          low: e?.interval?.lower ?? null,
          high: e?.interval?.upper ?? null,
          small: g.small,
        };
      }),
    );
  const hasIntervals = values.some((v) => v.low !== null);
  const y = { field: "group", type: "nominal", title: null, sort: null };
  return {
    $schema: SCHEMA,
    description: "Metric values per group",
    data: { values },
    facet: {
      field: "metric",
      type: "nominal",
      title: null,
      sort: ids.map((id) => names.get(id)!),
    },
    columns: 3,
    resolve: { axis: { y: "independent" } },
    spec: {
      width: 170,
      height: { step: 16 },
      layer: [
        {
          mark: { type: "bar" },
          encoding: {
            color: { field: "group", type: "nominal", scale: groupScale(report), legend: null },
            y,
            x: { field: "value", type: "quantitative", scale: { domain: [0, 1] }, title: null },
            opacity: {
              field: "small",
              type: "nominal",
              scale: { domain: [false, true], range: [1, 0.4] },
              legend: null,
            },
            tooltip: [
              { field: "group", type: "nominal" },
              { field: "value", type: "quantitative", format: ".3f" },
            ],
          },
        },
        {
          mark: { type: "rule", color: "#000", strokeDash: [3, 3] },
          encoding: { x: { aggregate: "min", field: "reference", type: "quantitative" } },
        },
        ...(hasIntervals
          ? [
              {
                mark: { type: "rule", color: "#222" },
                encoding: {
                  y,
                  x: { field: "low", type: "quantitative" },
                  x2: { field: "high" },
                },
              },
            ]
          : []),
      ],
    },
    config: CONFIG,
  };
}

/**
 * ROC curves per group (false positive rate against true positive rate), with the diagonal of
 * a random classifier. Undefined when the report has no scores.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * rocSpec(report); // => undefined
 */
export function rocSpec(report: FairnessReportData): VegaLiteSpec | undefined {
  if (!report.roc || report.roc.length === 0) return undefined;
  const values = report.roc.flatMap((c) =>
    c.points.map((p, order) => ({
      group: c.group,
      order,
      falsePositiveRate: p.falsePositiveRate,
      truePositiveRate: p.truePositiveRate,
    })),
  );
  return {
    $schema: SCHEMA,
    description: "ROC curve per group",
    width: 320,
    height: 320,
    layer: [
      DIAGONAL,
      {
        data: { values },
        mark: { type: "line", interpolate: "linear" },
        encoding: {
          x: unitAxis("falsePositiveRate", "False positive rate"),
          y: unitAxis("truePositiveRate", "True positive rate"),
          color: groupColor(report),
          order: { field: "order", type: "quantitative" },
        },
      },
    ],
    config: CONFIG,
  };
}

/**
 * Reliability diagram per group: mean predicted probability against the observed positive
 * rate in each score bin (point size = rows in the bin), with the diagonal of perfect
 * calibration; with the calibration hierarchy, also each group's smooth (lowess) calibration
 * curve, dashed, and its pointwise bootstrap band. Undefined when the report has no calibration
 * section.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * reliabilitySpec(report); // => undefined
 */
export function reliabilitySpec(report: FairnessReportData): VegaLiteSpec | undefined {
  const section = report.calibration;
  if (!section || section.groups.length === 0) return undefined;
  const values = section.groups.flatMap((g) =>
    g.bins
      .filter((b) => b.count > 0 && b.meanPredicted !== null && b.observedRate !== null)
      .map((b) => ({
        group: g.group,
        meanPredicted: b.meanPredicted,
        observedRate: b.observedRate,
        count: b.count,
      })),
  );
  return {
    $schema: SCHEMA,
    description: "Reliability diagram per group",
    width: 320,
    height: 320,
    layer: [
      DIAGONAL,
      {
        data: { values },
        mark: { type: "line", point: true },
        encoding: {
          x: unitAxis("meanPredicted", "Mean predicted probability"),
          y: unitAxis("observedRate", "Observed positive rate"),
          color: groupColor(report),
          size: { field: "count", type: "quantitative", title: "Rows in bin" },
          tooltip: [
            { field: "group", type: "nominal" },
            { field: "count", type: "quantitative", title: "Rows in bin" },
          ],
        },
      },
      ...smoothLayers(report),
    ],
    config: CONFIG,
  };
}

/** The smooth (lowess) calibration curves with their bands, when the report has the hierarchy. */
function smoothLayers(report: FairnessReportData): Record<string, unknown>[] {
  const section = report.calibrationHierarchy;
  if (!section) return [];
  const values = section.groups.flatMap((g) =>
    g.smoothCurve.filter((p) => p.observed !== null).map((p) => ({ group: g.group, ...p })),
  );
  const x = { field: "predicted", type: "quantitative", scale: { domain: [0, 1] } };
  const color = groupColor(report);
  return [
    {
      data: { values: values.filter((v) => v.lower !== null && v.upper !== null) },
      mark: { type: "area", opacity: 0.15, clip: true },
      encoding: {
        x,
        y: { field: "lower", type: "quantitative" },
        y2: { field: "upper" },
        color,
      },
    },
    {
      data: { values },
      mark: { type: "line", strokeDash: [6, 2], clip: true },
      encoding: { x, y: { field: "observed", type: "quantitative" }, color },
    },
  ];
}

/**
 * Decision curves, one panel per group (and one for all rows): net benefit of treating by the
 * model, of treating everyone and of treating no one against the threshold probability, with
 * the decision thresholds marked. Values below −0.05 (treat-all at high thresholds) are left
 * out so the panels keep a readable scale. Undefined when the report has no net-benefit section.
 *
 * @example
 * const report = audit(
 *   { yTrue: [1, 0, 1, 0], yScore: [0.9, 0.2, 0.4, 0.6], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { netBenefit: { thresholds: [0.3] }, intervals: false },
 * );
 * decisionCurveSpec(report)?.facet; // => { field: "group", type: "nominal", title: "Group", sort: null }
 */
export function decisionCurveSpec(report: FairnessReportData): VegaLiteSpec | undefined {
  const section = report.netBenefit;
  if (!section || section.groups.length === 0) return undefined;
  const floor = -0.05;
  const top = section.groups.map((g) => g.prevalence ?? 0).reduce((a, b) => Math.max(a, b), 0.05);
  const values = section.groups.flatMap((g) => [
    ...g.curve.flatMap((p) => [
      { group: g.group, threshold: p.threshold, strategy: "model", netBenefit: p.netBenefit },
      { group: g.group, threshold: p.threshold, strategy: "treat all", netBenefit: p.treatAll },
      { group: g.group, threshold: p.threshold, strategy: "treat none", netBenefit: 0 },
    ]),
    ...g.atThresholds.map((p) => ({
      group: g.group,
      threshold: p.threshold,
      strategy: "decision threshold",
      netBenefit: p.netBenefit.value,
    })),
  ]);
  const x = unitAxis("threshold", "Threshold probability");
  const y = {
    field: "netBenefit",
    type: "quantitative",
    title: "Net benefit",
    scale: { domain: [floor, top] },
  };
  return {
    $schema: SCHEMA,
    description:
      "Decision curves by group: net benefit of the model, treat all and treat none by threshold probability",
    data: {
      values: values.filter((v) => v.netBenefit !== null && v.netBenefit >= floor),
    },
    facet: { field: "group", type: "nominal", title: "Group", sort: null },
    columns: 3,
    spec: {
      width: 240,
      height: 200,
      layer: [
        {
          transform: [{ filter: "datum.strategy !== 'decision threshold'" }],
          mark: { type: "line", clip: true },
          encoding: {
            x,
            y,
            color: { field: "strategy", type: "nominal", title: "Strategy" },
            strokeDash: { field: "strategy", type: "nominal", title: "Strategy" },
          },
        },
        {
          transform: [{ filter: "datum.strategy === 'decision threshold'" }],
          mark: { type: "point", filled: true, color: "#000" },
          encoding: {
            x,
            y,
            tooltip: [
              { field: "threshold", type: "quantitative", title: "pt" },
              { field: "netBenefit", type: "quantitative", format: ".4f", title: "Net benefit" },
            ],
          },
        },
      ],
    },
    config: CONFIG,
  };
}

/**
 * A threshold trade-off curve: one line per group (or one line), with the threshold in the
 * tooltip.
 *
 * @example
 * tradeoffSpec([{ threshold: 0.5, x: 0.1, y: 0.8 }], { x: "Disparity", y: "Accuracy" }).mark;
 * // => { type: "line", point: true }
 */
export function tradeoffSpec(
  points: readonly TradeoffPoint[],
  titles: { readonly x: string; readonly y: string },
): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    description: "Threshold trade-off curve",
    width: 320,
    height: 320,
    data: { values: points.map((p) => ({ ...p, group: p.group ?? "all" })) },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "x", type: "quantitative", title: titles.x },
      y: { field: "y", type: "quantitative", title: titles.y },
      color: { field: "group", type: "nominal", title: "Group", sort: null },
      order: { field: "threshold", type: "quantitative" },
      tooltip: [
        { field: "group", type: "nominal" },
        { field: "threshold", type: "quantitative", format: ".3f" },
      ],
    },
    config: CONFIG,
  };
}

/**
 * The charts of a report, as Vega-Lite specifications: metric bars, ROC curves (with scores),
 * reliability diagrams (with a calibration section), decision curves (with net benefit).
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yScore: [0.9, 0.2, 0.4, 0.6], sensitiveFeatures: ["a", "a", "b", "b"] });
 * chartSpecs(report).map((c) => c.id); // => ["metrics", "roc", "reliability"]
 */
export function chartSpecs(report: FairnessReportData): ChartSpec[] {
  const charts: ChartSpec[] = [
    { id: "metrics", title: "Metric values by group", spec: metricBarsSpec(report) },
  ];
  const roc = rocSpec(report);
  if (roc) charts.push({ id: "roc", title: "ROC curves by group", spec: roc });
  const reliability = reliabilitySpec(report);
  if (reliability) {
    charts.push({ id: "reliability", title: "Reliability by group", spec: reliability });
  }
  const decision = decisionCurveSpec(report);
  if (decision) {
    charts.push({ id: "decisionCurve", title: "Decision curves by group", spec: decision });
  }
  return charts;
}

interface VegaModule {
  parse(spec: unknown): unknown;
  View: new (
    runtime: unknown,
    options: { renderer: "none"; logLevel: number },
  ) => { toSVG(): Promise<string>; finalize(): void };
}
interface VegaLiteModule {
  compile(spec: unknown, options: { logger: unknown }): { spec: unknown };
}

/** Vega-Lite's logger interface, silent: a library must not print. */
const SILENT = {
  level() {
    return SILENT;
  },
  error() {
    return SILENT;
  },
  warn() {
    return SILENT;
  },
  info() {
    return SILENT;
  },
  debug() {
    return SILENT;
  },
};

/**
 * Imports an optional peer dependency at run time. The specifier is a variable (and the comments
 * tell webpack and Vite to leave the call alone) so that bundlers neither follow it nor fail
 * when the package is not installed.
 */
function importOptional(specifier: string): Promise<unknown> {
  return import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);
}

/**
 * Renders one Vega-Lite specification to static SVG markup with vega and vega-lite (optional
 * peer dependencies, imported on first use). Text is escaped by vega's SVG writer.
 *
 * @throws Error naming the packages to install when vega or vega-lite is missing
 * @example
 * const svg = renderSvg(tradeoffSpec([{ threshold: 0.5, x: 0.1, y: 0.8 }], { x: "Gap", y: "Accuracy" }));
 * svg instanceof Promise; // => true
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  let vega: VegaModule;
  let vegaLite: VegaLiteModule;
  try {
    [vega, vegaLite] = (await Promise.all([
      importOptional("vega"),
      importOptional("vega-lite"),
    ])) as [VegaModule, VegaLiteModule];
  } catch (cause) {
    throw new Error(
      "renderSvg: charts need the packages vega and vega-lite (npm install vega vega-lite)",
      {
        cause,
      },
    );
  }
  const compiled = vegaLite.compile(spec, { logger: SILENT }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logLevel: 0 });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Every chart of a report as SVG markup, drawn by fairscope itself (see `drawCharts`: no
 * renderer to install). For Vega's own rendering of a specification, use {@link renderSvg}.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * renderCharts(report) instanceof Promise; // => true
 */
export async function renderCharts(report: FairnessReportData): Promise<RenderedChart[]> {
  return drawCharts(report);
}
