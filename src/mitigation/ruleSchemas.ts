/**
 * zod schemas of the post-processors' JSON states, so a stored rule is validated when loaded.
 */
import { z } from "zod";
import { FairnessInputError } from "../data/errors.js";

const LevelSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const GroupKey = z.array(LevelSchema).min(1);
const Probability = z.number().min(0).max(1);

export const RejectOptionSchema = z.object({
  format: z.literal("fairscope.rejectOption/1"),
  featureNames: z.array(z.string()).min(1),
  groups: z.array(z.object({ group: GroupKey, privileged: z.boolean() })).min(1),
  threshold: z.number(),
  margin: z.number().min(0),
  metric: z.enum([
    "statisticalParityDifference",
    "averageOddsDifference",
    "equalOpportunityDifference",
  ]),
  metricBounds: z.tuple([z.number(), z.number()]),
  metricValue: z.number(),
  balancedAccuracy: z.number(),
  constraintSatisfied: z.boolean(),
});

export const CalibratedEqOddsSchema = z.object({
  format: z.literal("fairscope.calibratedEqualizedOdds/1"),
  featureNames: z.array(z.string()).min(1),
  costConstraint: z.enum(["fnr", "fpr", "weighted"]),
  groups: z
    .array(
      z.object({
        group: GroupKey,
        baseRate: Probability,
        calibrationGap: z.number(),
        cost: z.number(),
        trivialCost: z.number(),
        rawMixRate: z.number(),
        mixRate: Probability,
        calibration: z
          .object({ expectedCalibrationError: z.number(), hosmerLemeshowPValue: z.number() })
          .optional(),
      }),
    )
    .min(1),
  warnings: z.array(z.string()),
});

export const EqOddsSchema = z.object({
  format: z.literal("fairscope.equalizedOddsPostprocessing/1"),
  featureNames: z.array(z.string()).min(1),
  groups: z
    .array(
      z.object({
        group: GroupKey,
        keepFavorable: Probability,
        flipToFavorable: Probability,
        truePositiveRate: z.number(),
        falsePositiveRate: z.number(),
        truePositiveRateAfter: z.number(),
        falsePositiveRateAfter: z.number(),
      }),
    )
    .min(1),
  linearProgram: z.object({
    c: z.array(z.number()),
    aEq: z.array(z.array(z.number())),
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
