#!/usr/bin/env node
/**
 * The `fairscope` command (subcommands in commands.ts). `fairscope --version` answers before
 * the commands are loaded, so it starts as fast as node itself; everything else loads them.
 */
import { FAIRSCOPE_VERSION } from "../report/version.js";

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === "--version") {
  process.stdout.write(`${FAIRSCOPE_VERSION}\n`);
} else {
  const [{ EXIT_CODES }, { internalErrorMessage, run }] = await Promise.all([
    import("../gate/gate.js"),
    import("./run.js"),
  ]);
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
}
