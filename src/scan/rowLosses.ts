/**
 * Per-row losses for slice discovery.
 */

/** A per-row loss: 0/1 error, log loss (binary), or squared error (regression). */
export type RowLoss = "zeroOne" | "logLoss" | "squaredError";

/**
 * The loss of each row: `zeroOne` = 1{y ≠ ŷ}; `logLoss` = −y log p − (1 − y) log(1 − p) with p
 * clipped to [1e-15, 1 − 1e-15] (scikit-learn's `log_loss` clipping); `squaredError` = (y − ŷ)².
 *
 * @param kind - which loss
 * @param yTrue - outcomes (0/1 for `logLoss`)
 * @param prediction - predicted labels, probabilities (`logLoss`) or values
 * @throws RangeError when the arrays differ in length
 * @example
 * Array.from(rowLosses("squaredError", [1, 2], [0, 4])); // => [1, 4]
 */
export function rowLosses(
  kind: RowLoss,
  yTrue: ArrayLike<number>,
  prediction: ArrayLike<number>,
): Float64Array {
  if (yTrue.length !== prediction.length) {
    throw new RangeError(
      `rowLosses: yTrue has ${yTrue.length} values and prediction ${prediction.length}`,
    );
  }
  const out = new Float64Array(yTrue.length);
  for (let i = 0; i < out.length; i++) {
    const y = yTrue[i]!;
    const p = prediction[i]!;
    if (kind === "zeroOne") out[i] = y === p ? 0 : 1;
    else if (kind === "squaredError") out[i] = (y - p) * (y - p);
    else {
      const clipped = Math.min(1 - 1e-15, Math.max(1e-15, p));
      out[i] = -(y * Math.log(clipped) + (1 - y) * Math.log1p(-clipped));
    }
  }
  return out;
}
