/**
 * The CLI apart from the process (so tests can call it): parse the request once, run its
 * command, map errors to exit codes (2 for the user's mistakes, 3 for fairscope's bugs).
 */
import { FairnessInputError, type InputIssue } from "../data/errors.js";
import { EXIT_CODES } from "../gate/exitCodes.js";
import { FAIRSCOPE_VERSION } from "../report/version.js";
import { COMMANDS, type CommandName, commandNamed } from "./commands.js";
import { flagHelp } from "./flags.js";
import type { CliIo } from "./io.js";
import { type CommandRequest, parseRequest, UsageError } from "./request.js";

export type { CliIo } from "./io.js";

/** Where bugs are reported. */
const ISSUES = "https://github.com/fairscope/fairscope/issues";

const NAMES = Object.keys(COMMANDS) as CommandName[];

/** The top-level `--help` text, generated from {@link COMMANDS}. */
export const HELP = `fairscope ${FAIRSCOPE_VERSION}: fairness audits and release gates for classifiers

Usage:
  fairscope <command> [options]

Commands:
${NAMES.map((name) => `  ${name.padEnd(9)}${COMMANDS[name].summary}`).join("\n")}

Run "fairscope <command> --help" for its options and examples.

Options:
  --help, -h     this help (after a command: the command's help)
  --version, -v  the version

Exit codes: 0 passed, 1 a policy check failed, 2 usage or input error, 3 internal error (a bug).

Examples:
${NAMES.flatMap((name) => COMMANDS[name].examples.slice(0, 1))
  .map((line) => `  fairscope ${line}`)
  .join("\n")}
  fairscope metrics
`;

/** The help of a command on the shared flags: usage, description, flags, examples. */
export function commandHelp(name: CommandName): string {
  const command = COMMANDS[name];
  const sections = "sections" in command ? command.sections : [];
  return `Usage:
${command.usage.map((line) => `  fairscope ${line}`).join("\n")}

${command.description}

${flagHelp(sections)}

Exit codes: 0 passed, 1 a policy check failed, 2 usage or input error, 3 internal error (a bug).

Examples:
${command.examples.map((line) => `  fairscope ${line}`).join("\n")}
`;
}

/** Field names of FairnessInput → the option that named the column. */
function columnNames(request: CommandRequest | undefined): Record<string, string> {
  const data = request?.data;
  return {
    yTrue: `--label ${data?.label}`,
    yPred: `--pred ${data?.pred}`,
    yScore: `--score ${data?.score}`,
    sampleWeight: `--weight ${data?.weight}`,
    posLabel: "--pos-label",
    threshold: "--threshold",
    reference: "--reference",
    referenceShares: `--reference-shares ${request?.referenceShares}`,
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

/**
 * Runs the CLI with these arguments; resolves to the exit code (0 passed, 1 a policy check
 * failed, 2 usage or input error, 3 internal error).
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: CommandRequest | undefined;
  const debug = argv.includes("--debug");
  try {
    const own = commandNamed(argv[0]);
    if (own !== undefined && !("sections" in own)) {
      const runner = await own.load();
      if ("runArgs" in runner) return await runner.runArgs(argv.slice(1), io);
    }
    const request = parseRequest(argv, NAMES);
    if (request.kind === "version") {
      io.stdout.write(`${FAIRSCOPE_VERSION}\n`);
      return EXIT_CODES.pass;
    }
    if (request.kind === "help") {
      const command = commandNamed(request.command);
      if (request.command !== undefined && command === undefined) {
        throw new UsageError(`no help for ${JSON.stringify(request.command)}: not a command`);
      }
      if (command !== undefined && !("sections" in command)) {
        const runner = await command.load();
        if ("runArgs" in runner) return await runner.runArgs(["--help"], io);
      }
      io.stdout.write(command === undefined ? HELP : commandHelp(request.command as CommandName));
      return request.exitCode;
    }
    parsed = request;
    const runner = await COMMANDS[request.command as CommandName].load();
    if (!("run" in runner)) throw new UsageError(`${request.command} takes its own arguments`);
    return await runner.run(request, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const command = parsed?.command ?? (commandNamed(argv[0]) ? argv[0] : undefined);
      io.stderr.write(
        `fairscope: ${error.message}\nRun "fairscope ${command === undefined ? "" : `${command} `}--help" for usage.\n`,
      );
      return EXIT_CODES.usageError;
    }
    if (error instanceof FairnessInputError) {
      io.stderr.write(
        `fairscope: invalid input (${error.issues.length} issue${error.issues.length === 1 ? "" : "s"}):\n${formatIssues(error.issues, columnNames(parsed))}\n`,
      );
      return EXIT_CODES.usageError;
    }
    io.stderr.write(internalErrorMessage(error, debug));
    return EXIT_CODES.internalError;
  }
}

/**
 * The message of an error that is fairscope's fault: one line asking for a report, and the
 * stack only with `--debug`.
 */
export function internalErrorMessage(error: unknown, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : "";
  return `fairscope: internal error: ${message}\nThis is a bug in fairscope; please report it at ${ISSUES}${debug ? "" : " (run with --debug for the stack)"}.${stack}\n`;
}
