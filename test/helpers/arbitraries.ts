import fc from "fast-check";

/** A small binary-classification data set with integer weights and 1-4 groups. */
export interface Rows {
  yTrue: number[];
  yPred: number[];
  yScore: number[];
  group: string[];
  weight: number[];
}

export const rowsArbitrary = (minLength = 1, maxLength = 60): fc.Arbitrary<Rows> =>
  fc
    .array(
      fc.record({
        y: fc.integer({ min: 0, max: 1 }),
        p: fc.integer({ min: 0, max: 1 }),
        s: fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
        g: fc.constantFrom("a", "b", "c", "d"),
        w: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength, maxLength },
    )
    .map((rows) => ({
      yTrue: rows.map((r) => r.y),
      yPred: rows.map((r) => r.p),
      yScore: rows.map((r) => r.s),
      group: rows.map((r) => r.g),
      weight: rows.map((r) => r.w),
    }));

/** Applies a permutation to every column. */
export function permuteRows(rows: Rows, order: readonly number[]): Rows {
  const pick = <T>(xs: T[]) => order.map((i) => xs[i]!);
  return {
    yTrue: pick(rows.yTrue),
    yPred: pick(rows.yPred),
    yScore: pick(rows.yScore),
    group: pick(rows.group),
    weight: pick(rows.weight),
  };
}

/** Each row repeated `weight` times, unweighted. */
export function duplicateByWeight(rows: Rows): Omit<Rows, "weight"> {
  const out: Omit<Rows, "weight"> = { yTrue: [], yPred: [], yScore: [], group: [] };
  rows.weight.forEach((w, i) => {
    for (let k = 0; k < w; k++) {
      out.yTrue.push(rows.yTrue[i]!);
      out.yPred.push(rows.yPred[i]!);
      out.yScore.push(rows.yScore[i]!);
      out.group.push(rows.group[i]!);
    }
  });
  return out;
}

/** Relative closeness with NaN equal to NaN. */
export function near(a: number, b: number, rtol = 1e-12): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= rtol * Math.max(1, Math.abs(a), Math.abs(b));
}
