/**
 * `npm run conformance -- <fixture.json> [--datasets <dir>]...`
 *
 * Prints one line per case and a last line `N passed, M failed, K unsupported`; exits 1 when
 * any case fails. Dataset cases whose files are absent are reported as `skipped` (and counted on
 * the line before the summary). Without `--datasets`, the bundled `examples/data` and
 * `../shared/datasets` are searched, in that order.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readFixture, runFixture, summarize } from "./runner.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const files: string[] = [];
const dirs: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === "--datasets") {
    const dir = args[++i];
    if (dir === undefined) {
      console.error("--datasets needs a directory");
      process.exit(2);
    }
    dirs.push(resolve(dir));
  } else {
    files.push(resolve(arg));
  }
}
if (files.length === 0) {
  console.error("usage: npm run conformance -- <fixture.json> [--datasets <dir>]");
  process.exit(2);
}
if (dirs.length === 0) {
  dirs.push(resolve(root, "examples/data"), resolve(root, "../shared/datasets"));
}

const results = files.flatMap((f) => runFixture(readFixture(f), dirs));
for (const r of results) {
  const detail = r.message
    ? ` ${r.status === "unsupported" ? `(kind ${r.message})` : r.message}`
    : "";
  console.log(`${r.status.padEnd(11)} ${r.kind.padEnd(22)} ${r.name}${detail}`);
}
const skipped = results.filter((r) => r.status === "skipped").length;
if (skipped > 0) console.log(`${skipped} skipped (datasets absent)`);
console.log(summarize(results));
process.exit(results.some((r) => r.status === "fail") ? 1 : 0);
