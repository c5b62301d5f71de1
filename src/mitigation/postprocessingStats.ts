/**
 * Weighted per-group statistics the AIF360 post-processors fit on: confusion counts of hard
 * predictions and the generalized (score-based) error rates, positive = the favorable label.
 */
import type { Columns } from "../data/columns.js";

export interface GroupStats {
  /** Weighted totals: rows, true positives (favorable), and the confusion cells. */
  n: number;
  positives: number;
  negatives: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Σ w·score over true negatives, Σ w·(1 − score) over true positives. */
  scoreOnNegatives: number;
  missOnPositives: number;
  rows: number;
}

export function emptyStats(): GroupStats {
  return {
    n: 0,
    positives: 0,
    negatives: 0,
    tp: 0,
    fp: 0,
    fn: 0,
    tn: 0,
    scoreOnNegatives: 0,
    missOnPositives: 0,
    rows: 0,
  };
}

/** Adds one row (label 1 = favorable; pred may be undefined; score may be NaN when absent). */
export function addRow(
  s: GroupStats,
  label: number,
  pred: number | undefined,
  score: number,
  w: number,
) {
  s.n += w;
  s.rows += 1;
  if (label === 1) {
    s.positives += w;
    s.missOnPositives += w * (1 - score);
    if (pred === 1) s.tp += w;
    else if (pred === 0) s.fn += w;
  } else {
    s.negatives += w;
    s.scoreOnNegatives += w * score;
    if (pred === 1) s.fp += w;
    else if (pred === 0) s.tn += w;
  }
}

/** Per-group statistics by group code (length = number of groups). */
export function statsByGroup(columns: Columns, pred: Uint8Array | undefined): GroupStats[] {
  const out = columns.groups.keys.map(emptyStats);
  for (let i = 0; i < columns.n; i++) {
    const w = columns.weight === undefined ? 1 : columns.weight[i]!;
    const score = columns.score === undefined ? Number.NaN : columns.score[i]!;
    addRow(out[columns.group[i]!]!, columns.label[i]!, pred?.[i], score, w);
  }
  return out;
}

export const truePositiveRate = (s: GroupStats) => s.tp / s.positives;
export const falsePositiveRate = (s: GroupStats) => s.fp / s.negatives;
export const trueNegativeRate = (s: GroupStats) => s.tn / s.negatives;
export const falseNegativeRate = (s: GroupStats) => s.fn / s.positives;
export const selectionRate = (s: GroupStats) => (s.tp + s.fp) / s.n;
export const baseRate = (s: GroupStats) => s.positives / s.n;
/** Mean score over true negatives (AIF360's generalized false positive rate). */
export const generalizedFalsePositiveRate = (s: GroupStats) => s.scoreOnNegatives / s.negatives;
/** Mean (1 − score) over true positives (AIF360's generalized false negative rate). */
export const generalizedFalseNegativeRate = (s: GroupStats) => s.missOnPositives / s.positives;

/** Sums statistics (for a privileged set of groups, or all rows). */
export function mergeStats(parts: readonly GroupStats[]): GroupStats {
  const out = emptyStats();
  for (const p of parts) {
    for (const key of Object.keys(out) as (keyof GroupStats)[]) out[key] += p[key];
  }
  return out;
}
