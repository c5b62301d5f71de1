/**
 * The process's streams and environment, as the CLI sees them (tests pass their own).
 */
import type { Readable, Writable } from "node:stream";

/** The process's streams and environment. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}
