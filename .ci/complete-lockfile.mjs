// The npm registry this project is built against does not carry every platform build of some
// packages (biome, deno, rollup publish one package per OS/CPU). `npm install` then leaves
// those optional packages out of package-lock.json, and `npm ci` refuses the lockfile as "out of
// sync". This script lists each missing optional dependency as an optional entry, which `npm ci`
// accepts and skips when it cannot fetch it. Run it after every `npm install` that changes the
// lockfile: `node .ci/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const packages = lock.packages;
let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = key === "" ? `node_modules/${name}` : `${key}/node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (nested in packages || top in packages) continue;
    packages[top] = { version, ...(entry.dev ? { dev: true } : {}), optional: true };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: ${added} optional platform entries added`);
