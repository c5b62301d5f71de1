/**
 * Reweighing (Kamiran & Calders 2012): sample weights that make the label independent of the
 * group, for any number of groups (and intersections) and classes.
 */
import type { Level } from "../data/columns.js";
import type {
  FeatureInput,
  LabelArray,
  LabelValue,
  MissingGroupPolicy,
  NumberArray,
} from "../data/inputTypes.js";
import { compareLevels, groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { applyReweighing, reweighingCells } from "./reweighingKernel.js";

/**
 * Input of {@link reweighing}: labels (any number of classes) and groups; no predictions.
 *
 * @category Mitigation
 */
export interface ReweighingInput {
  /** Class labels: any number of classes (numbers, strings or booleans). */
  readonly yTrue: LabelArray;
  /** One sensitive feature, or a record of named features (groups are their intersections). */
  readonly sensitiveFeatures: FeatureInput;
  /** Existing non-negative weights; the result multiplies them. */
  readonly sampleWeight?: NumberArray;
  /** What to do with rows whose group value is missing. @defaultValue "error" */
  readonly missingGroup?: MissingGroupPolicy;
}

/** One (group, class) cell of the before/after table. */
export interface ReweighingCell {
  /** One level per sensitive feature. */
  readonly group: readonly Level[];
  /** Levels joined with ", ". */
  readonly groupLabel: string;
  /** The class. */
  readonly label: LabelValue;
  /** Unweighted rows in the cell. */
  readonly count: number;
  /** `W(g, y) = P(g)·P(y) / P(g, y)` on weighted totals; NaN for an empty cell. */
  readonly factor: number;
  /** Sum of the weights in the cell before. */
  readonly weightBefore: number;
  /** Sum of the weights in the cell after. */
  readonly weightAfter: number;
  /** Weighted P(y | g) before. */
  readonly rateBefore: number;
  /** Weighted P(y | g) after reweighing: equals `overallRate`. */
  readonly rateAfter: number;
  /** Weighted P(y) over all rows. */
  readonly overallRate: number;
}

/**
 * Result of {@link reweighing}.
 *
 * @category Mitigation
 */
export interface ReweighingResult {
  /** New weights, one per input row (rows dropped by `missingGroup: "drop"` keep theirs). */
  readonly sampleWeight: Float64Array;
  /** The class values, sorted. */
  readonly classes: readonly LabelValue[];
  /** One row per (non-empty group, class), groups in sorted order. */
  readonly table: readonly ReweighingCell[];
}

/**
 * Reweighing weights: each row's weight is multiplied by `W(g, y) = n_y · n_g / (n · n_{g,y})`
 * (weighted counts), so that under the new weights P(y | g) = P(y) for every group, and the
 * total weight is unchanged when every (group, class) cell has rows. AIF360's `Reweighing`
 * for two groups; here for any groups, intersections and classes.
 *
 * Reference: F. Kamiran and T. Calders, "Data preprocessing techniques for classification
 * without discrimination", Knowledge and Information Systems 33 (2012). Cost: O(n).
 *
 * @example
 * reweighing({ yTrue: [1, 1, 0, 1, 0, 0], sensitiveFeatures: ["a", "a", "a", "b", "b", "b"] }).sampleWeight;
 * // => Float64Array [0.75, 0.75, 1.5, 1.5, 0.75, 0.75]
 *
 * @category Mitigation
 */
export function reweighing(input: ReweighingInput): ReweighingResult {
  const n = input.yTrue.length;
  // prepare validates the groups and weights; the labels it sees are placeholders because
  // reweighing accepts any number of classes.
  const columns = prepare({
    yTrue: new Uint8Array(n),
    yPred: new Uint8Array(n),
    sensitiveFeatures: input.sensitiveFeatures,
    ...(input.sampleWeight === undefined ? {} : { sampleWeight: input.sampleWeight }),
    ...(input.missingGroup === undefined ? {} : { missingGroup: input.missingGroup }),
  });
  const source = columns.sourceRow;
  const values: LabelValue[] = [];
  for (let r = 0; r < columns.n; r++)
    values.push(input.yTrue[source ? source[r]! : r] as LabelValue);
  const classes = [...new Set(values)].sort(compareLevels);
  const code = new Map(classes.map((c, i) => [c, i]));
  const cls = Uint32Array.from(values, (v) => code.get(v)!);
  const k = columns.groups.keys.length;
  const cells = reweighingCells(cls, classes.length, columns.group, k, columns.weight);
  const kept = applyReweighing(cells, cls, columns.group, columns.weight);
  const after = reweighingCells(cls, classes.length, columns.group, k, kept);
  const table: ReweighingCell[] = [];
  for (let g = 0; g < k; g++) {
    let rows = 0;
    for (let c = 0; c < classes.length; c++) rows += cells.count[g * classes.length + c]!;
    if (rows === 0) continue;
    const key = columns.groups.keys[g]!;
    classes.forEach((label, c) => {
      const cell = g * classes.length + c;
      table.push({
        group: key,
        groupLabel: groupLabel(key),
        label,
        count: cells.count[cell]!,
        factor: cells.factor[cell]!,
        weightBefore: cells.weight[cell]!,
        weightAfter: after.weight[cell]!,
        rateBefore: cells.weight[cell]! / cells.groupTotal[g]!,
        rateAfter: after.weight[cell]! / after.groupTotal[g]!,
        overallRate: cells.classTotal[c]! / cells.total,
      });
    });
  }
  let sampleWeight = kept;
  if (source !== undefined) {
    sampleWeight = Float64Array.from({ length: n }, (_, i) =>
      input.sampleWeight === undefined ? 1 : (input.sampleWeight[i] as number),
    );
    source.forEach((row, r) => {
      sampleWeight[row] = kept[r]!;
    });
  }
  return { sampleWeight, classes, table };
}
