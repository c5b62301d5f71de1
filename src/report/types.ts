/**
 * The report's data types as plain interfaces. The zod schemas in ./schema.ts validate exactly
 * these shapes (test/architecture/schemaTypes.test.ts checks that they infer the same types), so
 * importing the types never loads zod.
 */
/** A confidence interval around one value. */
export interface Interval {
  /** Lower bound (null when undefined). */
  lower: number | null;
  /** Upper bound (null when undefined). */
  upper: number | null;
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** How the interval was computed, e.g. "wilson", "bootstrap". */
  method: string;
  /**
   * Why an exact interval replaced the bootstrap one (see `rateInterval`), or why none is given
   * (method `none`: a regression or multiclass group below `minGroupSize`), when so.
   */
  reason?: string;
}
/** A value with its optional interval. */
export interface Estimate {
  /** The point estimate (null when undefined, e.g. a zero denominator). */
  value: number | null;
  /** Its confidence interval, when intervals were computed. */
  interval?: Interval;
  /**
   * The rate's unweighted numerator (e.g. true positives for TPR), for proportion metrics.
   */
  numerator?: number;
  /** The rate's own unweighted denominator (positives for TPR, negatives for FPR, …). */
  denominator?: number;
  /** Weighted numerator, when sample weights were given. */
  weightedNumerator?: number;
  /** Weighted denominator, when sample weights were given. */
  weightedDenominator?: number;
  /** Whether `denominator` is below `metadata.options.minDenominator`. */
  small?: boolean;
  /** The value was withheld because its group is below `suppressBelow` (value is null). */
  suppressed?: boolean;
}
/** What a metric in the report is. */
export interface MetricInfo {
  /** Registry id, e.g. "truePositiveRate". */
  id: string;
  /** Display name, e.g. "True positive rate". */
  name: string;
  /** One-sentence definition. */
  description: string;
  /** Which direction is better for the people scored. */
  better: "lower" | "higher" | "neither";
  /** `[low, high]`; high is null when unbounded. */
  range: [number | null, number | null];
}
/** One group's metric values. */
export interface GroupResult {
  /** One level per sensitive feature. */
  key: (string | number | boolean | null)[];
  /** Display label, the levels joined by ", ". */
  label: string;
  /** Unweighted number of rows. */
  count: number;
  /** Whether `count` is below `metadata.options.minGroupSize`. */
  small: boolean;
  /** Metric id → value. */
  values: { [x: string]: Estimate };
  /** Sum of sample weights, when weighted. */
  weight?: number;
  /** Whether the group's values were withheld (`count` below `suppressBelow`). */
  suppressed?: boolean;
}
/** One group's gap to the reference on one metric. */
export interface Gap {
  /** The compared group's label. */
  group: string;
  /** The compared group's unweighted number of rows. */
  count: number;
  /** `v_group − v_reference`. */
  difference: Estimate;
  /** `v_group / v_reference`. */
  ratio: Estimate;
}
/** The disparity of one metric across groups. */
export interface Disparity {
  /** Metric id. */
  metric: string;
  /** The reference group's label, or "overall". */
  reference: string;
  /** Largest `|v_g − v_reference|` over groups. */
  difference: Estimate;
  /** Smallest of `v_g / v_reference` and its inverse over groups. */
  ratio: Estimate;
  /** Largest minus smallest group value, and smallest over largest. */
  betweenGroups: { difference: Estimate; ratio: Estimate };
  /** Each group's gap to the reference. */
  gaps: Gap[];
  /** Why some groups are left out of the aggregates (suppressed groups), when they are. */
  note?: string;
}
/** A named fairness criterion's value. */
export interface Criterion {
  /** The criterion's function name, e.g. "equalizedOddsDifference". */
  id: string;
  /** Display name. */
  name: string;
  /** Ids of the metrics it compares across groups. */
  metrics: string[];
  /** Difference or ratio. */
  comparison: "difference" | "ratio";
  /** Which groups are compared. */
  method: "betweenGroups" | "toOverall" | "toReference";
  /** The criterion's value (null when undefined). */
  value: number | null;
  /** The value under perfect parity (0 for differences, 1 for ratios). */
  ideal: number;
  /** Link to the guide on choosing a criterion. */
  guide: string;
  /** Its confidence interval, when intervals were computed. */
  interval?: Interval;
  /** Why some groups are left out (suppressed groups), when they are. */
  note?: string;
  /** Multiclass criteria: the value of each class (one-vs-rest), the worst being `value`. */
  byClass?: ClassValue[];
}
/** One class's value of a multiclass criterion. */
export interface ClassValue {
  /** The class label. */
  class: string | number | boolean;
  /** The criterion's value for the class (null when undefined). */
  value: number | null;
}
/**
 * A plain-language sentence about the report.
 *
 * @category Reports
 */
export interface Finding {
  /** How large the gap is (see `findingsOf`). */
  severity: "info" | "notice" | "warning";
  /** The sentence. */
  text: string;
  /**
   * What the finding is about: a `harm` (the group is served worse than the reference), an
   * `advantage` (served better; not a problem), a `difference` (a metric with no better
   * direction, e.g. selection rate), `calibration`, `representation`, or a `note`.
   */
  kind?: string;
  /** Whether it is a criterion's headline (who is worst served), shown first. */
  headline?: boolean;
  /** Criterion id, for a headline. */
  criterion?: string;
  /** Metric id, for a gap. */
  metric?: string;
  /** Group label, for a gap. */
  group?: string;
  /** Whether a rate in the sentence rests on a denominator below `minDenominator`. */
  small?: boolean;
}
/**
 * A warning about the data or a computation.
 *
 * @category Reports
 */
export interface ReportWarning {
  /** Machine-readable code, e.g. "smallGroup". */
  code: string;
  /** Human-readable message. */
  message: string;
  /** Metric id, when it concerns one metric. */
  metric?: string;
  /** Group label, when it concerns one group. */
  group?: string;
}
/** One bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Lower edge of the bin's score range. */
  low: number;
  /** Upper edge of the bin's score range. */
  high: number;
  /** Unweighted number of rows in the bin. */
  count: number;
  /** (Weighted) mean predicted probability in the bin. */
  meanPredicted: number | null;
  /** (Weighted) fraction of positives in the bin. */
  observedRate: number | null;
  /** Wilson interval of the observed rate. */
  interval?: Interval;
}
/** A subgroup found by the bias scan, in a report. */
export interface ReportScanSubgroup {
  /** The listed levels of each restricted feature (unlisted features are unrestricted). */
  subset: { [x: string]: (string | number | boolean)[] };
  /** Rows in the subgroup. */
  rows: number;
  /** Mean predicted probability (or the overall rate without scores). */
  expectedRate: number;
  /** Observed rate of the positive label. */
  observedRate: number;
  /** The scan statistic minus the penalty. */
  score: number;
  /** Step-down max-statistic p-value after the search; null when not tested. */
  pValue: number | null;
  /** The subgroup in a sentence. */
  sentence: string;
}
/** The bias scan section of a report. */
export interface SubgroupScanSection {
  /** The search features. */
  features: string[];
  /** "bernoulli" or "berkJones". */
  scoring: string;
  /** "overpredicted" or "underpredicted". */
  direction: string;
  /** Penalty per listed level. */
  penalty: number;
  /** Restarts of the search. */
  iterations: number;
  /** Seed of the restarts. */
  seed: number;
  /** Null reruns of the search behind the p-values (0: not tested). */
  replicates: number;
  /** Seed of the null reruns. */
  testSeed: number;
  /** How null outcomes were drawn: "parametric" or "permutation". */
  nullModel: string;
  /** The subgroups found, best first. */
  subgroups: ReportScanSubgroup[];
}
/** Reliability diagrams and calibration metrics. */
export interface CalibrationSection {
  /** How scores were binned, e.g. "uniform". */
  binning: string;
  /** Number of bins. */
  bins: number;
  /** The overall population first, then each group with scores. */
  groups: { group: string; bins: ReliabilityBin[]; metrics: Record<string, Estimate> }[];
}
/** One group's ROC curve. */
export interface RocCurve {
  /** Group label, or "overall". */
  group: string;
  /** The curve's points by decreasing threshold. */
  points: { threshold: number | null; falsePositiveRate: number; truePositiveRate: number }[];
}
/** A note on which criteria cannot hold together on these data. */
export interface ImpossibilityNote {
  /** Machine-readable code, e.g. "chouldechova". */
  code: string;
  /** The note. */
  text: string;
}
/** One group's share of the data against a reference population. */
export interface RepresentationRowResult {
  /** Group label. */
  group: string;
  /** Rows in the group (0 when only the reference names it). */
  count: number;
  /** count / rows, with its interval. */
  share: Estimate;
  /**
   * The group's share of the reference population (null when the reference does not name it).
   */
  referenceShare: number | null;
  /** share / referenceShare. */
  ratio: number | null;
  /** Two-sided score-test p-value of share = referenceShare. */
  pValue: number | null;
  /** Holm-adjusted p-value over the groups. */
  adjustedPValue: number | null;
  /** Significantly fewer rows than the reference share implies. */
  underRepresented: boolean;
  /** Significantly more rows than the reference share implies. */
  overRepresented: boolean;
  /** In the data but not in the reference population. */
  notInReference: boolean;
}
/** Each group's share of the data against a reference population. */
export interface RepresentationSection {
  /** Confidence level of the intervals; 1 − level is the family-wise error of the flags. */
  level: number;
  /** Multiple-comparison correction of the flags. */
  correction: "holm";
  /** Whether the reference was given as shares or counts. */
  referenceKind: "shares" | "counts";
  /** One row per group, reference groups first. */
  groups: RepresentationRowResult[];
}
/** Metrics in a target population. */
export interface StandardizationSection {
  /** `postStratification` or `raking`. */
  method: "postStratification" | "raking";
  /** The features standardised on. */
  features: string[];
  /** Metric id → value on all rows under the weights. */
  overall: { [x: string]: Estimate };
  /** Each group under the weights, with its Kish effective sample size. */
  groups: { group: string; effectiveSampleSize: number | null; values: Record<string, Estimate> }[];
  /** Criterion id → value under the weights (between groups). */
  criteria: { [x: string]: number | null };
  /** Raking only: whether every margin matched within the tolerance. */
  converged?: boolean;
  /** Raking only: sweeps done. */
  iterations?: number;
  /** Raking only: largest |weighted share − target share| after the last sweep. */
  maxMarginError?: number;
}
/** Metrics under soft group membership. */
export interface SoftMembershipSection {
  /** The estimator. */
  estimator: "membershipWeighted";
  /** The group names (matrix columns). */
  groups: {
    group: string;
    expectedCount: number;
    hardCount: number;
    values: Record<string, Estimate>;
    hardValues: Record<string, Estimate>;
  }[];
  /** Metric id → between-group difference (max − min), soft and hard. */
  differences: { [x: string]: { soft: Estimate; hard: Estimate } };
}
/** What the audited data looked like. */
export interface InputSummary {
  /** Number of rows. */
  rows: number;
  /** Whether sample weights were given. */
  weighted: boolean;
  /** Sum of sample weights (the number of rows when unweighted). */
  weightSum: number;
  /** Sensitive feature names. */
  features: string[];
  /** Number of groups (feature level combinations). */
  groups: number;
  /** Number of groups without rows. */
  emptyGroups: number;
  /** Overall (weighted) fraction of positive labels. */
  baseRate: number | null;
  /** Where the predictions came from. */
  predictions: "given" | "thresholded";
  /** What the scores are (null without scores). */
  scores: string | null;
  /** The threshold applied to scores (null when predictions were given). */
  threshold: number | null;
  /** How scores were compared with the threshold (null when predictions were given). */
  thresholdRule: string | null;
}
/** The options a report was computed with, defaults filled in. */
export interface ReportOptions {
  /** Metric ids. */
  metrics: string[];
  /** The reference group of gaps. */
  reference:
    | { kind: "largest" }
    | { kind: "overall" }
    | { kind: "group"; key: (string | number | boolean | null)[] };
  /** Groups with fewer rows are flagged as small. */
  minGroupSize: number;
  /** Value of a rate whose denominator is zero ("nan", 0 or 1). */
  zeroDivision: 0 | "nan" | 1;
  /** How intervals were computed (null: no intervals). */
  intervals: { level: number; nBoot: number; method: string; scoreMetrics: boolean } | null;
  /** Bins of the reliability diagrams (null without probability scores). */
  calibrationBins: number | null;
  /** Rates whose own denominator is below this are flagged small and get exact intervals. */
  minDenominator?: number;
  /** Groups with fewer rows have their values withheld (0: none). */
  suppressBelow?: number;
  /** Gap sizes at which findings become warnings and notices. */
  findings?: { warningGap: number; noticeGap: number };
}
/** Where a report comes from and how it was computed. */
export interface ReportMetadata {
  /** Always "fairscope". */
  generator: "fairscope";
  /** The fairscope version that wrote the report. */
  fairscopeVersion: string;
  /** The seed of every random choice (null: none made). */
  seed: number | null;
  /** What the audited data looked like. */
  input: InputSummary;
  /** The options, defaults filled in. */
  options: ReportOptions;
  /** Title shown by the renderers. */
  title?: string;
}
/**
 * A fairness report as plain JSON data.
 *
 * @category Reports
 */
export interface FairnessReportData {
  /** The report format's version, `REPORT_SCHEMA_VERSION`. */
  schemaVersion: "1";
  /** Where the report comes from and how it was computed. */
  metadata: ReportMetadata;
  /** The metrics reported, in order. */
  metrics: MetricInfo[];
  /** Metric id → value on the whole population. */
  overall: { [x: string]: Estimate };
  /** The reference group's label, or "overall". */
  reference: string;
  /** Each group's values, in level order. */
  groups: GroupResult[];
  /** Each metric's disparity across groups. */
  disparities: Disparity[];
  /** The named fairness criteria. */
  criteria: Criterion[];
  /** Plain-language sentences, largest gaps first. */
  findings: Finding[];
  /** Warnings about the data and the computations. */
  warnings: ReportWarning[];
  /** Calibration by group (probability scores only). */
  calibration?: CalibrationSection;
  /** ROC curves overall and by group (scores only). */
  roc?: RocCurve[];
  /** The bias scan over undeclared subgroups (with `audit`'s `scan` option). */
  subgroupScan?: SubgroupScanSection;
  /** Which criteria cannot hold together on these data. */
  impossibilityNotes?: ImpossibilityNote[];
  /** Net benefit by group (scores and decision thresholds given). */
  netBenefit?: NetBenefitSection;
  /** The calibration hierarchy by group (probability scores, when asked). */
  calibrationHierarchy?: CalibrationHierarchySection;
  /** Time-to-event concordance and calibration (times and events given). */
  survival?: SurvivalSection;
  /** Each group's share of the data against a reference population, when one was given. */
  representation?: RepresentationSection;
  /** Metrics in a target population, when `standardization` was given. */
  standardization?: StandardizationSection;
  /** Metrics under soft group membership, when sensitiveFeatures was a membership matrix. */
  softMembership?: SoftMembershipSection;
}
/** Net benefit by group. */
export interface NetBenefitSection {
  /** Decision thresholds. */
  thresholds: number[];
  /** Whether counts are weighted. */
  weighted: boolean;
  /** The overall population first, then each group. */
  groups: {
    group: string;
    count: number;
    prevalence: number | null;
    atThresholds: {
      threshold: number;
      netBenefit: Estimate;
      treatAll: number | null;
      standardizedNetBenefit: number | null;
      interventionsAvoidedPer100: number | null;
    }[];
    curve: { threshold: number; netBenefit: number | null; treatAll: number | null }[];
  }[];
  /** Largest minus smallest group net benefit at each decision threshold. */
  gaps: { threshold: number; difference: Estimate; best: string; worst: string }[];
}
/** The calibration hierarchy by group. */
export interface CalibrationHierarchySection {
  /** Confidence level of the intervals. */
  level: number;
  /** The overall population first, then each group. */
  groups: {
    group: string;
    level: "none" | "mean" | "weak" | "moderate";
    verdict: string;
    observedExpected: Estimate;
    calibrationIntercept: Estimate;
    calibrationSlope: Estimate;
    ici: Estimate;
    e90: Estimate;
    emax: Estimate;
    smoothCurve: {
      predicted: number;
      observed: number | null;
      lower: number | null;
      upper: number | null;
    }[];
  }[];
}
/** Time-to-event concordance and calibration by group. */
export interface SurvivalSection {
  /** The horizon τ. */
  horizon: number;
  /** The overall population first, then each group. */
  groups: {
    group: string;
    count: number;
    events: number;
    harrell: Estimate;
    uno: Estimate;
    observedRisk: Estimate;
    predictedRisk: number | null;
  }[];
  /** Group labels of the matrices' rows and columns. */
  matrixGroups: string[];
  /** Harrell's C over pairs (earlier event in row group, later row in column group). */
  harrellMatrix: (number | null)[][];
  /** Uno's C by the same pairs. */
  unoMatrix: (number | null)[][];
}
