/**
 * Writing the CLI's output file (`--out`), with the file system's refusals as input errors.
 */
import { writeFileSync } from "node:fs";
import { FairnessInputError } from "../data/errors.js";

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "its directory does not exist",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of its path is not a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
};

/**
 * Writes `text` to the file at `path`. A path the file system refuses (a missing directory, a
 * directory, no permission) is a FairnessInputError on `out` naming the path and the reason.
 *
 * @throws FairnessInputError when the file cannot be written
 * @example
 * const refusal = (() => {
 *   try {
 *     writeOutput("/nonexistent-dir/report.html", "x");
 *   } catch (error) {
 *     return error.issues[0].message;
 *   }
 * })();
 * refusal; // => "cannot write /nonexistent-dir/report.html: its directory does not exist"
 */
export function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new FairnessInputError([
      {
        code: "invalid_option",
        path: ["out"],
        message: `cannot write ${path}: ${REASONS[code] ?? code}`,
      },
    ]);
  }
}
