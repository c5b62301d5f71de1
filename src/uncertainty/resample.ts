/**
 * Resampling kernels: bootstrap replicates and jackknife values of statistics of per-group
 * confusion counts (k groups × 4 cells [tn, fp, fn, tp], cell index = 2·label + prediction) or of
 * arbitrary row-level statistics. Replicates are returned statistic-major: `out[s·nBoot + b]`, so
 * each statistic's replicates are one contiguous run.
 */
import { partitionRows } from "../stats/partition.js";
import { neumaierSum } from "../stats/summation.js";
import type { Jackknife } from "./bootstrapInterval.js";
import type { RandomSource } from "./random.js";

/** Computes `out.length` statistics from one k×4 table of confusion counts. */
export type CountStatistic = (counts: Float64Array, out: Float64Array) => void;

/** Computes `out.length` statistics from a multiset of rows (indices may repeat). */
export type RowStatistic = (rows: Uint32Array, out: Float64Array) => void;

/** The replication plan shared by every kernel. */
export interface ResamplePlan {
  readonly nBoot: number;
  readonly rng: RandomSource;
  /** Resample within each group (group sizes fixed) rather than over all rows. */
  readonly stratified: boolean;
}

/** Row-level data for the weighted count bootstrap. */
export interface CellRows {
  /** Cell of each row: 2·label + prediction (0 tn, 1 fp, 2 fn, 3 tp). */
  readonly cell: Uint8Array;
  /** Group code of each row, in [0, k). */
  readonly group: Uint32Array;
  /** Sample weight of each row. */
  readonly weight: Float64Array;
  /** Number of groups. */
  readonly k: number;
}

/**
 * Multinomial bootstrap on unweighted confusion counts: resampling n rows with replacement and
 * recounting has the same distribution as one Multinomial(n, counts/n) draw over the cells, so a
 * replicate costs O(cells), not O(n). Stratified: one multinomial per group over its 4 cells
 * (group sizes fixed); otherwise one over all k×4 cells. Exact for integer counts.
 * Cost O(nBoot · (k + cost of the statistic)).
 */
export function multinomialCountReplicates(
  counts: Float64Array,
  statistic: CountStatistic,
  m: number,
  plan: ResamplePlan,
): Float64Array {
  const { nBoot, rng, stratified } = plan;
  const k = counts.length / 4;
  const replicate = new Float64Array(counts.length);
  const values = new Float64Array(m);
  const out = new Float64Array(m * nBoot);
  const total = neumaierSum(counts);
  for (let b = 0; b < nBoot; b++) {
    if (stratified) {
      for (let g = 0; g < k; g++) {
        const cells = counts.subarray(4 * g, 4 * g + 4);
        const size = cells[0]! + cells[1]! + cells[2]! + cells[3]!;
        const target = replicate.subarray(4 * g, 4 * g + 4);
        if (size > 0) rng.multinomial(size, cells, target);
        else target.fill(0);
      }
    } else if (total > 0) {
      rng.multinomial(total, counts, replicate);
    }
    statistic(replicate, values);
    for (let s = 0; s < m; s++) out[s * nBoot + b] = values[s] as number;
  }
  return out;
}

/**
 * Row bootstrap for any statistic of rows (score metrics such as AUC, user metrics): each
 * replicate hands the statistic n row indices drawn with replacement (within each group when
 * stratified, keeping group sizes). Cost O(nBoot · (n + cost of the statistic)).
 */
export function rowReplicates(
  group: Uint32Array,
  k: number,
  statistic: RowStatistic,
  m: number,
  plan: ResamplePlan,
): Float64Array {
  const { nBoot, rng, stratified } = plan;
  const n = group.length;
  const byGroup = partitionRows(group, k);
  const rows = new Uint32Array(n);
  const values = new Float64Array(m);
  const out = new Float64Array(m * nBoot);
  for (let b = 0; b < nBoot; b++) {
    if (stratified) {
      for (let g = 0; g < k; g++) {
        const from = byGroup.offsets[g] as number;
        const to = byGroup.offsets[g + 1] as number;
        for (let i = from; i < to; i++) rows[i] = byGroup.rows[rng.integer(from, to - 1)] as number;
      }
    } else {
      for (let i = 0; i < n; i++) rows[i] = rng.integer(0, n - 1);
    }
    statistic(rows, values);
    for (let s = 0; s < m; s++) out[s * nBoot + b] = values[s] as number;
  }
  return out;
}

/**
 * Delete-one jackknife of count statistics: removing any one row of a cell gives the same table,
 * so there is one value per non-empty cell, weighted by the cell's count. With `rows`, weighted
 * rows are grouped by (group, cell, weight), removing that weight from the cell.
 * Cost O(distinct (cell, weight) pairs · cost of the statistic).
 */
export function countJackknife(
  counts: Float64Array,
  statistic: CountStatistic,
  m: number,
  rows?: CellRows,
): Jackknife[] {
  const removals: { cell: number; amount: number; multiplicity: number }[] = [];
  if (rows === undefined) {
    counts.forEach((c, cell) => {
      if (c > 0) removals.push({ cell, amount: 1, multiplicity: c });
    });
  } else {
    const seen = new Map<string, { cell: number; amount: number; multiplicity: number }>();
    for (let i = 0; i < rows.cell.length; i++) {
      const cell = 4 * (rows.group[i] as number) + (rows.cell[i] as number);
      const amount = rows.weight[i] as number;
      const key = `${cell}:${amount}`;
      const entry = seen.get(key);
      if (entry === undefined) seen.set(key, { cell, amount, multiplicity: 1 });
      else entry.multiplicity += 1;
    }
    for (const removal of seen.values()) removals.push(removal);
  }
  const table = Float64Array.from(counts);
  const values = new Float64Array(m);
  const result = Array.from({ length: m }, () => ({
    values: new Float64Array(removals.length),
    weights: new Float64Array(removals.length),
  }));
  removals.forEach(({ cell, amount, multiplicity }, r) => {
    const before = table[cell] as number;
    table[cell] = before - amount;
    statistic(table, values);
    table[cell] = before;
    for (let s = 0; s < m; s++) {
      result[s]!.values[r] = values[s] as number;
      result[s]!.weights[r] = multiplicity;
    }
  });
  return result;
}

/**
 * Jackknife of a row statistic. With `blocks` = n (the default) it is the delete-one jackknife
 * (n evaluations on n − 1 rows); with fewer blocks, row i belongs to block i mod blocks and each
 * evaluation deletes one block (the delete-a-group jackknife, which estimates the BCa
 * acceleration at a fraction of the cost on large data).
 * Cost O(blocks · cost of the statistic on n rows).
 */
export function rowJackknife(
  n: number,
  statistic: RowStatistic,
  m: number,
  blocks: number = n,
): Jackknife[] {
  const b = Math.max(1, Math.min(n, blocks));
  const values = new Float64Array(m);
  const result = Array.from({ length: m }, () => ({
    values: new Float64Array(b),
    weights: new Float64Array(b).fill(1),
  }));
  for (let left = 0; left < b; left++) {
    const size = n - (Math.floor((n - 1 - left) / b) + 1);
    const rows = new Uint32Array(size);
    for (let i = 0, j = 0; i < n; i++) if (i % b !== left) rows[j++] = i;
    statistic(rows, values);
    for (let s = 0; s < m; s++) result[s]!.values[left] = values[s] as number;
  }
  return result;
}
