/**
 * The command line parsed once into a typed request: every flag read, converted and checked
 * here, so the commands never see strings (metric ids are checked against the registries by the
 * command, in ids.ts, so that `--help` loads no registry). User mistakes are `UsageError`s.
 */
import { TASK_TYPES, type TaskType } from "../data/task.js";
import type { TableFormat } from "../io/read.js";
import type { AuditOptions } from "../report/options.js";
import { MAX_BOOTSTRAP_REPLICATES } from "../uncertainty/limits.js";
import { FLAGS } from "./flags.js";
import { didYouMean, parseArguments, UsageError } from "./parse.js";

export { UsageError } from "./parse.js";

/** Output formats. */
export const FORMATS = ["text", "markdown", "html", "json", "junit", "csv"] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** The format of an `--out` file by its extension. */
export const FORMAT_OF_EXTENSION: Readonly<Record<string, Format>> = {
  txt: "text",
  md: "markdown",
  markdown: "markdown",
  html: "html",
  htm: "html",
  json: "json",
  csv: "csv",
  xml: "junit",
};

/** One output of the run: a file (or stdout, `path` undefined) in a format. */
export interface Output {
  readonly path: string | undefined;
  readonly format: Format;
}

/** Where the data come from and how their columns are read. */
export interface DataRequest {
  /** The data file, "-" for stdin; undefined when `--report` is given. */
  readonly file: string | undefined;
  readonly label: string | undefined;
  readonly score: string | undefined;
  readonly pred: string | undefined;
  readonly groups: readonly string[];
  /** Membership-probability columns (`--membership`), one per group, instead of `groups`. */
  readonly membership: readonly string[];
  /** The target-population margins file (`--standardize`), read by the command. */
  readonly standardize: string | undefined;
  readonly weight: string | undefined;
  readonly posLabel: string | undefined;
  readonly threshold: number | undefined;
  readonly thresholdRule: ">=" | ">" | undefined;
  readonly margin: boolean;
  readonly missingGroup: "error" | "drop" | "asGroup" | undefined;
  readonly inputFormat: TableFormat | undefined;
  readonly engine: "memory" | "duckdb";
  /** The task type (`--task`). */
  readonly task: TaskType;
  /** Regression: the over- and under-prediction tolerance (`--tolerance`). */
  readonly tolerance: number | undefined;
  /** Observed-time column (`--time`), with `event`. */
  readonly time: string | undefined;
  /** Event-indicator column (`--event`), with `time`. */
  readonly event: string | undefined;
  /** Horizon of the time-to-event evaluation (`--horizon`). */
  readonly horizon: number | undefined;
  /** Columns of the bias scan (`--scan-features`); none: no scan. */
  readonly scanFeatures: readonly string[];
  /** Quantile buckets of numeric scan features (`--scan-buckets`). */
  readonly scanBuckets: Readonly<Record<string, number>>;
  /** Clipping of the scan's expectations (`--scan-clip`). */
  readonly scanClip: number | undefined;
}

/** A parsed command line. */
export type CliRequest =
  | {
      readonly kind: "help";
      readonly exitCode: 0 | 2;
      /** The subcommand whose help is asked for (`audit --help`, `help audit`). */
      readonly command?: string;
    }
  | { readonly kind: "version" }
  | CommandRequest;

/**
 * The audit's options as given on the command line: the metric ids stay strings until they are
 * checked against the task (`checkMetricIds`).
 */
export type GivenAuditOptions = Omit<AuditOptions, "metrics"> & {
  readonly metrics?: readonly string[];
};

/** A command to run, with everything it needs. */
export interface CommandRequest {
  readonly kind: "command";
  readonly command: string;
  readonly data: DataRequest;
  /** The audit's options as given (defaults are filled by `resolveAuditOptions`). */
  readonly audit: GivenAuditOptions;
  /** Where the report goes, in which formats (stdout in text by default). */
  readonly outputs: readonly Output[];
  /** Show each rate's numerator/denominator in the text table. */
  readonly counts: boolean;
  readonly policy: string | undefined;
  readonly report: string | undefined;
  /** The reference population file (`--reference-shares`), read by the command. */
  readonly referenceShares: string | undefined;
  readonly debug: boolean;
  /** Flags given, by name, for checks that depend on the engine. */
  readonly given: ReadonlySet<string>;
}

type Values = ReturnType<typeof parseArguments<typeof FLAGS>>["values"];

function number(
  values: Values,
  name:
    | "threshold"
    | "ci"
    | "min-denominator"
    | "suppress-below"
    | "tolerance"
    | "horizon"
    | "scan-clip",
  min = Number.NEGATIVE_INFINITY,
): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n)) {
    throw new UsageError(`--${name} must be a number, got ${JSON.stringify(text)}`);
  }
  if (n < min) throw new UsageError(`--${name} must be at least ${min}, got ${text}`);
  return n;
}

function integer(
  values: Values,
  name: "min-group-size" | "seed" | "n-boot",
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? "∞" : max}], got ${JSON.stringify(text)}`,
    );
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

function auditOptions(values: Values): GivenAuditOptions {
  const none = values.ci === "none";
  const level = none ? undefined : number(values, "ci");
  if (level !== undefined && !(level > 0 && level < 1)) {
    throw new UsageError(`--ci must be a level in (0, 1) or none, got ${values.ci}`);
  }
  const nBoot = integer(values, "n-boot", 2, MAX_BOOTSTRAP_REPLICATES);
  const minGroupSize = integer(values, "min-group-size", 0);
  const minDenominator = number(values, "min-denominator", 1);
  const suppressBelow = number(values, "suppress-below", 0);
  const seed = integer(values, "seed", 0, 0xffff_ffff);
  const metrics = values.metrics
    ?.split(",")
    .map((m) => m.trim())
    .filter(Boolean);
  const reference = values.reference;
  return {
    ...(none
      ? { intervals: false as const }
      : {
          intervals: {
            ...(level === undefined ? {} : { level }),
            ...(nBoot === undefined ? {} : { nBoot }),
          },
        }),
    ...(metrics === undefined ? {} : { metrics }),
    ...(reference === undefined
      ? {}
      : {
          reference:
            reference === "largest" || reference === "overall" ? reference : { label: reference },
        }),
    ...(minGroupSize === undefined ? {} : { minGroupSize }),
    ...(minDenominator === undefined ? {} : { minDenominator }),
    ...(suppressBelow === undefined ? {} : { suppressBelow }),
    ...(seed === undefined ? {} : { seed }),
    ...(values.title === undefined ? {} : { title: values.title }),
    ...clinicalOptions(values),
  };
}

/** `--thresholds` (net benefit) and `--calibration-hierarchy`. */
function clinicalOptions(values: Values): AuditOptions {
  const thresholds = values.thresholds
    ?.split(",")
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => {
      const n = Number(t);
      if (!(Number.isFinite(n) && n > 0 && n < 1)) {
        throw new UsageError(
          `--thresholds must be probabilities in (0, 1), got ${JSON.stringify(t)}`,
        );
      }
      return n;
    });
  return {
    ...(thresholds === undefined ? {} : { netBenefit: { thresholds } }),
    ...(values["calibration-hierarchy"] ? { calibrationHierarchy: true } : {}),
  };
}

/** A comma-separated list, trimmed, without empty items. */
function list(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** `--scan-clip e`, in (0, 0.5). */
function scanClip(values: Values): number | undefined {
  const clip = number(values, "scan-clip");
  if (clip !== undefined && !(clip > 0 && clip < 0.5)) {
    throw new UsageError(`--scan-clip must lie in (0, 0.5), got ${clip}`);
  }
  return clip;
}

/** `--scan-buckets a=4,b=5`: buckets by feature. */
function buckets(text: string | undefined): Record<string, number> {
  return Object.fromEntries(
    list(text).map((entry) => {
      const [name, count] = entry.split("=").map((part) => part.trim());
      const k = Number(count);
      if (!name || !Number.isInteger(k) || k < 2) {
        throw new UsageError(
          `--scan-buckets takes name=count pairs with counts of at least 2, got ${JSON.stringify(entry)}`,
        );
      }
      return [name, k];
    }),
  );
}

/**
 * The outputs: stdout in `--format` (default text) without `--out`. One `--out` file is in
 * `--format` when given, else in the format of its extension (text when it has none we know).
 * Several `--out` files are each in the format of their extension; `--out -` is stdout in
 * `--format`.
 */
function outputsOf(values: Values): Output[] {
  const format = oneOf(values, "format", FORMATS);
  const paths = values.out ?? [];
  const byExtension = (path: string) => {
    const extension = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
    return extension === undefined ? undefined : FORMAT_OF_EXTENSION[extension];
  };
  if (paths.length === 0) return [{ path: undefined, format: format ?? "text" }];
  if (paths.length === 1) {
    const path = paths[0] === "-" ? undefined : paths[0];
    return [
      { path, format: format ?? (path === undefined ? undefined : byExtension(path)) ?? "text" },
    ];
  }
  const seen = new Set<string>();
  return paths.map((path) => {
    if (seen.has(path)) throw new UsageError(`--out ${path} is given twice`);
    seen.add(path);
    if (path === "-") return { path: undefined, format: format ?? "text" };
    const known = byExtension(path);
    if (known === undefined) {
      throw new UsageError(
        `cannot tell the format of --out ${path} from its extension: use ${Object.keys(
          FORMAT_OF_EXTENSION,
        )
          .map((e) => `.${e}`)
          .join(", ")}`,
      );
    }
    return { path, format: known };
  });
}

/**
 * Parses the arguments once: the command, its file, every flag converted and checked.
 *
 * @throws UsageError on an unknown flag or command, or a bad value
 */
export function parseRequest(argv: readonly string[], commands: readonly string[]): CliRequest {
  const { values, positionals } = parseArguments(argv, FLAGS);
  if (values.version) return { kind: "version" };
  const [command, file, ...extra] = positionals;
  if (command === "help") {
    return { kind: "help", exitCode: 0, ...(file === undefined ? {} : { command: file }) };
  }
  if (command !== undefined && !commands.includes(command)) {
    throw new UsageError(
      `unknown command ${JSON.stringify(command)}${didYouMean(command, commands)} (use ${commands.join(", ")})`,
    );
  }
  if (values.help || command === undefined) {
    return {
      kind: "help",
      exitCode: command === undefined && !values.help ? 2 : 0,
      ...(command === undefined ? {} : { command }),
    };
  }
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  return {
    kind: "command",
    command,
    data: {
      file,
      label: values.label,
      score: values.score,
      pred: values.pred,
      groups: values.group ?? [],
      membership: list(values.membership),
      standardize: values.standardize,
      weight: values.weight,
      posLabel: values["pos-label"],
      threshold: number(values, "threshold"),
      thresholdRule: oneOf(values, "threshold-rule", [">=", ">"] as const),
      margin: values.margin ?? false,
      missingGroup: oneOf(values, "missing-group", ["error", "drop", "asGroup"] as const),
      inputFormat: oneOf<TableFormat>(values, "input-format", ["csv", "tsv", "jsonl"]),
      engine: oneOf(values, "engine", ["memory", "duckdb"] as const) ?? "memory",
      task: oneOf(values, "task", TASK_TYPES) ?? "binary",
      tolerance: number(values, "tolerance", 0),
      time: values.time,
      event: values.event,
      horizon: number(values, "horizon"),
      scanFeatures: list(values["scan-features"]),
      scanBuckets: buckets(values["scan-buckets"]),
      scanClip: scanClip(values),
    },
    audit: auditOptions(values),
    outputs: outputsOf(values),
    counts: values.counts ?? false,
    policy: values.policy,
    report: values.report,
    referenceShares: values["reference-shares"],
    debug: values.debug ?? false,
    given: new Set(Object.keys(values).filter((k) => values[k as keyof Values] !== undefined)),
  };
}
