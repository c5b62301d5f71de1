/**
 * `FairnessReport`: the report data with its views (text, Markdown, HTML, JSON) and notebook
 * display.
 */
import { FairnessInputError } from "../data/errors.js";
import { englishErrors } from "../data/schema.js";
import { metricBarsSpec } from "./charts.js";
import { renderHtml } from "./render/html.js";
import { renderMarkdown } from "./render/markdown.js";
import { renderText } from "./render/text.js";
import { reportSchemas } from "./schema.js";
import type {
  CalibrationHierarchySection,
  CalibrationSection,
  Criterion,
  Disparity,
  Estimate,
  FairnessReportData,
  Finding,
  GroupResult,
  ImpossibilityNote,
  MetricInfo,
  NetBenefitSection,
  ReportMetadata,
  ReportWarning,
  RepresentationSection,
  RocCurve,
  SoftMembershipSection,
  StandardizationSection,
  SubgroupScanSection,
  SurvivalSection,
} from "./types.js";

/** The MIME type under which notebooks render Vega-Lite specifications. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v6+json";

/**
 * A fairness report: the plain data of {@link FairnessReportData} (what `toJSON` returns and
 * `FairnessReportSchema` of `fairscope/schemas` validates) with its views. In Deno's Jupyter
 * kernel a report displays as HTML (plus a Vega-Lite chart); in tslab call
 * `showInNotebook(report, tslab.display)`; in Node's REPL and `console.log` it prints as text.
 *
 * @category Reports
 */
export class FairnessReport implements FairnessReportData {
  readonly schemaVersion: FairnessReportData["schemaVersion"];
  readonly metadata: ReportMetadata;
  readonly metrics: MetricInfo[];
  readonly overall: Record<string, Estimate>;
  readonly reference: string;
  readonly groups: GroupResult[];
  readonly disparities: Disparity[];
  readonly criteria: Criterion[];
  readonly findings: Finding[];
  readonly warnings: ReportWarning[];
  readonly calibration?: CalibrationSection;
  readonly roc?: RocCurve[];
  readonly impossibilityNotes?: ImpossibilityNote[];
  readonly netBenefit?: NetBenefitSection;
  readonly calibrationHierarchy?: CalibrationHierarchySection;
  readonly survival?: SurvivalSection;
  readonly representation?: RepresentationSection;
  readonly standardization?: StandardizationSection;
  readonly softMembership?: SoftMembershipSection;
  /** The bias scan over undeclared subgroups (with `audit`'s `scan` option). */
  readonly subgroupScan?: SubgroupScanSection;

  constructor(data: FairnessReportData) {
    this.schemaVersion = data.schemaVersion;
    this.metadata = data.metadata;
    this.metrics = data.metrics;
    this.overall = data.overall;
    this.reference = data.reference;
    this.groups = data.groups;
    this.disparities = data.disparities;
    this.criteria = data.criteria;
    this.findings = data.findings;
    this.warnings = data.warnings;
    if (data.calibration) this.calibration = data.calibration;
    if (data.roc) this.roc = data.roc;
    if (data.impossibilityNotes) this.impossibilityNotes = data.impossibilityNotes;
    if (data.netBenefit) this.netBenefit = data.netBenefit;
    if (data.calibrationHierarchy) this.calibrationHierarchy = data.calibrationHierarchy;
    if (data.survival) this.survival = data.survival;
    if (data.representation) this.representation = data.representation;
    if (data.standardization) this.standardization = data.standardization;
    if (data.softMembership) this.softMembership = data.softMembership;
    if (data.subgroupScan) this.subgroupScan = data.subgroupScan;
  }

  /**
   * Reads a report from JSON data (e.g. a saved `report.json`), validating it.
   *
   * @throws FairnessInputError listing every schema violation with its path
   * @example
   * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
   * FairnessReport.fromJSON(JSON.parse(JSON.stringify(report))).reference; // => "a"
   */
  static fromJSON(json: unknown): FairnessReport {
    const parsed = reportSchemas().FairnessReportSchema.safeParse(json, { error: englishErrors });
    if (!parsed.success) {
      throw new FairnessInputError(
        parsed.error.issues.map((issue) => ({
          code: "invalid_type",
          path: ["report", ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
          message: issue.message,
        })),
      );
    }
    return new FairnessReport(parsed.data);
  }

  /** The plain data (the object `JSON.stringify` writes). */
  toJSON(): FairnessReportData {
    return {
      schemaVersion: this.schemaVersion,
      metadata: this.metadata,
      metrics: this.metrics,
      overall: this.overall,
      reference: this.reference,
      groups: this.groups,
      disparities: this.disparities,
      criteria: this.criteria,
      findings: this.findings,
      warnings: this.warnings,
      ...(this.calibration ? { calibration: this.calibration } : {}),
      ...(this.roc ? { roc: this.roc } : {}),
      ...(this.impossibilityNotes ? { impossibilityNotes: this.impossibilityNotes } : {}),
      ...(this.netBenefit ? { netBenefit: this.netBenefit } : {}),
      ...(this.calibrationHierarchy ? { calibrationHierarchy: this.calibrationHierarchy } : {}),
      ...(this.survival ? { survival: this.survival } : {}),
      ...(this.representation ? { representation: this.representation } : {}),
      ...(this.standardization ? { standardization: this.standardization } : {}),
      ...(this.softMembership ? { softMembership: this.softMembership } : {}),
      ...(this.subgroupScan ? { subgroupScan: this.subgroupScan } : {}),
    };
  }

  /** Plain text tables and findings (no colour). */
  toString(): string {
    return renderText(this.toJSON());
  }

  /** Markdown (tables, findings), e.g. for a GitHub step summary. */
  toMarkdown(): string {
    return renderMarkdown(this.toJSON());
  }

  /**
   * A self-contained HTML document with its charts as inline SVG.
   */
  toHTML(): string {
    return renderHtml(this.toJSON());
  }

  /** Deno Jupyter display: HTML, the metric chart as Vega-Lite, and plain text. */
  [Symbol.for("Jupyter.display")](): Record<string, unknown> {
    const data = this.toJSON();
    return {
      "text/plain": renderText(data),
      "text/html": renderHtml(data, { fragment: true }),
      [VEGA_LITE_MIME]: metricBarsSpec(data),
    };
  }

  /** Node's `util.inspect` (REPL, console.log, tslab's default output): the text form. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
