/**
 * `fairscope scan`: the bias scan over a data file, printing the top subgroups in sentences with
 * their p-values after the search.
 */
import { FairnessInputError } from "../data/errors.js";
import { toNumbers, toNumericLevels } from "../io/convert.js";
import { cellsOf, readTable, type TableFormat } from "../io/read.js";
import { writeOutput } from "../io/write.js";
import { type BiasScanOptions, biasScan } from "../scan/biasScan.js";
import { describeSubgroup } from "../scan/describe.js";
import type { ScanLevel } from "../scan/features.js";
import type { CliIo } from "./io.js";
import { parseArguments, UsageError } from "./parse.js";

export const SCAN_HELP = `Usage:
  fairscope scan <file|-> --label <col> [--score <col>] --features <a,b,c> [options]

Searches every combination of levels of the features for the subgroup whose outcomes deviate
most from the model's probabilities (the MDSS bias scan), and tests it against reruns of the
search on outcomes drawn from the probabilities (p-values after the search).

  --label <col>          outcomes (0/1 or true/false; any two values with --pos-label)
  --pos-label <value>    the outcome's text that counts as 1
  --score <col>          predicted probabilities (default: every row expects the overall rate)
  --clip <e>             clip the probabilities to [e, 1 - e] (the Bernoulli score needs them
                         strictly between 0 and 1)
  --features <a,b,c>     categorical search features (comma-separated column names)
  --buckets <a=4,b=5>    cut numeric features into this many quantile buckets
  --direction <d>        over (default: the model over-predicts) or under
  --scoring <s>          bernoulli (default) or berkjones
  --alpha <a>            the Berk-Jones reference rate (default: the mean probability)
  --penalty <x>          subtracted per listed level (default 1e-17)
  --iterations <n>       restarts of the search (default 10)
  --seed <n>             seed of the restarts (default 0)
  --top <k>              subgroups to print (default 3)
  --replicates <n>       null reruns of the search for the p-values (default 199; 0: no test)
  --test-seed <n>        seed of the null reruns (default 1)
  --max-levels <n>       the most levels a feature may have (default 100)
  --input-format <f>     csv, tsv or jsonl (default: from the file name)
  --format <f>           text (default) or json
  --out <file>           write to a file instead of stdout
  --help, -h             this help

Examples:
  fairscope scan compas.csv --label two_year_recid --score p --clip 1e-6 \
    --features sex,race,age_cat,priors_band --direction under
  fairscope scan data.csv --label y --features region,age --buckets age=5 --format json
`;

const OPTIONS = {
  label: { type: "string" },
  "pos-label": { type: "string" },
  score: { type: "string" },
  clip: { type: "string" },
  features: { type: "string" },
  buckets: { type: "string" },
  direction: { type: "string" },
  scoring: { type: "string" },
  alpha: { type: "string" },
  penalty: { type: "string" },
  iterations: { type: "string" },
  seed: { type: "string" },
  top: { type: "string" },
  replicates: { type: "string" },
  "test-seed": { type: "string" },
  "max-levels": { type: "string" },
  "input-format": { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function numberOption(
  text: string | undefined,
  name: string,
  integer: boolean,
): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || (integer && !Number.isSafeInteger(n))) {
    throw new UsageError(
      `--${name} must be ${integer ? "an integer" : "a number"}, got ${JSON.stringify(text)}`,
    );
  }
  return n;
}

function choice<T extends string>(
  text: string | undefined,
  name: string,
  allowed: Record<string, T>,
): T | undefined {
  if (text === undefined) return undefined;
  const value = allowed[text.toLowerCase()];
  if (value === undefined) {
    throw new UsageError(
      `--${name} must be one of ${Object.keys(allowed).join(", ")}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

function parseBuckets(text: string | undefined): Record<string, number> {
  if (text === undefined) return {};
  return Object.fromEntries(
    text.split(",").map((entry) => {
      const [name, count] = entry.split("=");
      const k = Number(count);
      if (!name || !Number.isInteger(k)) {
        throw new UsageError(`--buckets takes name=count pairs, got ${JSON.stringify(entry)}`);
      }
      return [name.trim(), k];
    }),
  );
}

/** Outcome cells as 0/1: with --pos-label, equal text; else 0/1 and true/false. */
function outcomesOf(cells: readonly unknown[], posLabel: string | undefined): (number | boolean)[] {
  return cells.map((c) => {
    if (posLabel !== undefined) return String(c) === posLabel ? 1 : 0;
    const text = String(c).trim().toLowerCase();
    if (text === "1" || text === "true") return 1;
    if (text === "0" || text === "false") return 0;
    return Number.NaN;
  });
}

/** Probabilities clipped to [e, 1 − e] (unchanged without --clip; NaN stays NaN and is reported). */
function clipped(values: number[] | Float64Array, e: number | undefined): ArrayLike<number> {
  return e === undefined
    ? values
    : Array.from(values, (p) => (Number.isNaN(p) ? p : Math.min(1 - e, Math.max(e, p))));
}

/** Runs `fairscope scan` with the arguments after the command; resolves to the exit code. */
export async function runScan(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArguments(argv, OPTIONS);
    if (values.help) {
      io.stdout.write(SCAN_HELP);
      return 0;
    }
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError("scan needs a data file (or - for stdin)");
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
    if (values.label === undefined) throw new UsageError("--label <column> is required");
    if (values.features === undefined) throw new UsageError("--features <a,b,c> is required");
    const features = values.features
      .split(",")
      .map((f) => f.trim())
      .filter((f) => f !== "");
    const format =
      choice(values.format, "format", { text: "text", json: "json" } as const) ?? "text";
    const inputFormat = choice<TableFormat>(values["input-format"], "input-format", {
      csv: "csv",
      tsv: "tsv",
      jsonl: "jsonl",
    });
    const scoring = choice(values.scoring, "scoring", {
      bernoulli: "bernoulli",
      berkjones: "berkJones",
    } as const);
    const direction = choice(values.direction, "direction", {
      over: "overpredicted",
      under: "underpredicted",
    } as const);
    const optional = (name: keyof typeof OPTIONS, integer: boolean) =>
      numberOption(values[name] as string | undefined, name, integer);
    const options: BiasScanOptions = {
      ...(scoring === undefined ? {} : { scoring }),
      ...(direction === undefined ? {} : { direction }),
      ...(values.alpha === undefined ? {} : { alpha: optional("alpha", false)! }),
      ...(values.penalty === undefined ? {} : { penalty: optional("penalty", false)! }),
      ...(values.iterations === undefined ? {} : { iterations: optional("iterations", true)! }),
      ...(values.seed === undefined ? {} : { seed: optional("seed", true)! }),
      ...(values["max-levels"] === undefined ? {} : { maxLevels: optional("max-levels", true)! }),
      ...(values["test-seed"] === undefined ? {} : { testSeed: optional("test-seed", true)! }),
      topK: optional("top", true) ?? 3,
      replicates: optional("replicates", true) ?? 199,
      buckets: parseBuckets(values.buckets),
    };
    const clip = optional("clip", false);
    if (clip !== undefined && !(clip > 0 && clip < 0.5)) {
      throw new UsageError(`--clip must lie in (0, 0.5), got ${clip}`);
    }
    const wanted = [
      values.label,
      ...(values.score === undefined ? [] : [values.score]),
      ...features,
    ];
    const table = await readTable(file === "-" ? io.stdin : file, {
      columns: [...new Set(wanted)],
      ...(inputFormat === undefined ? {} : { format: inputFormat }),
    });
    const column = (name: string) => table.columns.get(name)!;
    const result = biasScan(
      {
        outcomes: outcomesOf(cellsOf(column(values.label)), values["pos-label"]),
        ...(values.score === undefined
          ? {}
          : { expectations: clipped(toNumbers(column(values.score)), clip) }),
        features: Object.fromEntries(
          features.map((f) => [f, toNumericLevels(column(f)) as ScanLevel[]]),
        ),
      },
      options,
    );
    let output: string;
    if (format === "json") {
      output = `${JSON.stringify({ subgroups: result.subgroups, nullScores: result.nullScores, settings: result.settings }, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`;
    } else {
      const s = result.settings;
      const lines = [
        `fairscope scan: ${s.scoring === "bernoulli" ? "Bernoulli" : `Berk-Jones (alpha ${s.alpha})`}, ${s.direction}, penalty ${s.penalty}, ${s.iterations} restarts (seed ${s.seed})${clip === undefined ? "" : `; probabilities clipped to [${clip}, ${1 - clip}]`}`,
        "",
        ...result.subgroups.map(
          (subgroup, k) =>
            `${k + 1}. ${describeSubgroup(subgroup, { outcome: values.label })} Score ${subgroup.score.toFixed(2)}.`,
        ),
        "",
        s.replicates > 0
          ? `p-values: ${s.replicates} reruns of the search on ${s.nullModel === "parametric" ? "outcomes drawn from the probabilities" : "shuffled outcomes"} (seed ${s.testSeed}), step-down adjusted over this list; the smallest possible is ${(1 / (s.replicates + 1)).toPrecision(2)}.`
          : "Not tested (--replicates 0).",
      ];
      output = `${lines.join("\n")}\n`;
    }
    if (values.out === undefined) io.stdout.write(output);
    else writeOutput(values.out, output);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`fairscope scan: ${error.message}\nRun "fairscope scan --help" for usage.\n`);
      return 2;
    }
    if (error instanceof FairnessInputError) {
      io.stderr.write(`fairscope scan: invalid input:\n${error.format()}\n`);
      return 2;
    }
    if (error instanceof RangeError || error instanceof TypeError) {
      io.stderr.write(`fairscope scan: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
