/**
 * Progress on stderr while the command works, only when stderr is a terminal: the share of the
 * file read, then the step being computed. Nothing is written to a pipe or a file, and no colour
 * is used (so NO_COLOR has nothing to turn off).
 */
import type { CliIo } from "./io.js";

/** Reports what the command is doing; each message replaces the previous one. */
export interface Progress {
  /** Bytes of the input read so far, of `total` when known. */
  readonly reading: (bytes: number, total: number | undefined) => void;
  /** The step being computed, e.g. "auditing 16281 rows: metrics, bootstrap intervals". */
  readonly stage: (text: string) => void;
  /** Clears the line. */
  readonly done: () => void;
}

/** The progress reporter of this run, or undefined when stderr is not a terminal. */
export function progressOn(io: CliIo): Progress | undefined {
  if (io.stderr.isTTY !== true) return undefined;
  let last = 0;
  let shown = false;
  const show = (text: string) => {
    shown = true;
    io.stderr.write(`\r${text}\u001b[K`);
  };
  return {
    reading: (bytes, total) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const done = total ? ` ${Math.min(100, Math.round((bytes / total) * 100))}%` : "";
      show(`reading${done} (${(bytes / 1e6).toFixed(1)} MB)`);
    },
    stage: (text) => show(`${text}…`),
    done: () => {
      if (shown) io.stderr.write("\r\u001b[K");
      shown = false;
    },
  };
}
