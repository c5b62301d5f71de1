/**
 * Reports: `audit`, the report schema, findings, charts and renderers (the `fairscope/report`
 * subpath).
 */

export { audit } from "./audit.js";
export { CRITERION_GUIDE } from "./build.js";
export {
  type ChartSpec,
  chartSpecs,
  decisionCurveSpec,
  metricBarsSpec,
  type RenderedChart,
  reliabilitySpec,
  renderCharts,
  renderSvg,
  rocSpec,
  type TradeoffPoint,
  tradeoffSpec,
  type VegaLiteSpec,
} from "./charts.js";
export { csvField, escapeHtml, escapeMarkdown, escapeXml, sanitizeTerminal } from "./escape.js";
export { findingsOf } from "./findings.js";
export { formatEstimate, formatInterval, formatValue } from "./format.js";
export type { AuditOptions, ReferenceChoice } from "./options.js";
export { type HtmlOptions, renderHtml, renderHtmlReport } from "./render/html.js";
export { renderCsv, renderJson } from "./render/json.js";
export { type MarkdownOptions, renderMarkdown } from "./render/markdown.js";
export { displayWidth, renderText, type TextOptions } from "./render/text.js";
export { FairnessReport, VEGA_LITE_MIME } from "./report.js";
export { rocPoints } from "./roc.js";
export {
  type CalibrationHierarchySection,
  type CalibrationSection,
  type Criterion,
  type Disparity,
  type Estimate,
  EstimateSchema,
  type FairnessReportData,
  FairnessReportSchema,
  type Finding,
  type Gap,
  type GroupResult,
  type ImpossibilityNote,
  type InputSummary,
  type Interval,
  IntervalSchema,
  type MetricInfo,
  type NetBenefitSection,
  REPORT_SCHEMA_VERSION,
  type ReliabilityBin,
  type ReportMetadata,
  type ReportOptions,
  type ReportScanSubgroup,
  type ReportWarning,
  type RocCurve,
  reportJsonSchema,
  type SubgroupScanSection,
  type SurvivalSection,
} from "./schema.js";
export {
  type AuditScanOptions,
  SUBGROUP_SCAN_TITLE,
  subgroupScanSummary,
} from "./subgroupScan.js";
export { FAIRSCOPE_VERSION } from "./version.js";
