/**
 * The labelled training data of a reduction: true labels and sensitive features, validated and
 * encoded once by `prepare`.
 */
import type { Level } from "../../data/columns.js";
import type { FairnessInput } from "../../data/inputTypes.js";
import { prepare } from "../../data/prepare.js";

/**
 * Labels and sensitive features of the training rows (the rows of `x`, in order), read like
 * every fairscope input. Rows cannot be dropped (they must stay aligned with `x`), so
 * `missingGroup` is `"error"` or `"asGroup"`.
 */
export interface ReductionInput
  extends Pick<FairnessInput, "yTrue" | "sensitiveFeatures" | "posLabel"> {
  /** @defaultValue "error" */
  readonly missingGroup?: "error" | "asGroup";
}

export interface EncodedTraining {
  readonly label: Uint8Array;
  readonly group: Uint32Array;
  /** Group code → one level per feature. */
  readonly keys: readonly (readonly Level[])[];
}

/** Validates and encodes labels and groups through `prepare`. */
export function encodeTraining(input: ReductionInput, fn: string): EncodedTraining {
  if (
    input.missingGroup !== undefined &&
    input.missingGroup !== "error" &&
    input.missingGroup !== "asGroup"
  ) {
    throw new RangeError(`${fn}: missingGroup must be "error" or "asGroup"`);
  }
  // Labels stand in for the predictions prepare requires; only labels and groups are used.
  const columns = prepare({ ...input, yPred: input.yTrue });
  return { label: columns.label, group: columns.group, keys: columns.groups.keys };
}
