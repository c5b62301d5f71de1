/**
 * Reports: `audit`, the report schema, findings, charts and renderers (the `fairscope/report`
 * subpath).
 */

export { audit } from "./audit.js";
export { auditMulticlass, auditRegression, type TaskAuditOptions } from "./auditTask.js";
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
export {
  DEFAULT_FINDING_THRESHOLDS,
  type FindingThresholds,
  findingsOf,
  type ReportDraft,
} from "./findings.js";
export type { AuditOptions, ReferenceChoice } from "./options.js";
export { type HtmlOptions, renderHtml, renderHtmlReport } from "./render/html.js";
export { renderCsv, renderJson } from "./render/json.js";
export { type MarkdownOptions, renderMarkdown } from "./render/markdown.js";
export { renderText, type TextOptions } from "./render/text.js";
export { FairnessReport, VEGA_LITE_MIME } from "./report.js";
export {
  type CalibrationHierarchySection,
  type CalibrationSection,
  type Criterion,
  type Disparity,
  type Estimate,
  type FairnessReportData,
  type Finding,
  type Gap,
  type GroupResult,
  type ImpossibilityNote,
  type InputSummary,
  type Interval,
  type MetricInfo,
  type NetBenefitSection,
  REPORT_SCHEMA_VERSION,
  type ReliabilityBin,
  type ReportMetadata,
  type ReportOptions,
  type ReportScanSubgroup,
  type ReportWarning,
  type RepresentationRowResult,
  type RepresentationSection,
  type RocCurve,
  type SoftMembershipSection,
  type StandardizationSection,
  type SubgroupScanSection,
  type SurvivalSection,
} from "./schema.js";
export type { AuditScanOptions } from "./subgroupScan.js";
export { FAIRSCOPE_VERSION } from "./version.js";
