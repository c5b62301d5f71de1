/**
 * The subcommands, declared once: each has a one-line usage and a function from the parsed
 * request to an exit code. A new subcommand is one entry of {@link COMMANDS} (its module holds
 * its logic).
 */
import { readFileSync } from "node:fs";
import { FairnessInputError } from "../data/errors.js";
import type { FairnessInput } from "../data/schema.js";
import { EXIT_CODES, type GateResult, gate } from "../gate/gate.js";
import { type Policy, parsePolicy } from "../gate/policy.js";
import { renderGateMarkdown, renderGateText, renderJunit } from "../gate/render.js";
import { toLabels, toLevels, toNumbers } from "../io/convert.js";
import { readTable } from "../io/read.js";
import { writeOutput } from "../io/write.js";
import type { SoftMembershipInput } from "../membership/softGroupMetrics.js";
import { getMetric } from "../metrics/registry.js";
import { audit } from "../report/audit.js";
import type { AuditOptions } from "../report/options.js";
import { renderHtmlReport } from "../report/render/html.js";
import { renderCsv, renderJson } from "../report/render/json.js";
import { renderMarkdown } from "../report/render/markdown.js";
import { renderText } from "../report/render/text.js";
import { FairnessReport } from "../report/report.js";
import type { FairnessReportData } from "../report/schema.js";
import type { StandardizationTarget } from "../standardization/standardize.js";
import type { CliIo } from "./io.js";
import { readMarginsFile, readReferenceFile } from "./reference.js";
import type { CommandRequest, DataRequest, Format } from "./request.js";
import { UsageError } from "./request.js";
import { runScan } from "./scan.js";
import { auditTaskFile } from "./task.js";

/**
 * A subcommand: on the shared flags (`run`, given the parsed request), or with flags of its own
 * (`runArgs`, given the arguments after its name).
 */
export type Command =
  | {
      /** Its usage lines in the help. */
      readonly usage: readonly string[];
      /** Runs it; resolves to the exit code. */
      readonly run: (request: CommandRequest, io: CliIo) => Promise<number>;
    }
  | {
      /** Its usage lines in the help. */
      readonly usage: readonly string[];
      /** Parses its own arguments and runs; resolves to the exit code. */
      readonly runArgs: (argv: readonly string[], io: CliIo) => Promise<number>;
    };

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

/** The input, the raking target (`--standardize`) and the time-to-event columns (`--time`, `--event`). */
async function loadInput(
  data: DataRequest,
  io: CliIo,
): Promise<{
  input: FairnessInput | SoftMembershipInput;
  standardization: StandardizationTarget | undefined;
  survival: AuditOptions["survival"];
}> {
  const file = data.file!;
  if ((data.time === undefined) !== (data.event === undefined)) {
    throw new UsageError("--time and --event go together");
  }
  if (data.label === undefined) throw new UsageError("--label <column> is required");
  if (data.score === undefined && data.pred === undefined) {
    throw new UsageError("give --score <column> or --pred <column>");
  }
  if (data.groups.length > 0 && data.membership.length > 0) {
    throw new UsageError("give --group or --membership, not both");
  }
  if (data.groups.length === 0 && data.membership.length === 0) {
    throw new UsageError("give at least one --group <column> (or --membership <columns>)");
  }
  const margins = data.standardize === undefined ? undefined : readMarginsFile(data.standardize);
  const wanted = [
    data.label,
    ...(data.score === undefined ? [] : [data.score]),
    ...(data.pred === undefined ? [] : [data.pred]),
    ...data.groups,
    ...data.membership,
    ...Object.keys(margins?.margins ?? {}),
    ...(data.weight === undefined ? [] : [data.weight]),
    ...(data.time === undefined ? [] : [data.time]),
    ...(data.event === undefined ? [] : [data.event]),
  ];
  if (/\.parquet$/i.test(file)) {
    throw new UsageError(
      "Parquet files need --engine duckdb (the memory engine reads CSV, TSV and JSON Lines)",
    );
  }
  const onProgress = progress(io);
  const table = await readTable(file === "-" ? io.stdin : file, {
    columns: [...new Set(wanted)],
    ...(data.inputFormat === undefined ? {} : { format: data.inputFormat }),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  if (onProgress) io.stderr.write("\r\u001b[K");
  const column = (name: string) => table.columns.get(name)!;
  const { posLabel, threshold, thresholdRule, missingGroup } = data;
  const survival =
    data.time === undefined || data.event === undefined
      ? undefined
      : {
          time: toNumbers(column(data.time)),
          event: toNumbers(column(data.event)),
          ...(data.horizon === undefined ? {} : { horizon: data.horizon }),
        };
  const base = {
    yTrue: toLabels(column(data.label), posLabel),
    ...(data.pred === undefined ? {} : { yPred: toLabels(column(data.pred), posLabel) }),
    ...(data.score === undefined ? {} : { yScore: toNumbers(column(data.score)) }),
    ...(data.weight === undefined ? {} : { sampleWeight: toNumbers(column(data.weight)) }),
    ...(posLabel === undefined ? {} : { posLabel }),
    ...(threshold === undefined ? {} : { threshold }),
    ...(thresholdRule === undefined ? {} : { thresholdRule }),
    ...(data.margin ? { scores: "margin" as const } : {}),
    ...(missingGroup === undefined ? {} : { missingGroup }),
  };
  const probabilityColumns = data.membership.map((c) => toNumbers(column(c)));
  const input: FairnessInput | SoftMembershipInput =
    data.membership.length > 0
      ? {
          ...base,
          sensitiveFeatures: {
            probabilities: Array.from({ length: table.rows }, (_, i) =>
              probabilityColumns.map((c) => c[i]!),
            ),
            groups: data.membership,
          },
        }
      : {
          ...base,
          sensitiveFeatures: Object.fromEntries(data.groups.map((g) => [g, toLevels(column(g))])),
        };
  const standardization: StandardizationTarget | undefined =
    margins === undefined
      ? undefined
      : {
          method: "raking",
          features: Object.fromEntries(
            Object.keys(margins.margins).map((c) => [c, toLevels(column(c))]),
          ),
          margins: margins.margins,
          referenceKind: margins.kind,
        };
  return { input, standardization, survival };
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
  request: CommandRequest,
  policy: Policy | undefined,
): Promise<FairnessReportData> {
  const { data, audit: options } = request;
  const file = data.file!;
  if (file === "-") throw new UsageError("--engine duckdb reads a file, not stdin");
  if (data.label === undefined) throw new UsageError("--label <column> is required");
  if ((data.score === undefined) === (data.pred === undefined)) {
    throw new UsageError(
      "--engine duckdb needs exactly one of --score <column> and --pred <column>",
    );
  }
  if (data.groups.length === 0) throw new UsageError("give at least one --group <column>");
  for (const name of [
    "n-boot",
    "seed",
    "missing-group",
    "input-format",
    "min-denominator",
    "suppress-below",
    "reference-shares",
    "standardize",
    "membership",
  ]) {
    if (request.given.has(name)) {
      throw new UsageError(`--${name} is not available with --engine duckdb`);
    }
  }
  if (request.given.has("ci") && options.intervals !== false) {
    throw new UsageError("--engine duckdb computes no confidence intervals (--ci none is implied)");
  }
  for (const id of options.metrics ?? []) {
    if (getMetric(id)?.input !== "counts") {
      throw new UsageError(`--engine duckdb computes count metrics only, not ${id}`);
    }
  }
  if (policy) checkDuckDbPolicy(policy);
  try {
    await import("@duckdb/node-api");
  } catch {
    throw new UsageError(
      "--engine duckdb needs the optional package @duckdb/node-api: npm install @duckdb/node-api",
    );
  }
  const { auditDuckDb, DuckDbInputError } = await import("./duckdb.js");
  const { posLabel, threshold, thresholdRule } = data;
  try {
    return await auditDuckDb({
      path: file,
      spec: {
        label: data.label,
        groups: data.groups,
        ...(data.score === undefined ? { prediction: data.pred! } : { score: data.score }),
        ...(posLabel === undefined ? {} : { posLabel }),
        ...(data.score === undefined
          ? {}
          : {
              threshold: threshold ?? (data.margin ? 0 : 0.5),
              thresholdRule: thresholdRule ?? ">=",
            }),
        ...(data.weight === undefined ? {} : { weight: data.weight }),
      },
      margin: data.margin,
      options,
    });
  } catch (error) {
    if (error instanceof DuckDbInputError) throw new UsageError(error.message);
    if (error instanceof FairnessInputError || error instanceof TypeError) throw error;
    const message = (error as Error).message ?? String(error);
    throw new UsageError(`DuckDB could not audit ${file}: ${message}`);
  }
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

/** The report of the request: read from `--report`, or audited from the data by its engine. */
async function reportOf(
  request: CommandRequest,
  policy: Policy | undefined,
  io: CliIo,
): Promise<FairnessReportData> {
  if (request.report !== undefined) {
    if (request.data.file !== undefined) {
      throw new UsageError("give a data file or --report, not both");
    }
    return FairnessReport.fromJSON(readJsonFile(request.report, "report")).toJSON();
  }
  if (request.data.file === undefined) {
    throw new UsageError(`${request.command} needs a data file (or - for stdin)`);
  }
  if (request.data.task !== "binary") return auditTaskFile(request, io);
  if (request.data.engine === "duckdb") return auditWithDuckDb(request, policy);
  const population =
    request.referenceShares === undefined ? undefined : readReferenceFile(request.referenceShares);
  const options =
    population === undefined
      ? request.audit
      : { ...request.audit, referenceShares: population.values, referenceKind: population.kind };
  const loaded = await loadInput(request.data, io);
  return audit(loaded.input, {
    ...options,
    ...(loaded.standardization ? { standardization: loaded.standardization } : {}),
    ...(loaded.survival ? { survival: loaded.survival } : {}),
  }).toJSON();
}

/** Audits (and, with a policy, gates), renders, writes; the gate's exit code. */
async function auditAndGate(request: CommandRequest, io: CliIo): Promise<number> {
  const policy =
    request.policy === undefined ? undefined : parsePolicy(readJsonFile(request.policy, "policy"));
  const report = await reportOf(request, policy, io);
  const result = policy ? gate(report, policy) : undefined;
  const color =
    request.out === undefined && io.stdout.isTTY === true && (io.env.NO_COLOR ?? "") === "";
  const output = await render(request.format, report, result, color, request.counts);
  if (request.out === undefined) io.stdout.write(output);
  else writeOutput(request.out, output);
  return result?.exitCode ?? EXIT_CODES.pass;
}

/** The subcommands, by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  audit: {
    usage: [
      "audit <file|-> --label <col> (--score <col> | --pred <col>) --group <col> [options]",
      "audit <file|-> --task regression|multiclass --label <col> --pred <col> --group <col>",
    ],
    run: auditAndGate,
  },
  gate: {
    usage: [
      "gate  <file|-> --policy <policy.json> --label <col> ... [options]",
      "gate  --report <report.json> --policy <policy.json> [--format ...]",
    ],
    run: (request, io) => {
      if (request.policy === undefined) throw new UsageError("gate needs --policy <file>");
      return auditAndGate(request, io);
    },
  },
  scan: {
    usage: [
      "scan  <file|-> --label <col> [--score <col>] --features <a,b,c> [options]",
      "                       (subgroups nobody declared; see fairscope scan --help)",
    ],
    runArgs: runScan,
  },
};
