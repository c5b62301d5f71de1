/**
 * For the tests of refused flags: the flags nothing refuses, a value each refusable flag parses
 * with, and the command run in memory on no input, giving its exit code and standard error.
 */
import { Readable, Writable } from "node:stream";
import { FLAGS, type FlagName } from "../../src/cli/flags.js";
import { run } from "../../src/cli/run.js";

/**
 * The flags about the report's presentation, its outputs, the gate and the command itself: no
 * engine or task refuses them.
 */
export const PRESENTATION_FLAGS: readonly FlagName[] = [
  "counts",
  "title",
  "format",
  "out",
  "policy",
  "report",
  "debug",
  "help",
  "version",
];

/** A value for each string flag that an engine or a task may refuse. */
const SAMPLE_VALUES: Readonly<Partial<Record<FlagName, string>>> = {
  "n-boot": "100",
  seed: "1",
  "missing-group": "drop",
  "input-format": "csv",
  "min-denominator": "10",
  "suppress-below": "5",
  "reference-shares": "shares.json",
  standardize: "margins.json",
  membership: "pa,pb",
  tolerance: "0.5",
  thresholds: "0.1,0.2",
  time: "t",
  event: "e",
  horizon: "5",
  "scan-features": "age",
  "scan-buckets": "age=4",
  "scan-clip": "0.01",
  score: "s",
  "pos-label": "1",
  threshold: "0.5",
  "threshold-rule": ">",
};

/** `--flag` with its sample value (none for a boolean flag). */
export function flagArguments(flag: FlagName): string[] {
  if (FLAGS[flag].type === "boolean") return [`--${flag}`];
  const value = SAMPLE_VALUES[flag];
  if (value === undefined) throw new Error(`flagArguments: no sample value for --${flag}`);
  return [`--${flag}`, value];
}

/** Runs the command with `args` and no standard input: its exit code and standard error. */
export async function runForError(args: readonly string[]): Promise<{ code: number; err: string }> {
  const chunks: string[] = [];
  const stderr = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const stdout = new Writable({ write: (_c, _e, done) => done() });
  const code = await run(args, { stdin: Readable.from([]), stdout, stderr, env: {} });
  return { code, err: chunks.join("") };
}
