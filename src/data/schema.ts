/**
 * The input schema: what every public entry point accepts. zod checks the structure (which
 * fields are arrays, option values); `prepare` checks the values in one pass per column.
 * It is written with `zod/mini` (tree-shakable functions, English messages from zod's `en`
 * locale passed per parse) so that a browser bundle of `groupMetrics` stays small.
 */
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import type { LabelArray } from "./inputTypes.js";

/**
 * Builds the input schemas. Called once, on first use ({@link inputSchemas}), so that loading the
 * package builds no schema.
 */
function buildInputSchemas() {
  const isArrayLike = (value: unknown): boolean =>
    Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));

  /** An array or a numeric typed array (element values are checked by `prepare`). */
  const ArrayInputSchema = z.custom<LabelArray>(isArrayLike, {
    message: "expected an array or a typed array",
  });

  /** One feature array, or a record of named feature arrays. */
  const FeatureInputSchema = z.union([ArrayInputSchema, z.record(z.string(), ArrayInputSchema)]);

  /** The zod schema of {@link FairnessInput}. */
  const FairnessInputSchema = z.object({
    /** {@inheritDoc FairnessInput.yTrue} */
    yTrue: ArrayInputSchema,
    /** {@inheritDoc FairnessInput.yPred} */
    yPred: z.optional(ArrayInputSchema),
    /** {@inheritDoc FairnessInput.yScore} */
    yScore: z.optional(ArrayInputSchema),
    /** {@inheritDoc FairnessInput.sensitiveFeatures} */
    sensitiveFeatures: FeatureInputSchema,
    /** {@inheritDoc FairnessInput.sampleWeight} */
    sampleWeight: z.optional(ArrayInputSchema),
    /** {@inheritDoc FairnessInput.controlFeatures} */
    controlFeatures: z.optional(FeatureInputSchema),
    /** {@inheritDoc FairnessInput.posLabel} */
    posLabel: z.optional(z.union([z.number(), z.string(), z.boolean()])),
    /** {@inheritDoc FairnessInput.threshold} */
    threshold: z.optional(z.number().check(z.refine(Number.isFinite, "threshold must be finite"))),
    /** {@inheritDoc FairnessInput.thresholdRule} */
    thresholdRule: z.optional(
      z.enum({
        /** Positive when score ≥ threshold. */
        ">=": ">=",
        /** Positive when score > threshold. */
        ">": ">",
      }),
    ),
    /** {@inheritDoc FairnessInput.scores} */
    scores: z.optional(
      z.enum({
        /** Probabilities in [0, 1]. */
        probability: "probability",
        /** Any finite number (decision function values). */
        margin: "margin",
      }),
    ),
    /** {@inheritDoc FairnessInput.missingGroup} */
    missingGroup: z.optional(
      z.enum({
        /** Reject the input, listing the rows. */
        error: "error",
        /** Leave those rows out. */
        drop: "drop",
        /** Put those rows in a group of their own. */
        asGroup: "asGroup",
      }),
    ),
    /** {@inheritDoc FairnessInput.intersections} */
    intersections: z.optional(
      z.enum({
        /** The level combinations that occur in the rows. */
        observed: "observed",
        /** The full Cartesian product of the observed levels. */
        all: "all",
      }),
    ),
  });

  return { ArrayInputSchema, FeatureInputSchema, FairnessInputSchema };
}

/** The input's zod schemas. */
export type InputSchemas = ReturnType<typeof buildInputSchemas>;

let built: InputSchemas | undefined;

/**
 * The input's zod schemas (one column, one feature input, the whole input), built on first use.
 *
 * @example
 * inputSchemas().FairnessInputSchema.safeParse({ yTrue: [1], sensitiveFeatures: ["a"] }).success; // => true
 */
export function inputSchemas(): InputSchemas {
  built ??= buildInputSchemas();
  return built;
}

/** zod's English messages, given to each parse (zod/mini sets no locale of its own). */
export const englishErrors = /* @__PURE__ */ en().localeError;
