/**
 * The conformance runner: runs every case of a fixture file in the oracle's format
 * ("fairness-oracle/1") through fairscope and reports pass / fail / unsupported per case.
 *
 * A case passes only when no comparison failed and every recorded value in it was compared (or
 * asserted as a documented difference, or acknowledged as not a parity target): the runner
 * tracks which recorded fields the kind handler compared (see compare.ts), and a field nobody
 * compared makes the case `unsupported`, naming the field.
 */
import { readFileSync } from "node:fs";
import { compareInputChecks, filterDataset, scoreDataset } from "./columns.js";
import { Checker, type Coverage, Ledger, Unsupported } from "./compare.js";
import { DatasetLoader, type PipelineData } from "./datasets.js";
import { KINDS } from "./kinds/index.js";

/** One case of the fixture, as parsed from JSON. */
export interface FixtureCase {
  readonly name: string;
  readonly kind: string;
  readonly inputs: Record<string, unknown> & { source?: string; pipeline?: string };
  readonly [key: string]: unknown;
}

export interface Fixture {
  readonly schema: string;
  readonly cases: readonly FixtureCase[];
}

export interface CaseContext {
  /**
   * The pipeline's data when the case is a dataset case, after the case's `row_filter` and
   * `score_spec` (then `yScore` is the case's `p`).
   */
  readonly data: PipelineData | undefined;
  readonly check: Checker;
}

/**
 * A kind handler checks one case (a tracked, read-only view of the fixture's case), recording
 * mismatches and compared values in `ctx.check`.
 */
export type KindHandler = (testCase: FixtureCase, ctx: CaseContext) => void;

export type CaseStatus = "pass" | "fail" | "unsupported" | "skipped";

export interface CaseResult {
  readonly name: string;
  readonly kind: string;
  readonly status: CaseStatus;
  readonly message?: string;
  /** What the case's recorded values became (absent when the case did not run). */
  readonly coverage?: Coverage;
}

/** Free-text input fields: descriptions for people, superseded by machine-readable fields. */
const NOTES = [
  "sensitive_features_passed_as",
  "control_features_passed_as",
  "note",
  "score_transform",
];

/** Dataset inputs that, as text, describe a column of the pipeline (`pipelines` in the fixture). */
const PIPELINE_DESCRIPTIONS = ["label", "predictions", "scores", "score", "features", "y_pred"];

export function readFixture(path: string): Fixture {
  const fixture = JSON.parse(readFileSync(path, "utf8")) as Fixture;
  if (fixture.schema !== "fairness-oracle/1") {
    throw new Error(`${path}: unsupported fixture schema ${JSON.stringify(fixture.schema)}`);
  }
  return fixture;
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** Loads a dataset case's pipeline, applies its input transforms and compares its checks. */
function prepareData(
  testCase: FixtureCase,
  datasets: DatasetLoader,
  check: Checker,
): PipelineData | CaseResult {
  const { name, kind } = testCase;
  const inputs = testCase.inputs;
  const pipeline = inputs.pipeline;
  if (typeof pipeline !== "string") {
    return { name, kind, status: "unsupported", message: "dataset case without a pipeline" };
  }
  const available = datasets.available(pipeline);
  if (available === undefined) {
    return { name, kind, status: "unsupported", message: `pipeline ${pipeline}` };
  }
  if (!available) {
    return { name, kind, status: "skipped", message: `datasets for ${pipeline} are absent` };
  }
  const unfiltered = datasets.load(pipeline);
  const filtered = filterDataset(inputs, unfiltered);
  const scored = scoreDataset(inputs, filtered);
  const checks = inputs.checks as Record<string, unknown> | undefined;
  if (checks) compareInputChecks(check, checks, { unfiltered, filtered, scored }, inputs);
  return scored;
}

/** Runs one case. */
export function runCase(raw: FixtureCase, datasets: DatasetLoader): CaseResult {
  const { name, kind } = raw;
  const handler = KINDS[kind];
  if (handler === undefined) return { name, kind, status: "unsupported", message: `kind ${kind}` };
  const ledger = new Ledger(raw);
  const testCase = ledger.root as unknown as FixtureCase;
  const check = new Checker(ledger);
  const inputs = testCase.inputs;
  let data: PipelineData | undefined;
  try {
    if (inputs.source === "dataset") {
      const prepared = prepareData(testCase, datasets, check);
      if ("status" in prepared) return prepared;
      data = prepared;
    } else if (inputs.source !== "inline") {
      return { name, kind, status: "unsupported", message: `source ${String(inputs.source)}` };
    }
    for (const note of NOTES) {
      if (note in inputs) check.acknowledge(`inputs.${note}`, "free-text note");
    }
    if (inputs.source === "dataset") {
      // Text describing a column the pipeline defines (its columns are compared via checks).
      for (const key of PIPELINE_DESCRIPTIONS) {
        if (typeof inputs[key] === "string") {
          check.acknowledge(`inputs.${key}`, "describes a pipeline column");
        }
      }
    }
    handler(testCase, { data, check });
  } catch (error) {
    if (error instanceof Unsupported) {
      return { name, kind, status: "unsupported", message: error.message };
    }
    return { name, kind, status: "fail", message: `threw ${describe(error)}` };
  }
  const coverage = ledger.coverage();
  const [first] = check.mismatches;
  if (first !== undefined) {
    const more = check.mismatches.length > 1 ? ` (+${check.mismatches.length - 1} more)` : "";
    return { name, kind, status: "fail", message: first + more, coverage };
  }
  const [field] = coverage.uncovered;
  if (field !== undefined) {
    const more = coverage.uncovered.length > 1 ? ` (+${coverage.uncovered.length - 1} more)` : "";
    return {
      name,
      kind,
      status: "unsupported",
      message: `recorded field ${field} not compared${more}`,
      coverage,
    };
  }
  return { name, kind, status: "pass", coverage };
}

/** Runs every case of a fixture. */
export function runFixture(fixture: Fixture, datasetDirs: readonly string[]): CaseResult[] {
  const datasets = new DatasetLoader(datasetDirs);
  return fixture.cases.map((c) => runCase(c, datasets));
}

/** The summary line: `N passed, M failed, K unsupported`. */
export function summarize(results: readonly CaseResult[]): string {
  const count = (s: CaseStatus) => results.filter((r) => r.status === s).length;
  return `${count("pass")} passed, ${count("fail")} failed, ${count("unsupported")} unsupported`;
}

/** The line before the summary: recorded values compared over all cases that ran. */
export function summarizeCoverage(results: readonly CaseResult[]): string {
  let compared = 0;
  let differences = 0;
  let acknowledged = 0;
  let uncovered = 0;
  for (const r of results) {
    if (r.coverage === undefined) continue;
    compared += r.coverage.compared;
    differences += r.coverage.differences;
    acknowledged += r.coverage.acknowledged;
    uncovered += r.coverage.uncovered.length;
  }
  return `${compared} recorded values compared, ${differences} asserted as documented differences, ${acknowledged} acknowledged (not parity targets), ${uncovered} not compared`;
}
