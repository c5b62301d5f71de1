/**
 * Values at given ranks of the ascending order of a column, without sorting all of it: the
 * quantile edges of calibration binning need about twenty order statistics of a million scores.
 */

/** Buckets of the unit interval: bucket ⌊x · 2¹⁶⌋, so 1 has a bucket of its own. */
const UNIT_BUCKETS = 65_536;

/**
 * The values at `ranks` (0-based) of `Float64Array.from(values).sort()`, the same to the bit
 * (−0 before +0 as that sort has it). Values in [0, 1] are counted into 2¹⁶ + 1 buckets of
 * equal width (⌊x · 2¹⁶⌋ never decreases as x grows), and only the buckets holding a wanted
 * rank are gathered and sorted; with any value outside [0, 1] or NaN, the whole column is
 * sorted. Ranks must be integers in [0, n).
 *
 * Cost: two passes over the values plus a sort of the wanted buckets' values (all of them when
 * one bucket holds every value); 256 KiB of counts.
 *
 * @example
 * valuesAtRanks(Float64Array.of(0.9, 0.1, 0.5, 0.3), [0, 2, 3]); // => Float64Array [0.1, 0.5, 0.9]
 */
export function valuesAtRanks(values: Float64Array, ranks: readonly number[]): Float64Array {
  const n = values.length;
  const out = new Float64Array(ranks.length);
  const counts = new Uint32Array(UNIT_BUCKETS + 2);
  for (let i = 0; i < n; i++) {
    const x = values[i]! * UNIT_BUCKETS;
    // Outside [0, 2¹⁶] (or NaN) counts into the last slot, which must stay empty.
    counts[x >= 0 && x <= UNIT_BUCKETS ? Math.floor(x) : UNIT_BUCKETS + 1]!++;
  }
  if (counts[UNIT_BUCKETS + 1]! > 0) {
    const sorted = Float64Array.from(values).sort();
    for (let k = 0; k < ranks.length; k++) out[k] = sorted[ranks[k]!]!;
    return out;
  }
  // Start of each bucket in the ascending order; `slot` numbers the buckets holding a wanted rank.
  const start = new Float64Array(UNIT_BUCKETS + 2);
  for (let b = 0; b <= UNIT_BUCKETS; b++) start[b + 1] = start[b]! + counts[b]!;
  const slot = new Int32Array(UNIT_BUCKETS + 1).fill(-1);
  const bucketOf = (rank: number) => {
    let lo = 0;
    let hi = UNIT_BUCKETS;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (start[mid]! <= rank) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const wanted: number[] = [];
  for (const rank of ranks) {
    const b = bucketOf(rank);
    if (slot[b] !== -1) continue;
    slot[b] = wanted.length;
    wanted.push(b);
  }
  const base = new Float64Array(wanted.length + 1);
  for (let k = 0; k < wanted.length; k++) base[k + 1] = base[k]! + counts[wanted[k]!]!;
  const pool = new Float64Array(base[wanted.length]!);
  const next = base.slice(0, wanted.length);
  for (let i = 0; i < n; i++) {
    const s = slot[Math.floor(values[i]! * UNIT_BUCKETS)]!;
    if (s >= 0) pool[next[s]!++] = values[i]!;
  }
  for (let k = 0; k < wanted.length; k++) pool.subarray(base[k]!, base[k + 1]!).sort();
  for (let k = 0; k < ranks.length; k++) {
    const b = bucketOf(ranks[k]!);
    out[k] = pool[base[slot[b]!]! + ranks[k]! - start[b]!]!;
  }
  return out;
}
