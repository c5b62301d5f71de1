/**
 * Weighted per-group statistics the AIF360 post-processors fit on: confusion counts of hard
 * predictions and the generalized (score-based) error rates, positive = the favorable label.
 * Rates come from the metric registry's declarations; every weighted sum is compensated.
 */
import type { Columns } from "../data/columns.js";
import * as counts from "../metrics/counts.js";
import type { Confusion } from "../stats/confusion.js";
import { addCompensated } from "../stats/summation.js";

/** One group's weighted statistics. */
export interface GroupStats {
  /** Weighted rows. */
  readonly n: number;
  /** Weighted favorable true labels. */
  readonly positives: number;
  /** Weighted unfavorable true labels. */
  readonly negatives: number;
  /** Weighted confusion counts of the hard predictions (all 0 without predictions). */
  readonly confusion: Confusion;
  /** Σ w·score over all rows. */
  readonly scoreSum: number;
  /** Σ w·score over true negatives. */
  readonly scoreOnNegatives: number;
  /** Σ w·(1 − score) over true positives. */
  readonly missOnPositives: number;
  /** Rows (unweighted). */
  readonly rows: number;
}

/** Slots per group: the four confusion cells, label totals, and the three score sums. */
const TN = 0;
const FP = 1;
const FN = 2;
const TP = 3;
const NEGATIVES = 4;
const POSITIVES = 5;
const SCORE = 6;
const SCORE_ON_NEGATIVES = 7;
const MISS_ON_POSITIVES = 8;
const SLOTS = 9;

/**
 * Per-group statistics by group code (length = number of groups), each sum compensated.
 * `pred` may be undefined (no confusion counts); scores are read when present.
 *
 * Cost: O(n + groups).
 */
export function statsByGroup(columns: Columns, pred: Uint8Array | undefined): GroupStats[] {
  const k = columns.groups.keys.length;
  const sum = new Float64Array(SLOTS * k);
  const comp = new Float64Array(SLOTS * k);
  const rows = new Uint32Array(k);
  const { label, score, weight, group } = columns;
  for (let i = 0; i < columns.n; i++) {
    const w = weight === undefined ? 1 : weight[i]!;
    const base = SLOTS * group[i]!;
    const positive = label[i] === 1;
    rows[group[i]!]! += 1;
    addCompensated(sum, comp, base + (positive ? POSITIVES : NEGATIVES), w);
    if (pred !== undefined) addCompensated(sum, comp, base + 2 * label[i]! + pred[i]!, w);
    if (score !== undefined) {
      const s = score[i]!;
      addCompensated(sum, comp, base + SCORE, w * s);
      if (positive) addCompensated(sum, comp, base + MISS_ON_POSITIVES, w * (1 - s));
      else addCompensated(sum, comp, base + SCORE_ON_NEGATIVES, w * s);
    }
  }
  return Array.from({ length: k }, (_, g) => {
    const at = (slot: number) => sum[SLOTS * g + slot]! + comp[SLOTS * g + slot]!;
    const positives = at(POSITIVES);
    const negatives = at(NEGATIVES);
    return {
      n: positives + negatives,
      positives,
      negatives,
      confusion: { tn: at(TN), fp: at(FP), fn: at(FN), tp: at(TP) },
      scoreSum: at(SCORE),
      scoreOnNegatives: at(SCORE_ON_NEGATIVES),
      missOnPositives: at(MISS_ON_POSITIVES),
      rows: rows[g]!,
    };
  });
}

export const truePositiveRate = (s: GroupStats) => counts.truePositiveRate.fromCounts(s.confusion);
export const falsePositiveRate = (s: GroupStats) =>
  counts.falsePositiveRate.fromCounts(s.confusion);
export const trueNegativeRate = (s: GroupStats) => counts.trueNegativeRate.fromCounts(s.confusion);
export const falseNegativeRate = (s: GroupStats) =>
  counts.falseNegativeRate.fromCounts(s.confusion);
/** The registry's base rate on the labels alone (every row counted as predicted negative). */
export const baseRate = (s: GroupStats) =>
  counts.baseRate.fromCounts({ tn: s.negatives, fp: 0, fn: s.positives, tp: 0 });
/** Mean score over true negatives (AIF360's generalized false positive rate). */
export const generalizedFalsePositiveRate = (s: GroupStats) => s.scoreOnNegatives / s.negatives;
/** Mean (1 − score) over true positives (AIF360's generalized false negative rate). */
export const generalizedFalseNegativeRate = (s: GroupStats) => s.missOnPositives / s.positives;
