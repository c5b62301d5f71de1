/**
 * The conformance runner: runs every case of a fixture file in the oracle's format
 * ("fairness-oracle/1") through fairscope and reports pass / fail / unsupported per case.
 */
import { readFileSync } from "node:fs";
import { Checker } from "./compare.js";
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
  /** The pipeline's data when the case is a dataset case. */
  readonly data: PipelineData | undefined;
  readonly check: Checker;
}

/** A kind handler checks one case, recording mismatches in `ctx.check`. */
export type KindHandler = (testCase: FixtureCase, ctx: CaseContext) => void;

export type CaseStatus = "pass" | "fail" | "unsupported" | "skipped";

export interface CaseResult {
  readonly name: string;
  readonly kind: string;
  readonly status: CaseStatus;
  readonly message?: string;
}

export function readFixture(path: string): Fixture {
  const fixture = JSON.parse(readFileSync(path, "utf8")) as Fixture;
  if (fixture.schema !== "fairness-oracle/1") {
    throw new Error(`${path}: unsupported fixture schema ${JSON.stringify(fixture.schema)}`);
  }
  return fixture;
}

/** Runs one case. */
export function runCase(testCase: FixtureCase, datasets: DatasetLoader): CaseResult {
  const { name, kind } = testCase;
  const handler = KINDS[kind];
  if (handler === undefined) return { name, kind, status: "unsupported", message: kind };
  let data: PipelineData | undefined;
  const pipeline = testCase.inputs.pipeline;
  if (testCase.inputs.source === "dataset" && typeof pipeline === "string") {
    const available = datasets.available(pipeline);
    if (available === undefined) {
      return { name, kind, status: "unsupported", message: `pipeline ${pipeline}` };
    }
    if (!available) {
      return { name, kind, status: "skipped", message: `datasets for ${pipeline} are absent` };
    }
    data = datasets.load(pipeline);
  }
  const check = new Checker();
  try {
    handler(testCase, { data, check });
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { name, kind, status: "fail", message: `threw ${message}` };
  }
  const [first] = check.mismatches;
  if (first !== undefined) {
    const more = check.mismatches.length > 1 ? ` (+${check.mismatches.length - 1} more)` : "";
    return { name, kind, status: "fail", message: first + more };
  }
  return { name, kind, status: "pass" };
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
