/**
 * Reject option classification (Kamiran, Karim & Zhang 2012) for two or more groups: around the
 * classification threshold, a band of uncertain scores is decided in favour of the
 * unprivileged groups and against the privileged ones.
 */

import type { Columns } from "../data/columns.js";
import { FairnessInputError, IssueCollector } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import type { GroupSelector } from "../data/selector.js";
import { listDisplay, type MimeBundle } from "../frame/display.js";
import {
  balancedAccuracy,
  falsePositiveRate,
  selectionRate,
  truePositiveRate,
} from "../metrics/counts.js";
import type { Confusion } from "../stats/confusion.js";
import { partitionRows } from "../stats/partition.js";
import { descendingScoreBlocks } from "../stats/scoreWalk.js";
import { CompensatedSum } from "../stats/summation.js";
import { privilegedCodes } from "./groupSplit.js";
import { type FittedRule, StatefulRule } from "./rule.js";
import { type RuleInput, scoreColumn } from "./ruleInput.js";
import { parseRule, ruleSchemas } from "./ruleSchemas.js";
import type { RejectOptionJSON, RejectOptionMetric } from "./ruleTypes.js";

export type { RejectOptionJSON, RejectOptionMetric };

/**
 * Options of {@link rejectOptionClassification} (AIF360's RejectOptionClassification).
 *
 * @category Mitigation
 */
export interface RejectOptionOptions {
  /** Privileged groups (AIF360's `privileged_groups`): every other group is unprivileged. */
  readonly privilegedGroups: readonly GroupSelector[];
  /** The fairness metric kept within `metricBounds`. @defaultValue "statisticalParityDifference" */
  readonly metric?: RejectOptionMetric;
  /** Allowed range of the metric (unprivileged − privileged). @defaultValue [-0.05, 0.05] */
  readonly metricBounds?: readonly [number, number];
  /** Smallest classification threshold tried. @defaultValue 0.01 */
  readonly lowThreshold?: number;
  /** Largest classification threshold tried. @defaultValue 0.99 */
  readonly highThreshold?: number;
  /** Thresholds tried, evenly spaced. @defaultValue 100 */
  readonly thresholdCount?: number;
  /** Margins tried per threshold, evenly spaced from 0. @defaultValue 50 */
  readonly marginCount?: number;
}

/** numpy.linspace(start, stop, num). */
function linspace(start: number, stop: number, num: number): number[] {
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  const out = Array.from({ length: num }, (_, k) => k * step + start);
  out[num - 1] = stop;
  return out;
}

/** A group's distinct scores (descending) with the label weights strictly above each cut. */
interface SortedGroup {
  readonly score: Float64Array;
  /** above[j] = Σ weights of the rows among the j highest distinct scores, per label. */
  readonly positiveAbove: Float64Array;
  readonly negativeAbove: Float64Array;
}

function sortedGroup(rows: Uint32Array, columns: Columns): SortedGroup {
  const blocks = descendingScoreBlocks(columns.score!, columns.label, columns.weight, rows);
  const positiveAbove = new Float64Array(blocks.count + 1);
  const negativeAbove = new Float64Array(blocks.count + 1);
  const positive = new CompensatedSum();
  const negative = new CompensatedSum();
  for (let j = 0; j < blocks.count; j++) {
    positive.add(blocks.positive[j]!);
    negative.add(blocks.negative[j]!);
    positiveAbove[j + 1] = positive.value;
    negativeAbove[j + 1] = negative.value;
  }
  return { score: blocks.score, positiveAbove, negativeAbove };
}

/** Weighted (tp, fp) of "score > x" in a sorted group. */
function above(g: SortedGroup, x: number): [number, number] {
  // The number of distinct scores > x (they come first: the scores are descending).
  let lo = 0;
  let hi = g.score.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (g.score[mid]! > x) lo = mid + 1;
    else hi = mid;
  }
  return [g.positiveAbove[lo]!, g.negativeAbove[lo]!];
}

/** Confusion counts of "score > cut" from (tp, fp) and the label totals. */
function confusion(tp: number, fp: number, positives: number, negatives: number): Confusion {
  return { tn: negatives - fp, fp, fn: positives - tp, tp };
}

/**
 * Fits reject option classification: for thresholds t in linspace(low, high, thresholdCount)
 * and margins m in linspace(0, min(t, 1 − t), marginCount), rows with `t − m < score ≤ t + m`
 * become favorable in unprivileged groups and unfavorable in privileged ones (outside the band:
 * favorable iff score > t). Among pairs whose metric lies within the bounds for every
 * unprivileged group, the first with the largest balanced accuracy wins (AIF360's rule). When
 * none qualifies, fairscope returns the pair closest to the bounds and sets
 * `constraintSatisfied: false` (AIF360 picks the most negative metric value instead).
 *
 * Cost: O(n log n + thresholdCount · marginCount · groups · log n).
 *
 * @example
 * const input = {
 *   yTrue: [1, 0, 1, 0, 1, 0, 1, 0],
 *   yScore: [0.9, 0.6, 0.7, 0.2, 0.55, 0.3, 0.45, 0.1],
 *   sensitiveFeatures: ["m", "m", "m", "m", "f", "f", "f", "f"],
 * };
 * const rule = rejectOptionClassification(input, { privilegedGroups: ["m"] });
 * rule.predict(input); // => Uint8Array [1, 0, 1, 0, 1, 0, 1, 0]
 *
 * @category Mitigation
 */
export function rejectOptionClassification(
  input: FairnessInput,
  options: RejectOptionOptions,
): RejectOptionRule {
  return rejectOptionOfColumns(prepare(input), options);
}

/** {@link rejectOptionClassification} on prepared columns (label 1 = favorable). */
export function rejectOptionOfColumns(
  columns: Columns,
  options: RejectOptionOptions,
): RejectOptionRule {
  const fn = "rejectOptionClassification";
  if (columns.score === undefined) {
    throw new FairnessInputError([
      {
        code: "missing_field",
        path: ["yScore"],
        message: `${fn} needs scores of the favorable label`,
      },
    ]);
  }
  const metric = options.metric ?? "statisticalParityDifference";
  const [lb, ub] = options.metricBounds ?? [-0.05, 0.05];
  const low = options.lowThreshold ?? 0.01;
  const high = options.highThreshold ?? 0.99;
  const tCount = options.thresholdCount ?? 100;
  const mCount = options.marginCount ?? 50;
  if (
    ![
      "statisticalParityDifference",
      "averageOddsDifference",
      "equalOpportunityDifference",
    ].includes(metric)
  ) {
    throw new RangeError(`${fn}: unknown metric ${JSON.stringify(metric)}`);
  }
  if (!(lb <= ub))
    throw new RangeError(`${fn}: metricBounds must be [lower, upper] with lower <= upper`);
  if (
    !(low <= high) ||
    !Number.isInteger(tCount) ||
    tCount < 1 ||
    !Number.isInteger(mCount) ||
    mCount < 1
  ) {
    throw new RangeError(`${fn}: need lowThreshold <= highThreshold and positive integer counts`);
  }
  const k = columns.groups.keys.length;
  const partition = partitionRows(columns.group, k);
  const rowsOf = (g: number) =>
    partition.rows.subarray(partition.offsets[g]!, partition.offsets[g + 1]!);
  const present = Array.from({ length: k }, (_, g) => rowsOf(g).length > 0);
  const privileged = privilegedCodes(columns.groups, present, options.privilegedGroups, fn);
  const codes = present.flatMap((p, g) => (p ? [g] : []));
  const sorted = codes.map((g) => sortedGroup(rowsOf(g), columns));
  const totals = sorted.map((s) => {
    const last = s.score.length;
    return [s.positiveAbove[last]!, s.negativeAbove[last]!] as const;
  });
  const allIdx = codes.map((_, j) => j);
  const privIdx = codes.flatMap((g, j) => (privileged[g] ? [j] : []));
  const unprivIdx = codes.flatMap((g, j) => (privileged[g] ? [] : [j]));
  const issues = new IssueCollector();
  codes.forEach((g, j) => {
    const [p, q] = totals[j]!;
    if (p === 0 || q === 0) {
      issues.add(
        "degenerate_labels",
        ["yTrue"],
        `${fn}: group ${groupLabel(columns.groups.keys[g]!)} lacks ${p === 0 ? "favorable" : "unfavorable"} labels`,
      );
    }
  });
  issues.throwIfAny();

  let best: { t: number; m: number; bal: number; value: number; distance: number } | undefined;
  let fallback: typeof best;
  for (const t of linspace(low, high, tCount)) {
    const h = t <= 0.5 ? t : 1 - t;
    for (const m of linspace(0, h, mCount)) {
      // Privileged rows are favorable iff score > t + m, unprivileged iff score > t − m.
      const rates = sorted.map((g, j) => {
        const [tp, fp] = above(g, privileged[codes[j]!] ? t + m : t - m);
        const [pos, neg] = totals[j]!;
        return { tp, fp, pos, neg };
      });
      const rateOf = (idx: readonly number[]) => {
        const tp = new CompensatedSum();
        const fp = new CompensatedSum();
        const pos = new CompensatedSum();
        const neg = new CompensatedSum();
        for (const j of idx) {
          const r = rates[j]!;
          tp.add(r.tp);
          fp.add(r.fp);
          pos.add(r.pos);
          neg.add(r.neg);
        }
        const c = confusion(tp.value, fp.value, pos.value, neg.value);
        return {
          sel: selectionRate.fromCounts(c),
          tpr: truePositiveRate.fromCounts(c),
          fpr: falsePositiveRate.fromCounts(c),
          bal: balancedAccuracy.fromCounts(c),
        };
      };
      const bal = rateOf(allIdx).bal;
      const priv = rateOf(privIdx);
      let value = 0;
      let distance = -1;
      for (const j of unprivIdx) {
        const u = rateOf([j]);
        const v =
          metric === "statisticalParityDifference"
            ? u.sel - priv.sel
            : metric === "averageOddsDifference"
              ? 0.5 * (u.fpr - priv.fpr + (u.tpr - priv.tpr))
              : u.tpr - priv.tpr;
        const d = v < lb ? lb - v : v > ub ? v - ub : 0;
        if (d > distance || (d === distance && Math.abs(v) > Math.abs(value))) {
          distance = d;
          value = v;
        }
      }
      const candidate = { t, m, bal, value, distance };
      if (distance === 0) {
        if (best === undefined || bal > best.bal) best = candidate;
      } else if (
        fallback === undefined ||
        distance < fallback.distance ||
        (distance === fallback.distance && bal > fallback.bal)
      ) {
        fallback = candidate;
      }
    }
  }
  const chosen = (best ?? fallback)!;
  return new RejectOptionRule({
    format: "fairscope.rejectOption/1",
    featureNames: [...columns.groups.featureNames],
    groups: codes.map((g) => ({
      group: [...columns.groups.keys[g]!],
      privileged: privileged[g] === 1,
    })),
    threshold: chosen.t,
    margin: chosen.m,
    metric,
    metricBounds: [lb, ub],
    metricValue: chosen.value,
    balancedAccuracy: chosen.bal,
    constraintSatisfied: best !== undefined,
  });
}

/**
 * A fitted reject-option rule: deterministic labels, plain JSON.
 *
 * @example
 * const rule = RejectOptionRule.fromJSON({
 *   format: "fairscope.rejectOption/1", featureNames: ["sex"],
 *   groups: [{ group: ["f"], privileged: false }, { group: ["m"], privileged: true }],
 *   threshold: 0.5, margin: 0.1, metric: "statisticalParityDifference", metricBounds: [-0.05, 0.05],
 *   metricValue: 0, balancedAccuracy: 1, constraintSatisfied: true,
 * });
 * rule.predict({ yScore: [0.45, 0.55, 0.7], sensitiveFeatures: ["f", "m", "m"] }); // => Uint8Array [1, 0, 1]
 *
 * @category Mitigation
 */
export class RejectOptionRule
  extends StatefulRule<RejectOptionJSON>
  implements FittedRule<RuleInput, unknown, RejectOptionJSON>
{
  /** Reads a state written by `toJSON`, validated (FairnessInputError on a malformed rule). */
  static fromJSON(json: unknown): RejectOptionRule {
    return new RejectOptionRule(parseRule(ruleSchemas().RejectOptionSchema, json));
  }

  /**
   * Favorable (1) / unfavorable (0) for each row: favorable iff score > threshold, except in
   * the band `threshold − margin < score ≤ threshold + margin`, where unprivileged rows are
   * favorable and privileged rows unfavorable. Rows of groups unseen at fit time, and features
   * missing from `sensitiveFeatures`, are a FairnessInputError.
   */
  predict(input: RuleInput): Uint8Array {
    const { threshold: t, margin: m } = this.state;
    const score = scoreColumn(input.yScore);
    const groups = this.groupsOf(input.sensitiveFeatures, score.length);
    const out = new Uint8Array(score.length);
    for (let i = 0; i < out.length; i++) {
      const s = score[i]!;
      const inBand = s <= t + m && s > t - m;
      out[i] = inBand ? (groups[i]!.privileged ? 0 : 1) : s > t ? 1 : 0;
    }
    return out;
  }

  /** The labels of `predict` as probabilities (0 or 1: the rule is deterministic). */
  predictProba(input: RuleInput): Float64Array {
    return Float64Array.from(this.predict(input));
  }

  /** Deno Jupyter display: the rule in words ({@link explain}), as HTML and text. */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    return listDisplay("RejectOptionRule", this.explain());
  }

  /** Each group's decision rule in words. */
  explain(): string[] {
    const { threshold: t, margin: m } = this.state;
    return this.state.groups.map((g) => {
      const name = g.group.map(String).join(", ");
      const cut = g.privileged ? t + m : t - m;
      const band =
        m === 0
          ? ""
          : g.privileged
            ? ` (scores in (${formatNumber(t)}, ${formatNumber(cut)}] become unfavorable)`
            : ` (scores in (${formatNumber(cut)}, ${formatNumber(t)}] become favorable)`;
      return `group ${name} (${g.privileged ? "privileged" : "unprivileged"}): score > ${formatNumber(cut)} → favorable${band}`;
    });
  }
}

function formatNumber(v: number): string {
  return String(Number(v.toPrecision(6)));
}
