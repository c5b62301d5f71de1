/**
 * Sort orders of scores without a comparator callback: the expensive step of every exact
 * ranking metric (ROC AUC, average precision, threshold search).
 */

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
/** Runs of equal high words up to this length are finished by insertion sort. */
const SHORT_RUN = 16;
/** Inputs up to this length are sorted by insertion sort on their keys. */
const SHORT_INPUT = 32;
/** Bits of the high key each radix pass sorts on (11 + 11 + 10 = 32). */
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;

/** The high word of row r's score, with −0 read as +0 (so that they tie, as `a − b` has it). */
function highWord(bits: Uint32Array, r: number): number {
  const h = bits[2 * r + 1]!;
  return h === 0x80000000 && bits[2 * r] === 0 ? 0 : h;
}

/** Order-preserving map of a double's high word to an unsigned integer. */
function highKey(h: number): number {
  return (h & 0x80000000 ? ~h : h | 0x80000000) >>> 0;
}

/** The low word's part of the same map (`h` is the raw high word, which decides the flip). */
function lowKey(h: number, l: number): number {
  return (h & 0x80000000 ? ~l : l) >>> 0;
}

/** Sorts `order[from..to)` by (low key, row) with insertion sort. */
function insertionSort(order: Uint32Array, from: number, to: number, bits: Uint32Array): void {
  for (let i = from + 1; i < to; i++) {
    const r = order[i]!;
    const key = lowKey(highWord(bits, r), bits[2 * r]!);
    let j = i - 1;
    while (j >= from) {
      const q = order[j]!;
      const other = lowKey(highWord(bits, q), bits[2 * q]!);
      if (other < key || (other === key && q < r)) break;
      order[j + 1] = q;
      j--;
    }
    order[j + 1] = r;
  }
}

/**
 * Sorts `order[from..to)`, whose scores share their high word and whose rows are ascending, by
 * low word then row. A run already in low-word order (every run of equal scores) is left as is.
 */
function sortRun(order: Uint32Array, from: number, to: number, bits: Uint32Array): void {
  let previous = lowKey(highWord(bits, order[from]!), bits[2 * order[from]!]!);
  let sorted = true;
  for (let i = from + 1; i < to && sorted; i++) {
    const key = lowKey(highWord(bits, order[i]!), bits[2 * order[i]!]!);
    sorted = key >= previous;
    previous = key;
  }
  if (sorted) return;
  if (to - from <= SHORT_RUN) {
    insertionSort(order, from, to, bits);
    return;
  }
  const packed = new BigUint64Array(to - from);
  const words = new Uint32Array(packed.buffer);
  for (let i = from; i < to; i++) {
    const r = order[i]!;
    words[2 * (i - from)] = r;
    words[2 * (i - from) + 1] = lowKey(highWord(bits, r), bits[2 * r]!);
  }
  packed.sort();
  for (let i = from; i < to; i++) order[i] = words[2 * (i - from)]!;
}

/** Stable insertion sort of the rows by their high keys (for short inputs). */
function insertionByHighKey(keys: Uint32Array): { rows: Uint32Array; keys: Uint32Array } {
  const n = keys.length;
  const rows = new Uint32Array(n);
  const sortedKeys = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && sortedKeys[j]! > k) {
      sortedKeys[j + 1] = sortedKeys[j]!;
      rows[j + 1] = rows[j]!;
      j--;
    }
    sortedKeys[j + 1] = k;
    rows[j + 1] = i;
  }
  return { rows, keys: sortedKeys };
}

/**
 * Stable LSD radix sort of the rows by their 32-bit high keys, in passes of {@link DIGIT_BITS}
 * bits; a pass whose digit is the same for every row is skipped. Returns the rows and their keys,
 * in key order (`keys` serves as scratch space).
 */
function radixByHighKey(keys: Uint32Array): { rows: Uint32Array; keys: Uint32Array } {
  const n = keys.length;
  const counts = new Uint32Array(3 * BUCKETS);
  for (let r = 0; r < n; r++) {
    const k = keys[r]!;
    counts[k & DIGIT_MASK]!++;
    counts[BUCKETS + ((k >>> DIGIT_BITS) & DIGIT_MASK)]!++;
    counts[2 * BUCKETS + (k >>> (2 * DIGIT_BITS))]!++;
  }
  let rows = new Uint32Array(n);
  for (let r = 0; r < n; r++) rows[r] = r;
  let spareRows = new Uint32Array(n);
  let spareKeys: Uint32Array = new Uint32Array(n);
  let sortedKeys: Uint32Array = keys;
  for (let pass = 0; pass < 3; pass++) {
    const shift = pass * DIGIT_BITS;
    const base = pass * BUCKETS;
    if (counts[base + ((sortedKeys[0]! >>> shift) & DIGIT_MASK)] === n) continue;
    let start = 0;
    for (let b = base; b < base + BUCKETS; b++) {
      const c = counts[b]!;
      counts[b] = start;
      start += c;
    }
    for (let i = 0; i < n; i++) {
      const k = sortedKeys[i]!;
      const at = counts[base + ((k >>> shift) & DIGIT_MASK)]!++;
      spareKeys[at] = k;
      spareRows[at] = rows[i]!;
    }
    const nextRows = spareRows;
    spareRows = rows;
    rows = nextRows;
    const nextKeys = spareKeys;
    spareKeys = sortedKeys;
    sortedKeys = nextKeys;
  }
  return { rows, keys: sortedKeys };
}

/**
 * Row indices sorted by ascending score, ties in row order (a stable sort).
 *
 * Each score maps to an unsigned 64-bit key that orders as the numbers do (the sign bit flips
 * positive scores, all bits flip negative ones; −0 is read as +0 so that they tie). A stable
 * least-significant-digit radix sort orders the rows by the key's high word, then each run of
 * equal high words is ordered by the low word (most runs are one score, already in order). No
 * comparator callback runs. Scores must not be NaN (a NaN is placed by its bits: after +∞ when
 * positive, before −∞ when negative).
 *
 * Cost: O(n) for the radix passes (three reads and writes of 8 bytes a row) plus the runs of
 * equal high words, each O(m log m) at worst for m rows; 16n bytes.
 *
 * @example
 * orderByScore(Float64Array.of(0.3, 0.1, 0.3, 0.2)); // => Uint32Array [1, 3, 0, 2]
 */
export function orderByScore(score: Float64Array): Uint32Array {
  const n = score.length;
  if (!LITTLE_ENDIAN) {
    return Uint32Array.from(score.keys()).sort((a, b) => score[a]! - score[b]! || a - b);
  }
  const bits = new Uint32Array(score.buffer, score.byteOffset, 2 * n);
  const keys = new Uint32Array(n);
  for (let r = 0; r < n; r++) keys[r] = highKey(highWord(bits, r));
  const sorted = n <= SHORT_INPUT ? insertionByHighKey(keys) : radixByHighKey(keys);
  const order = sorted.rows;
  let i = 0;
  while (i < n) {
    const h = sorted.keys[i]!;
    let j = i + 1;
    while (j < n && sorted.keys[j] === h) j++;
    if (j - i > 1) sortRun(order, i, j, bits);
    i = j;
  }
  return order;
}
