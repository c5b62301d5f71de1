/**
 * The outputs of a run, checked before any data are read: a report that took minutes to compute
 * is never lost to a path that cannot be written.
 */
import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type Output, UsageError } from "./request.js";

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Why the file at `path` cannot be written, or undefined when it can. */
function unwritable(path: string): string | undefined {
  let exists = true;
  try {
    if (statSync(path).isDirectory()) return "it is a directory";
  } catch (error) {
    if (errorCode(error) === "ENOTDIR") return "a part of its path is not a directory";
    exists = false;
  }
  const directory = dirname(resolve(path));
  try {
    if (!statSync(directory).isDirectory()) return "a part of its path is not a directory";
  } catch (error) {
    return errorCode(error) === "ENOTDIR"
      ? "a part of its path is not a directory"
      : "its directory does not exist";
  }
  try {
    accessSync(exists ? path : directory, constants.W_OK);
  } catch {
    return "permission denied";
  }
  return undefined;
}

/**
 * Checks every output before the run: each `--out` file can be written, and JUnit output has gate
 * results to write.
 *
 * @throws UsageError naming the output and the reason
 */
export function checkOutputs(outputs: readonly Output[], gated: boolean): void {
  for (const output of outputs) {
    if (output.format === "junit" && !gated) {
      throw new UsageError(
        `JUnit output${output.path === undefined ? "" : ` (--out ${output.path})`} holds gate results: give --policy`,
      );
    }
    if (output.path === undefined) continue;
    const reason = unwritable(output.path);
    if (reason !== undefined) throw new UsageError(`cannot write --out ${output.path}: ${reason}`);
  }
}
