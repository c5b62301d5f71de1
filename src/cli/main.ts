#!/usr/bin/env node
/**
 * The `fairscope` command: `audit`, `gate` and `scan`.
 */
import { run } from "./run.js";

run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `fairscope: internal error: ${String((error as Error)?.stack ?? error)}\n`,
    );
    process.exitCode = 2;
  },
);
