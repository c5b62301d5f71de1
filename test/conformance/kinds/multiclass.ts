/**
 * Kind `multiclass`: one Fairlearn MetricFrame per scikit-learn multiclass metric. Scalar
 * metrics (accuracy, balanced accuracy, macro / weighted precision, recall and F1, count) are
 * compared like kind `regression`; per-class scores and the one-vs-rest confusion matrices
 * overall and by group, in the order of the case's `labels`. scikit-learn's UndefinedMetricWarning
 * (a zero denominator set to 0) must appear as a fairscope `zeroDivision` warning on the same
 * score. Its UserWarning "y_pred contains classes not in y_true" has no counterpart: a predicted
 * class absent from a group's true classes is documented behaviour (docs/multiclass.md).
 */
import { type MulticlassMetricsResult, multiclassMetrics } from "../../../src/index.js";
import type { ClassLabel, ClassScores } from "../../../src/multiclass/index.js";
import { type Checker, Unsupported } from "../compare.js";
import type { KindHandler } from "../runner.js";
import {
  caseFeatures,
  caseWeights,
  checkInputChecks,
  checkScalarEntry,
  checkWeighted,
  type FrameEntry,
} from "./regression.js";

const SCALAR: Readonly<Record<string, string>> = {
  accuracy_score: "accuracy",
  balanced_accuracy_score: "balancedAccuracy",
  f1_score_macro: "f1Macro",
  f1_score_weighted: "f1Weighted",
  precision_score_macro: "precisionMacro",
  precision_score_weighted: "precisionWeighted",
  recall_score_macro: "recallMacro",
  recall_score_weighted: "recallWeighted",
  count: "count",
};

const PER_CLASS: Readonly<Record<string, keyof ClassScores>> = {
  f1_score_per_class: "f1Score",
  precision_score_per_class: "precision",
  recall_score_per_class: "recall",
};

/** The score a scikit-learn metric name is about, for its warnings. */
function scoreOf(name: string): "precision" | "recall" | "f1Score" | undefined {
  if (name.startsWith("precision")) return "precision";
  if (name.startsWith("recall")) return "recall";
  if (name.startsWith("f1")) return "f1Score";
  return undefined;
}

function confusionMatrix(scores: ClassScores): number[][][] {
  return scores.confusion.map((c) => [
    [c.tn, c.fp],
    [c.fn, c.tp],
  ]);
}

function checkList(check: Checker, path: string, actual: readonly unknown[], expected: unknown) {
  const e = expected as unknown[];
  if (!Array.isArray(e) || e.length !== actual.length) {
    check.fail(path, `expected ${JSON.stringify(expected)}, got ${actual.length} values`);
    return;
  }
  actual.forEach((a, i) => {
    if (Array.isArray(a)) checkList(check, `${path}[${i}]`, a, e[i]);
    else check.number(`${path}[${i}]`, a as number, e[i], 1e-12, 1e-12);
  });
}

function checkPerClass(
  check: Checker,
  name: string,
  result: MulticlassMetricsResult,
  entry: FrameEntry,
  pick: (s: ClassScores) => readonly unknown[],
) {
  for (const key of Object.keys(entry)) {
    if (!["sample_weight_used", "overall", "by_group", "warnings"].includes(key)) {
      check.fail(`${name}.${key}`, "field not compared");
    }
  }
  checkList(check, `${name}.overall`, pick(result.overall), entry.overall);
  check.equal(
    `${name}.groups`,
    result.byGroup.map((g) => g.key),
    (entry.by_group ?? []).map((e) => e.group),
  );
  (entry.by_group ?? []).forEach((e, i) => {
    const row = result.byGroup[i];
    if (row !== undefined) checkList(check, `${name}.by_group[${i}]`, pick(row.scores), e.value);
  });
}

/** Kind `multiclass`. */
export const multiclass: KindHandler = (testCase, ctx) => {
  const inputs = testCase.inputs as Record<string, unknown>;
  const d = ctx.data;
  const yTrue = (d ? d.classes!.yTrue : inputs.y_true) as ClassLabel[];
  const yPred = (d ? d.classes!.yPred : inputs.y_pred) as ClassLabel[];
  const { check } = ctx;
  checkInputChecks(check, testCase, ctx, yTrue, yPred);
  checkWeighted(check, testCase, ctx);
  const sensitiveFeatures = caseFeatures(testCase, ctx);
  const weights = caseWeights(testCase, ctx);
  if (testCase.sample_weight_used === true && weights === undefined) {
    throw new Unsupported("sample_weight_used without weights in the inputs");
  }
  const frame = testCase.metricframe as Record<string, FrameEntry>;
  for (const [name, entry] of Object.entries(frame)) {
    const result = multiclassMetrics({
      yTrue,
      yPred,
      sensitiveFeatures: sensitiveFeatures as never,
      intersections: "all",
      ...(entry.sample_weight_used && weights ? { sampleWeight: weights } : {}),
    });
    check.equal(`${name}.labels`, result.classes, testCase.labels);
    const score = scoreOf(name);
    const warned = result.summary.warnings.some((w) => w.metric === score);
    const undefinedWarnings = (entry.warnings ?? []).filter(
      (w) => w.category === "UndefinedMetricWarning",
    );
    for (const w of undefinedWarnings) {
      check.assert(w, warned, `scikit-learn warned (${w.message}); fairscope did not`);
    }
    for (const w of entry.warnings ?? []) {
      if (w.category === "UndefinedMetricWarning") continue;
      // scikit-learn warns "y_pred contains classes not in y_true"; fairscope scores such a
      // class without a warning (docs/multiclass.md). The difference holds when some group
      // predicts a class that none of its true classes is.
      const absentPredicted = [result.overall, ...result.byGroup.map((g) => g.scores)].some((s) =>
        s.support.some((support, j) => support === 0 && s.selectionRate[j]! > 0),
      );
      check.difference(w, absentPredicted, `${w.category}: ${w.message}`);
    }
    const id = SCALAR[name];
    if (id !== undefined) {
      checkScalarEntry(check, name, result.summary, id, entry, new Set());
    } else if (PER_CLASS[name] !== undefined) {
      const field = PER_CLASS[name]!;
      checkPerClass(check, name, result, entry, (s) => s[field] as readonly number[]);
      // Per-class scores cover every class of every group: a fairscope warning needs one there.
      if (warned && undefinedWarnings.length === 0) {
        check.fail(`${name}.warnings`, `fairscope warned on ${score}; scikit-learn did not`);
      }
    } else if (name === "multilabel_confusion_matrix") {
      checkPerClass(check, name, result, entry, confusionMatrix);
    } else {
      check.fail(name, "metric not compared");
    }
  }
};
