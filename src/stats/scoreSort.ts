/**
 * Rows sorted by score with their label, group and weight carried along, so that a walk in
 * score order reads memory sequentially instead of gathering row by row (exact ROC AUC by group).
 */

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
/** Index of a double's high and low 32-bit words in a `Uint32Array` view of a `Float64Array`. */
const HIGH = LITTLE_ENDIAN ? 1 : 0;
const LOW = 1 - HIGH;
/** Bits of the high key each radix pass sorts on (11 + 11 + 10 = 32). */
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;
/** Runs of equal high keys up to this length are put in low-key order by insertion sort. */
const SHORT_RUN = 16;

/** Rows in ascending score order (ties in row order), as columns. */
export interface ScoreSortedRows {
  /** Order-preserving unsigned key of each score's high word (−0 read as +0). */
  readonly high: Uint32Array;
  /** The same map's low word: rows tie in score exactly when both keys are equal. */
  readonly low: Uint32Array;
  /** `2 · group code + label` of each row. */
  readonly tag: Uint32Array;
  /** Each row's weight, or undefined when unweighted. */
  readonly weight: Float64Array | undefined;
  /** Spare columns of the same lengths, free for the caller (scratch space of the sort). */
  readonly spare: {
    readonly high: Uint32Array;
    readonly low: Uint32Array;
    readonly tag: Uint32Array;
    readonly weight: Float64Array | undefined;
  };
}

/**
 * Sorts the rows by score, stably, carrying label, group code and weight.
 *
 * Each score maps to an unsigned 64-bit key that orders as the numbers do (the sign bit flips
 * positive scores, all bits flip negative ones; −0 is read as +0). An LSD radix sort in three
 * passes orders the rows by the key's high word (a pass whose digit is the same for every row is
 * skipped); each run of equal high words whose low words are out of order is then sorted by the
 * low word, stably. The order is the same as {@link orderByScore}'s, NaN included.
 *
 * Cost: O(n) for the passes (12 bytes a row moved per pass, 20 weighted), plus O(m log m) at
 * worst for a run of m equal high words; 24n bytes (40n weighted).
 *
 * @example
 * scoreSortedRows(Float64Array.of(0.3, 0.1), Uint8Array.of(1, 0), Uint32Array.of(0, 1)).tag;
 * // => Uint32Array [2, 1]
 */
export function scoreSortedRows(
  score: Float64Array,
  label: Uint8Array,
  code: Uint32Array,
  weight?: Float64Array,
): ScoreSortedRows {
  const n = score.length;
  const bits = new Uint32Array(score.buffer, score.byteOffset, 2 * n);
  let high = new Uint32Array(n);
  let low = new Uint32Array(n);
  let tag = new Uint32Array(n);
  const counts = new Uint32Array(3 * BUCKETS);
  for (let r = 0; r < n; r++) {
    const l = bits[2 * r + LOW]!;
    let h = bits[2 * r + HIGH]!;
    if (h === 0x80000000 && l === 0) h = 0;
    const negative = h & 0x80000000;
    const k = (negative ? ~h : h | 0x80000000) >>> 0;
    high[r] = k;
    low[r] = (negative ? ~l : l) >>> 0;
    tag[r] = 2 * code[r]! + label[r]!;
    counts[k & DIGIT_MASK]!++;
    counts[BUCKETS + ((k >>> DIGIT_BITS) & DIGIT_MASK)]!++;
    counts[2 * BUCKETS + (k >>> (2 * DIGIT_BITS))]!++;
  }
  let w = weight;
  let spareHigh = new Uint32Array(n);
  let spareLow = new Uint32Array(n);
  let spareTag = new Uint32Array(n);
  let spareWeight: Float64Array | undefined =
    weight === undefined ? undefined : new Float64Array(n);
  const ownWeight = weight === undefined ? undefined : new Float64Array(n);
  for (let pass = 0; pass < 3 && n > 0; pass++) {
    const shift = pass * DIGIT_BITS;
    const base = pass * BUCKETS;
    if (counts[base + ((high[0]! >>> shift) & DIGIT_MASK)] === n) continue;
    let start = 0;
    for (let b = base; b < base + BUCKETS; b++) {
      const c = counts[b]!;
      counts[b] = start;
      start += c;
    }
    if (w === undefined) {
      for (let i = 0; i < n; i++) {
        const k = high[i]!;
        const at = counts[base + ((k >>> shift) & DIGIT_MASK)]!++;
        spareHigh[at] = k;
        spareLow[at] = low[i]!;
        spareTag[at] = tag[i]!;
      }
    } else {
      const target = spareWeight!;
      for (let i = 0; i < n; i++) {
        const k = high[i]!;
        const at = counts[base + ((k >>> shift) & DIGIT_MASK)]!++;
        spareHigh[at] = k;
        spareLow[at] = low[i]!;
        spareTag[at] = tag[i]!;
        target[at] = w[i]!;
      }
      spareWeight = w === weight ? ownWeight : w;
      w = target;
    }
    [high, spareHigh] = [spareHigh, high];
    [low, spareLow] = [spareLow, low];
    [tag, spareTag] = [spareTag, tag];
  }
  if (w === weight && weight !== undefined) {
    // No pass moved the rows (every score shares its high key): the order is the input's.
    ownWeight!.set(weight);
    w = ownWeight;
  }
  for (let i = 0; i < n; ) {
    const h = high[i]!;
    let j = i + 1;
    let ordered = true;
    for (; j < n && high[j] === h; j++) ordered &&= low[j]! >= low[j - 1]!;
    if (!ordered) sortRunByLow(low, tag, w, i, j);
    i = j;
  }
  return {
    high,
    low,
    tag,
    weight: w,
    spare: { high: spareHigh, low: spareLow, tag: spareTag, weight: spareWeight },
  };
}

/** Stably sorts rows `from..to` (equal high keys) by low key, moving their tags and weights. */
function sortRunByLow(
  low: Uint32Array,
  tag: Uint32Array,
  weight: Float64Array | undefined,
  from: number,
  to: number,
): void {
  if (to - from <= SHORT_RUN) {
    for (let i = from + 1; i < to; i++) {
      const l = low[i]!;
      const t = tag[i]!;
      const x = weight === undefined ? 0 : weight[i]!;
      let j = i - 1;
      for (; j >= from && low[j]! > l; j--) {
        low[j + 1] = low[j]!;
        tag[j + 1] = tag[j]!;
        if (weight !== undefined) weight[j + 1] = weight[j]!;
      }
      low[j + 1] = l;
      tag[j + 1] = t;
      if (weight !== undefined) weight[j + 1] = x;
    }
    return;
  }
  const m = to - from;
  const packed = new BigUint64Array(m);
  const words = new Uint32Array(packed.buffer);
  for (let i = 0; i < m; i++) {
    words[2 * i + LOW] = i;
    words[2 * i + HIGH] = low[from + i]!;
  }
  packed.sort();
  const runLow = low.slice(from, to);
  const runTag = tag.slice(from, to);
  const runWeight = weight?.slice(from, to);
  for (let i = 0; i < m; i++) {
    const k = words[2 * i + LOW]!;
    low[from + i] = runLow[k]!;
    tag[from + i] = runTag[k]!;
    if (weight !== undefined) weight[from + i] = runWeight![k]!;
  }
}
