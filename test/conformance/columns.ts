/**
 * The fixture's input shapes, normalized: inline or dataset columns, any number of sensitive and
 * control features, weights, and the machine-readable input transforms of
 * `conventions.input_transforms` (`inputs.row_filter`, `inputs.score_spec`).
 */
import type { Checker } from "./compare.js";
import type { Level, PipelineData } from "./datasets.js";

type Json = Record<string, unknown>;

/** The columns of one case, row-aligned, after its row filter and score transform. */
export interface CaseColumns {
  readonly n: number;
  /** Labels as recorded (numbers, strings or booleans; class names for multiclass pipelines). */
  readonly yTrue: readonly Level[];
  readonly yPred?: readonly Level[];
  /** The case's score: `p` of `inputs.score_spec` when given, else the recorded y_score. */
  readonly yScore?: readonly number[];
  /** The case's weights when its inputs name any (`inputs.sample_weight`). */
  readonly sampleWeight?: readonly number[];
  /** Sensitive features by Fairlearn's name, in `sensitive_feature_names` order. */
  readonly features: Readonly<Record<string, readonly Level[]>>;
  readonly featureNames: readonly string[];
  readonly controlFeatures?: Readonly<Record<string, readonly Level[]>>;
  readonly controlNames: readonly string[];
}

/** Fairlearn's names for a list of unnamed features. */
const unnamed = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}_${i}`);

/** Inline features: one list, rows of levels (several features), or a record by name. */
function inlineFeatures(
  source: unknown,
  recordedNames: readonly string[] | null | undefined,
  prefix: string,
): { names: string[]; features: Record<string, Level[]> } {
  if (source !== null && typeof source === "object" && !Array.isArray(source)) {
    const record = source as Record<string, Level[]>;
    const names = recordedNames ? [...recordedNames] : Object.keys(record);
    return { names, features: Object.fromEntries(names.map((n) => [n, [...record[n]!]])) };
  }
  const list = source as unknown[];
  if (list.length > 0 && list.every(Array.isArray)) {
    const rows = list as Level[][];
    const width = rows[0]!.length;
    const names = recordedNames ? [...recordedNames] : unnamed(prefix, width);
    return {
      names,
      features: Object.fromEntries(names.map((n, f) => [n, rows.map((r) => r[f] ?? null)])),
    };
  }
  const names = recordedNames && recordedNames.length > 0 ? [...recordedNames] : unnamed(prefix, 1);
  return { names, features: { [names[0]!]: list as Level[] } };
}

/** `p = min(max(scale * column, lo), hi)` of `inputs.score_spec`. */
export function applyScoreSpec(spec: Json, column: readonly number[]): number[] {
  const scale = (spec.scale as number | undefined) ?? 1;
  const clip = spec.clip as [number, number] | null | undefined;
  return column.map((v) => {
    const p = scale * v;
    return clip ? Math.min(Math.max(p, clip[0]), clip[1]) : p;
  });
}

/** Row indices kept by `inputs.row_filter` = {keep_levels: {feature: [levels]}}. */
export function keptRows(
  filter: Json,
  n: number,
  column: (feature: string) => readonly unknown[] | undefined,
): number[] {
  const keep = filter.keep_levels as Record<string, unknown[]> | undefined;
  const unknown = Object.keys(filter).filter((k) => k !== "keep_levels");
  if (keep === undefined || unknown.length > 0) {
    throw new Error(`row_filter: unknown form ${JSON.stringify(Object.keys(filter))}`);
  }
  const tests = Object.entries(keep).map(([feature, levels]) => {
    const values = column(feature);
    if (values === undefined) throw new Error(`row_filter: unknown feature ${feature}`);
    const allowed = new Set(levels.map((l) => JSON.stringify(l)));
    const allowedText = new Set(levels.map((l) => String(l)));
    return (i: number) =>
      allowed.has(JSON.stringify(values[i])) || allowedText.has(String(values[i]));
  });
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (tests.every((t) => t(i))) rows.push(i);
  return rows;
}

const pick = <T>(values: readonly T[] | undefined, rows: readonly number[] | undefined) =>
  values === undefined || rows === undefined ? values : rows.map((i) => values[i]!);

/** A numeric column of a pipeline by name: `y_score`, a derived column, or a CSV column. */
export function pipelineColumn(data: PipelineData, name: string): number[] | undefined {
  if (name === "y_score") return data.yScore;
  if (name === "y_true") return data.yTrue;
  if (name === "y_pred") return data.yPred;
  const derived = data.derived?.[name];
  if (derived) return derived;
  if (data.records.length > 0 && name in data.records[0]!) {
    return data.records.map((r) => {
      const text = r[name];
      return text === undefined || text.trim() === "" ? Number.NaN : Number(text);
    });
  }
  return undefined;
}

/** Keeps only `rows` of every row-aligned column of a pipeline. */
export function filterPipeline(data: PipelineData, rows: readonly number[]): PipelineData {
  const sub = <T>(values: readonly T[]) => rows.map((i) => values[i]!);
  const subRecord = <T>(record: Readonly<Record<string, readonly T[]>>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, sub(v)]));
  return {
    ...data,
    n: rows.length,
    yTrue: sub(data.yTrue),
    ...(data.yPred ? { yPred: sub(data.yPred) } : {}),
    ...(data.classes
      ? { classes: { yTrue: sub(data.classes.yTrue), yPred: sub(data.classes.yPred) } }
      : {}),
    ...(data.yScore ? { yScore: sub(data.yScore) } : {}),
    ...(data.sampleWeight ? { sampleWeight: sub(data.sampleWeight) } : {}),
    features: subRecord(data.features),
    ...(data.aif360Scores ? { aif360Scores: sub(data.aif360Scores) } : {}),
    aif360Protected: subRecord(data.aif360Protected),
    records: sub(data.records),
    ...(data.derived ? { derived: subRecord(data.derived) } : {}),
  };
}

/** Applies a dataset case's `row_filter` to its pipeline. */
export function filterDataset(inputs: Json, data: PipelineData): PipelineData {
  const filter = inputs.row_filter as Json | undefined | null;
  if (!filter) return data;
  const column = (f: string) => data.features[f] ?? data.records.map((r) => r[f]);
  return filterPipeline(data, keptRows(filter, data.n, column));
}

/** Applies a dataset case's `score_spec`: `yScore` becomes the case's `p`. */
export function scoreDataset(inputs: Json, data: PipelineData): PipelineData {
  const spec = inputs.score_spec as Json | undefined | null;
  if (!spec) return data;
  const name = spec.column as string;
  const column = pipelineColumn(data, name);
  if (column === undefined) throw new Error(`score_spec: unknown column ${name}`);
  return { ...data, yScore: applyScoreSpec(spec, column) };
}

/** The case's columns from its pipeline data or its inline inputs. */
export function caseColumns(testCase: Json, data: PipelineData | undefined): CaseColumns {
  const inputs = testCase.inputs as Json;
  const recordedNames = testCase.sensitive_feature_names as string[] | null | undefined;
  const recordedControl = testCase.control_feature_names as string[] | null | undefined;
  if (data !== undefined) {
    const names = (inputs.sensitive_features as string[] | undefined) ?? [];
    const controlNames = (inputs.control_features as string[] | undefined) ?? [];
    const column = (name: string) => {
      const values = data.features[name];
      if (values === undefined) throw new Error(`the pipeline has no feature ${name}`);
      return values;
    };
    const weighted = inputs.sample_weight !== null && inputs.sample_weight !== undefined;
    return {
      n: data.n,
      yTrue: data.classes?.yTrue ?? data.yTrue,
      ...(data.yPred ? { yPred: data.classes?.yPred ?? data.yPred } : {}),
      ...(data.yScore ? { yScore: data.yScore } : {}),
      ...(weighted && data.sampleWeight ? { sampleWeight: data.sampleWeight } : {}),
      featureNames: names,
      features: Object.fromEntries(names.map((n) => [n, column(n)])),
      controlNames,
      ...(controlNames.length > 0
        ? { controlFeatures: Object.fromEntries(controlNames.map((n) => [n, column(n)])) }
        : {}),
    };
  }
  const sensitive = inlineFeatures(inputs.sensitive_features, recordedNames, "sensitive_feature");
  const control =
    inputs.control_features === undefined
      ? undefined
      : inlineFeatures(inputs.control_features, recordedControl, "control_feature");
  const yTrue = inputs.y_true as Level[];
  const spec = inputs.score_spec as Json | undefined | null;
  let yScore = inputs.y_score as number[] | undefined;
  if (spec) {
    if (spec.column !== "y_score" || yScore === undefined) {
      throw new Error(`score_spec: inline cases take column 'y_score', not ${String(spec.column)}`);
    }
    yScore = applyScoreSpec(spec, yScore);
  }
  const filter = inputs.row_filter as Json | undefined | null;
  const rows = filter
    ? keptRows(filter, yTrue.length, (f) => sensitive.features[f] ?? control?.features[f])
    : undefined;
  const sub = (record: Record<string, Level[]>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, pick(v, rows)!]));
  const weights = inputs.sample_weight as number[] | null | undefined;
  const yPred = inputs.y_pred as Level[] | undefined;
  return {
    n: rows ? rows.length : yTrue.length,
    yTrue: pick(yTrue, rows)!,
    ...(yPred ? { yPred: pick(yPred, rows)! } : {}),
    ...(yScore ? { yScore: pick(yScore, rows)! } : {}),
    ...(weights ? { sampleWeight: pick(weights, rows)! } : {}),
    featureNames: sensitive.names,
    features: sub(sensitive.features),
    controlNames: control?.names ?? [],
    ...(control ? { controlFeatures: sub(control.features) } : {}),
  };
}

/** The key of a row's intersection of several features, for counting. */
const rowKey = (features: readonly (readonly Level[])[], i: number) =>
  JSON.stringify(features.map((f) => String(f[i])));

function countBy(features: readonly (readonly Level[])[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = rowKey(features, i);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const sum = (values: readonly unknown[] | undefined) =>
  values === undefined ? Number.NaN : values.reduce<number>((a, v) => a + Number(v), 0);

/**
 * Compares `inputs.checks` (row counts, column sums, group counts) with the case's data, for the
 * keys every dataset kind shares; kind-specific keys are left to the kind. `filtered` and
 * `unfiltered` are the pipeline after and before the row filter (the oracle may count either:
 * the view whose row count it recorded is used), `scored` is the data the kind receives.
 */
export function compareInputChecks(
  check: Checker,
  checks: Json,
  views: { unfiltered: PipelineData; filtered: PipelineData; scored: PipelineData },
  inputs: Json,
) {
  const names = (inputs.sensitive_features as string[] | undefined) ?? [];
  const controls = (inputs.control_features as string[] | undefined) ?? [];
  const { unfiltered, filtered, scored } = views;
  const view =
    checks.n_rows === unfiltered.n && filtered.n !== unfiltered.n ? unfiltered : filtered;
  if ("n_rows" in checks) check.equal("inputs.checks.n_rows", view.n, checks.n_rows);
  if ("sum_y_true" in checks) {
    check.number("inputs.checks.sum_y_true", sum(view.yTrue), checks.sum_y_true, 1e-12);
  }
  if ("sum_y_pred" in checks && view.yPred) {
    check.number("inputs.checks.sum_y_pred", sum(view.yPred), checks.sum_y_pred, 1e-12);
  }
  if ("sum_y_score" in checks && view.yScore) {
    check.number("inputs.checks.sum_y_score", sum(view.yScore), checks.sum_y_score, 1e-12);
  }
  if ("sum_sample_weight" in checks) {
    const weighted = inputs.sample_weight !== null && inputs.sample_weight !== undefined;
    if (checks.sum_sample_weight === null) {
      check.assert(
        "inputs.checks.sum_sample_weight",
        !weighted,
        "recorded as unweighted, but the case names weights",
      );
    } else {
      check.number(
        "inputs.checks.sum_sample_weight",
        sum(view.sampleWeight),
        checks.sum_sample_weight,
        1e-12,
      );
    }
  }
  if ("sum_p" in checks && scored.yScore) {
    check.number("inputs.checks.sum_p", sum(scored.yScore), checks.sum_p, 1e-12);
  }
  const compareCounts = (key: string, columns: string[]) => {
    const entries = checks[key] as Json[] | undefined;
    if (entries === undefined) return;
    const counts = countBy(
      columns.map((c) => view.features[c] ?? []),
      view.n,
    );
    entries.forEach((e, k) => {
      const levels = [
        ...((e.control as Level[] | undefined) ?? []),
        ...((e.group as Level[] | undefined) ?? []),
      ];
      const actual = counts.get(JSON.stringify(levels.map(String))) ?? 0;
      check.number(`inputs.checks.${key}[${k}] ${JSON.stringify(levels)}`, actual, e.value);
    });
  };
  compareCounts("group_counts", names);
  compareCounts("control_group_counts", [...controls, ...names]);
}
