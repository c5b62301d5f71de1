/**
 * Reading a command line against a table of options, with messages for people: an unknown
 * option gets the closest known one as a suggestion, a missing value names the placeholder, and
 * no text of Node's argument parser reaches the user.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { closestKey } from "../data/unknownKeys.js";

/** A mistake in the command line: reported with the usage hint, exit code 2. */
export class UsageError extends Error {}

/** An option as `parseArgs` takes it, with the placeholder of its value for messages. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly multiple?: boolean;
  readonly short?: string;
  readonly value?: string;
}

/** `"; did you mean X?"` when one of `known` is close to `word`, else "". */
export function didYouMean(word: string, known: readonly string[], prefix = ""): string {
  const closest = closestKey(word, known);
  return closest === undefined ? "" : `; did you mean ${prefix}${closest}?`;
}

const isFlag = (text: string) => text.startsWith("-") && text !== "-";

/**
 * Parses `argv` against `options` (positionals allowed), after checking every option token:
 * unknown options (with a suggestion), string options without a value, boolean options given a
 * value.
 *
 * @throws UsageError with a message for people
 */
export function parseArguments<const T extends Readonly<Record<string, OptionSpec>>>(
  argv: readonly string[],
  options: T,
): ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>> {
  const config = { args: [...argv], options, allowPositionals: true, strict: true } as const;
  const { tokens } = parseArgs({ ...config, strict: false, tokens: true });
  const names = Object.keys(options);
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const spec = options[token.name];
    if (spec === undefined) {
      const bare = token.rawName.replace(/^-+/, "");
      throw new UsageError(`unknown option ${token.rawName}${didYouMean(bare, names, "--")}`);
    }
    const value = token.value;
    if (spec.type === "string" && (value === undefined || (!token.inlineValue && isFlag(value)))) {
      const placeholder = spec.value ?? "<value>";
      throw new UsageError(
        `--${token.name} needs a value ${placeholder}${value === undefined ? "" : ` (for a value starting with "-", write --${token.name}=${value})`}`,
      );
    }
    if (spec.type === "boolean" && token.inlineValue) {
      throw new UsageError(`--${token.name} takes no value`);
    }
  }
  try {
    return parseArgs(config as ParseArgsConfig & typeof config);
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    throw new UsageError(`cannot read the arguments (${code || "invalid arguments"})`);
  }
}
