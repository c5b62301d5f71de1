/**
 * The fairness report as data: a versioned zod schema. Every renderer, the gate and the JSON
 * Schema file (`fairscope/report.schema.json`) derive from it. Numbers that are undefined
 * (a zero denominator, an empty group) are `null`, so a report is plain JSON.
 */
import { z } from "zod";

/** The report format's version. Bumped only when a field is removed or changes meaning. */
export const REPORT_SCHEMA_VERSION = "1";

/** A number, or null when undefined (NaN in the library). */
const Num = z.number().nullable();

/** A confidence interval around one value. */
export const IntervalSchema = z
  .object({
    lower: Num.describe("Lower bound (null when undefined)."),
    upper: Num.describe("Upper bound (null when undefined)."),
    level: z.number().gt(0).lt(1).describe("Confidence level, e.g. 0.95."),
    method: z.string().describe("How the interval was computed, e.g. 'wilson', 'bootstrap'."),
  })
  .describe("A confidence interval.");

/** A value with its optional interval. */
export const EstimateSchema = z.object({
  value: Num,
  interval: IntervalSchema.optional(),
});

const LevelSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const MetricInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  better: z.enum(["higher", "lower", "neither"]),
  range: z.tuple([z.number(), z.number().nullable()]).describe("[low, high]; null: unbounded."),
});

export const GroupResultSchema = z.object({
  key: z.array(LevelSchema).describe("One level per sensitive feature."),
  label: z.string(),
  count: z.number().int().nonnegative().describe("Unweighted number of rows."),
  weight: z.number().nonnegative().optional().describe("Sum of sample weights, when weighted."),
  small: z.boolean().describe("Whether count is below metadata.options.minGroupSize."),
  values: z.record(z.string(), EstimateSchema).describe("Metric id → value."),
});

export const GapSchema = z.object({
  group: z.string().describe("The compared group's label."),
  count: z.number().int().nonnegative(),
  difference: EstimateSchema.describe("v_group − v_reference."),
  ratio: EstimateSchema.describe("v_group / v_reference."),
});

export const DisparitySchema = z.object({
  metric: z.string(),
  reference: z.string().describe("The reference group's label, or 'overall'."),
  difference: EstimateSchema.describe("Largest |v_g − v_reference| over groups."),
  ratio: EstimateSchema.describe("Smallest of v_g / v_reference and its inverse over groups."),
  betweenGroups: z.object({ difference: EstimateSchema, ratio: EstimateSchema }),
  gaps: z.array(GapSchema),
});

export const CriterionSchema = z.object({
  id: z.string().describe("The criterion's function name, e.g. 'equalizedOddsDifference'."),
  name: z.string(),
  metrics: z.array(z.string()),
  comparison: z.enum(["difference", "ratio"]),
  method: z.enum(["betweenGroups", "toOverall", "toReference"]),
  value: Num,
  interval: IntervalSchema.optional(),
  ideal: z.number().describe("The value under perfect parity (0 for differences, 1 for ratios)."),
  guide: z.string().describe("Link to the guide on choosing a criterion."),
});

export const FindingSchema = z.object({
  severity: z.enum(["info", "notice", "warning"]),
  metric: z.string().optional(),
  group: z.string().optional(),
  text: z.string(),
});

export const WarningSchema = z.object({
  code: z.string(),
  metric: z.string().optional(),
  group: z.string().optional(),
  message: z.string(),
});

export const ReliabilityBinSchema = z.object({
  low: z.number(),
  high: z.number(),
  count: z.number().nonnegative(),
  meanPredicted: Num,
  observedRate: Num,
  interval: IntervalSchema.optional(),
});

export const CalibrationGroupSchema = z.object({
  group: z.string().describe("Group label, or 'overall'."),
  bins: z.array(ReliabilityBinSchema),
  metrics: z.record(z.string(), EstimateSchema).describe("e.g. expectedCalibrationError."),
});

export const CalibrationSectionSchema = z.object({
  binning: z.string().describe("How scores were binned, e.g. 'uniform'."),
  bins: z.number().int().positive(),
  groups: z.array(CalibrationGroupSchema),
});

export const CurvePointSchema = z.object({
  threshold: Num,
  falsePositiveRate: z.number(),
  truePositiveRate: z.number(),
});

export const RocCurveSchema = z.object({
  group: z.string(),
  points: z.array(CurvePointSchema),
});

export const ImpossibilityNoteSchema = z.object({
  code: z.string(),
  text: z.string(),
});

export const InputSummarySchema = z.object({
  rows: z.number().int().nonnegative(),
  weighted: z.boolean(),
  weightSum: z.number().nonnegative(),
  features: z.array(z.string()),
  groups: z.number().int().nonnegative(),
  emptyGroups: z.number().int().nonnegative(),
  baseRate: Num,
  predictions: z.enum(["given", "thresholded"]),
  scores: z.enum(["probability", "margin"]).nullable(),
  threshold: z.number().nullable(),
  thresholdRule: z.enum([">=", ">"]).nullable(),
});

export const ReportOptionsSchema = z.object({
  metrics: z.array(z.string()),
  reference: z.union([
    z.object({ kind: z.literal("largest") }),
    z.object({ kind: z.literal("overall") }),
    z.object({ kind: z.literal("group"), key: z.array(LevelSchema) }),
  ]),
  minGroupSize: z.number().int().nonnegative(),
  zeroDivision: z.union([z.literal("nan"), z.literal(0), z.literal(1)]),
  intervals: z
    .object({
      level: z.number().gt(0).lt(1),
      nBoot: z.number().int().positive(),
      method: z.string().describe("Bootstrap interval method, e.g. 'percentile'."),
      scoreMetrics: z.boolean().describe("Whether score metrics (AUC, Brier) have intervals."),
    })
    .nullable()
    .describe("How intervals were computed (null: no intervals)."),
  calibrationBins: z.number().int().positive().nullable(),
});

export const ReportMetadataSchema = z.object({
  generator: z.literal("fairscope"),
  fairscopeVersion: z.string(),
  seed: z.number().int().nullable().describe("The seed of every random choice (null: none made)."),
  title: z.string().optional(),
  input: InputSummarySchema,
  options: ReportOptionsSchema,
});

/** The zod schema of a fairness report (schemaVersion "1"). */
export const FairnessReportSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    metadata: ReportMetadataSchema,
    metrics: z.array(MetricInfoSchema),
    overall: z.record(z.string(), EstimateSchema),
    reference: z.string().describe("The reference group's label, or 'overall'."),
    groups: z.array(GroupResultSchema),
    disparities: z.array(DisparitySchema),
    criteria: z.array(CriterionSchema),
    findings: z.array(FindingSchema),
    warnings: z.array(WarningSchema),
    calibration: CalibrationSectionSchema.optional(),
    roc: z.array(RocCurveSchema).optional(),
    impossibilityNotes: z.array(ImpossibilityNoteSchema).optional(),
  })
  .describe("A fairscope fairness report.");

export type Interval = z.infer<typeof IntervalSchema>;
export type Estimate = z.infer<typeof EstimateSchema>;
export type MetricInfo = z.infer<typeof MetricInfoSchema>;
export type GroupResult = z.infer<typeof GroupResultSchema>;
export type Gap = z.infer<typeof GapSchema>;
export type Disparity = z.infer<typeof DisparitySchema>;
export type Criterion = z.infer<typeof CriterionSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type ReportWarning = z.infer<typeof WarningSchema>;
export type ReliabilityBin = z.infer<typeof ReliabilityBinSchema>;
export type CalibrationSection = z.infer<typeof CalibrationSectionSchema>;
export type RocCurve = z.infer<typeof RocCurveSchema>;
export type ImpossibilityNote = z.infer<typeof ImpossibilityNoteSchema>;
export type InputSummary = z.infer<typeof InputSummarySchema>;
export type ReportOptions = z.infer<typeof ReportOptionsSchema>;
export type ReportMetadata = z.infer<typeof ReportMetadataSchema>;
/** A fairness report as plain JSON data. */
export type FairnessReportData = z.infer<typeof FairnessReportSchema>;

/**
 * The report's JSON Schema (draft 2020-12), generated from {@link FairnessReportSchema}.
 *
 * @example
 * reportJsonSchema().title; // => "fairscope fairness report"
 */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://fairscope.dev/schema/report-v${REPORT_SCHEMA_VERSION}.json`,
    title: "fairscope fairness report",
    ...(z.toJSONSchema(FairnessReportSchema) as Record<string, unknown>),
  };
}
