/**
 * The descending-score walk every threshold sweep starts from (ROC curves, average precision,
 * weighted ROC AUC, per-group threshold search, reject option, the threshold optimizer): the
 * distinct scores from the highest down, with the weight of each label at each score.
 */
import { orderByScore } from "./order.js";

/**
 * The weights of the label-1 and label-0 rows of one block of tied scores, each a Neumaier
 * compensated sum of the weights in the order they are added; `clear()` starts the next block.
 *
 * @example
 * const block = new LabelWeights();
 * for (const w of [1e100, 1, -1e100]) block.add(1, w);
 * block.positive; // => 1
 */
export class LabelWeights {
  // Plain number fields rather than typed arrays: blocks of tied scores are mostly one row long,
  // so `clear()` and `add()` run once per row in the AUC walks and must stay this cheap.
  private positiveSum = 0;
  private positiveCompensation = 0;
  private negativeSum = 0;
  private negativeCompensation = 0;

  /** Adds weight `w` of a row with label `label` (0 or 1), as `addCompensated` does. */
  add(label: number, w: number): void {
    if (label === 1) {
      const s = this.positiveSum;
      const t = s + w;
      this.positiveCompensation += Math.abs(s) >= Math.abs(w) ? s - t + w : w - t + s;
      this.positiveSum = t;
    } else {
      const s = this.negativeSum;
      const t = s + w;
      this.negativeCompensation += Math.abs(s) >= Math.abs(w) ? s - t + w : w - t + s;
      this.negativeSum = t;
    }
  }

  /** Empties both sums. */
  clear(): void {
    this.positiveSum = 0;
    this.positiveCompensation = 0;
    this.negativeSum = 0;
    this.negativeCompensation = 0;
  }

  /** The weight of the label-1 rows. */
  get positive(): number {
    return this.positiveSum + this.positiveCompensation;
  }

  /** The weight of the label-0 rows. */
  get negative(): number {
    return this.negativeSum + this.negativeCompensation;
  }
}

/** Distinct scores, highest first, with the rows and label weights at each (`count` of them). */
export interface ScoreBlocks {
  /** Number of distinct scores. */
  readonly count: number;
  /** The distinct scores, descending (`score[0 .. count)`). */
  readonly score: Float64Array;
  /** Weight (or number, without weights) of label-1 rows at each score. */
  readonly positive: Float64Array;
  /** Weight (or number) of label-0 rows at each score. */
  readonly negative: Float64Array;
  /** Number of rows at each score (never weighted). */
  readonly rows: Uint32Array;
}

/**
 * Groups `rows` (all rows when absent) by distinct score, highest score first. Rows of one score
 * add their weights in the order `rows` lists them, with Neumaier compensation. Scores must not
 * be NaN; −0 and +0 are one score.
 *
 * Cost: one {@link orderByScore} of the rows, O(m log m) for m rows.
 *
 * @example
 * descendingScoreBlocks(Float64Array.of(0.2, 0.8, 0.2), Uint8Array.of(1, 0, 0)).positive;
 * // => Float64Array [0, 1]
 */
export function descendingScoreBlocks(
  score: Float64Array,
  label: Uint8Array,
  weight?: Float64Array,
  rows?: Uint32Array,
): ScoreBlocks {
  const m = rows === undefined ? score.length : rows.length;
  let local = score;
  if (rows !== undefined) {
    local = new Float64Array(m);
    for (let k = 0; k < m; k++) local[k] = score[rows[k]!]!;
  }
  const order = orderByScore(local);
  const distinct = new Float64Array(m);
  const positive = new Float64Array(m);
  const negative = new Float64Array(m);
  const size = new Uint32Array(m);
  const block = new LabelWeights();
  let d = 0;
  for (let end = m; end > 0; ) {
    const s = local[order[end - 1]!]!;
    let start = end - 1;
    while (start > 0 && local[order[start - 1]!] === s) start--;
    block.clear();
    for (let k = start; k < end; k++) {
      const r = rows === undefined ? order[k]! : rows[order[k]!]!;
      block.add(label[r] === 1 ? 1 : 0, weight === undefined ? 1 : weight[r]!);
    }
    distinct[d] = s;
    positive[d] = block.positive;
    negative[d] = block.negative;
    size[d++] = end - start;
    end = start;
  }
  return {
    count: d,
    score: distinct.subarray(0, d),
    positive: positive.subarray(0, d),
    negative: negative.subarray(0, d),
    rows: size.subarray(0, d),
  };
}
