// Smoke test of the built package: ESM import, CJS require, Deno importing dist/ by file path,
// and the root entry's import graph free of heavy optional packages.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = join(root, "dist");
const snippet = (load) => `
${load}
const r = groupMetrics({ yTrue: [1, 0, 1, 0], yPred: [1, 1, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] }, { metrics: ["selectionRate"] });
if (r.difference().selectionRate !== 1) throw new Error("unexpected value " + r.difference().selectionRate);
console.log("ok");`;

function run(label, command, args) {
  const out = execFileSync(command, args, {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (!out.trim().endsWith("ok")) throw new Error(`${label}: unexpected output ${out}`);
  console.log(`smoke: ${label} ok`);
}

run("ESM import('fairscope')", process.execPath, [
  "--input-type=module",
  "-e",
  snippet('import { groupMetrics } from "fairscope";'),
]);
run("CJS require('fairscope')", process.execPath, [
  "-e",
  snippet('const { groupMetrics } = require("fairscope");'),
]);
run("ESM import('fairscope/tfjs')", process.execPath, [
  "--input-type=module",
  "-e",
  'import { trainWeighted, exponentiatedGradient } from "fairscope/tfjs"; if (typeof trainWeighted !== "function" || typeof exponentiatedGradient !== "function") throw new Error("missing export"); console.log("ok");',
]);
run("CJS require('fairscope/tfjs')", process.execPath, [
  "-e",
  'const { auditModel } = require("fairscope/tfjs"); if (typeof auditModel !== "function") throw new Error("missing export"); console.log("ok");',
]);
run("ESM import('fairscope/sql')", process.execPath, [
  "--input-type=module",
  "-e",
  'import { confusionStatement } from "fairscope/sql"; if (typeof confusionStatement !== "function") throw new Error("missing export"); console.log("ok");',
]);
const deno = join(root, "node_modules/.bin/deno");
run("Deno import of dist/index.js", deno, [
  "eval",
  "--quiet",
  snippet(`import { groupMetrics } from ${JSON.stringify(`file://${join(dist, "index.js")}`)};`),
]);

// The root entry must not pull in heavy optional packages (tfjs, mathjs, vega): walk the static
// import graph of both ESM builds (minified: statements are separated by semicolons). The
// bundled build (Node's `import` condition, and pages importing it by URL) has its dependencies
// compiled in: its root entry loads a few files of its own and nothing else, not even a Node
// built-in.
const forbidden = [/^@tensorflow\//, /^mathjs/, /^vega/, /^@duckdb\//, /^playwright/];
const graph = (entry) => {
  const seen = new Set();
  const bare = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(
      /(?:^|[;\n])\s*(?:import|export)\s*(?:[\w$*{},\s]*?\s*from\s*)?["']([^"']+)["']/g,
    )) {
      const spec = m[1];
      if (spec.startsWith(".")) visit(join(dirname(file), spec));
      else bare.add(spec);
    }
  };
  visit(entry);
  const bad = [...bare].filter((s) => forbidden.some((f) => f.test(s)));
  if (bad.length > 0) throw new Error(`${entry} imports ${bad.join(", ")}`);
  return { files: seen.size, bare: [...bare].sort() };
};
const perModule = graph(join(dist, "index.js"));
console.log(
  `smoke: root import graph of the per-module build (${perModule.files} files) loads only ${perModule.bare.join(", ")}`,
);
const bundled = graph(join(dist, "bundle/index.js"));
if (bundled.bare.length > 0 || bundled.files > 20) {
  throw new Error(`bundled build: ${bundled.files} files, imports ${bundled.bare.join(", ")}`);
}
console.log(`smoke: root import graph of the bundled build: ${bundled.files} files, no import`);

// The published JSON Schemas resolve through the exports map and are valid JSON.
for (const name of ["report", "policy"]) {
  const out = execFileSync(
    process.execPath,
    [
      "-e",
      `const s = require("fairscope/${name}.schema.json"); if (!s.$id) throw new Error("no $id"); console.log("ok");`,
    ],
    { cwd: root, encoding: "utf8" },
  );
  if (!out.trim().endsWith("ok")) throw new Error(`${name}.schema.json: ${out}`);
  console.log(`smoke: fairscope/${name}.schema.json ok`);
}

// The `fairscope` command of the built package: an audit as JSON, and a usage error (exit 2).
const audit = execFileSync(
  process.execPath,
  [
    join(dist, "cli.js"),
    "audit",
    "examples/data/adult-test-scored.csv",
    "--label",
    "income",
    "--score",
    "lr_score",
    "--group",
    "sex",
    "--format",
    "json",
  ],
  { cwd: root, encoding: "utf8" },
);
if (JSON.parse(audit).schemaVersion !== "1") throw new Error("cli: unexpected report");
try {
  execFileSync(process.execPath, [join(dist, "cli.js"), "audit"], { cwd: root, stdio: "ignore" });
  throw new Error("cli: a usage error must exit non-zero");
} catch (error) {
  if (error.status !== 2) throw error;
}
console.log("smoke: dist/cli.js audit (exit 0) and usage error (exit 2) ok");
