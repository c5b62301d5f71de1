/**
 * zod schemas of the post-processors' JSON states, so a stored rule is validated when loaded.
 * Written with `zod/mini` (English messages passed per parse) so that loading the package does
 * not load all of zod.
 */
import * as z from "zod/mini";
import { FairnessInputError } from "../data/errors.js";
import { englishErrors } from "../data/schema.js";

/**
 * How far p0 + p1 of a stored group may be from 1: fitted weights are computed as p and 1 − p,
 * whose sum can be off by an ulp.
 */
const P_SUM_TOLERANCE = 1e-12;

/**
 * Builds the rule schemas. Called once, on first use ({@link ruleSchemas}), so that loading the
 * package builds no schema.
 */
function buildRuleSchemas() {
  const LevelSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

  const GroupKey = z.array(LevelSchema).check(z.minLength(1));
  const Probability = z.number().check(z.gte(0), z.lte(1));

  /** The zod schema of `RejectOptionJSON`. */
  const RejectOptionSchema = z.object({
    /** Format tag and version. */
    format: z.literal("fairscope.rejectOption/1"),
    /** Sensitive feature names, in key order. */
    featureNames: z.array(z.string()).check(z.minLength(1)),
    /** Every group seen at fit time, with whether it is privileged. */
    groups: z
      .array(
        z.object({
          /** The group's levels, one per feature. */
          group: GroupKey,
          /** Whether the group is privileged. */
          privileged: z.boolean(),
        }),
      )
      .check(z.minLength(1)),
    /** Classification threshold t: favorable iff score > t outside the band. */
    threshold: z.number(),
    /** Half-width m of the critical band `t − m < score ≤ t + m`. */
    margin: z.number().check(z.gte(0)),
    /** The fairness metric constrained. */
    metric: z.enum({
      /** P(favorable | unprivileged) − P(favorable | privileged). */
      statisticalParityDifference: "statisticalParityDifference",
      /** Mean of the FPR difference and the TPR difference (unprivileged − privileged). */
      averageOddsDifference: "averageOddsDifference",
      /** TPR(unprivileged) − TPR(privileged). */
      equalOpportunityDifference: "equalOpportunityDifference",
    } as const),
    /** Allowed range of the metric (unprivileged − privileged). */
    metricBounds: z.tuple([z.number(), z.number()]),
    /** The metric at the chosen pair (the unprivileged group farthest from the bounds, or from 0). */
    metricValue: z.number(),
    /** Balanced accuracy on the fitting data at the chosen pair. */
    balancedAccuracy: z.number(),
    /** Whether some pair kept the metric within the bounds for every unprivileged group. */
    constraintSatisfied: z.boolean(),
  });

  const CalibratedEqualizedOddsGroupSchema = z.object({
    /** The group's levels, one per feature. */
    group: GroupKey,
    /** Weighted share of favorable true labels. */
    baseRate: Probability,
    /** Mean score minus base rate: far from 0 means the scores are not calibrated in this group. */
    calibrationGap: z.number(),
    /** The group's cost under `costConstraint` with its own scores. */
    cost: z.number(),
    /** Cost when every score of the group is its base rate. */
    trivialCost: z.number(),
    /** AIF360's mixing rate, not clipped (can exceed 1 when the target cost is out of reach). */
    rawMixRate: z.number(),
    /** Probability of replacing a score by the base rate: `rawMixRate` clipped to [0, 1]. */
    mixRate: Probability,
    /**
     * From `calibrationByGroup` (fitted through the public function): the group's expected
     * calibration error (10 uniform bins) and Hosmer–Lemeshow p-value.
     */
    calibration: z.optional(
      z.object({
        /** Expected calibration error on 10 uniform bins. */
        expectedCalibrationError: z.number(),
        /** Hosmer–Lemeshow test p-value. */
        hosmerLemeshowPValue: z.number(),
      }),
    ),
  });

  /** The zod schema of `CalibratedEqualizedOddsJSON`. */
  const CalibratedEqualizedOddsSchema = z.object({
    /** Format tag and version. */
    format: z.literal("fairscope.calibratedEqualizedOdds/1"),
    /** Sensitive feature names, in key order. */
    featureNames: z.array(z.string()).check(z.minLength(1)),
    /** The cost equalized across groups. */
    costConstraint: z.enum({
      /** Generalized false negative rate: mean (1 − score) over favorable labels. */
      fnr: "fnr",
      /** Generalized false positive rate: mean score over unfavorable labels. */
      fpr: "fpr",
      /** ½·GFPR·(1 − base rate) + ½·GFNR·base rate. */
      weighted: "weighted",
    } as const),
    /** Every group seen at fit time. */
    groups: z.array(CalibratedEqualizedOddsGroupSchema).check(z.minLength(1)),
    /** Groups whose scores fail the Hosmer–Lemeshow test at the 1% level, in words. */
    warnings: z.array(z.string()),
  });

  const EqualizedOddsGroupSchema = z.object({
    /** The group's levels, one per feature. */
    group: GroupKey,
    /** P(new label favorable | predicted favorable). */
    keepFavorable: Probability,
    /** P(new label favorable | predicted unfavorable). */
    flipToFavorable: Probability,
    /** True positive rate before. */
    truePositiveRate: z.number(),
    /** False positive rate before. */
    falsePositiveRate: z.number(),
    /** True positive rate after, in expectation. */
    truePositiveRateAfter: z.number(),
    /** False positive rate after, in expectation. */
    falsePositiveRateAfter: z.number(),
  });

  const EqualizedOddsLinearProgramSchema = z.object({
    /** Variables: per group, [keepFavorable, flipToFavorable]. */
    c: z.array(z.number()),
    /** Equality constraints: each group's TPR̃ and FPR̃ rows against the first group's. */
    aEq: z.array(z.array(z.number())),
    /** The objective's value at the solution. */
    objective: z.number(),
  });

  /** The zod schema of `EqualizedOddsJSON`. */
  const EqualizedOddsSchema = z.object({
    /** Format tag and version. */
    format: z.literal("fairscope.equalizedOddsPostprocessing/1"),
    /** Sensitive feature names, in key order. */
    featureNames: z.array(z.string()).check(z.minLength(1)),
    /** Every group seen at fit time. */
    groups: z.array(EqualizedOddsGroupSchema).check(z.minLength(1)),
    /** The linear program solved, for inspection. */
    linearProgram: EqualizedOddsLinearProgramSchema,
  });

  const OperationSchema = z.object({
    /** How the score is compared with the threshold. */
    operator: z.enum({
      /** Positive where score > threshold. */
      ">": ">",
      /** Positive where score < threshold. */
      "<": "<",
      /** Positive where score ≥ threshold. */
      ">=": ">=",
      /** Positive where score ≤ threshold. */
      "<=": "<=",
    } as const),
    /** The threshold. */
    threshold: z.union([z.number(), z.literal("Infinity"), z.literal("-Infinity")]),
  });

  const GroupRuleSchema = z
    .object({
      /** One level per sensitive feature. */
      group: z.array(LevelSchema).check(z.minLength(1)),
      /** Weight of the first operation. */
      p0: Probability,
      /** The first operation. */
      operation0: OperationSchema,
      /** Weight of the second operation (p0 + p1 = 1). */
      p1: Probability,
      /** The second operation. */
      operation1: OperationSchema,
      /**
       * Equalized odds only: probability of predicting positive with probability
       * `predictionConstant` instead, so P(ŷ=1) = pIgnore·predictionConstant + (1 − pIgnore)·rule.
       */
      pIgnore: z.optional(Probability),
      /** Equalized odds only: the positive probability mixed in (x*, the common FPR). */
      predictionConstant: z.optional(Probability),
    })
    .check(
      z.refine((g) => (g.pIgnore === undefined) === (g.predictionConstant === undefined), {
        message: "pIgnore and predictionConstant go together",
      }),
      z.refine((g) => Math.abs(g.p0 + g.p1 - 1) <= P_SUM_TOLERANCE, {
        message: "p0 + p1 must be 1",
        path: ["p1"],
      }),
    );

  const FitSummarySchema = z.object({
    /** What fitted the rule, e.g. "thresholdOptimizer". */
    method: z.string(),
    /** The parity constraint, e.g. "demographicParity". */
    constraints: z.optional(z.string()),
    /** The objective maximised, e.g. "accuracy". */
    objective: z.optional(z.string()),
    /** Grid points on the constraint axis. */
    gridSize: z.optional(z.number()),
    /** Whether "positive below the threshold" operations were considered. */
    flip: z.optional(z.boolean()),
    /** Relaxed-parity tolerance (null: exact parity). */
    tol: z.optional(z.nullable(z.number())),
    /** Whether sample weights were used. */
    weighted: z.optional(z.boolean()),
    /** The common constraint value x* (null with `tol`). */
    constraintValue: z.nullable(z.number()),
    /** The objective at the chosen point (equalized odds: the common true positive rate). */
    objectiveValue: z.number(),
    /** Each group's constraint value, in `groups` order. */
    constraintValueByGroup: z.array(z.number()),
    /** max − min of `constraintValueByGroup`. */
    betweenGroups: z.number(),
  });

  /** The zod schema of `ThresholdRuleJSON`, for validating stored rules. */
  const ThresholdRuleSchema = z.object({
    /** Format tag and version. */
    format: z.literal("fairscope.thresholdRule/1"),
    /** Sensitive feature names, in key order. */
    featureNames: z.array(z.string()).check(z.minLength(1)),
    /** One rule per group seen at fit time. */
    groups: z.array(GroupRuleSchema).check(z.minLength(1)),
    /** How the rule was fitted. */
    fit: z.optional(FitSummarySchema),
  });

  return {
    RejectOptionSchema,
    CalibratedEqualizedOddsSchema,
    EqualizedOddsSchema,
    ThresholdRuleSchema,
  };
}

/** The fitted rules' zod schemas. */
export type RuleSchemas = ReturnType<typeof buildRuleSchemas>;

let built: RuleSchemas | undefined;

/**
 * The zod schemas of the fitted rules' JSON states, built on first use.
 *
 * @example
 * ruleSchemas().ThresholdRuleSchema.safeParse({}).success; // => false
 */
export function ruleSchemas(): RuleSchemas {
  built ??= buildRuleSchemas();
  return built;
}

/** Parses `json` with `schema`, turning zod issues into a FairnessInputError under `rule`. */
export function parseRule<T>(schema: z.ZodMiniType<T>, json: unknown): T {
  const parsed = schema.safeParse(json, { error: englishErrors });
  if (parsed.success) return parsed.data;
  throw new FairnessInputError(
    parsed.error.issues.map((issue) => ({
      code: "invalid_type" as const,
      path: ["rule", ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
      message: issue.message,
    })),
  );
}
