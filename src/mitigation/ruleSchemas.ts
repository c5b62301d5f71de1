/**
 * zod schemas of the post-processors' JSON states, so a stored rule is validated when loaded.
 */
import { z } from "zod";
import { FairnessInputError } from "../data/errors.js";

const LevelSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const GroupKey = z.array(LevelSchema).min(1);
const Probability = z.number().min(0).max(1);

/** The zod schema of {@link RejectOptionJSON}. */
export const RejectOptionSchema = z.object({
  /** {@inheritDoc RejectOptionJSON.format} */
  format: z.literal("fairscope.rejectOption/1"),
  /** {@inheritDoc RejectOptionJSON.featureNames} */
  featureNames: z.array(z.string()).min(1),
  /** {@inheritDoc RejectOptionJSON.groups} */
  groups: z
    .array(
      z.object({
        /** The group's levels, one per feature. */
        group: GroupKey,
        /** Whether the group is privileged. */
        privileged: z.boolean(),
      }),
    )
    .min(1),
  /** {@inheritDoc RejectOptionJSON.threshold} */
  threshold: z.number(),
  /** {@inheritDoc RejectOptionJSON.margin} */
  margin: z.number().min(0),
  /** {@inheritDoc RejectOptionJSON.metric} */
  metric: z.enum({
    /** P(favorable | unprivileged) − P(favorable | privileged). */
    statisticalParityDifference: "statisticalParityDifference",
    /** Mean of the FPR difference and the TPR difference (unprivileged − privileged). */
    averageOddsDifference: "averageOddsDifference",
    /** TPR(unprivileged) − TPR(privileged). */
    equalOpportunityDifference: "equalOpportunityDifference",
  }),
  /** {@inheritDoc RejectOptionJSON.metricBounds} */
  metricBounds: z.tuple([z.number(), z.number()]),
  /** {@inheritDoc RejectOptionJSON.metricValue} */
  metricValue: z.number(),
  /** {@inheritDoc RejectOptionJSON.balancedAccuracy} */
  balancedAccuracy: z.number(),
  /** {@inheritDoc RejectOptionJSON.constraintSatisfied} */
  constraintSatisfied: z.boolean(),
});

/** The zod schema of {@link CalibratedEqOddsJSON}. */
export const CalibratedEqOddsSchema = z.object({
  /** {@inheritDoc CalibratedEqOddsJSON.format} */
  format: z.literal("fairscope.calibratedEqualizedOdds/1"),
  /** {@inheritDoc CalibratedEqOddsJSON.featureNames} */
  featureNames: z.array(z.string()).min(1),
  /** {@inheritDoc CalibratedEqOddsJSON.costConstraint} */
  costConstraint: z.enum({
    /** Generalized false negative rate: mean (1 − score) over favorable labels. */
    fnr: "fnr",
    /** Generalized false positive rate: mean score over unfavorable labels. */
    fpr: "fpr",
    /** ½·GFPR·(1 − base rate) + ½·GFNR·base rate. */
    weighted: "weighted",
  }),
  /** {@inheritDoc CalibratedEqOddsJSON.groups} */
  groups: z
    .array(
      z.object({
        /** {@inheritDoc CalibratedEqOddsGroup.group} */
        group: GroupKey,
        /** {@inheritDoc CalibratedEqOddsGroup.baseRate} */
        baseRate: Probability,
        /** {@inheritDoc CalibratedEqOddsGroup.calibrationGap} */
        calibrationGap: z.number(),
        /** {@inheritDoc CalibratedEqOddsGroup.cost} */
        cost: z.number(),
        /** {@inheritDoc CalibratedEqOddsGroup.trivialCost} */
        trivialCost: z.number(),
        /** {@inheritDoc CalibratedEqOddsGroup.rawMixRate} */
        rawMixRate: z.number(),
        /** {@inheritDoc CalibratedEqOddsGroup.mixRate} */
        mixRate: Probability,
        /** {@inheritDoc CalibratedEqOddsGroup.calibration} */
        calibration: z
          .object({
            /** Expected calibration error on 10 uniform bins. */
            expectedCalibrationError: z.number(),
            /** Hosmer–Lemeshow test p-value. */
            hosmerLemeshowPValue: z.number(),
          })
          .optional(),
      }),
    )
    .min(1),
  /** {@inheritDoc CalibratedEqOddsJSON.warnings} */
  warnings: z.array(z.string()),
});

/** The zod schema of {@link EqOddsJSON}. */
export const EqOddsSchema = z.object({
  /** {@inheritDoc EqOddsJSON.format} */
  format: z.literal("fairscope.equalizedOddsPostprocessing/1"),
  /** {@inheritDoc EqOddsJSON.featureNames} */
  featureNames: z.array(z.string()).min(1),
  /** {@inheritDoc EqOddsJSON.groups} */
  groups: z
    .array(
      z.object({
        /** {@inheritDoc EqOddsGroup.group} */
        group: GroupKey,
        /** {@inheritDoc EqOddsGroup.keepFavorable} */
        keepFavorable: Probability,
        /** {@inheritDoc EqOddsGroup.flipToFavorable} */
        flipToFavorable: Probability,
        /** {@inheritDoc EqOddsGroup.truePositiveRate} */
        truePositiveRate: z.number(),
        /** {@inheritDoc EqOddsGroup.falsePositiveRate} */
        falsePositiveRate: z.number(),
        /** {@inheritDoc EqOddsGroup.truePositiveRateAfter} */
        truePositiveRateAfter: z.number(),
        /** {@inheritDoc EqOddsGroup.falsePositiveRateAfter} */
        falsePositiveRateAfter: z.number(),
      }),
    )
    .min(1),
  /** {@inheritDoc EqOddsJSON.linearProgram} */
  linearProgram: z.object({
    /** {@inheritDoc EqOddsLinearProgram.c} */
    c: z.array(z.number()),
    /** {@inheritDoc EqOddsLinearProgram.aEq} */
    aEq: z.array(z.array(z.number())),
    /** {@inheritDoc EqOddsLinearProgram.objective} */
    objective: z.number(),
  }),
});

/** Parses `json` with `schema`, turning zod issues into a FairnessInputError under `rule`. */
export function parseRule<T>(schema: z.ZodType<T>, json: unknown): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new FairnessInputError(
    parsed.error.issues.map((issue) => ({
      code: "invalid_type" as const,
      path: ["rule", ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
      message: issue.message,
    })),
  );
}
