/**
 * Materialises the oracle's dataset pipelines (the fixture's `pipelines` field) from CSV files,
 * so conformance cases that name a pipeline get exactly the rows, labels, scores and groups the
 * oracle used.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

export type Level = string | number | boolean | null;

/** One pipeline's columns, row-aligned. */
export interface PipelineData {
  readonly n: number;
  /** Labels as numbers (regression targets for regression pipelines). */
  readonly yTrue: number[];
  readonly yPred?: number[];
  /** Class labels of multiclass pipelines (`yTrue`/`yPred` are then their indices in `classes`). */
  readonly classes?: { readonly yTrue: string[]; readonly yPred: string[] };
  readonly yScore?: number[];
  readonly sampleWeight?: number[];
  /** Sensitive (and control) features by the oracle's column name. */
  readonly features: Record<string, Level[]>;
  /** AIF360 scores of the favorable label, where the pipeline defines them. */
  readonly aif360Scores?: number[];
  /** AIF360 protected attributes (1 = privileged) by the oracle's name. */
  readonly aif360Protected: Record<string, number[]>;
  /** The raw CSV records, for kinds that need other columns (reductions, score_spec). */
  readonly records: Record<string, string>[];
  /** Numeric columns of the pipeline's derived files by their name (e.g. `lr_score`). */
  readonly derived?: Record<string, number[]>;
  /**
   * Encoded model features and the training rows, for pipelines that train a model
   * (adult_reductions: the top-level fields are the test rows).
   */
  readonly training?: TrainingData;
}

/** A train/test design matrix (row-major, `cols` columns) with the training labels and groups. */
export interface TrainingData {
  readonly cols: number;
  readonly xTrain: Float64Array;
  readonly yTrain: number[];
  readonly featuresTrain: Record<string, Level[]>;
  readonly xTest: Float64Array;
}

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as Row[];
}

function num(row: Row, column: string): number {
  const text = row[column];
  if (text === undefined || text.trim() === "") return Number.NaN;
  return Number(text);
}

function compas(dir: string): PipelineData {
  const rows = readCsv(join(dir, "compas-scores-two-years.csv")).filter((r) => {
    const days = num(r, "days_b_screening_arrest");
    return (
      !Number.isNaN(days) &&
      days >= -30 &&
      days <= 30 &&
      num(r, "is_recid") !== -1 &&
      r.c_charge_degree !== "O" &&
      r.score_text !== "N/A"
    );
  });
  const decile = rows.map((r) => num(r, "decile_score"));
  return {
    n: rows.length,
    records: rows,
    yTrue: rows.map((r) => num(r, "two_year_recid")),
    yPred: decile.map((d) => (d >= 5 ? 1 : 0)),
    yScore: decile.map((d) => d / 10),
    sampleWeight: rows.map((r) => ((num(r, "id") % 5) + 1) / 2),
    features: { race: rows.map((r) => r.race ?? null), sex: rows.map((r) => r.sex ?? null) },
    aif360Scores: decile.map((d) => (10 - d) / 10),
    aif360Protected: {
      race_caucasian: rows.map((r) => (r.race === "Caucasian" ? 1 : 0)),
      sex_female: rows.map((r) => (r.sex === "Female" ? 1 : 0)),
    },
  };
}

function scores(dir: string, file: string): number[] {
  return readCsv(join(dir, "derived", file)).map((r) => num(r, "lr_score"));
}

function adultTest(dir: string): PipelineData {
  const rows = readCsv(join(dir, "adult_test.csv"));
  const yScore = scores(dir, "adult_test_lr_scores.csv");
  return {
    n: rows.length,
    records: rows,
    derived: { lr_score: yScore },
    yTrue: rows.map((r) => (r.income === ">50K." ? 1 : 0)),
    yPred: yScore.map((s) => (s >= 0.5 ? 1 : 0)),
    yScore,
    sampleWeight: rows.map((r) => num(r, "fnlwgt")),
    features: { sex: rows.map((r) => r.sex ?? null), race: rows.map((r) => r.race ?? null) },
    aif360Scores: yScore,
    aif360Protected: { sex_male: rows.map((r) => (r.sex === "Male" ? 1 : 0)) },
  };
}

function adultTrain(dir: string): PipelineData {
  const rows = readCsv(join(dir, "adult.csv"));
  return {
    n: rows.length,
    records: rows,
    yTrue: rows.map((r) => (r.income === ">50K" ? 1 : 0)),
    features: { sex: rows.map((r) => r.sex ?? null), race: rows.map((r) => r.race ?? null) },
    aif360Protected: {
      sex_male: rows.map((r) => (r.sex === "Male" ? 1 : 0)),
      race_white: rows.map((r) => (r.race === "White" ? 1 : 0)),
    },
  };
}

function german(dir: string): PipelineData {
  const rows = readCsv(join(dir, "german.csv"));
  const yScore = scores(dir, "german_lr_scores.csv");
  return {
    n: rows.length,
    records: rows,
    derived: { lr_score: yScore },
    yTrue: rows.map((r) => (num(r, "class") === 1 ? 1 : 0)),
    yPred: yScore.map((s) => (s >= 0.5 ? 1 : 0)),
    yScore,
    features: {
      sex: rows.map((r) =>
        r.personal_status_sex === "A92" || r.personal_status_sex === "A95" ? "female" : "male",
      ),
      age_group: rows.map((r) => (num(r, "age") >= 25 ? "25+" : "under_25")),
    },
    aif360Scores: yScore,
    aif360Protected: { age_25plus: rows.map((r) => (num(r, "age") >= 25 ? 1 : 0)) },
  };
}

const ADULT_NUMERIC = [
  "age",
  "fnlwgt",
  "education-num",
  "capital-gain",
  "capital-loss",
  "hours-per-week",
];
const ADULT_CATEGORICAL = [
  "workclass",
  "education",
  "marital-status",
  "occupation",
  "relationship",
  "race",
  "sex",
  "native-country",
];

/**
 * scikit-learn's ColumnTransformer of prepare_datasets.py: StandardScaler (population sd) on the
 * numeric columns, then OneHotEncoder (sorted categories, unknown → all zeros) on the categorical
 * ones, both fitted on the training rows.
 */
function adultDesign(train: Row[], test: Row[]) {
  const scalers = ADULT_NUMERIC.map((c) => {
    const values = train.map((r) => num(r, c));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    return { c, mean, sd };
  });
  const categories = ADULT_CATEGORICAL.map((c) => {
    const levels = [...new Set(train.map((r) => r[c] ?? ""))].sort();
    return { c, index: new Map(levels.map((l, k) => [l, k])), size: levels.length };
  });
  const cols = scalers.length + categories.reduce((a, b) => a + b.size, 0);
  const encode = (rows: Row[]) => {
    const x = new Float64Array(rows.length * cols);
    rows.forEach((r, i) => {
      let j = i * cols;
      for (const { c, mean, sd } of scalers) x[j++] = (num(r, c) - mean) / sd;
      for (const { c, index, size } of categories) {
        const k = index.get(r[c] ?? "");
        if (k !== undefined) x[j + k] = 1;
        j += size;
      }
    });
    return x;
  };
  return { cols, xTrain: encode(train), xTest: encode(test) };
}

function adultReductions(dir: string): PipelineData {
  const train = readCsv(join(dir, "adult.csv"));
  const test = readCsv(join(dir, "adult_test.csv"));
  const design = adultDesign(train, test);
  return {
    n: test.length,
    records: test,
    yTrue: test.map((r) => (r.income === ">50K." ? 1 : 0)),
    features: { sex: test.map((r) => r.sex ?? null), race: test.map((r) => r.race ?? null) },
    aif360Protected: {},
    training: {
      ...design,
      yTrain: train.map((r) => (r.income === ">50K" ? 1 : 0)),
      featuresTrain: {
        sex: train.map((r) => r.sex ?? null),
        race: train.map((r) => r.race ?? null),
      },
    },
  };
}

/** The derived file's rows, checked row-aligned with `adult_test.csv` (its `row` column). */
function alignedDerived(dir: string, file: string, n: number): Row[] {
  const rows = readCsv(join(dir, "derived", file));
  if (rows.length !== n || rows.some((r, i) => num(r, "row") !== i)) {
    throw new Error(`derived/${file} is not row-aligned with adult_test.csv`);
  }
  return rows;
}

function adultFeatures(rows: Row[]) {
  return { sex: rows.map((r) => r.sex ?? null), race: rows.map((r) => r.race ?? null) };
}

function adultHoursRegression(dir: string): PipelineData {
  const rows = readCsv(join(dir, "adult_test.csv"));
  const derived = alignedDerived(dir, "adult_test_hours_regression.csv", rows.length);
  return {
    n: rows.length,
    records: rows,
    yTrue: derived.map((r) => num(r, "y_true")),
    yPred: derived.map((r) => num(r, "y_pred")),
    sampleWeight: rows.map((r) => num(r, "fnlwgt")),
    features: adultFeatures(rows),
    aif360Protected: {},
  };
}

function adultRelationshipMulticlass(dir: string): PipelineData {
  const rows = readCsv(join(dir, "adult_test.csv"));
  const derived = alignedDerived(dir, "adult_test_relationship_multiclass.csv", rows.length);
  const yTrue = derived.map((r) => r.y_true ?? "");
  const yPred = derived.map((r) => r.y_pred ?? "");
  const labels = [...new Set([...yTrue, ...yPred])].sort();
  return {
    n: rows.length,
    records: rows,
    yTrue: yTrue.map((l) => labels.indexOf(l)),
    yPred: yPred.map((l) => labels.indexOf(l)),
    classes: { yTrue, yPred },
    sampleWeight: rows.map((r) => num(r, "fnlwgt")),
    features: adultFeatures(rows),
    aif360Protected: {},
  };
}

function priorsBucket(count: number): string {
  if (count === 0) return "0";
  if (count <= 3) return "1-3";
  if (count <= 9) return "4-9";
  return "10+";
}

/**
 * The COMPAS rows of `compas_propublica` with the MDSS search columns (all strings) and the MDSS
 * expectations p = clip(decile_score / 10, 0.05, 0.95) as `yScore`.
 */
function compasMdss(dir: string): PipelineData {
  const base = compas(dir);
  const rows = base.records;
  return {
    ...base,
    yScore: rows.map((r) => Math.min(0.95, Math.max(0.05, num(r, "decile_score") / 10))),
    features: {
      race: rows.map((r) => r.race ?? null),
      sex: rows.map((r) => r.sex ?? null),
      age_cat: rows.map((r) => r.age_cat ?? null),
      c_charge_degree: rows.map((r) => r.c_charge_degree ?? null),
      priors_bucket: rows.map((r) => priorsBucket(num(r, "priors_count"))),
    },
  };
}

const PIPELINES: Record<string, { files: string[]; load: (dir: string) => PipelineData }> = {
  compas_propublica: { files: ["compas-scores-two-years.csv"], load: compas },
  adult_test_lr: {
    files: ["adult_test.csv", "derived/adult_test_lr_scores.csv"],
    load: adultTest,
  },
  adult_train: { files: ["adult.csv"], load: adultTrain },
  german_lr: { files: ["german.csv", "derived/german_lr_scores.csv"], load: german },
  adult_reductions: { files: ["adult.csv", "adult_test.csv"], load: adultReductions },
  adult_test_hours_regression: {
    files: ["adult_test.csv", "derived/adult_test_hours_regression.csv"],
    load: adultHoursRegression,
  },
  adult_test_relationship_multiclass: {
    files: ["adult_test.csv", "derived/adult_test_relationship_multiclass.csv"],
    load: adultRelationshipMulticlass,
  },
  compas_mdss: { files: ["compas-scores-two-years.csv"], load: compasMdss },
};

/** Loads pipelines from one or more dataset directories (first directory holding the files wins). */
export class DatasetLoader {
  readonly #dirs: readonly string[];
  readonly #cache = new Map<string, PipelineData>();

  constructor(dirs: readonly string[]) {
    this.#dirs = dirs;
  }

  /** Whether the pipeline's files are present; `undefined` means the pipeline is not known. */
  available(pipeline: string): boolean | undefined {
    const spec = PIPELINES[pipeline];
    if (spec === undefined) return undefined;
    return this.#dirFor(spec.files) !== undefined;
  }

  load(pipeline: string): PipelineData {
    const cached = this.#cache.get(pipeline);
    if (cached) return cached;
    const spec = PIPELINES[pipeline];
    if (spec === undefined) throw new Error(`unknown pipeline ${pipeline}`);
    const dir = this.#dirFor(spec.files);
    if (dir === undefined) throw new Error(`pipeline ${pipeline}: files not found`);
    const data = spec.load(dir);
    this.#cache.set(pipeline, data);
    return data;
  }

  #dirFor(files: readonly string[]): string | undefined {
    return this.#dirs.find((d) => files.every((f) => existsSync(join(d, f))));
  }
}
