#!/usr/bin/env node
/**
 * The `fairscope` command (subcommands in commands.ts).
 */
import { EXIT_CODES } from "../gate/exitCodes.js";
import { internalErrorMessage, run } from "./run.js";

const argv = process.argv.slice(2);
// A reader that closes the pipe early (`fairscope audit … | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});
run(argv, {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(internalErrorMessage(error, argv.includes("--debug")));
    process.exitCode = EXIT_CODES.internalError;
  },
);
