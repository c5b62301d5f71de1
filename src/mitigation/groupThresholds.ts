/**
 * Deterministic per-group thresholds (Aequitas-style): given by the user, or chosen per group to
 * hit a target rate or a top-k / top-percent, or chosen to equalise one rate at a global
 * operating point. The result is a {@link ThresholdRule}, so it serialises and predicts like
 * the ThresholdOptimizer's.
 */
import type { Columns, Level } from "../data/columns.js";
import { FairnessInputError, IssueCollector } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { falsePositiveRate, selectionRate, truePositiveRate } from "../metrics/counts.js";
import { partitionRows } from "../stats/partition.js";
import { descendingScoreBlocks } from "../stats/scoreWalk.js";
import { CompensatedSum } from "../stats/summation.js";
import type { ThresholdOperation } from "./thresholdOperation.js";
import { ThresholdRule } from "./thresholdRule.js";

/** `score >= threshold` (default, Aequitas) or `score > threshold`. */
export type PositiveRule = ">=" | ">";

/** One group's threshold, given by hand. */
export interface ManualThreshold {
  /** The group's level (one feature) or levels (one per feature, in `featureNames` order). */
  readonly group: Level | readonly Level[];
  /** Scores at (or above, with ">") this threshold are positive. */
  readonly threshold: number;
}

/** Options of {@link manualThresholds}. */
export interface ManualThresholdsOptions {
  /** Sensitive feature names, in level order. @defaultValue ["sensitive_feature_0"] (one unnamed feature) */
  readonly featureNames?: readonly string[];
  /** How scores are compared with the thresholds. @defaultValue ">=" */
  readonly thresholdRule?: PositiveRule;
}

const NEVER: ThresholdOperation = { operator: ">", threshold: Number.POSITIVE_INFINITY };

function deterministic(group: readonly Level[], operation: ThresholdOperation) {
  return { group, p0: 1, operation0: operation, p1: 0, operation1: NEVER };
}

/**
 * A rule from a user-given threshold per group: predict positive where `score >= threshold`
 * (or `>`). Cost: O(groups).
 *
 * @example
 * manualThresholds([{ group: "a", threshold: 0.5 }, { group: "b", threshold: 0.4 }])
 *   .predictProba({ yScore: [0.45, 0.45], sensitiveFeatures: ["a", "b"] }); // => Float64Array [0, 1]
 */
export function manualThresholds(
  thresholds: readonly ManualThreshold[],
  options: ManualThresholdsOptions = {},
): ThresholdRule {
  const featureNames = options.featureNames ?? ["sensitive_feature_0"];
  const operator = options.thresholdRule ?? ">=";
  if (operator !== ">=" && operator !== ">") {
    throw new RangeError(`manualThresholds: thresholdRule must be ">=" or ">"`);
  }
  if (thresholds.length === 0) throw new RangeError("manualThresholds: give at least one group");
  const seen = new Set<string>();
  const groups = thresholds.map((t, i) => {
    const key: readonly Level[] = Array.isArray(t.group) ? t.group : [t.group as Level];
    if (key.length !== featureNames.length) {
      throw new RangeError(
        `manualThresholds: entry ${i} needs ${featureNames.length} level(s), one per feature`,
      );
    }
    if (typeof t.threshold !== "number" || Number.isNaN(t.threshold)) {
      throw new RangeError(`manualThresholds: entry ${i} has no numeric threshold`);
    }
    const id = JSON.stringify(key);
    if (seen.has(id)) throw new RangeError(`manualThresholds: group ${id} is given twice`);
    seen.add(id);
    return deterministic(key, { operator, threshold: t.threshold });
  });
  return new ThresholdRule(featureNames, groups);
}

/** What each group's threshold aims at. */
export type ThresholdTarget =
  | {
      /** The rate each group's threshold aims at. */
      readonly metric: "selectionRate" | "truePositiveRate" | "falsePositiveRate";
      /** A rate in [0, 1], or "overall": the overall rate at `threshold` (one global operating point). */
      readonly value: number | "overall";
    }
  | {
      /** Select each group's k highest-scoring rows. */
      readonly topK: number;
    }
  | {
      /** Select each group's top percent (0–100) of rows, rounded up. */
      readonly topPercent: number;
    };

/**
 * Options of {@link groupThresholds}.
 *
 * @category Mitigation
 */
export interface GroupThresholdsOptions {
  /** What each group's threshold aims at. */
  readonly target: ThresholdTarget;
  /** How scores are compared with the thresholds. @defaultValue ">=" */
  readonly thresholdRule?: PositiveRule;
  /** Global threshold defining the "overall" target. @defaultValue 0.5 */
  readonly threshold?: number;
}

/** One group's chosen threshold and what it achieves on the fitting data (weighted). */
/** One group's chosen threshold and what it achieves on the fitting data. */
export interface AchievedThreshold {
  /** One level per sensitive feature. */
  readonly group: readonly Level[];
  /** Levels joined with ", ". */
  readonly label: string;
  /** Rows in the group. */
  readonly count: number;
  /** The chosen threshold. */
  readonly threshold: number;
  /** The group's target: the rate aimed at, or the number of rows to select (topK, topPercent). */
  readonly target: number;
  /** (Weighted) selection rate at the threshold. */
  readonly selectionRate: number;
  /** (Weighted) true positive rate at the threshold. */
  readonly truePositiveRate: number;
  /** (Weighted) false positive rate at the threshold. */
  readonly falsePositiveRate: number;
}

/**
 * Result of {@link groupThresholds}.
 *
 * @category Mitigation
 */
export interface GroupThresholdsResult {
  /** The thresholds as a rule that scores new rows. */
  readonly rule: ThresholdRule;
  /** What each group's threshold achieves, in level order. */
  readonly achieved: readonly AchievedThreshold[];
}

/** The registry's declarations of the rates a threshold can target. */
const TARGET_RATES = { selectionRate, truePositiveRate, falsePositiveRate } as const;

interface Candidate {
  threshold: number;
  tp: number;
  fp: number;
  rows: number;
}

/**
 * Thresholds at each distinct score (descending), plus +∞, with the weighted counts selected
 * (`tp`, `fp`) and the rows selected (`rows`, never weighted).
 */
function candidates(
  score: Float64Array,
  label: Uint8Array,
  weight: Float64Array | undefined,
  rows: Uint32Array,
  strict: boolean,
) {
  const blocks = descendingScoreBlocks(score, label, weight, rows);
  const out: Candidate[] = [{ threshold: Number.POSITIVE_INFINITY, tp: 0, fp: 0, rows: 0 }];
  const tp = new CompensatedSum();
  const fp = new CompensatedSum();
  let selectedRows = 0;
  for (let k = 0; k < blocks.count; k++) {
    tp.add(blocks.positive[k]!);
    fp.add(blocks.negative[k]!);
    selectedRows += blocks.rows[k]!;
    // With ">", the threshold that selects every score >= s is the next lower score.
    const threshold = !strict
      ? blocks.score[k]!
      : k + 1 < blocks.count
        ? blocks.score[k + 1]!
        : Number.NEGATIVE_INFINITY;
    out.push({
      threshold,
      tp: tp.value,
      fp: fp.value,
      rows: selectedRows,
    });
  }
  return out;
}

/**
 * Per-group thresholds chosen on the data: for each group, the threshold among its scores whose
 * rate is closest to the target (ties: the higher threshold), or the one selecting its top k
 * rows or top percent (ties at the boundary are all selected, so a group may get more). With
 * `value: "overall"` every group aims at the overall rate at the global `threshold`, which
 * equalises that rate across groups at one operating point. Achieved rates are reported.
 * Cost: O(n log n).
 *
 * @example
 * groupThresholds(
 *   { yTrue: [1, 0, 1, 0], yScore: [0.9, 0.2, 0.6, 0.4], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { target: { metric: "selectionRate", value: 0.5 } },
 * ).achieved.map((a) => a.threshold); // => [0.9, 0.6]
 *
 * @category Mitigation
 */
export function groupThresholds(
  input: FairnessInput,
  options: GroupThresholdsOptions,
): GroupThresholdsResult {
  return groupThresholdsOfColumns(prepare({ scores: "margin", ...input }), options);
}

/** {@link groupThresholds} on prepared columns. */
export function groupThresholdsOfColumns(
  columns: Columns,
  options: GroupThresholdsOptions,
): GroupThresholdsResult {
  const { score, label, weight } = columns;
  if (score === undefined) {
    throw new FairnessInputError([
      { code: "missing_field", path: ["yScore"], message: "groupThresholds needs scores" },
    ]);
  }
  const rule = options.thresholdRule ?? ">=";
  if (rule !== ">=" && rule !== ">")
    throw new RangeError(`groupThresholds: thresholdRule must be ">=" or ">"`);
  const strict = rule === ">";
  const target = options.target;
  const partition = partitionRows(columns.group, columns.groups.keys.length);

  let overallTarget = Number.NaN;
  if ("metric" in target && target.value === "overall") {
    const t = options.threshold ?? 0.5;
    // Confusion cells 2·label + prediction at the global threshold, compensated.
    const cells = [0, 1, 2, 3].map(() => new CompensatedSum());
    for (let i = 0; i < columns.n; i++) {
      const on = strict ? score[i]! > t : score[i]! >= t;
      cells[2 * label[i]! + (on ? 1 : 0)]!.add(weight === undefined ? 1 : weight[i]!);
    }
    const [tn, fp, fn, tp] = cells.map((c) => c.value) as [number, number, number, number];
    overallTarget = TARGET_RATES[target.metric].fromCounts({ tn, fp, fn, tp });
  } else if ("metric" in target) {
    const v = target.value as number;
    if (!(v >= 0 && v <= 1))
      throw new RangeError("groupThresholds: target value must lie in [0, 1]");
  } else if ("topK" in target) {
    if (!Number.isInteger(target.topK) || target.topK < 0)
      throw new RangeError("groupThresholds: topK must be a non-negative integer");
  } else if (!(target.topPercent >= 0 && target.topPercent <= 100)) {
    throw new RangeError("groupThresholds: topPercent must lie in [0, 100]");
  }

  const achieved: AchievedThreshold[] = [];
  const ruleGroups = [];
  const issues = new IssueCollector();
  for (let g = 0; g < columns.groups.keys.length; g++) {
    const r = partition.rows.subarray(partition.offsets[g]!, partition.offsets[g + 1]!);
    if (r.length === 0) continue;
    const cands = candidates(score, label, weight, r, strict);
    const last = cands[cands.length - 1]!;
    const pos = last.tp;
    const neg = last.fp;
    const confusionAt = (c: Candidate) => ({ tn: neg - c.fp, fp: c.fp, fn: pos - c.tp, tp: c.tp });
    let best = cands[0]!;
    let goal: number;
    const key = columns.groups.keys[g]!;
    if ("metric" in target) {
      // The rate's denominator (of positive weight) must be present in the group.
      const denominator =
        target.metric === "truePositiveRate"
          ? pos
          : target.metric === "falsePositiveRate"
            ? neg
            : pos + neg;
      if (!(denominator > 0)) {
        issues.add(
          "degenerate_labels",
          ["yTrue"],
          `groupThresholds: group ${groupLabel(key)} has no ${target.metric === "truePositiveRate" ? "positive labels" : target.metric === "falsePositiveRate" ? "negative labels" : "rows"} of positive weight, so its ${target.metric} is undefined at every threshold`,
        );
        continue;
      }
    }
    if ("metric" in target) {
      goal = target.value === "overall" ? overallTarget : target.value;
      const metric = TARGET_RATES[target.metric];
      const rate = (c: Candidate) => metric.fromCounts(confusionAt(c));
      let bestGap = Math.abs(rate(best) - goal);
      for (const c of cands) {
        const gap = Math.abs(rate(c) - goal);
        if (gap < bestGap) {
          best = c;
          bestGap = gap;
        }
      }
    } else {
      // Top k / top percent count rows, not weights.
      const k = "topK" in target ? target.topK : Math.ceil((target.topPercent / 100) * r.length);
      goal = k;
      const index = cands.findIndex((c) => c.rows >= k);
      best = cands[index === -1 ? cands.length - 1 : index]!;
    }
    achieved.push({
      group: key,
      label: groupLabel(key),
      count: r.length,
      threshold: best.threshold,
      target: goal,
      selectionRate: selectionRate.fromCounts(confusionAt(best)),
      truePositiveRate: truePositiveRate.fromCounts(confusionAt(best)),
      falsePositiveRate: falsePositiveRate.fromCounts(confusionAt(best)),
    });
    ruleGroups.push(deterministic(key, { operator: rule, threshold: best.threshold }));
  }
  issues.throwIfAny();
  return { rule: new ThresholdRule(columns.groups.featureNames, ruleGroups), achieved };
}
