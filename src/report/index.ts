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
export { jsonPieces, renderCsv, renderJson } from "./render/json.js";
export { type MarkdownOptions, renderMarkdown } from "./render/markdown.js";
export { MAX_SHOWN_GROUPS, type ShownGroups, shownGroups } from "./render/shownGroups.js";
export { renderText, type TextOptions } from "./render/text.js";
export { FairnessReport, VEGA_LITE_MIME } from "./report.js";
export { REPORT_SCHEMA_VERSION } from "./schema.js";
export type { AuditScanOptions } from "./subgroupScan.js";
export type {
  CalibrationHierarchySection,
  CalibrationSection,
  ClassValue,
  Criterion,
  Disparity,
  Estimate,
  FairnessReportData,
  Finding,
  Gap,
  GroupResult,
  ImpossibilityNote,
  InputSummary,
  Interval,
  MetricInfo,
  NetBenefitSection,
  ReliabilityBin,
  ReportMetadata,
  ReportOptions,
  ReportScanSubgroup,
  ReportWarning,
  RepresentationRowResult,
  RepresentationSection,
  RocCurve,
  SoftMembershipSection,
  StandardizationSection,
  SubgroupScanSection,
  SurvivalSection,
} from "./types.js";
export { FAIRSCOPE_VERSION } from "./version.js";
