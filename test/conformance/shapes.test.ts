/**
 * Input shapes the conventions allow but the public sample lacks, built from public cases by
 * transformations whose effect on the recorded values is known exactly:
 * - a second, constant sensitive feature (Fairlearn merges the levels into "a,x"; groups and
 *   every value are unchanged, only the keys gain ",x");
 * - a dataset case's columns stored inline (same values);
 * - `score_spec` with `scale` 0.5 on doubled scores (the same p, exactly: ×2 and ×0.5 are exact
 *   in binary floating point);
 * - `row_filter` keeping one group (that group's values become the overall values);
 * and cases that must be `unsupported`, never `pass`: unknown recorded fields, unknown inputs.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DatasetLoader } from "./datasets.js";
import { type FixtureCase, readFixture, runCase } from "./runner.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const fixture = readFixture(resolve(root, "test/fixtures/fairlearn_reference.json"));
const datasets = new DatasetLoader([resolve(root, "examples/data")]);
type Json = Record<string, unknown>;
const clone = (name: string): Json & FixtureCase => {
  const found = fixture.cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no case ${name}`);
  return structuredClone(found) as Json & FixtureCase;
};
const run = (c: FixtureCase) => runCase(c, datasets);

describe("input shapes the sample lacks", () => {
  it("threshold_optimizer with two sensitive features uses Fairlearn's merged key", () => {
    const c = clone("edge_to_fairlearn_unit_example_demographic_parity_flip");
    const inputs = c.inputs as Json;
    const levels = inputs.sensitive_features as unknown[];
    inputs.sensitive_features = levels.map((l) => [l, "x"]);
    c.sensitive_feature_names = ["f1", "f2"];
    const fitted = c.fitted as Json;
    for (const e of fitted.interpolation as Json[]) e.group_key = `${String(e.group_key)},x`;
    for (const e of (fitted._x_best_per_group ?? []) as Json[]) {
      e.group_key = `${String(e.group_key)},x`;
    }
    const outcomes = c.expected_outcomes as Json;
    for (const e of outcomes.by_group as Json[]) e.group = [...(e.group as unknown[]), "x"];
    for (const e of (outcomes.p_positive_by_group_and_score ?? []) as Json[]) {
      e.group = [...(e.group as unknown[]), "x"];
    }
    const result = run(c);
    expect(result.status, result.message).toBe("pass");
    // The merged key matters: with the keys left as one feature's, the case fails.
    const wrong = clone("edge_to_fairlearn_unit_example_demographic_parity_flip");
    (wrong.inputs as Json).sensitive_features = levels.map((l) => [l, "x"]);
    wrong.sensitive_feature_names = ["f1", "f2"];
    expect(run(wrong).status).toBe("fail");
  });

  it("threshold_optimizer degenerate labels on an intersection: the merged key names it", () => {
    const c = clone("edge_to_degenerate_labels");
    const inputs = c.inputs as Json;
    // Group b splits into (b, x) with both labels and (b, y) with only positives.
    inputs.sensitive_features = (inputs.sensitive_features as string[]).map((l, i) => [
      l,
      l === "b" && i >= 6 ? "y" : "x",
    ]);
    (inputs.y_true as number[])[5] = 0;
    c.sensitive_feature_names = ["f1", "f2"];
    (c.fit_error as Json).message = "Degenerate labels for sensitive feature value b,y";
    const result = run(c);
    expect(result.status, result.message).toBe("pass");
    (c.fit_error as Json).message = "Degenerate labels for sensitive feature value b,x";
    expect(run(c).status).toBe("fail");
  });

  it("threshold_optimizer_error: a degenerate-labels result and flip= are checked", () => {
    const c = clone("edge_to_relaxed_invalid_arguments");
    const inputs = c.inputs as Json;
    inputs.y_true = [1, 0, 1, 1];
    const degenerate = {
      error: { type: "ValueError", message: "Degenerate labels for sensitive feature value b" },
    };
    c.result = { "constraints='demographic_parity', flip=True": degenerate };
    const result = run(c);
    expect(result.status, result.message).toBe("pass");
    c.result = { "constraints='demographic_parity', flip=True, prefit=None": degenerate };
    expect(run(c).status).toBe("unsupported");
    inputs.y_true = [1, 0, 1, 0];
    c.result = { "constraints='demographic_parity', flip=True": degenerate };
    expect(run(c).status).toBe("fail");
  });

  it("metrics_error: several arguments, recorded values and unknown calls", () => {
    const c = clone("edge_invalid_arguments");
    // y = [1, 0, 1, 0], ŷ = [1, 0, 0, 1], groups a a b b: selection rates 0.5, 0.5 (overall
    // 0.5); TPR a 1, b 0; FPR a 0, b 1. Worst case between groups: 1; mean of the two parts: 1.
    c.result = {
      "equalized_odds_difference(agg='mean', method='between_groups')": { value: 1 },
      "demographic_parity_difference(method='to_overall')": { value: 0 },
      "equalized_odds_ratio(agg='bogus', method='to_overall')": {
        error: { type: "ValueError", message: "agg must be one of 'worst_case' or 'mean'" },
      },
    };
    const result = run(c);
    expect(result.status, result.message).toBe("pass");
    c.result = { "demographic_parity_difference(method='to_overall')": { value: 0.25 } };
    expect(run(c).status).toBe("fail");
    c.result = { "demographic_parity_difference(control_features='x')": { value: 0 } };
    expect(run(c).status).toBe("unsupported");
  });

  it("calibration accepts inline inputs", () => {
    const c = clone("german_age_group_calibration");
    const data = datasets.load("german_lr");
    (c as Json).inputs = {
      source: "inline",
      y_true: data.yTrue,
      y_score: data.yScore,
      sensitive_features: data.features.age_group,
    };
    const result = run(c);
    expect(result.status, result.message).toBe("pass");
    expect(result.coverage!.compared).toBeGreaterThan(100);
  });

  it("score_spec scales an inline column", () => {
    const c = clone("synthetic_calibration_regression_miscalibrated");
    const inputs = c.inputs as Json;
    inputs.y_score = (inputs.y_score as number[]).map((s) => 2 * s);
    inputs.score_spec = { column: "y_score", scale: 0.5, clip: null };
    const result = run(c);
    expect(result.status, result.message).toBe("pass");
  });

  it("row_filter keeps one group: its values become the overall values", () => {
    const c = clone("edge_group_without_negatives");
    const frames = c.metricframe as Record<string, Json>;
    const selection = frames.selection_rate!;
    const groupA = (selection.by_group as Json[])[0]!;
    c.metricframe = {
      selection_rate: {
        prediction_input: "y_pred",
        sample_weight_used: false,
        overall: groupA.value,
        by_group: [groupA],
        group_min: groupA.value,
        group_max: groupA.value,
        difference: { between_groups: 0, to_overall: 0 },
        ratio: { between_groups: 1, to_overall: 1 },
      },
    };
    c.fairness_functions = null;
    c.combined_metricframe = undefined;
    (c.inputs as Json).row_filter = { keep_levels: { sensitive_feature_0: ["a"] } };
    const result = run(JSON.parse(JSON.stringify(c)));
    expect(result.status, result.message).toBe("pass");
  });

  it("a null where a number is expected is compared as NaN, entry by entry", () => {
    const c = clone("edge_all_predictions_negative");
    const result = run(c);
    expect(result.status, result.message).toBe("pass");
    const changed = clone("edge_all_predictions_negative");
    ((changed.metricframe as Record<string, Json>).selection_rate!.difference as Json).to_overall =
      null;
    expect(run(changed).status).toBe("fail");
  });

  it("a per-metric error entry where fairscope computes a value fails that entry", () => {
    const c = clone("edge_all_predictions_negative");
    (c.metricframe as Record<string, Json>).accuracy_score = {
      prediction_input: "y_pred",
      sample_weight_used: false,
      error: { type: "ValueError", message: "made up" },
    };
    const result = run(c);
    expect(result.status).toBe("fail");
    expect(result.message).toMatch(/accuracy_score\.error/);
  });
});

describe("never pass a case with an unchecked recorded value", () => {
  it("an unknown recorded field makes the case unsupported, naming it", () => {
    const c = clone("edge_named_series_feature");
    (c.metricframe as Record<string, Json>).selection_rate!.new_statistic = 0.5;
    const result = run(c);
    expect(result.status).toBe("unsupported");
    expect(result.message).toMatch(/metricframe\.selection_rate\.new_statistic/);
  });

  it("an unknown top-level result makes the case unsupported", () => {
    const c = clone("german_age_group_calibration");
    c.calibration_extra = { value: 1 };
    expect(run(c).message).toMatch(/calibration_extra\.value/);
  });

  it("an unknown input or parameter makes the case unsupported", () => {
    const c = clone("edge_to_fairlearn_unit_example_demographic_parity_flip");
    (c.params as Json).new_option = true;
    expect(run(c)).toMatchObject({ status: "unsupported" });
    const d = clone("stats_fisher_exact_group_tables");
    (d.inputs as Json).alternative = "less";
    expect(run(d)).toMatchObject({ status: "unsupported" });
  });

  it("an unknown kind is unsupported", () => {
    const c = clone("edge_named_series_feature");
    expect(run({ ...c, kind: "not_a_kind" })).toMatchObject({
      status: "unsupported",
      message: "kind not_a_kind",
    });
  });
});
