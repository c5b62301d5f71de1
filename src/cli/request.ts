/**
 * The command line parsed once into a typed request: every flag read, converted and checked
 * here, so the commands never see strings. User mistakes are `UsageError`s.
 */

import { parseArgs } from "node:util";
import { TASK_TYPES, type TaskType } from "../data/task.js";
import type { TableFormat } from "../io/read.js";
import { getMetric } from "../metrics/registry.js";
import { getMulticlassMetric } from "../multiclass/metrics.js";
import { getRegressionMetric } from "../regression/metrics.js";
import type { AuditOptions } from "../report/options.js";
import { MAX_BOOTSTRAP_REPLICATES } from "../uncertainty/countBootstrap.js";
import { FLAGS } from "./flags.js";

/** A mistake in the command line: reported with the usage hint, exit code 2. */
export class UsageError extends Error {}

/** Output formats. */
export const FORMATS = ["text", "markdown", "html", "json", "junit", "csv"] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

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
}

/** A parsed command line. */
export type CliRequest =
  | { readonly kind: "help"; readonly exitCode: 0 | 2 }
  | { readonly kind: "version" }
  | CommandRequest;

/** A command to run, with everything it needs. */
export interface CommandRequest {
  readonly kind: "command";
  readonly command: string;
  readonly data: DataRequest;
  /** The audit's options as given (defaults are filled by `resolveAuditOptions`). */
  readonly audit: AuditOptions;
  readonly format: Format;
  /** Show each rate's numerator/denominator in the text table. */
  readonly counts: boolean;
  readonly out: string | undefined;
  readonly policy: string | undefined;
  readonly report: string | undefined;
  /** The reference population file (`--reference-shares`), read by the command. */
  readonly referenceShares: string | undefined;
  readonly debug: boolean;
  /** Flags given, by name, for checks that depend on the engine. */
  readonly given: ReadonlySet<string>;
}

type Values = ReturnType<
  typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>
>["values"];

function number(
  values: Values,
  name: "threshold" | "ci" | "min-denominator" | "suppress-below" | "tolerance" | "horizon",
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

function auditOptions(values: Values): AuditOptions {
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
  for (const id of metrics ?? []) {
    const task = oneOf(values, "task", TASK_TYPES) ?? "binary";
    const known =
      task === "regression"
        ? getRegressionMetric(id)
        : task === "multiclass"
          ? getMulticlassMetric(id)
          : getMetric(id);
    if (known === undefined) throw new UsageError(`unknown metric ${JSON.stringify(id)}`);
  }
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

/**
 * Parses the arguments once: the command, its file, every flag converted and checked.
 *
 * @throws UsageError on an unknown flag or command, or a bad value
 */
export function parseRequest(argv: readonly string[], commands: readonly string[]): CliRequest {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) return { kind: "version" };
  const [command, file, ...extra] = positionals;
  if (values.help || command === undefined || command === "help") {
    return { kind: "help", exitCode: command === undefined && !values.help ? 2 : 0 };
  }
  if (!commands.includes(command)) {
    throw new UsageError(
      `unknown command ${JSON.stringify(command)} (use ${commands.join(" or ")})`,
    );
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
      membership: (values.membership ?? "")
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
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
    },
    audit: auditOptions(values),
    format: oneOf(values, "format", FORMATS) ?? "text",
    counts: values.counts ?? false,
    out: values.out,
    policy: values.policy,
    report: values.report,
    referenceShares: values["reference-shares"],
    debug: values.debug ?? false,
    given: new Set(Object.keys(values).filter((k) => values[k as keyof Values] !== undefined)),
  };
}
