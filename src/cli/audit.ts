/**
 * `fairscope audit` and `fairscope gate`: read the data (or a saved report), audit, gate against
 * a policy, and write every requested output. Loaded only when one of them runs.
 */
import { readFileSync } from "node:fs";
import { FairnessInputError } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { EXIT_CODES, type GateResult, gate } from "../gate/gate.js";
import { parsePolicy } from "../gate/parsePolicy.js";
import type { Policy } from "../gate/policyTypes.js";
import { renderGateMarkdown, renderGateText, renderJunit } from "../gate/render.js";
import { toLabels, toLevels, toNumbers, toNumericLevels } from "../io/convert.js";
import { readTable } from "../io/read.js";
import { joinedLines, writeOutput, writePieces } from "../io/write.js";
import type { SoftMembershipInput } from "../membership/softGroupMetrics.js";
import { getMetric, metricIdsOf } from "../metrics/registry.js";
import { audit } from "../report/audit.js";
import type { AuditOptions } from "../report/options.js";
import { renderHtmlReport } from "../report/render/html.js";
import { csvLines, jsonPieces } from "../report/render/json.js";
import { markdownLines } from "../report/render/markdown.js";
import { textLines } from "../report/render/text.js";
import { FairnessReport } from "../report/report.js";
import type { FairnessReportData } from "../report/types.js";
import type { ScanLevel } from "../scan/features.js";
import type { StandardizationTarget } from "../standardization/standardize.js";
import type { FlagName } from "./flags.js";
import { checkMetricIds, checkPolicyIds } from "./ids.js";
import type { CliIo } from "./io.js";
import { checkOutputs } from "./outputs.js";
import { type Progress, progressOn } from "./progress.js";
import { readMarginsFile, readReferenceFile } from "./reference.js";
import type { CommandRequest, DataRequest, Format, GivenAuditOptions } from "./request.js";
import { UsageError } from "./request.js";
import { auditTaskFile } from "./task.js";
import { refuseTaskFlags } from "./taskFlags.js";

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

/**
 * The input, the raking target (`--standardize`), the time-to-event columns (`--time`,
 * `--event`) and the bias scan's features (`--scan-features`).
 */
async function loadInput(
  data: DataRequest,
  io: CliIo,
  progress: Progress | undefined,
): Promise<{
  input: FairnessInput | SoftMembershipInput;
  standardization: StandardizationTarget | undefined;
  survival: AuditOptions["survival"];
  scan: AuditOptions["scan"];
  rows: number;
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
    ...data.scanFeatures,
  ];
  if (/\.parquet$/i.test(file)) {
    throw new UsageError(
      "Parquet files need --engine duckdb (the memory engine reads CSV, TSV and JSON Lines)",
    );
  }
  // Columns used only as numbers are read as numbers (not held as text).
  const textual = new Set([
    data.label,
    ...(data.pred === undefined ? [] : [data.pred]),
    ...data.groups,
    ...Object.keys(margins?.margins ?? {}),
    ...data.scanFeatures,
  ]);
  const numeric = [data.score, data.weight, data.time, data.event, ...data.membership].filter(
    (c): c is string => c !== undefined && !textual.has(c),
  );
  const table = await readTable(file === "-" ? io.stdin : file, {
    columns: [...new Set(wanted)],
    numeric,
    ...(data.inputFormat === undefined ? {} : { format: data.inputFormat }),
    ...(progress === undefined ? {} : { onProgress: progress.reading }),
  });
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
  const scan: AuditOptions["scan"] =
    data.scanFeatures.length === 0
      ? undefined
      : {
          features: Object.fromEntries(
            data.scanFeatures.map((f) => [f, toNumericLevels(column(f)) as ScanLevel[]]),
          ),
          buckets: data.scanBuckets,
          outcome: data.label,
          ...(data.scanClip === undefined ? {} : { clip: data.scanClip }),
        };
  return { input, standardization, survival, scan, rows: table.rows };
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

/**
 * The options of a binary audit: the given metric ids as `MetricId`s (`checkMetricIds` has
 * checked them, with suggestions, before the data were read).
 */
function binaryOptions({ metrics, ...rest }: GivenAuditOptions): AuditOptions {
  return metrics === undefined ? rest : { ...rest, metrics: metricIdsOf(metrics, "audit") };
}

/**
 * The flags `--engine duckdb` does not honour: it aggregates confusion counts in SQL, so
 * everything that needs the rows (bootstrap, the small-group rules, standardization, the
 * clinical sections, the bias scan, missing-group handling) is refused rather than dropped.
 * `--ci` is refused separately (only `--ci none` is accepted).
 */
export const DUCKDB_REFUSED_FLAGS = [
  "n-boot",
  "seed",
  "missing-group",
  "input-format",
  "min-denominator",
  "suppress-below",
  "reference-shares",
  "standardize",
  "membership",
  "tolerance",
  "thresholds",
  "calibration-hierarchy",
  "time",
  "event",
  "horizon",
  "scan-features",
  "scan-buckets",
  "scan-clip",
] as const satisfies readonly FlagName[];

/** Checks the options of `--engine duckdb` and runs it on the file. */
async function auditWithDuckDb(
  request: CommandRequest,
  policy: Policy | undefined,
): Promise<FairnessReportData> {
  const { data } = request;
  const options = binaryOptions(request.audit);
  const file = data.file!;
  if (file === "-") throw new UsageError("--engine duckdb reads a file, not stdin");
  if (data.label === undefined) throw new UsageError("--label <column> is required");
  if ((data.score === undefined) === (data.pred === undefined)) {
    throw new UsageError(
      "--engine duckdb needs exactly one of --score <column> and --pred <column>",
    );
  }
  if (data.groups.length === 0) throw new UsageError("give at least one --group <column>");
  for (const name of DUCKDB_REFUSED_FLAGS) {
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

/**
 * The output in pieces: JSON, CSV, text and Markdown are written a few groups at a time, so a
 * report of many groups never has to fit in one string; HTML is bounded (it summarises beyond
 * its group limit).
 */
async function render(
  format: Format,
  report: FairnessReportData,
  result: GateResult | undefined,
  color: boolean,
  counts: boolean,
): Promise<Iterable<string>> {
  switch (format) {
    case "text":
      return joinedLines([
        ...textLines(report, { color, counts }),
        ...(result ? ["", ...renderGateText(result).replace(/\n$/, "").split("\n")] : []),
      ]);
    case "markdown":
      return joinedLines([
        ...(result ? renderGateMarkdown(result).split("\n") : []),
        ...markdownLines(report),
      ]);
    case "html":
      return [await renderHtmlReport(report)];
    case "json":
      return jsonPieces(result ? { gate: result, report } : report);
    case "csv":
      return csvLines(report);
    case "junit":
      if (!result) throw new UsageError("--format junit writes gate results: give --policy");
      return [renderJunit(result)];
  }
}

/**
 * The audit report saved in `path` (`--report`). A file that is not one gets an error naming what
 * it is and what is expected; the gate's own JSON output (`{ gate, report }`) is named as such.
 */
function savedReport(path: string): FairnessReportData {
  const json = readJsonFile(path, "report");
  const expected =
    "--report expects an audit report: the JSON of fairscope audit --format json (or --out report.json)";
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    const given = json === null ? "null" : Array.isArray(json) ? "an array" : typeof json;
    throw new UsageError(`${path} holds ${given}; ${expected}`);
  }
  if ("gate" in json && "report" in json) {
    throw new UsageError(
      `${path} is the JSON output of fairscope gate ({ gate, report }); ${expected}, such as the "report" field of that file`,
    );
  }
  if (!("schemaVersion" in json)) {
    throw new UsageError(`${path} is a JSON object without schemaVersion; ${expected}`);
  }
  return FairnessReport.fromJSON(json).toJSON();
}
/** Whether `error` is JavaScript's refusal to build a string or array that large. */
const tooLarge = (error: unknown) =>
  error instanceof RangeError &&
  /Invalid (string|array|typed array) length|Array buffer allocation failed/.test(error.message);

/** The report of the request: read from `--report`, or audited from the data by its engine. */
async function reportOf(
  request: CommandRequest,
  policy: Policy | undefined,
  io: CliIo,
  progress: Progress | undefined,
): Promise<FairnessReportData> {
  if (request.report !== undefined) {
    if (request.data.file !== undefined) {
      throw new UsageError("give a data file or --report, not both");
    }
    return savedReport(request.report);
  }
  if (request.data.file === undefined) {
    throw new UsageError(`${request.command} needs a data file (or - for stdin)`);
  }
  if (request.data.task !== "binary") {
    progress?.stage(`auditing ${request.data.file} (${request.data.task})`);
    return auditTaskFile(request, io);
  }
  if (request.data.engine === "duckdb") {
    progress?.stage(`DuckDB is aggregating ${request.data.file}`);
    return auditWithDuckDb(request, policy);
  }
  refuseTaskFlags(request.given, "binary");
  const population =
    request.referenceShares === undefined ? undefined : readReferenceFile(request.referenceShares);
  const given = binaryOptions(request.audit);
  const options =
    population === undefined
      ? given
      : { ...given, referenceShares: population.values, referenceKind: population.kind };
  const loaded = await loadInput(request.data, io, progress);
  const steps = [
    "metrics",
    ...(options.intervals === false ? [] : ["bootstrap intervals"]),
    ...(loaded.scan ? ["the subgroup scan and its null reruns"] : []),
  ];
  progress?.stage(`auditing ${loaded.rows} rows: ${steps.join(", ")}`);
  return audit(loaded.input, {
    ...options,
    ...(loaded.standardization ? { standardization: loaded.standardization } : {}),
    ...(loaded.survival ? { survival: loaded.survival } : {}),
    ...(loaded.scan ? { scan: loaded.scan } : {}),
  }).toJSON();
}

/**
 * `fairscope audit`: audits (and, with a policy, gates), renders and writes every output; the
 * gate's exit code. The metric ids, the outputs and the policy are checked before the data are
 * read.
 */
export async function auditAndGate(request: CommandRequest, io: CliIo): Promise<number> {
  checkMetricIds(request.audit.metrics ?? [], request.data.task);
  checkOutputs(request.outputs, request.policy !== undefined);
  const policy =
    request.policy === undefined
      ? undefined
      : parsePolicy(checkPolicyIds(readJsonFile(request.policy, "policy")));
  const progress = progressOn(io);
  try {
    const report = await reportOf(request, policy, io, progress);
    const result = policy ? gate(report, policy) : undefined;
    for (const output of request.outputs) {
      const color =
        output.path === undefined && io.stdout.isTTY === true && (io.env.NO_COLOR ?? "") === "";
      progress?.stage(`writing ${output.path ?? "the report"} (${output.format})`);
      try {
        const pieces = await render(output.format, report, result, color, request.counts);
        if (output.path === undefined) await writePieces(io.stdout, pieces);
        else writeOutput(output.path, pieces);
      } catch (error) {
        if (!tooLarge(error)) throw error;
        throw new UsageError(
          `the ${output.format} output of ${report.groups.length} groups is too large to build in memory (${(error as Error).message}); write --format json or csv, which are written a group at a time, or audit fewer groups`,
        );
      }
      progress?.done();
    }
    return result?.exitCode ?? EXIT_CODES.pass;
  } finally {
    progress?.done();
  }
}

/** `fairscope gate`: {@link auditAndGate} with a policy required. */
export function gateCommand(request: CommandRequest, io: CliIo): Promise<number> {
  if (request.policy === undefined) throw new UsageError("gate needs --policy <file>");
  return auditAndGate(request, io);
}
