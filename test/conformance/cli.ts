/**
 * `npm run conformance -- <fixture.json> [--datasets <dir>]... [--verbose]`
 *
 * Prints one line per case (with `--verbose`, the count of recorded values each case compared),
 * then the count of recorded values compared over all cases, and a last line
 * `N passed, M failed, K unsupported`; exits 1 when any case fails. Dataset cases whose files are
 * absent are reported as `skipped` (and counted before the summary). Without `--datasets`, the
 * bundled `examples/data` and `../shared/datasets` are searched, in that order.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readFixture, runFixture, summarize, summarizeCoverage } from "./runner.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const files: string[] = [];
const dirs: string[] = [];
let verbose = false;
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === "--datasets") {
    const dir = args[++i];
    if (dir === undefined) {
      console.error("--datasets needs a directory");
      process.exit(2);
    }
    dirs.push(resolve(dir));
  } else if (arg === "--verbose" || arg === "-v") {
    verbose = true;
  } else {
    files.push(resolve(arg));
  }
}
if (files.length === 0) {
  console.error("usage: npm run conformance -- <fixture.json> [--datasets <dir>] [--verbose]");
  process.exit(2);
}
if (dirs.length === 0) {
  dirs.push(resolve(root, "examples/data"), resolve(root, "../shared/datasets"));
}

const results = files.flatMap((f) => runFixture(readFixture(f), dirs));
for (const r of results) {
  const detail = r.message ? ` ${r.message}` : "";
  const c = r.coverage;
  const counts =
    verbose && c
      ? ` [${c.compared} compared${c.differences ? `, ${c.differences} documented differences` : ""}${c.acknowledged ? `, ${c.acknowledged} acknowledged` : ""}]`
      : "";
  console.log(`${r.status.padEnd(11)} ${r.kind.padEnd(22)} ${r.name}${counts}${detail}`);
}
const skipped = results.filter((r) => r.status === "skipped").length;
if (skipped > 0) console.log(`${skipped} skipped (datasets absent)`);
console.log(summarizeCoverage(results));
console.log(summarize(results));
process.exit(results.some((r) => r.status === "fail") ? 1 : 0);
