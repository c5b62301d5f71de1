// Runs every file in examples/ (TypeScript through tsx), one after another; fails on the first
// non-zero exit.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const files = readdirSync(join(root, "examples"))
  .filter((f) => /\.(ts|mjs|js)$/.test(f))
  .sort();
for (const file of files) {
  const started = Date.now();
  const path = join(root, "examples", file);
  const args = file.endsWith(".ts") ? [join(root, "node_modules/tsx/dist/cli.mjs"), path] : [path];
  execFileSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  console.log(`examples: ${file} ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
