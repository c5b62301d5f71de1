/** Rows per block of plain sums; each of the four lanes adds at most BLOCK / 4 weights. */
const BLOCK = 2048;

/**
 * Row counts and weighted sums per cell (group × label × prediction), the sums into Neumaier
 * sums, in one pass. Four lanes (row modulo 4) keep their own int32 counts and, within blocks of
 * {@link BLOCK} rows, their own plain sums, so that consecutive rows do not wait on each other;
 * each block's lane sums then enter the compensated sums. With non-negative weights a lane sum
 * of m ≤ 512 terms is within (m − 1)·2⁻⁵³ ≈ 5.7e-14 relative of exact, so each cell's sum is
 * within about 6e-14 relative of a row-by-row Neumaier sum (the float order differs); the
 * counts are exact. Needs n < 2³¹.
 */
function countWeightedBlocked(
  stats: { counts: Float64Array; weightSum: Float64Array; weightComp: Float64Array },
  groupCode: Uint32Array,
  label: Uint8Array,
  pred: Uint8Array,
  weight: Float64Array,
  n: number,
): void {
  const { counts, weightSum, weightComp } = stats;
  const size = weightSum.length;
  const lanes = new Float64Array(4 * size);
  const table = new Int32Array(4 * size);
  const t1 = size;
  const t2 = 2 * size;
  const t3 = 3 * size;
  const words = LITTLE_ENDIAN && label.byteOffset % 4 === 0 && pred.byteOffset % 4 === 0;
  const labels = words ? new Uint32Array(label.buffer, label.byteOffset, n >>> 2) : undefined;
  const preds = words ? new Uint32Array(pred.buffer, pred.byteOffset, n >>> 2) : undefined;
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    const whole = to - ((to - from) % 4);
    for (let r = from; r < whole; r += 4) {
      // With words, four rows' labels and predictions (0/1 bytes) in one word each: byte k
      // holds row r + k.
      const cells =
        labels === undefined
          ? (label[r]! << 1) |
            pred[r]! |
            (((label[r + 1]! << 1) | pred[r + 1]!) << 8) |
            (((label[r + 2]! << 1) | pred[r + 2]!) << 16) |
            (((label[r + 3]! << 1) | pred[r + 3]!) << 24)
          : (labels[r >>> 2]! << 1) | preds![r >>> 2]!;
      const i0 = (groupCode[r]! << 2) | (cells & 3);
      const i1 = t1 + ((groupCode[r + 1]! << 2) | ((cells >>> 8) & 3));
      const i2 = t2 + ((groupCode[r + 2]! << 2) | ((cells >>> 16) & 3));
      const i3 = t3 + ((groupCode[r + 3]! << 2) | ((cells >>> 24) & 3));
      lanes[i0]! += weight[r]!;
      lanes[i1]! += weight[r + 1]!;
      lanes[i2]! += weight[r + 2]!;
      lanes[i3]! += weight[r + 3]!;
      table[i0]!++;
      table[i1]!++;
      table[i2]!++;
      table[i3]!++;
    }
    for (let r = whole; r < to; r++) {
      const i = (groupCode[r]! << 2) | (label[r]! << 1) | pred[r]!;
      lanes[i]! += weight[r]!;
      table[i]!++;
    }
    for (let k = 0; k < 4 * size; k++) {
      const x = lanes[k]!;
      if (x === 0) continue;
      addCompensated(weightSum, weightComp, k % size, x);
      lanes[k] = 0;
    }
  }
  for (let i = 0; i < size; i++) {
    counts[i] = table[i]! + table[t1 + i]! + table[t2 + i]! + table[t3 + i]!;
  }
}

/**
 * {@link countWeightedBlocked} on columns not yet checked, for {@link CLEAN_CODES} groups and
 * labels and predictions aligned to words: group codes are read modulo 32; returns whether every
 * code is below 32, every label and prediction byte is 0 or 1 and no weight is negative (NaN and
 * infinite weights leave non-finite sums). A copy rather than an option of the plain loop, which
 * the checks would slow by a fifth; the mask 31 is written out because a constant the compiler
 * sees makes this loop faster.
 */
function countWeightedBlockedChecked(
  stats: { counts: Float64Array; weightSum: Float64Array; weightComp: Float64Array },
  groupCode: Uint32Array,
  label: Uint8Array,
  pred: Uint8Array,
  weight: Float64Array,
  n: number,
): boolean {
  const { counts, weightSum, weightComp } = stats;
  const size = CLEAN_CODES * 4;
  const lanes = new Float64Array(4 * size);
  const table = new Int32Array(4 * size);
  const t1 = size;
  const t2 = 2 * size;
  const t3 = 3 * size;
  const labels = new Uint32Array(label.buffer, label.byteOffset, n >>> 2);
  const preds = new Uint32Array(pred.buffer, pred.byteOffset, n >>> 2);
  let codeBits = 0;
  let byteBits = 0;
  let negative = false;
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    const whole = to - ((to - from) % 4);
    for (let r = from; r < whole; r += 4) {
      // Four rows' labels and predictions (0/1 bytes) in one word each: byte k holds row r + k.
      const l = labels[r >>> 2]!;
      const p = preds[r >>> 2]!;
      const cells = (l << 1) | p;
      const g0 = groupCode[r]!;
      const g1 = groupCode[r + 1]!;
      const g2 = groupCode[r + 2]!;
      const g3 = groupCode[r + 3]!;
      byteBits |= l | p;
      codeBits |= g0 | g1 | g2 | g3;
      const i0 = ((g0 & 31) << 2) | (cells & 3);
      const i1 = t1 + (((g1 & 31) << 2) | ((cells >>> 8) & 3));
      const i2 = t2 + (((g2 & 31) << 2) | ((cells >>> 16) & 3));
      const i3 = t3 + (((g3 & 31) << 2) | ((cells >>> 24) & 3));
      const w0 = weight[r]!;
      const w1 = weight[r + 1]!;
      const w2 = weight[r + 2]!;
      const w3 = weight[r + 3]!;
      if (w0 < 0 || w1 < 0 || w2 < 0 || w3 < 0) negative = true;
      lanes[i0]! += w0;
      lanes[i1]! += w1;
      lanes[i2]! += w2;
      lanes[i3]! += w3;
      table[i0]!++;
      table[i1]!++;
      table[i2]!++;
      table[i3]!++;
    }
    for (let r = whole; r < to; r++) {
      const g = groupCode[r]!;
      const l = label[r]!;
      const p = pred[r]!;
      const w = weight[r]!;
      byteBits |= l | p;
      codeBits |= g;
      if (w < 0) negative = true;
      const i = ((g & 31) << 2) | (((l << 1) | p) & 3);
      lanes[i]! += w;
      table[i]!++;
    }
    // Only the cells of codes up to the bits seen so far can hold weight (in the order of the
    // plain loop: lane by lane, so each cell's sum is the same to the bit).
    const used = 4 * ((codeBits & 31) + 1);
    for (let lane = 0; lane < 4 * size; lane += size) {
      for (let c = 0; c < used; c++) {
        const x = lanes[lane + c]!;
        if (x === 0) continue;
        addCompensated(weightSum, weightComp, c, x);
        lanes[lane + c] = 0;
      }
    }
  }
  for (let i = 0; i < size; i++) {
    counts[i] = table[i]! + table[t1 + i]! + table[t2 + i]! + table[t3 + i]!;
  }
  return !negative && (codeBits & ~31) === 0 && (byteBits & 0xfefefefe) === 0;
}

/**
 * Per-group confusion counts: the sufficient statistics of every count metric. One pass over
 * the columns; mergeable, so batches, workers and bootstrap replicates combine exactly.
 */
import type { Columns, GroupIndex } from "../data/columns.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { addCompensated } from "./summation.js";

/** Cell order within a group: index `2 * label + prediction`. */
export const CELLS = ["tn", "fp", "fn", "tp"] as const;

/** Weighted (or unweighted) confusion counts of one group. */
export interface Confusion {
  /** True negatives: label 0, prediction 0. */
  readonly tn: number;
  /** False positives: label 0, prediction 1. */
  readonly fp: number;
  /** False negatives: label 1, prediction 0. */
  readonly fn: number;
  /** True positives: label 1, prediction 1. */
  readonly tp: number;
}

/**
 * Confusion counts of `groups` groups: `counts[4g + c]` rows in cell c of group g, and, when
 * weighted, the compensated weighted sums `weightSum[4g + c] + weightComp[4g + c]`.
 */
export interface ConfusionStats {
  /** Number of groups. */
  readonly groups: number;
  /** Unweighted row counts (exact integers up to 2^53). */
  readonly counts: Float64Array;
  /** Weighted sums (running sum part); undefined when unweighted. */
  readonly weightSum: Float64Array | undefined;
  /** Weighted sums (compensation part). */
  readonly weightComp: Float64Array | undefined;
}

/** Whether this platform's typed arrays are little-endian (byte 0 of a word is its lowest). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * The unweighted count loop: four int32 tables, one per row modulo 4, so consecutive rows that
 * fall in the same cell do not wait on each other's increments; the tables are summed at the end
 * (exact: integer counts).
 */
function countInterleaved(
  counts: Float64Array,
  groupCode: Uint32Array,
  label: Uint8Array,
  pred: Uint8Array,
  n: number,
  groups: number,
): void {
  const size = groups * 4;
  const table = new Int32Array(size * 4);
  const t1 = size;
  const t2 = 2 * size;
  const t3 = 3 * size;
  const whole = n - (n % 4);
  if (LITTLE_ENDIAN && label.byteOffset % 4 === 0 && pred.byteOffset % 4 === 0) {
    // Four rows' labels and predictions (0/1 bytes) in one word each: byte k holds row r + k.
    const labels = new Uint32Array(label.buffer, label.byteOffset, whole / 4);
    const preds = new Uint32Array(pred.buffer, pred.byteOffset, whole / 4);
    for (let r = 0, w = 0; r < whole; r += 4, w++) {
      const cells = (labels[w]! << 1) | preds[w]!;
      table[(groupCode[r]! << 2) | (cells & 3)]!++;
      table[t1 + ((groupCode[r + 1]! << 2) | ((cells >>> 8) & 3))]!++;
      table[t2 + ((groupCode[r + 2]! << 2) | ((cells >>> 16) & 3))]!++;
      table[t3 + ((groupCode[r + 3]! << 2) | ((cells >>> 24) & 3))]!++;
    }
  } else {
    for (let r = 0; r < whole; r += 4) {
      table[(groupCode[r]! << 2) | (label[r]! << 1) | pred[r]!]!++;
      table[t1 + ((groupCode[r + 1]! << 2) | (label[r + 1]! << 1) | pred[r + 1]!)]!++;
      table[t2 + ((groupCode[r + 2]! << 2) | (label[r + 2]! << 1) | pred[r + 2]!)]!++;
      table[t3 + ((groupCode[r + 3]! << 2) | (label[r + 3]! << 1) | pred[r + 3]!)]!++;
    }
  }
  for (let r = whole; r < n; r++) table[(groupCode[r]! << 2) | (label[r]! << 1) | pred[r]!]!++;
  for (let i = 0; i < size; i++) {
    counts[i] = table[i]! + table[t1 + i]! + table[t2 + i]! + table[t3 + i]!;
  }
}

/**
 * {@link countInterleaved} on columns not yet checked, for {@link CLEAN_CODES} groups and labels
 * and predictions aligned to words: group codes are read modulo 32; returns whether every code is
 * below 32 and every label and prediction byte is 0 or 1. A copy rather than an option of the
 * plain loop, which the checks would slow by a fifth; the mask 31 is written out because a
 * constant the compiler sees makes this loop faster.
 */
function countInterleavedChecked(
  counts: Float64Array,
  groupCode: Uint32Array,
  label: Uint8Array,
  pred: Uint8Array,
  n: number,
): boolean {
  const size = CLEAN_CODES * 4;
  const table = new Int32Array(size * 4);
  const t1 = size;
  const t2 = 2 * size;
  const t3 = 3 * size;
  const whole = n - (n % 4);
  let codeBits = 0;
  let byteBits = 0;
  const labels = new Uint32Array(label.buffer, label.byteOffset, whole / 4);
  const preds = new Uint32Array(pred.buffer, pred.byteOffset, whole / 4);
  for (let r = 0, w = 0; r < whole; r += 4, w++) {
    const l = labels[w]!;
    const p = preds[w]!;
    const g0 = groupCode[r]!;
    const g1 = groupCode[r + 1]!;
    const g2 = groupCode[r + 2]!;
    const g3 = groupCode[r + 3]!;
    byteBits |= l | p;
    codeBits |= g0 | g1 | g2 | g3;
    const cells = (l << 1) | p;
    table[((g0 & 31) << 2) | (cells & 3)]!++;
    table[t1 + (((g1 & 31) << 2) | ((cells >>> 8) & 3))]!++;
    table[t2 + (((g2 & 31) << 2) | ((cells >>> 16) & 3))]!++;
    table[t3 + (((g3 & 31) << 2) | ((cells >>> 24) & 3))]!++;
  }
  for (let r = whole; r < n; r++) {
    const g = groupCode[r]!;
    const l = label[r]!;
    const p = pred[r]!;
    byteBits |= l | p;
    codeBits |= g;
    table[((g & 31) << 2) | (((l << 1) | p) & 3)]!++;
  }
  for (let i = 0; i < size; i++) {
    counts[i] = table[i]! + table[t1 + i]! + table[t2 + i]! + table[t3 + i]!;
  }
  return (codeBits & ~31) === 0 && (byteBits & 0xfefefefe) === 0;
}

/**
 * Counts each group's confusion cells in one pass. `groupCode` defaults to the columns' group.
 * Row counts are exact; weighted sums are compensated over blocks of plain sums (within about
 * 6e-14 relative of a row-by-row compensated sum, see `countWeightedBlocked`).
 *
 * Cost: O(n) time, O(groups) memory.
 *
 * @example
 * const stats = countConfusion(prepare({ yTrue: [1, 0], yPred: [1, 1], sensitiveFeatures: ["a", "a"] }));
 * confusionOf(stats, 0); // => { tn: 0, fp: 1, fn: 0, tp: 1 }
 */
export function countConfusion(
  columns: Pick<Columns, "n" | "label" | "pred" | "weight" | "group" | "groups">,
  groupCode: Uint32Array = columns.group,
  groups: number = columns.groups.keys.length,
): ConfusionStats {
  const { n, label, weight } = columns;
  const pred = columns.pred;
  if (pred === undefined) throw new TypeError("countConfusion: predictions are required");
  if (groups > 2 ** 28) throw new RangeError("countConfusion: more than 2^28 groups");
  const counts = new Float64Array(groups * 4);
  if (weight === undefined) {
    if (groups <= 65_536 && n < 2 ** 31) {
      countInterleaved(counts, groupCode, label, pred, n, groups);
      return { groups, counts, weightSum: undefined, weightComp: undefined };
    }
    // Integer shifts keep the index arithmetic in int32 (uint32 products go through doubles).
    for (let r = 0; r < n; r++) counts[(groupCode[r]! << 2) | (label[r]! << 1) | pred[r]!]! += 1;
    return { groups, counts, weightSum: undefined, weightComp: undefined };
  }
  const weightSum = new Float64Array(groups * 4);
  const weightComp = new Float64Array(groups * 4);
  if (groups <= 65_536 && n < 2 ** 31) {
    countWeightedBlocked({ counts, weightSum, weightComp }, groupCode, label, pred, weight, n);
    return { groups, counts, weightSum, weightComp };
  }
  for (let r = 0; r < n; r++) {
    const i = (groupCode[r]! << 2) | (label[r]! << 1) | pred[r]!;
    counts[i]! += 1;
    addCompensated(weightSum, weightComp, i, weight[r]!);
  }
  return { groups, counts, weightSum, weightComp };
}

/** The group codes {@link countCleanConfusion} counts: 0 to 31. */
export const CLEAN_CODES = 32;

/**
 * {@link countConfusion} of raw columns not yet validated, checking them in the same pass: the
 * statistics of {@link CLEAN_CODES} groups (group g counts the rows whose code is g) when every
 * label and prediction is 0 or 1, every code is below {@link CLEAN_CODES} and every weight is
 * finite and non-negative (with a finite total of n times the total); otherwise undefined, and
 * the input needs the full validation. Also undefined when the labels or predictions do not
 * start at a multiple of 4 bytes (the loop reads four of them as one word). Equal to {@link countConfusion} on the same columns, to
 * the bit.
 *
 * Cost: one pass over the columns.
 *
 * @example
 * const stats = countCleanConfusion(Uint8Array.of(1, 0), Uint8Array.of(1, 1), Uint32Array.of(3, 3), undefined);
 * stats.counts.subarray(12, 16); // => Float64Array [0, 1, 0, 1]
 * countCleanConfusion(Uint8Array.of(2), Uint8Array.of(1), Uint32Array.of(0), undefined); // => undefined
 */
export function countCleanConfusion(
  label: Uint8Array,
  pred: Uint8Array,
  groupCode: Uint32Array,
  weight: Float64Array | undefined,
): ConfusionStats | undefined {
  const n = label.length;
  if (pred.length !== n || groupCode.length !== n || (weight !== undefined && weight.length !== n))
    throw new RangeError("countCleanConfusion: columns differ in length");
  // The checked loops read four labels or predictions as one word.
  const words = LITTLE_ENDIAN && label.byteOffset % 4 === 0 && pred.byteOffset % 4 === 0;
  if (!words || n >= 2 ** 31) return undefined;
  const groups = CLEAN_CODES;
  const counts = new Float64Array(groups * 4);
  if (weight === undefined) {
    const clean = countInterleavedChecked(counts, groupCode, label, pred, n);
    return clean ? { groups, counts, weightSum: undefined, weightComp: undefined } : undefined;
  }
  const weightSum = new Float64Array(groups * 4);
  const weightComp = new Float64Array(groups * 4);
  const stats = { counts, weightSum, weightComp };
  if (!countWeightedBlockedChecked(stats, groupCode, label, pred, weight, n)) return undefined;
  // A NaN or infinite weight leaves a non-finite sum. Well below the largest finite number, so
  // that the rounding of this total cannot accept weights the full validation refuses.
  let total = 0;
  for (let i = 0; i < weightSum.length; i++) total += weightSum[i]! + weightComp[i]!;
  if (!(total > 0 && total * n < 2 ** 1000)) return undefined;
  return { groups, ...stats };
}

/** The fields {@link countCleanTypedInput} accepts. */
const TYPED_FIELDS = new Set(["yTrue", "yPred", "sensitiveFeatures", "sampleWeight"]);

/** The one feature of a typed input as codes, with its name: Uint32Array or Int32Array only. */
function typedFeature(features: unknown): { name: string; code: Uint32Array } | undefined {
  let name = "sensitive_feature_0";
  let column = features;
  if (
    typeof features === "object" &&
    features !== null &&
    Object.getPrototypeOf(features) === Object.prototype
  ) {
    const names = Object.keys(features);
    if (names.length !== 1) return undefined;
    name = names[0]!;
    column = (features as Record<string, unknown>)[name];
  }
  if (column instanceof Uint32Array) return { name, code: column };
  if (column instanceof Int32Array) {
    // Negative codes read as 2³¹ or more, which the count refuses.
    return { name, code: new Uint32Array(column.buffer, column.byteOffset, column.length) };
  }
  return undefined;
}

/** Clean typed input columns and their confusion statistics (see {@link countCleanTypedInput}). */
export interface CleanTypedInput {
  /** Statistics of the groups: group g is the g-th code present, ascending. */
  readonly stats: ConfusionStats;
  /** One feature, whose levels are the codes present, ascending. */
  readonly groups: GroupIndex;
  /** The input's labels, predictions, codes and weights, unchanged. */
  readonly label: Uint8Array;
  readonly pred: Uint8Array;
  readonly code: Uint32Array;
  readonly weight: Float64Array | undefined;
}

/**
 * The confusion statistics and group index of an input that holds only 0/1 `Uint8Array` labels
 * and predictions, one `Uint32Array` or `Int32Array` feature of codes 0–31 (bare, or the one
 * field of a record naming it) and optional `Float64Array` weights, all clean
 * ({@link countCleanConfusion}): the same as `prepare` and {@link countConfusion} give, from
 * one checked pass. Otherwise undefined, and the input needs the full validation.
 *
 * Cost: one pass over the columns.
 *
 * @example
 * const clean = countCleanTypedInput({
 *   yTrue: Uint8Array.of(1, 0), yPred: Uint8Array.of(1, 1), sensitiveFeatures: Uint32Array.of(3, 5),
 * });
 * clean?.groups.levels; // => [[3, 5]]
 * countCleanTypedInput({ yTrue: [1, 0], yPred: [1, 1], sensitiveFeatures: ["a", "b"] }); // => undefined
 */
export function countCleanTypedInput(input: FairnessInput): CleanTypedInput | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  if (!Object.keys(input).every((key) => TYPED_FIELDS.has(key))) return undefined;
  const { yTrue, yPred, sampleWeight } = input;
  if (!(yTrue instanceof Uint8Array && yPred instanceof Uint8Array)) return undefined;
  if (!(sampleWeight === undefined || sampleWeight instanceof Float64Array)) return undefined;
  const feature = typedFeature(input.sensitiveFeatures);
  const n = yTrue.length;
  if (feature === undefined || n === 0 || yPred.length !== n || feature.code.length !== n) {
    return undefined;
  }
  if (sampleWeight !== undefined && sampleWeight.length !== n) return undefined;
  const all = countCleanConfusion(yTrue, yPred, feature.code, sampleWeight);
  if (all === undefined) return undefined;
  const levels: number[] = [];
  for (let code = 0; code < CLEAN_CODES; code++) if (groupSize(all, code) > 0) levels.push(code);
  const pick = (values: Float64Array) => {
    const out = new Float64Array(4 * levels.length);
    levels.forEach((code, g) => {
      out.set(values.subarray(4 * code, 4 * code + 4), 4 * g);
    });
    return out;
  };
  const stats: ConfusionStats = {
    groups: levels.length,
    counts: pick(all.counts),
    weightSum: all.weightSum && pick(all.weightSum),
    weightComp: all.weightComp && pick(all.weightComp),
  };
  const groups: GroupIndex = {
    featureNames: [feature.name],
    levels: [levels],
    keys: levels.map((level) => [level]),
  };
  return { stats, groups, label: yTrue, pred: yPred, code: feature.code, weight: sampleWeight };
}

/**
 * Merges two statistics over the same groups: equal to one pass over the concatenated rows
 * (exactly for counts; to compensated-sum accuracy for weights).
 */
export function mergeConfusion(a: ConfusionStats, b: ConfusionStats): ConfusionStats {
  if (a.groups !== b.groups) throw new RangeError("mergeConfusion: group counts differ");
  if ((a.weightSum === undefined) !== (b.weightSum === undefined)) {
    throw new TypeError("mergeConfusion: cannot merge weighted with unweighted statistics");
  }
  const counts = a.counts.map((c, i) => c + b.counts[i]!);
  if (a.weightSum === undefined)
    return { groups: a.groups, counts, weightSum: undefined, weightComp: undefined };
  const weightSum = new Float64Array(a.weightSum);
  const weightComp = new Float64Array(a.weightComp!);
  for (let i = 0; i < weightSum.length; i++) {
    addCompensated(weightSum, weightComp, i, b.weightSum![i]!);
    addCompensated(weightSum, weightComp, i, b.weightComp![i]!);
  }
  return { groups: a.groups, counts, weightSum, weightComp };
}

/**
 * The statistics of all groups together, as one group: exact for counts, compensated for
 * weights.
 *
 * @example
 * const stats = countConfusion(prepare({ yTrue: [1, 0], yPred: [1, 1], sensitiveFeatures: ["a", "b"] }));
 * confusionOf(sumGroups(stats), 0); // => { tn: 0, fp: 1, fn: 0, tp: 1 }
 */
export function sumGroups(stats: ConfusionStats): ConfusionStats {
  const counts = new Float64Array(4);
  const weighted = stats.weightSum !== undefined;
  const weightSum = weighted ? new Float64Array(4) : undefined;
  const weightComp = weighted ? new Float64Array(4) : undefined;
  for (let g = 0; g < stats.groups; g++) {
    for (let c = 0; c < 4; c++) {
      counts[c]! += stats.counts[4 * g + c]!;
      if (weighted) {
        addCompensated(weightSum!, weightComp!, c, stats.weightSum![4 * g + c]!);
        addCompensated(weightSum!, weightComp!, c, stats.weightComp![4 * g + c]!);
      }
    }
  }
  return { groups: 1, counts, weightSum, weightComp };
}

/** The (weighted, when weights were given) confusion of group `g`. */
export function confusionOf(stats: ConfusionStats, g: number, unweighted = false): Confusion {
  const i = g * 4;
  if (unweighted || stats.weightSum === undefined) {
    const c = stats.counts;
    return { tn: c[i]!, fp: c[i + 1]!, fn: c[i + 2]!, tp: c[i + 3]! };
  }
  const s = stats.weightSum;
  const k = stats.weightComp!;
  return {
    tn: s[i]! + k[i]!,
    fp: s[i + 1]! + k[i + 1]!,
    fn: s[i + 2]! + k[i + 2]!,
    tp: s[i + 3]! + k[i + 3]!,
  };
}

/** The confusion summed over all groups. */
export function totalConfusion(stats: ConfusionStats, unweighted = false): Confusion {
  const total = { tn: 0, fp: 0, fn: 0, tp: 0 };
  const comp = { tn: 0, fp: 0, fn: 0, tp: 0 };
  for (let g = 0; g < stats.groups; g++) {
    const c = confusionOf(stats, g, unweighted);
    for (const cell of CELLS) {
      const s = total[cell];
      const x = c[cell];
      const t = s + x;
      comp[cell] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      total[cell] = t;
    }
  }
  return {
    tn: total.tn + comp.tn,
    fp: total.fp + comp.fp,
    fn: total.fn + comp.fn,
    tp: total.tp + comp.tp,
  };
}

/** Number of rows of group g. */
export function groupSize(stats: ConfusionStats, g: number): number {
  const c = stats.counts;
  return c[4 * g]! + c[4 * g + 1]! + c[4 * g + 2]! + c[4 * g + 3]!;
}
