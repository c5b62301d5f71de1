/**
 * The subcommands, declared once: each has a one-line summary, its usage lines, a description,
 * examples, the flag sections of its help, and the module that runs it, loaded only when it runs
 * (so `--help` and `--version` load no audit code). A new subcommand is one entry of
 * {@link COMMANDS} (its module holds its logic).
 */

import type { Flag } from "./flags.js";

import type { CliIo } from "./io.js";
import type { CommandRequest } from "./request.js";

/**
 * What runs a subcommand: on the shared flags (`run`, given the parsed request), or with flags of
 * its own (`runArgs`, given the arguments after its name).
 */
export type CommandRunner =
  | {
      /** Runs it; resolves to the exit code. */
      readonly run: (request: CommandRequest, io: CliIo) => Promise<number>;
    }
  | {
      /** Parses its own arguments (and answers its own `--help`); resolves to the exit code. */
      readonly runArgs: (argv: readonly string[], io: CliIo) => Promise<number>;
    };

/** A subcommand's declaration. */
export interface Command {
  /** One line for the list of commands. */
  readonly summary: string;
  /** Its usage lines, after "fairscope ". */
  readonly usage: readonly string[];
  /** What it does, in a few lines. */
  readonly description: string;
  /** Example command lines, after "fairscope ". */
  readonly examples: readonly string[];
  /** The sections of the shared flag table its help lists; none when it has flags of its own. */
  readonly sections?: readonly Flag["section"][];
  /** Loads the module that runs it. */
  readonly load: () => Promise<CommandRunner>;
}

const DATA_SECTIONS = ["Input", "Report", "Output", "Clinical", "Scan", "Gate", "Other"] as const;

/** The subcommands, by name, in help order. */
export const COMMANDS = {
  audit: {
    summary: "per-group metrics, gaps with intervals, criteria and findings of a classifier",
    usage: [
      "audit <file|-> --label <col> (--score <col> | --pred <col>) --group <col> [options]",
      "audit <file|-> --task regression|multiclass --label <col> --pred <col> --group <col>",
    ],
    description:
      "Reads the data, computes each group's metrics with confidence intervals, the gaps to the\nreference group and the fairness criteria, and writes the report. With --policy it also\ngates (exit code 1 when a check fails).",
    examples: [
      "audit examples/data/adult-test-scored.csv --label income --score lr_score \\\n    --group sex --group race",
      "audit data.csv --label y --pred yhat --group sex --out report.html --out summary.md",
      "audit data.csv --label y --score p --group sex --scan-features age_band,region",
      "audit prices.csv --task regression --label price --pred predicted --group region",
      "audit big.parquet --engine duckdb --label y --score p --group sex --weight w",
    ],
    sections: DATA_SECTIONS,
    load: async () => ({ run: (await import("./audit.js")).auditAndGate }),
  },
  gate: {
    summary: "checks the audit against a policy: exit 0 passed, 1 failed",
    usage: [
      "gate <file|-> --policy <policy.json> --label <col> ... [options]",
      "gate --report <report.json> --policy <policy.json> [--format ...]",
    ],
    description:
      "Audits the data (or reads a saved JSON report) and checks it against the policy's rules,\nrule by rule. Exit code 0 when every error-severity check passes, 1 when one fails.\nSeveral --out files write, for example, the Markdown summary, the HTML report and the\nJUnit results of one run.",
    examples: [
      "gate data.csv --label y --score p --group sex --policy policy.json \\\n    --out gate.md --out report.html --out junit.xml",
      "gate --report report.json --policy policy.json --format junit",
    ],
    sections: ["Gate", "Input", "Report", "Output", "Clinical", "Scan", "Other"],
    load: async () => ({ run: (await import("./audit.js")).gateCommand }),
  },
  scan: {
    summary: "searches for the worst-served subgroup nobody declared (MDSS bias scan)",
    usage: ["scan <file|-> --label <col> [--score <col>] --features <a,b,c> [options]"],
    description: "",
    examples: [],
    load: async () => ({ runArgs: (await import("./scan.js")).runScan }),
  },
  metrics: {
    summary: "lists the metric ids and the criterion ids, with what each measures",
    usage: ["metrics [--format text|json]"],
    description: "",
    examples: [],
    load: async () => ({ runArgs: (await import("./ids.js")).runIds }),
  },
} as const satisfies Readonly<Record<string, Command>>;

/** A subcommand's name. */
export type CommandName = keyof typeof COMMANDS;

/** The subcommand with this name, or undefined. */
export function commandNamed(name: string | undefined): Command | undefined {
  return name !== undefined && Object.hasOwn(COMMANDS, name)
    ? COMMANDS[name as CommandName]
    : undefined;
}
