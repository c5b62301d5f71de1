/**
 * Impossibility diagnostics: when base rates differ between groups, some fairness criteria
 * cannot hold together. The notes carry the numbers so a reader can see which criterion gives.
 */
import type { Confusion } from "../stats/confusion.js";

/** One group's numbers for the Kleinberg, Mullainathan & Raghavan (2016) identity. */
export interface KleinbergGroup {
  /** Group label. */
  readonly group: string;
  /** p: weighted share of positives. */
  readonly baseRate: number;
  /** Weighted mean score. */
  readonly meanScore: number;
  /** Mean score among negatives (generalized FPR, balance for the negative class). */
  readonly generalizedFalsePositiveRate: number;
  /** 1 − mean score among positives (generalized FNR, balance for the positive class). */
  readonly generalizedFalseNegativeRate: number;
  /**
   * (1 − p) · GFPR + p · (1 − GFNR) − p = mean score − base rate: zero for a score calibrated in
   * the large, which ties GFPR to GFNR through the base rate.
   */
  readonly identityGap: number;
}

/** Kleinberg et al.: calibration and both balance conditions need equal base rates or perfect prediction. */
export interface KleinbergNote {
  /** Discriminant. */
  readonly code: "kleinbergImpossibility";
  /** The note, in sentences. */
  readonly message: string;
  /** Smallest and largest group base rate. */
  readonly baseRateRange: readonly [number, number];
  /** Each group's numbers (groups with rows). */
  readonly groups: readonly KleinbergGroup[];
}

/** One group's numbers for Chouldechova's (2017) identity. */
export interface ChouldechovaGroup {
  /** Group label. */
  readonly group: string;
  /** p: share of positives, (TP + FN) / N. */
  readonly prevalence: number;
  /** PPV: TP / (TP + FP). */
  readonly positivePredictiveValue: number;
  /** FNR: FN / (TP + FN). */
  readonly falseNegativeRate: number;
  /** Observed FPR: FP / (FP + TN). */
  readonly falsePositiveRate: number;
  /** p/(1 − p) · (1 − PPV)/PPV · (1 − FNR), which must equal the observed FPR. */
  readonly impliedFalsePositiveRate: number;
}

/** Chouldechova: with unequal prevalence, equal PPV and equal FNR force unequal FPR. */
export interface ChouldechovaNote {
  /** Discriminant. */
  readonly code: "chouldechovaImpossibility";
  /** The note, in sentences. */
  readonly message: string;
  /** Largest |implied FPR − observed FPR| over groups: the identity checked on the data. */
  readonly maxIdentityError: number;
  /** Each group's numbers. */
  readonly groups: readonly ChouldechovaGroup[];
}

/** A note on which calibration and error-rate criteria cannot hold together on these data. */
export type CalibrationNote = KleinbergNote | ChouldechovaNote;

/** Kleinberg inputs of one group. */
export interface KleinbergInput {
  readonly group: string;
  readonly baseRate: number;
  readonly meanScore: number;
  readonly generalizedTruePositiveRate: number;
  readonly generalizedFalsePositiveRate: number;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x));

/**
 * The Kleinberg note when base rates differ between groups (undefined otherwise). Groups with
 * an undefined base rate (no rows) are left out.
 */
export function kleinbergNote(groups: readonly KleinbergInput[]): KleinbergNote | undefined {
  const defined = groups.filter((g) => Number.isFinite(g.baseRate));
  if (defined.length < 2) return undefined;
  const rates = defined.map((g) => g.baseRate);
  const lo = rates.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  const hi = rates.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  if (!(hi > lo)) return undefined;
  return {
    code: "kleinbergImpossibility",
    message:
      `Base rates differ between groups (${fmt(lo)} to ${fmt(hi)}). Unless prediction is ` +
      "perfect, a score cannot at once be calibrated within every group and have equal mean " +
      "score among positives (balance for the positive class) and among negatives (balance for " +
      "the negative class) across groups (Kleinberg, Mullainathan & Raghavan 2016).",
    baseRateRange: [lo, hi],
    groups: defined.map((g) => ({
      group: g.group,
      baseRate: g.baseRate,
      meanScore: g.meanScore,
      generalizedFalsePositiveRate: g.generalizedFalsePositiveRate,
      generalizedFalseNegativeRate: 1 - g.generalizedTruePositiveRate,
      identityGap:
        (1 - g.baseRate) * g.generalizedFalsePositiveRate +
        g.baseRate * g.generalizedTruePositiveRate -
        g.baseRate,
    })),
  };
}

/**
 * The Chouldechova note from each group's (weighted) confusion counts, when prevalence differs
 * between groups (undefined otherwise). FPR = FP/N and the identity
 * FPR = p/(1 − p) · (1 − PPV)/PPV · (1 − FNR) are both computed, so `maxIdentityError` shows
 * the identity holding on the data (to rounding); groups where a term is undefined (no
 * positives, no negatives or no predicted positives) give NaN there and are not counted in it.
 */
export function chouldechovaNote(
  groups: readonly { readonly group: string; readonly counts: Confusion }[],
): ChouldechovaNote | undefined {
  const rows = groups
    .filter(({ counts: c }) => c.tn + c.fp + c.fn + c.tp > 0)
    .map(({ group, counts: c }): ChouldechovaGroup => {
      const n = c.tn + c.fp + c.fn + c.tp;
      const p = (c.tp + c.fn) / n;
      const ppv = c.tp / (c.tp + c.fp);
      const fnr = c.fn / (c.tp + c.fn);
      const fpr = c.fp / (c.fp + c.tn);
      return {
        group,
        prevalence: p,
        positivePredictiveValue: ppv,
        falseNegativeRate: fnr,
        falsePositiveRate: fpr,
        impliedFalsePositiveRate: (p / (1 - p)) * ((1 - ppv) / ppv) * (1 - fnr),
      };
    });
  if (rows.length < 2) return undefined;
  const prevalences = rows.map((r) => r.prevalence);
  const lo = prevalences.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  const hi = prevalences.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  if (!(hi > lo)) return undefined;
  let maxIdentityError = 0;
  for (const r of rows) {
    const e = Math.abs(r.impliedFalsePositiveRate - r.falsePositiveRate);
    if (Number.isFinite(e) && e > maxIdentityError) maxIdentityError = e;
  }
  return {
    code: "chouldechovaImpossibility",
    message:
      `Prevalence differs between groups (${fmt(lo)} to ${fmt(hi)}). Since FPR = p/(1 − p) · ` +
      "(1 − PPV)/PPV · (1 − FNR) in every group, equal PPV (predictive parity) and equal FNR " +
      "force unequal FPR (Chouldechova 2017): at most two of the three can be equal.",
    maxIdentityError,
    groups: rows,
  };
}
