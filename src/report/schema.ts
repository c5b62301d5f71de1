/**
 * The fairness report as data: a versioned zod schema. Every renderer, the gate and the JSON
 * Schema file (`fairscope/report.schema.json`) derive from it. Numbers that are undefined
 * (a zero denominator, an empty group) are `null`, so a report is plain JSON.
 * Written with `zod/mini` (tree-shakable functions) so that `audit` in a browser bundle does not
 * carry all of zod; a description is attached to a clone, never to a shared schema.
 */
import * as z from "zod/mini";

/** The report format's version. Bumped only when a field is removed or changes meaning. */
export const REPORT_SCHEMA_VERSION = "1";

/**
 * Builds the report's schemas. Called once, on first use ({@link reportSchemas}), so that loading
 * the package builds no schema.
 */
function buildReportSchemas() {
  /** A number, or null when undefined (NaN in the library). */
  const Num = z.nullable(z.number());

  /** A confidence interval around one value. */
  const IntervalSchema = z
    .object({
      /** Lower bound (null when undefined). */
      lower: Num.clone().register(z.globalRegistry, {
        description: "Lower bound (null when undefined).",
      }),
      /** Upper bound (null when undefined). */
      upper: Num.clone().register(z.globalRegistry, {
        description: "Upper bound (null when undefined).",
      }),
      /** Confidence level, e.g. 0.95. */
      level: z
        .number()
        .check(z.gt(0), z.lt(1))
        .clone()
        .register(z.globalRegistry, { description: "Confidence level, e.g. 0.95." }),
      /** How the interval was computed, e.g. "wilson", "bootstrap". */
      method: z.string().clone().register(z.globalRegistry, {
        description: "How the interval was computed, e.g. 'wilson', 'bootstrap'.",
      }),
      /**
       * Why an exact interval replaced the bootstrap one (see `rateInterval`), or why none is given
       * (method `none`: a regression or multiclass group below `minGroupSize`), when so.
       */
      reason: z.optional(
        z.enum({
          /** The rate's denominator (a regression or multiclass group's rows) is below the threshold. */
          smallDenominator: "smallDenominator",
          /** The estimate is 0 or 1. */
          boundaryEstimate: "boundaryEstimate",
          /** No bootstrap interval was computed. */
          noBootstrap: "noBootstrap",
          /** The bootstrap interval had zero width or missed the estimate. */
          degenerateBootstrap: "degenerateBootstrap",
        }),
      ),
    })
    .clone()
    .register(z.globalRegistry, { description: "A confidence interval." });

  /** A value with its optional interval. */
  const EstimateSchema = z.object({
    /** The point estimate (null when undefined, e.g. a zero denominator). */
    value: Num,
    /** Its confidence interval, when intervals were computed. */
    interval: z.optional(IntervalSchema),
    /** The rate's unweighted numerator (e.g. true positives for TPR), for proportion metrics. */
    numerator: z.optional(z.number().check(z.nonnegative())),
    /** The rate's own unweighted denominator (positives for TPR, negatives for FPR, …). */
    denominator: z.optional(z.number().check(z.nonnegative())),
    /** Weighted numerator, when sample weights were given. */
    weightedNumerator: z.optional(z.number().check(z.nonnegative())),
    /** Weighted denominator, when sample weights were given. */
    weightedDenominator: z.optional(z.number().check(z.nonnegative())),
    /** Whether `denominator` is below `metadata.options.minDenominator`. */
    small: z.optional(z.boolean()),
    /** The value was withheld because its group is below `suppressBelow` (value is null). */
    suppressed: z.optional(z.boolean()),
  });

  const LevelSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

  /** What a metric in the report is. */
  const MetricInfoSchema = z.object({
    /** Registry id, e.g. "truePositiveRate". */
    id: z.string(),
    /** Display name, e.g. "True positive rate". */
    name: z.string(),
    /** One-sentence definition. */
    description: z.string(),
    /** Which direction is better for the people scored. */
    better: z.enum({
      /** Higher values are better (e.g. accuracy). */
      higher: "higher",
      /** Lower values are better (e.g. false positive rate). */
      lower: "lower",
      /** Neither direction is better (e.g. selection rate, base rate). */
      neither: "neither",
    } as const),
    /** `[low, high]`; high is null when unbounded. */
    range: z
      .tuple([z.nullable(z.number()), z.nullable(z.number())])
      .clone()
      .register(z.globalRegistry, { description: "[low, high]; null: unbounded." }),
  });

  /** One group's metric values. */
  const GroupResultSchema = z.object({
    /** One level per sensitive feature. */
    key: z
      .array(LevelSchema)
      .clone()
      .register(z.globalRegistry, { description: "One level per sensitive feature." }),
    /** Display label, the levels joined by ", ". */
    label: z.string(),
    /** Unweighted number of rows. */
    count: z
      .int()
      .check(z.nonnegative())
      .clone()
      .register(z.globalRegistry, { description: "Unweighted number of rows." }),
    /** Sum of sample weights, when weighted. */
    weight: z
      .optional(z.number().check(z.nonnegative()))
      .clone()
      .register(z.globalRegistry, { description: "Sum of sample weights, when weighted." }),
    /** Whether `count` is below `metadata.options.minGroupSize`. */
    small: z.boolean().clone().register(z.globalRegistry, {
      description: "Whether count is below metadata.options.minGroupSize.",
    }),
    /** Whether the group's values were withheld (`count` below `suppressBelow`). */
    suppressed: z.optional(z.boolean()),
    /** Metric id → value. */
    values: z
      .record(z.string(), EstimateSchema)
      .clone()
      .register(z.globalRegistry, { description: "Metric id → value." }),
  });

  /** One group's gap to the reference on one metric. */
  const GapSchema = z.object({
    /** The compared group's label. */
    group: z
      .string()
      .clone()
      .register(z.globalRegistry, { description: "The compared group's label." }),
    /** The compared group's unweighted number of rows. */
    count: z.int().check(z.nonnegative()),
    /** `v_group − v_reference`. */
    difference: EstimateSchema.clone().register(z.globalRegistry, {
      description: "v_group − v_reference.",
    }),
    /** `v_group / v_reference`. */
    ratio: EstimateSchema.clone().register(z.globalRegistry, {
      description: "v_group / v_reference.",
    }),
  });

  /** The disparity of one metric across groups. */
  const DisparitySchema = z.object({
    /** Metric id. */
    metric: z.string(),
    /** The reference group's label, or "overall". */
    reference: z
      .string()
      .clone()
      .register(z.globalRegistry, { description: "The reference group's label, or 'overall'." }),
    /** Largest `|v_g − v_reference|` over groups. */
    difference: EstimateSchema.clone().register(z.globalRegistry, {
      description: "Largest |v_g − v_reference| over groups.",
    }),
    /** Smallest of `v_g / v_reference` and its inverse over groups. */
    ratio: EstimateSchema.clone().register(z.globalRegistry, {
      description: "Smallest of v_g / v_reference and its inverse over groups.",
    }),
    /** Largest minus smallest group value, and smallest over largest. */
    betweenGroups: z.object({
      /** `max_g v_g − min_g v_g`. */
      difference: EstimateSchema,
      /** `min_g v_g / max_g v_g`. */
      ratio: EstimateSchema,
    }),
    /** Each group's gap to the reference. */
    gaps: z.array(GapSchema),
    /** Why some groups are left out of the aggregates (suppressed groups), when they are. */
    note: z.optional(z.string()),
  });

  /** How a criterion compares groups. */
  const ComparisonSchema = z.enum({
    /** A difference of rates (0 under parity). */
    difference: "difference",
    /** A ratio of rates (1 under parity). */
    ratio: "ratio",
  } as const);

  /** What groups a criterion compares. */
  const MethodSchema = z.enum({
    /** The largest and the smallest group value. */
    betweenGroups: "betweenGroups",
    /** Each group with the overall population, worst case. */
    toOverall: "toOverall",
    /** Each group with the reference group, worst case. */
    toReference: "toReference",
  } as const);

  /** One class's value of a multiclass criterion. */
  const ClassValueSchema = z.object({
    /** The class label. */
    class: z.union([z.string(), z.number(), z.boolean()]),
    /** The criterion's value for the class (null when undefined). */
    value: Num,
  });

  /** A named fairness criterion's value (e.g. equalized odds difference). */
  const CriterionSchema = z.object({
    /** The criterion's function name, e.g. "equalizedOddsDifference". */
    id: z.string().clone().register(z.globalRegistry, {
      description: "The criterion's function name, e.g. 'equalizedOddsDifference'.",
    }),
    /** Display name. */
    name: z.string(),
    /** Ids of the metrics it compares across groups. */
    metrics: z.array(z.string()),
    /** Difference or ratio. */
    comparison: ComparisonSchema,
    /** Which groups are compared. */
    method: MethodSchema,
    /** The criterion's value (null when undefined). */
    value: Num,
    /** Its confidence interval, when intervals were computed. */
    interval: z.optional(IntervalSchema),
    /** The value under perfect parity (0 for differences, 1 for ratios). */
    ideal: z.number().clone().register(z.globalRegistry, {
      description: "The value under perfect parity (0 for differences, 1 for ratios).",
    }),
    /** Link to the guide on choosing a criterion. */
    guide: z
      .string()
      .clone()
      .register(z.globalRegistry, { description: "Link to the guide on choosing a criterion." }),
    /** Why some groups are left out (suppressed groups), when they are. */
    note: z.optional(z.string()),
    /** Multiclass criteria: the value of each class (one-vs-rest), the worst being `value`. */
    byClass: z.optional(z.array(ClassValueSchema)),
  });

  /** A plain-language sentence about the report. */
  const FindingSchema = z.object({
    /** How large the gap is (see `findingsOf`). */
    severity: z.enum({
      /** A gap below 0.05, a small group's gap, a gap whose interval includes 0, or a note. */
      info: "info",
      /** A gap of at least 0.05 (and below 0.1) that is not `info` otherwise. */
      notice: "notice",
      /** A gap of at least 0.1 that is not `info` otherwise. */
      warning: "warning",
    } as const),
    /**
     * What the finding is about: a `harm` (the group is served worse than the reference), an
     * `advantage` (served better; not a problem), a `difference` (a metric with no better
     * direction, e.g. selection rate), `calibration`, `representation`, or a `note`.
     */
    kind: z.optional(
      z.enum({
        /** The group is served worse than the reference. */
        harm: "harm",
        /** The group is served better than the reference (not a problem). */
        advantage: "advantage",
        /** A gap on a metric with no better direction (selection rate). */
        difference: "difference",
        /** Calibration of a group's scores. */
        calibration: "calibration",
        /** A group's share of the rows against the reference population. */
        representation: "representation",
        /** A note (e.g. criteria that cannot hold together). */
        note: "note",
      }),
    ),
    /** Whether it is a criterion's headline (who is worst served), shown first. */
    headline: z.optional(z.boolean()),
    /** Criterion id, for a headline. */
    criterion: z.optional(z.string()),
    /** Metric id, for a gap. */
    metric: z.optional(z.string()),
    /** Group label, for a gap. */
    group: z.optional(z.string()),
    /** Whether a rate in the sentence rests on a denominator below `minDenominator`. */
    small: z.optional(z.boolean()),
    /** The sentence. */
    text: z.string(),
  });

  /** A warning about the data or a computation (small group, zero denominator...). */
  const WarningSchema = z.object({
    /** Machine-readable code, e.g. "smallGroup". */
    code: z.string(),
    /** Metric id, when it concerns one metric. */
    metric: z.optional(z.string()),
    /** Group label, when it concerns one group. */
    group: z.optional(z.string()),
    /** Human-readable message. */
    message: z.string(),
  });

  /** One bin of a reliability diagram. */
  const ReliabilityBinSchema = z.object({
    /** Lower edge of the bin's score range. */
    low: z.number(),
    /** Upper edge of the bin's score range. */
    high: z.number(),
    /** Unweighted number of rows in the bin. */
    count: z.number().check(z.nonnegative()),
    /** (Weighted) mean predicted probability in the bin. */
    meanPredicted: Num,
    /** (Weighted) fraction of positives in the bin. */
    observedRate: Num,
    /** Wilson interval of the observed rate. */
    interval: z.optional(IntervalSchema),
  });

  /** Calibration of one group (or of the overall population). */
  const CalibrationGroupSchema = z.object({
    /** Group label, or "overall". */
    group: z
      .string()
      .clone()
      .register(z.globalRegistry, { description: "Group label, or 'overall'." }),
    /** The non-empty bins of its reliability diagram. */
    bins: z.array(ReliabilityBinSchema),
    /** Calibration metric name → value, e.g. expectedCalibrationError. */
    metrics: z
      .record(z.string(), EstimateSchema)
      .clone()
      .register(z.globalRegistry, { description: "e.g. expectedCalibrationError." }),
  });

  /** Reliability diagrams and calibration metrics (probability scores only). */
  const CalibrationSectionSchema = z.object({
    /** How scores were binned, e.g. "uniform". */
    binning: z
      .string()
      .clone()
      .register(z.globalRegistry, { description: "How scores were binned, e.g. 'uniform'." }),
    /** Number of bins. */
    bins: z.int().check(z.positive()),
    /** The overall population first, then each group with scores. */
    groups: z.array(CalibrationGroupSchema),
  });

  /** A subgroup found by the bias scan, in numbers and in a sentence. */
  const ScanSubgroupSchema = z.object({
    /** The listed levels of each restricted feature (unlisted features are unrestricted). */
    subset: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))),
    /** Rows in the subgroup. */
    rows: z.int().check(z.nonnegative()),
    /** Mean predicted probability (or the overall rate without scores). */
    expectedRate: z.number(),
    /** Observed rate of the positive label. */
    observedRate: z.number(),
    /** The scan statistic minus the penalty. */
    score: z.number(),
    /** Step-down max-statistic p-value after the search; null when not tested. */
    pValue: Num,
    /** The subgroup in a sentence. */
    sentence: z.string(),
  });

  /** The bias scan over features nobody declared as groups ("Subgroups nobody declared"). */
  const SubgroupScanSectionSchema = z.object({
    /** The search features. */
    features: z.array(z.string()),
    /** "bernoulli" or "berkJones". */
    scoring: z.string(),
    /** "overpredicted" or "underpredicted". */
    direction: z.string(),
    /** Penalty per listed level. */
    penalty: z.number(),
    /** Restarts of the search. */
    iterations: z.int(),
    /** Seed of the restarts. */
    seed: z.int(),
    /** Null reruns of the search behind the p-values (0: not tested). */
    replicates: z.int(),
    /** Seed of the null reruns. */
    testSeed: z.int(),
    /** How null outcomes were drawn: "parametric" or "permutation". */
    nullModel: z.string(),
    /** The subgroups found, best first. */
    subgroups: z.array(ScanSubgroupSchema),
  });

  /** One point of a ROC curve. */
  const CurvePointSchema = z.object({
    /** Score threshold (null for the point before the highest score). */
    threshold: Num,
    /** False positive rate at that threshold. */
    falsePositiveRate: z.number(),
    /** True positive rate at that threshold. */
    truePositiveRate: z.number(),
  });

  /** One group's ROC curve. */
  const RocCurveSchema = z.object({
    /** Group label, or "overall". */
    group: z.string(),
    /** The curve's points by decreasing threshold. */
    points: z.array(CurvePointSchema),
  });

  /** Net benefit of one group at one decision threshold. */
  const NetBenefitPointSchema = z.object({
    /** Threshold probability pt (treat when score ≥ pt). */
    threshold: z.number(),
    /** TP/n − FP/n · pt/(1 − pt), with its bootstrap interval. */
    netBenefit: EstimateSchema,
    /** Net benefit of treating everyone. */
    treatAll: Num,
    /** Net benefit / prevalence (null without events). */
    standardizedNetBenefit: Num,
    /** Net interventions avoided per 100 compared with treating everyone. */
    interventionsAvoidedPer100: Num,
  });

  /** One group's decision curve and its net benefit at the decision thresholds. */
  const NetBenefitGroupSchema = z.object({
    /** Group label, or "overall". */
    group: z.string(),
    /** Rows. */
    count: z.int().check(z.nonnegative()),
    /** (Weighted) share of positives. */
    prevalence: Num,
    /** Net benefit at each decision threshold. */
    atThresholds: z.array(NetBenefitPointSchema),
    /** The decision curve on the grid. */
    curve: z.array(
      z.object({
        /** Grid threshold. */
        threshold: z.number(),
        /** Net benefit of the model. */
        netBenefit: Num,
        /** Net benefit of treating everyone. */
        treatAll: Num,
      }),
    ),
  });

  /** Net benefit (decision-curve analysis) by group. */
  const NetBenefitSectionSchema = z.object({
    /** Decision thresholds. */
    thresholds: z.array(z.number()),
    /** Whether counts are weighted. */
    weighted: z.boolean(),
    /** The overall population first, then each group. */
    groups: z.array(NetBenefitGroupSchema),
    /** Largest minus smallest group net benefit at each decision threshold. */
    gaps: z.array(
      z.object({
        /** Decision threshold. */
        threshold: z.number(),
        /** The gap with its bootstrap interval. */
        difference: EstimateSchema,
        /** Group with the largest net benefit. */
        best: z.string(),
        /** Group with the smallest net benefit. */
        worst: z.string(),
      }),
    ),
  });

  /** The calibration hierarchy of one group. */
  const CalibrationVerdictSchema = z.object({
    /** Group label, or "overall". */
    group: z.string(),
    /** The level reached: none, mean, weak or moderate. */
    level: z.enum({
      /** Not even calibrated on average. */
      none: "none",
      /** Calibrated on average (O/E). */
      mean: "mean",
      /** Calibrated on average with a calibration slope of 1. */
      weak: "weak",
      /** The smooth calibration curve agrees with the diagonal. */
      moderate: "moderate",
    } as const),
    /** The assessment in sentences. */
    verdict: z.string(),
    /** Observed / expected events. */
    observedExpected: EstimateSchema,
    /** Calibration intercept (slope fixed at 1). */
    calibrationIntercept: EstimateSchema,
    /** Calibration slope. */
    calibrationSlope: EstimateSchema,
    /** Integrated calibration index (mean |p − p_c|). */
    ici: EstimateSchema,
    /** 90th percentile of |p − p_c|. */
    e90: EstimateSchema,
    /** Largest |p − p_c|. */
    emax: EstimateSchema,
    /** The smooth (lowess) calibration curve with its pointwise band. */
    smoothCurve: z.array(
      z.object({
        /** Predicted probability. */
        predicted: z.number(),
        /** Smoothed observed rate. */
        observed: Num,
        /** Lower band. */
        lower: Num,
        /** Upper band. */
        upper: Num,
      }),
    ),
  });

  /** The calibration hierarchy (mean, weak, moderate) by group. */
  const CalibrationHierarchySectionSchema = z.object({
    /** Confidence level of the intervals. */
    level: z.number().check(z.gt(0), z.lt(1)),
    /** The overall population first, then each group. */
    groups: z.array(CalibrationVerdictSchema),
  });

  /** Time-to-event discrimination and calibration of one group. */
  const SurvivalGroupSchema = z.object({
    /** Group label, or "overall". */
    group: z.string(),
    /** Rows. */
    count: z.int().check(z.nonnegative()),
    /** (Weighted) events. */
    events: z.number().check(z.nonnegative()),
    /** Harrell's C. */
    harrell: EstimateSchema,
    /** Uno's C at the horizon. */
    uno: EstimateSchema,
    /** 1 − Kaplan–Meier survival at the horizon (null when risks are not probabilities). */
    observedRisk: EstimateSchema,
    /** Mean predicted risk (null when risks are not probabilities). */
    predictedRisk: Num,
  });

  /** Time-to-event concordance and calibration at a horizon by group. */
  const SurvivalSectionSchema = z.object({
    /** The horizon τ. */
    horizon: z.number(),
    /** The overall population first, then each group. */
    groups: z.array(SurvivalGroupSchema),
    /** Group labels of the matrices' rows and columns. */
    matrixGroups: z.array(z.string()),
    /** Harrell's C over pairs (earlier event in row group, later row in column group). */
    harrellMatrix: z.array(z.array(Num)),
    /** Uno's C by the same pairs. */
    unoMatrix: z.array(z.array(Num)),
  });

  /** A note on which criteria cannot hold together on these data. */
  const ImpossibilityNoteSchema = z.object({
    /** Machine-readable code, e.g. "chouldechova". */
    code: z.string(),
    /** The note. */
    text: z.string(),
  });

  /** One group's share of the data against a reference population. */
  const RepresentationRowSchema = z.object({
    /** Group label. */
    group: z.string(),
    /** Rows in the group (0 when only the reference names it). */
    count: z.int().check(z.nonnegative()),
    /** count / rows, with its interval. */
    share: EstimateSchema,
    /** The group's share of the reference population (null when the reference does not name it). */
    referenceShare: Num,
    /** share / referenceShare. */
    ratio: Num,
    /** Two-sided score-test p-value of share = referenceShare. */
    pValue: Num,
    /** Holm-adjusted p-value over the groups. */
    adjustedPValue: Num,
    /** Significantly fewer rows than the reference share implies. */
    underRepresented: z.boolean(),
    /** Significantly more rows than the reference share implies. */
    overRepresented: z.boolean(),
    /** In the data but not in the reference population. */
    notInReference: z.boolean(),
  });

  /** Each group's share of the data against a reference population (`referenceShares`). */
  const RepresentationSectionSchema = z.object({
    /** Confidence level of the intervals; 1 − level is the family-wise error of the flags. */
    level: z.number().check(z.gt(0), z.lt(1)),
    /** Multiple-comparison correction of the flags. */
    correction: z.literal("holm"),
    /** Whether the reference was given as shares or counts. */
    referenceKind: z.enum({
      /** Shares summing to 1. */
      shares: "shares",
      /** Counts, normalised to shares. */
      counts: "counts",
    } as const),
    /** One row per group, reference groups first. */
    groups: z.array(RepresentationRowSchema),
  });

  /** Metrics in a target population (audit with `standardization`). */
  const StandardizationSectionSchema = z.object({
    /** `postStratification` or `raking`. */
    method: z.enum({
      /** Weights to the joint cells of the features. */
      postStratification: "postStratification",
      /** Weights to each feature's margins (iterative proportional fitting). */
      raking: "raking",
    } as const),
    /** The features standardised on. */
    features: z.array(z.string()),
    /** Raking only: whether every margin matched within the tolerance. */
    converged: z.optional(z.boolean()),
    /** Raking only: sweeps done. */
    iterations: z.optional(z.int().check(z.nonnegative())),
    /** Raking only: largest |weighted share − target share| after the last sweep. */
    maxMarginError: z.optional(z.number().check(z.nonnegative())),
    /** Metric id → value on all rows under the weights. */
    overall: z.record(z.string(), EstimateSchema),
    /** Each group under the weights, with its Kish effective sample size. */
    groups: z.array(
      z.object({
        /** Group label. */
        group: z.string(),
        /** Kish effective sample size (Σw)² / Σw² under the weights. */
        effectiveSampleSize: Num,
        /** Metric id → value under the weights. */
        values: z.record(z.string(), EstimateSchema),
      }),
    ),
    /** Criterion id → value under the weights (between groups). */
    criteria: z.record(z.string(), Num),
  });

  /** Metrics under soft (probabilistic) group membership (sensitiveFeatures as a matrix). */
  const SoftMembershipSectionSchema = z.object({
    /** The estimator. */
    estimator: z.literal("membershipWeighted"),
    /** The group names (matrix columns). */
    groups: z.array(
      z.object({
        /** Group name. */
        group: z.string(),
        /** Expected number of rows Σ P(group | row). */
        expectedCount: z.number().check(z.nonnegative()),
        /** Rows whose most probable group it is (the hard assignment). */
        hardCount: z.int().check(z.nonnegative()),
        /** Metric id → membership-weighted value, with evidence and interval. */
        values: z.record(z.string(), EstimateSchema),
        /** Metric id → value under the hard (argmax) assignment. */
        hardValues: z.record(z.string(), EstimateSchema),
      }),
    ),
    /** Metric id → between-group difference (max − min), soft and hard. */
    differences: z.record(
      z.string(),
      z.object({
        /** Under soft membership, with its interval. */
        soft: EstimateSchema,
        /** Under the hard assignment. */
        hard: EstimateSchema,
      }),
    ),
  });

  /** What the audited data looked like. */
  const InputSummarySchema = z.object({
    /** Number of rows. */
    rows: z.int().check(z.nonnegative()),
    /** Whether sample weights were given. */
    weighted: z.boolean(),
    /** Sum of sample weights (the number of rows when unweighted). */
    weightSum: z.number().check(z.nonnegative()),
    /** Sensitive feature names. */
    features: z.array(z.string()),
    /** Number of groups (feature level combinations). */
    groups: z.int().check(z.nonnegative()),
    /** Number of groups without rows. */
    emptyGroups: z.int().check(z.nonnegative()),
    /** Overall (weighted) fraction of positive labels. */
    baseRate: Num,
    /** Where the predictions came from. */
    predictions: z.enum({
      /** `yPred` was given. */
      given: "given",
      /** Predictions are scores compared with `threshold`. */
      thresholded: "thresholded",
    } as const),
    /** What the scores are (null without scores). */
    scores: z.nullable(
      z.enum({
        /** Probabilities in [0, 1]. */
        probability: "probability",
        /** Unbounded margins (decision function values). */
        margin: "margin",
      }),
    ),
    /** The threshold applied to scores (null when predictions were given). */
    threshold: z.nullable(z.number()),
    /** How scores were compared with the threshold (null when predictions were given). */
    thresholdRule: z.nullable(
      z.enum({
        /** Positive when score ≥ threshold. */
        ">=": ">=",
        /** Positive when score > threshold. */
        ">": ">",
      }),
    ),
  });

  /** The options the report was computed with, defaults filled in. */
  const ReportOptionsSchema = z.object({
    /** Metric ids. */
    metrics: z.array(z.string()),
    /** The reference group of gaps. */
    reference: z.union([
      z.object({
        /** The group with the most rows. */
        kind: z.literal("largest"),
      }),
      z.object({
        /** The overall population. */
        kind: z.literal("overall"),
      }),
      z.object({
        /** A named group. */
        kind: z.literal("group"),
        /** Its levels, one per feature. */
        key: z.array(LevelSchema),
      }),
    ]),
    /** Groups with fewer rows are flagged as small. */
    minGroupSize: z.int().check(z.nonnegative()),
    /** Value of a rate whose denominator is zero ("nan", 0 or 1). */
    zeroDivision: z.union([z.literal("nan"), z.literal(0), z.literal(1)]),
    /** How intervals were computed (null: no intervals). */
    intervals: z
      .nullable(
        z.object({
          /** Confidence level, e.g. 0.95. */
          level: z.number().check(z.gt(0), z.lt(1)),
          /** Number of bootstrap resamples. */
          nBoot: z.int().check(z.positive()),
          /** Bootstrap interval method, e.g. "percentile". */
          method: z.string().clone().register(z.globalRegistry, {
            description: "Bootstrap interval method, e.g. 'percentile'.",
          }),
          /** Whether score metrics (AUC, Brier) have intervals. */
          scoreMetrics: z.boolean().clone().register(z.globalRegistry, {
            description: "Whether score metrics (AUC, Brier) have intervals.",
          }),
        }),
      )
      .clone()
      .register(z.globalRegistry, {
        description: "How intervals were computed (null: no intervals).",
      }),
    /** Bins of the reliability diagrams (null without probability scores). */
    calibrationBins: z.nullable(z.int().check(z.positive())),
    /** Rates whose own denominator is below this are flagged small and get exact intervals. */
    minDenominator: z.optional(z.number().check(z.gte(1))),
    /** Groups with fewer rows have their values withheld (0: none). */
    suppressBelow: z.optional(z.number().check(z.nonnegative())),
    /** Gap sizes at which findings become warnings and notices. */
    findings: z.optional(
      z.object({
        /** Gaps at least this large are warnings. */
        warningGap: z.number().check(z.nonnegative()),
        /** Gaps at least this large are notices. */
        noticeGap: z.number().check(z.nonnegative()),
      }),
    ),
  });

  /** Where a report comes from and how it was computed. */
  const ReportMetadataSchema = z.object({
    /** Always "fairscope". */
    generator: z.literal("fairscope"),
    /** The fairscope version that wrote the report. */
    fairscopeVersion: z.string(),
    /** The seed of every random choice (null: none made). */
    seed: z.nullable(z.int()).clone().register(z.globalRegistry, {
      description: "The seed of every random choice (null: none made).",
    }),
    /** Title shown by the renderers. */
    title: z.optional(z.string()),
    /** What the audited data looked like. */
    input: InputSummarySchema,
    /** The options, defaults filled in. */
    options: ReportOptionsSchema,
  });

  /** The zod schema of a fairness report (schemaVersion "1"). */
  const FairnessReportSchema = z
    .object({
      /** The report format's version, `REPORT_SCHEMA_VERSION`. */
      schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
      /** Where the report comes from and how it was computed. */
      metadata: ReportMetadataSchema,
      /** The metrics reported, in order. */
      metrics: z.array(MetricInfoSchema),
      /** Metric id → value on the whole population. */
      overall: z.record(z.string(), EstimateSchema),
      /** The reference group's label, or "overall". */
      reference: z
        .string()
        .clone()
        .register(z.globalRegistry, { description: "The reference group's label, or 'overall'." }),
      /** Each group's values, in level order. */
      groups: z.array(GroupResultSchema),
      /** Each metric's disparity across groups. */
      disparities: z.array(DisparitySchema),
      /** The named fairness criteria. */
      criteria: z.array(CriterionSchema),
      /** Plain-language sentences, largest gaps first. */
      findings: z.array(FindingSchema),
      /** Warnings about the data and the computations. */
      warnings: z.array(WarningSchema),
      /** Calibration by group (probability scores only). */
      calibration: z.optional(CalibrationSectionSchema),
      /** ROC curves overall and by group (scores only). */
      roc: z.optional(z.array(RocCurveSchema)),
      /** The bias scan over undeclared subgroups (with `audit`'s `scan` option). */
      subgroupScan: z.optional(SubgroupScanSectionSchema),
      /** Which criteria cannot hold together on these data. */
      impossibilityNotes: z.optional(z.array(ImpossibilityNoteSchema)),
      /** Net benefit by group (scores and decision thresholds given). */
      netBenefit: z.optional(NetBenefitSectionSchema),
      /** The calibration hierarchy by group (probability scores, when asked). */
      calibrationHierarchy: z.optional(CalibrationHierarchySectionSchema),
      /** Time-to-event concordance and calibration (times and events given). */
      survival: z.optional(SurvivalSectionSchema),
      /** Each group's share of the data against a reference population, when one was given. */
      representation: z.optional(RepresentationSectionSchema),
      /** Metrics in a target population, when `standardization` was given. */
      standardization: z.optional(StandardizationSectionSchema),
      /** Metrics under soft group membership, when sensitiveFeatures was a membership matrix. */
      softMembership: z.optional(SoftMembershipSectionSchema),
    })
    .clone()
    .register(z.globalRegistry, { description: "A fairscope fairness report." });

  return { IntervalSchema, EstimateSchema, FairnessReportSchema };
}

/** The report's zod schemas. */
export type ReportSchemas = ReturnType<typeof buildReportSchemas>;

let built: ReportSchemas | undefined;

/**
 * The report's zod schemas (a confidence interval, a value with its interval, the whole report),
 * built on first use.
 *
 * @example
 * reportSchemas().FairnessReportSchema.safeParse({}).success; // => false
 */
export function reportSchemas(): ReportSchemas {
  built ??= buildReportSchemas();
  return built;
}

/**
 * The report's JSON Schema (draft 2020-12), generated from the report's zod schema.
 *
 * @example
 * reportJsonSchema().title; // => "fairscope fairness report"
 */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://fairscope.dev/schema/report-v${REPORT_SCHEMA_VERSION}.json`,
    title: "fairscope fairness report",
    ...(z.toJSONSchema(reportSchemas().FairnessReportSchema) as Record<string, unknown>),
  };
}
