/**
 * Writing the CLI's outputs (`--out` files and standard output) a piece at a time, so an output
 * larger than the longest JavaScript string is still written; the file system's refusals are
 * input errors.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import type { Writable } from "node:stream";
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

/** Lines a piece of {@link joinedLines} holds at most. */
const LINES_PER_PIECE = 512;

/**
 * `lines` joined by newlines, with a final newline, in pieces of a few hundred lines.
 *
 * @example
 * [...joinedLines(["a", "b"])].join(""); // => "a\nb\n"
 */
export function* joinedLines(lines: readonly string[]): Generator<string> {
  for (let start = 0; start < lines.length; start += LINES_PER_PIECE) {
    yield `${lines.slice(start, start + LINES_PER_PIECE).join("\n")}\n`;
  }
}

/**
 * Writes `pieces` to the file at `path`, one piece at a time. A path the file system refuses (a
 * missing directory, a directory, no permission) is a FairnessInputError on `out` naming the
 * path and the reason.
 *
 * @throws FairnessInputError when the file cannot be written
 * @example
 * const refusal = (() => {
 *   try {
 *     writeOutput("/nonexistent-dir/report.html", ["x"]);
 *   } catch (error) {
 *     return error.issues[0].message;
 *   }
 * })();
 * refusal; // => "cannot write /nonexistent-dir/report.html: its directory does not exist"
 */
export function writeOutput(path: string, pieces: string | Iterable<string>): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, "w");
    for (const piece of typeof pieces === "string" ? [pieces] : pieces) writeSync(fd, piece);
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
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether `error` says the reader went away (`fairscope audit … | head`). */
const readerGone = (error: unknown) =>
  (error as NodeJS.ErrnoException | undefined)?.code === "EPIPE";

/**
 * Writes `pieces` to a stream (standard output) one piece at a time, waiting whenever the
 * stream asks to (backpressure), so memory holds one piece, not the whole output. A reader that
 * stops reading (a closed pipe) ends the writing quietly; any other stream error is thrown.
 */
export async function writePieces(stream: Writable, pieces: Iterable<string>): Promise<void> {
  let failure: unknown;
  const onError = (error: unknown) => {
    failure ??= error;
  };
  stream.on("error", onError);
  try {
    for (const piece of pieces) {
      if (failure !== undefined || stream.destroyed) break;
      if (stream.write(piece)) continue;
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off("drain", done);
          stream.off("close", done);
          stream.off("error", done);
          resolve();
        };
        stream.once("drain", done);
        stream.once("close", done);
        stream.once("error", done);
      });
    }
  } finally {
    stream.off("error", onError);
  }
  if (failure !== undefined && !readerGone(failure)) throw failure;
}
