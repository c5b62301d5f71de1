/**
 * The CLI's logic, apart from the process (so tests can call it): argument parsing, reading,
 * auditing, gating, rendering, exit codes.
 */
import { readFileSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";
import { FairnessInputError, type InputIssue } from "../data/errors.js";
import type { FairnessInput } from "../data/schema.js";
import { EXIT_CODES, type GateResult, gate } from "../gate/gate.js";
import { type Policy, parsePolicy } from "../gate/policy.js";
import { renderGateMarkdown, renderGateText, renderJunit } from "../gate/render.js";
import { toLabels, toLevels, toNumbers } from "../io/convert.js";
import { readTable, type TableFormat } from "../io/read.js";
import { writeOutput } from "../io/write.js";
import { getMetric } from "../metrics/registry.js";
import { type AuditOptions, audit } from "../report/audit.js";
import { renderHtmlReport } from "../report/render/html.js";
import { renderCsv, renderJson } from "../report/render/json.js";
import { renderMarkdown } from "../report/render/markdown.js";
import { renderText } from "../report/render/text.js";
import { FairnessReport } from "../report/report.js";
import type { FairnessReportData } from "../report/schema.js";
import { FAIRSCOPE_VERSION } from "../report/version.js";
import { readReferenceFile } from "./reference.js";
import { runScan } from "./scan.js";

/** The process's streams and environment. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

const FORMATS = ["text", "markdown", "html", "json", "junit", "csv"] as const;
type Format = (typeof FORMATS)[number];

export const HELP = `fairscope ${FAIRSCOPE_VERSION}: fairness audits and release gates for classifiers

Usage:
  fairscope audit <file|-> --label <col> (--score <col> | --pred <col>) --group <col> [options]
  fairscope gate  <file|-> --policy <policy.json> --label <col> ... [options]
  fairscope gate  --report <report.json> --policy <policy.json> [--format ...]
  fairscope scan  <file|-> --label <col> [--score <col>] --features <a,b,c> [options]
                         (subgroups nobody declared; see fairscope scan --help)

Input (CSV, TSV or JSON Lines; "-" reads stdin):
  --label <col>          true labels (0/1, -1/1, true/false, or any two values with --pos-label)
  --score <col>          scores or probabilities of the positive class
  --pred <col>           hard predictions (instead of, or with, --score)
  --group <col>          sensitive feature; repeat for intersections (--group sex --group race)
  --weight <col>         sample weights
  --pos-label <value>    the positive label's text, e.g. ">50K."
  --threshold <t>        scores >= t are positive (default 0.5)
  --threshold-rule <r>   ">=" (default) or ">"
  --margin               scores are unbounded margins, not probabilities
  --missing-group <p>    error (default), drop or asGroup
  --input-format <f>     csv, tsv or jsonl (default: from the file name; csv for stdin)
  --engine <e>           memory (default) or duckdb: DuckDB aggregates a CSV or Parquet file of
                         any size without reading it into memory (needs the optional package
                         @duckdb/node-api); it computes count metrics only: no confidence
                         intervals, no score metrics (rocAuc, brierScore), no calibration.
                         Parquet files need --engine duckdb.

Report:
  --reference <group>    reference group label (e.g. "Male" or "Male, White"), "largest"
                         (default) or "overall"
  --metrics <ids>        comma-separated metric ids (default: the standard set)
  --min-group-size <n>   flag groups with fewer rows (default 30)
  --min-denominator <n>  flag rates whose own denominator (positives for TPR, …) is below n and
                         give them exact intervals (default 30)
  --suppress-below <n>   withhold the values of groups with fewer rows (default 0: none)
  --reference-shares <f> reference population by group (JSON {"shares": {...}} or
                         {"counts": {...}}, or CSV with group,share or group,count): adds a
                         representation check
  --counts               show each rate's numerator/denominator in the text table
  --ci <level|none>      confidence level of the intervals (default 0.95), or none
  --n-boot <n>           bootstrap replicates (default 1000)
  --seed <n>             seed of the bootstrap (default 0), recorded in the report
  --title <text>         report title
  --format <f>           text (default), markdown, html, json, csv, junit (gate results)
  --out <file>           write to a file instead of stdout

Gate:
  --policy <file>        policy JSON: { "rules": [{ "criterion": "equalizedOddsDifference", "max": 0.1 }] }
  --report <file>        gate a saved JSON report instead of reading data

Exit codes: 0 passed, 1 a policy check failed, 2 usage or input error.

Examples:
  fairscope audit examples/data/adult-test-scored.csv --label income --score lr_score \\
    --group sex --group race
  fairscope audit data.csv --label y --pred yhat --group sex --format html --out report.html
  fairscope audit big.parquet --engine duckdb --label y --score p --group sex --weight w
  fairscope gate data.csv --label y --score p --group sex --policy policy.json --format junit
`;

class UsageError extends Error {}

const OPTIONS = {
  label: { type: "string" },
  score: { type: "string" },
  pred: { type: "string" },
  group: { type: "string", multiple: true },
  weight: { type: "string" },
  "pos-label": { type: "string" },
  threshold: { type: "string" },
  "threshold-rule": { type: "string" },
  margin: { type: "boolean" },
  "missing-group": { type: "string" },
  "input-format": { type: "string" },
  engine: { type: "string" },
  reference: { type: "string" },
  metrics: { type: "string" },
  "min-group-size": { type: "string" },
  "min-denominator": { type: "string" },
  "suppress-below": { type: "string" },
  "reference-shares": { type: "string" },
  counts: { type: "boolean" },
  seed: { type: "string" },
  ci: { type: "string" },
  "n-boot": { type: "string" },
  title: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  policy: { type: "string" },
  report: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>["values"];

function number(
  values: Values,
  name:
    | "threshold"
    | "min-group-size"
    | "seed"
    | "n-boot"
    | "ci"
    | "min-denominator"
    | "suppress-below",
): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n)) {
    throw new UsageError(`--${name} must be a number, got ${JSON.stringify(text)}`);
  }
  if (
    name !== "threshold" &&
    name !== "ci" &&
    name !== "min-denominator" &&
    name !== "suppress-below" &&
    !Number.isSafeInteger(n)
  ) {
    throw new UsageError(`--${name} must be an integer, got ${text}`);
  }
  return n;
}

function oneOf<T extends string>(
  values: Values,
  name: keyof Values,
  allowed: readonly T[],
): T | undefined {
  const v = values[name] as string | undefined;
  if (v === undefined) return undefined;
  if (!allowed.includes(v as T)) {
    throw new UsageError(
      `--${name} must be one of ${allowed.join(", ")}, got ${JSON.stringify(v)}`,
    );
  }
  return v as T;
}

/** Field names of FairnessInput → the option that named the column. */
function columnNames(values: Values): Record<string, string> {
  return {
    yTrue: `--label ${values.label}`,
    yPred: `--pred ${values.pred}`,
    yScore: `--score ${values.score}`,
    sampleWeight: `--weight ${values.weight}`,
    posLabel: "--pos-label",
    threshold: "--threshold",
    reference: "--reference",
    referenceShares: `--reference-shares ${values["reference-shares"]}`,
  };
}

/** One readable line per issue, naming the column option and the data row (1-based). */
function formatIssues(issues: readonly InputIssue[], names: Record<string, string>): string {
  return issues
    .map((issue) => {
      const [field, ...rest] = issue.path;
      if (field === "policy" || field === "report") {
        return `  ${issue.path.join(".")}: ${issue.message}`;
      }
      let where = typeof field === "string" ? (names[field] ?? field) : "";
      if (field === "sensitiveFeatures" && typeof rest[0] === "string") {
        where = `--group ${rest.shift()}`;
      }
      if (field === "input" && typeof rest[0] === "string") where = `input ${rest.shift()}`;
      const row = rest.find((p) => typeof p === "number");
      const at = row === undefined ? "" : ` row ${row + 1}`;
      const more = rest.filter((p) => typeof p === "string").join(".");
      return `  ${where}${more ? `.${more}` : ""}${at}: ${issue.message}`;
    })
    .join("\n");
}

function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`cannot read ${what} ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function progress(io: CliIo): ((bytes: number, total: number | undefined) => void) | undefined {
  if (!io.stderr.isTTY) return undefined;
  let last = 0;
  return (bytes, total) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    const done = total ? ` ${Math.min(100, Math.round((bytes / total) * 100))}%` : "";
    io.stderr.write(`\rreading${done} (${(bytes / 1e6).toFixed(1)} MB)\u001b[K`);
  };
}

async function loadInput(values: Values, file: string, io: CliIo): Promise<FairnessInput> {
  if (values.label === undefined) throw new UsageError("--label <column> is required");
  if (values.score === undefined && values.pred === undefined) {
    throw new UsageError("give --score <column> or --pred <column>");
  }
  const groups = values.group ?? [];
  if (groups.length === 0) throw new UsageError("give at least one --group <column>");
  const wanted = [
    values.label,
    ...(values.score === undefined ? [] : [values.score]),
    ...(values.pred === undefined ? [] : [values.pred]),
    ...groups,
    ...(values.weight === undefined ? [] : [values.weight]),
  ];
  if (/\.parquet$/i.test(file)) {
    throw new UsageError(
      "Parquet files need --engine duckdb (the memory engine reads CSV, TSV and JSON Lines)",
    );
  }
  const format = oneOf<TableFormat>(values, "input-format", ["csv", "tsv", "jsonl"]);
  const onProgress = progress(io);
  const table = await readTable(file === "-" ? io.stdin : file, {
    columns: [...new Set(wanted)],
    ...(format === undefined ? {} : { format }),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  if (onProgress) io.stderr.write("\r\u001b[K");
  const column = (name: string) => table.columns.get(name)!;
  const posLabel = values["pos-label"];
  const threshold = number(values, "threshold");
  const rule = oneOf(values, "threshold-rule", [">=", ">"] as const);
  const missing = oneOf(values, "missing-group", ["error", "drop", "asGroup"] as const);
  return {
    yTrue: toLabels(column(values.label), posLabel),
    ...(values.pred === undefined ? {} : { yPred: toLabels(column(values.pred), posLabel) }),
    ...(values.score === undefined ? {} : { yScore: toNumbers(column(values.score)) }),
    sensitiveFeatures: Object.fromEntries(groups.map((g) => [g, toLevels(column(g))])),
    ...(values.weight === undefined ? {} : { sampleWeight: toNumbers(column(values.weight)) }),
    ...(posLabel === undefined ? {} : { posLabel }),
    ...(threshold === undefined ? {} : { threshold }),
    ...(rule === undefined ? {} : { thresholdRule: rule }),
    ...(values.margin ? { scores: "margin" as const } : {}),
    ...(missing === undefined ? {} : { missingGroup: missing }),
  };
}

/** The count metrics a policy rule on a metric may name with the DuckDB engine. */
function checkDuckDbPolicy(policy: Policy): void {
  for (const rule of policy.rules) {
    if (rule.on !== "value") {
      throw new UsageError(
        `a policy rule checks ${rule.on}, but --engine duckdb computes no confidence intervals: use the memory engine`,
      );
    }
    if ("metric" in rule && getMetric(rule.metric)?.input !== "counts") {
      throw new UsageError(
        `a policy rule checks ${rule.metric}, but --engine duckdb computes count metrics only: use the memory engine`,
      );
    }
  }
}

/** Checks the options of `--engine duckdb` and runs it on the file. */
async function auditWithDuckDb(
  values: Values,
  file: string,
  policy: Policy | undefined,
): Promise<FairnessReportData> {
  if (file === "-") throw new UsageError("--engine duckdb reads a file, not stdin");
  if (values.label === undefined) throw new UsageError("--label <column> is required");
  if ((values.score === undefined) === (values.pred === undefined)) {
    throw new UsageError(
      "--engine duckdb needs exactly one of --score <column> and --pred <column>",
    );
  }
  const groups = values.group ?? [];
  if (groups.length === 0) throw new UsageError("give at least one --group <column>");
  for (const name of [
    "n-boot",
    "seed",
    "missing-group",
    "input-format",
    "min-denominator",
    "suppress-below",
    "reference-shares",
  ] as const) {
    if (values[name] !== undefined)
      throw new UsageError(`--${name} is not available with --engine duckdb`);
  }
  if (values.ci !== undefined && values.ci !== "none") {
    throw new UsageError("--engine duckdb computes no confidence intervals (--ci none is implied)");
  }
  const metrics = values.metrics
    ?.split(",")
    .map((m) => m.trim())
    .filter(Boolean);
  for (const id of metrics ?? []) {
    const metric = getMetric(id);
    if (metric === undefined) throw new UsageError(`unknown metric ${JSON.stringify(id)}`);
    if (metric.input !== "counts") {
      throw new UsageError(`--engine duckdb computes count metrics only, not ${id}`);
    }
  }
  if (policy) checkDuckDbPolicy(policy);
  const threshold = number(values, "threshold");
  const rule = oneOf(values, "threshold-rule", [">=", ">"] as const);
  const minGroupSize = number(values, "min-group-size");
  const reference = values.reference;
  try {
    await import("@duckdb/node-api");
  } catch {
    throw new UsageError(
      "--engine duckdb needs the optional package @duckdb/node-api: npm install @duckdb/node-api",
    );
  }
  const { auditDuckDb, DuckDbInputError } = await import("./duckdb.js");
  const posLabel = values["pos-label"];
  try {
    return await auditDuckDb({
      path: file,
      spec: {
        label: values.label,
        groups,
        ...(values.score === undefined ? { prediction: values.pred! } : { score: values.score }),
        ...(posLabel === undefined ? {} : { posLabel }),
        ...(values.score === undefined
          ? {}
          : { threshold: threshold ?? (values.margin ? 0 : 0.5), thresholdRule: rule ?? ">=" }),
        ...(values.weight === undefined ? {} : { weight: values.weight }),
      },
      margin: values.margin ?? false,
      metrics,
      reference:
        reference === undefined || reference === "largest" || reference === "overall"
          ? (reference ?? "largest")
          : { label: reference },
      minGroupSize: minGroupSize ?? 30,
      title: values.title,
    });
  } catch (error) {
    if (error instanceof DuckDbInputError) throw new UsageError(error.message);
    if (error instanceof FairnessInputError || error instanceof TypeError) throw error;
    const message = (error as Error).message ?? String(error);
    throw new UsageError(`DuckDB could not audit ${file}: ${message}`);
  }
}

function auditOptions(values: Values): AuditOptions {
  const reference = values.reference;
  const minGroupSize = number(values, "min-group-size");
  const minDenominator = number(values, "min-denominator");
  const suppressBelow = number(values, "suppress-below");
  const referenceFile = values["reference-shares"];
  const referencePopulation =
    referenceFile === undefined ? undefined : readReferenceFile(referenceFile);
  const seed = number(values, "seed");
  const nBoot = number(values, "n-boot");
  const none = values.ci === "none";
  const level = none ? undefined : number(values, "ci");
  if (level !== undefined && !(level > 0 && level < 1)) {
    throw new UsageError(`--ci must be a level in (0, 1) or none, got ${values.ci}`);
  }
  return {
    ...(none
      ? { intervals: false as const }
      : {
          intervals: {
            ...(level === undefined ? {} : { level }),
            ...(nBoot === undefined ? {} : { nBoot }),
          },
        }),
    ...(values.metrics === undefined
      ? {}
      : {
          metrics: values.metrics
            .split(",")
            .map((m) => m.trim())
            .filter(Boolean),
        }),
    ...(reference === undefined
      ? {}
      : {
          reference:
            reference === "largest" || reference === "overall" ? reference : { label: reference },
        }),
    ...(minGroupSize === undefined ? {} : { minGroupSize }),
    ...(minDenominator === undefined ? {} : { minDenominator }),
    ...(suppressBelow === undefined ? {} : { suppressBelow }),
    ...(referencePopulation === undefined
      ? {}
      : { referenceShares: referencePopulation.values, referenceKind: referencePopulation.kind }),
    ...(seed === undefined ? {} : { seed }),
    ...(values.title === undefined ? {} : { title: values.title }),
  };
}

async function render(
  format: Format,
  report: FairnessReportData,
  result: GateResult | undefined,
  color: boolean,
  counts: boolean,
): Promise<string> {
  switch (format) {
    case "text":
      return renderText(report, { color, counts }) + (result ? `\n${renderGateText(result)}` : "");
    case "markdown":
      return (result ? `${renderGateMarkdown(result)}\n` : "") + renderMarkdown(report);
    case "html":
      return renderHtmlReport(report);
    case "json":
      return result ? `${JSON.stringify({ gate: result, report }, null, 2)}\n` : renderJson(report);
    case "csv":
      return renderCsv(report);
    case "junit":
      if (!result) throw new UsageError("--format junit writes gate results: give --policy");
      return renderJunit(result);
  }
}

/**
 * Runs the CLI with these arguments; resolves to the exit code (0 passed, 1 a policy check
 * failed, 2 usage or input error).
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === "scan") return runScan(argv.slice(1), io);
  let names: Record<string, string> = {};
  try {
    let parsed: { values: Values; positionals: string[] };
    try {
      parsed = parseArgs({
        args: [...argv],
        options: OPTIONS,
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.version) {
      io.stdout.write(`${FAIRSCOPE_VERSION}\n`);
      return EXIT_CODES.pass;
    }
    const [command, file, ...extra] = positionals;
    if (values.help || command === undefined || command === "help") {
      io.stdout.write(HELP);
      return command === undefined && !values.help ? EXIT_CODES.usageError : EXIT_CODES.pass;
    }
    if (command !== "audit" && command !== "gate") {
      throw new UsageError(`unknown command ${JSON.stringify(command)} (use audit, gate or scan)`);
    }
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
    names = columnNames(values);
    const format = oneOf(values, "format", FORMATS) ?? "text";
    if (command === "gate" && values.policy === undefined) {
      throw new UsageError("gate needs --policy <file>");
    }
    const policy =
      values.policy === undefined ? undefined : parsePolicy(readJsonFile(values.policy, "policy"));
    let report: FairnessReportData;
    if (values.report !== undefined) {
      if (file !== undefined) throw new UsageError("give a data file or --report, not both");
      report = FairnessReport.fromJSON(readJsonFile(values.report, "report")).toJSON();
    } else {
      if (file === undefined) throw new UsageError(`${command} needs a data file (or - for stdin)`);
      const engine = oneOf(values, "engine", ["memory", "duckdb"] as const) ?? "memory";
      report =
        engine === "duckdb"
          ? await auditWithDuckDb(values, file, policy)
          : audit(await loadInput(values, file, io), auditOptions(values)).toJSON();
    }
    const result = policy ? gate(report, policy) : undefined;
    const color =
      values.out === undefined && io.stdout.isTTY === true && (io.env.NO_COLOR ?? "") === "";
    const output = await render(format, report, result, color, values.counts ?? false);
    if (values.out === undefined) io.stdout.write(output);
    else writeOutput(values.out, output);
    return result?.exitCode ?? EXIT_CODES.pass;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`fairscope: ${error.message}\nRun "fairscope --help" for usage.\n`);
      return EXIT_CODES.usageError;
    }
    if (error instanceof FairnessInputError) {
      io.stderr.write(
        `fairscope: invalid input (${error.issues.length} issue${error.issues.length === 1 ? "" : "s"}):\n${formatIssues(error.issues, names)}\n`,
      );
      return EXIT_CODES.usageError;
    }
    if (error instanceof RangeError || error instanceof TypeError) {
      io.stderr.write(`fairscope: ${error.message}\n`);
      return EXIT_CODES.usageError;
    }
    throw error;
  }
}
