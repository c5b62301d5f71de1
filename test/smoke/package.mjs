// The package as a user receives it (run after `npm run build`):
// - every runtime dependency is imported by dist/ (none is unused);
// - the tarball holds no source maps;
// - the packed tarball, unpacked into a fresh project with its runtime dependencies and without
//   any optional peer (vega, vega-lite, tfjs, DuckDB), bundles for the browser with esbuild,
//   Rollup (the usual node-resolve and commonjs plugins) and Vite, with no flags and no externals;
// - the esbuild bundles stay within their size budgets (minified, gzipped):
//   `groupMetrics` alone ≤ 40 KB; criteria, calibration and the report as JSON ≤ 90 KB.
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import commonjs from "@rollup/plugin-commonjs";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { build as esbuild } from "esbuild";
import { rollup } from "rollup";
import { build as viteBuild } from "vite";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const KB = 1024;

/** Budgets in gzipped bytes, with the entry that measures each. */
const BUDGETS = [
  {
    name: "groupMetrics only",
    source: 'import { groupMetrics } from "fairscope";\nglobalThis.out = groupMetrics;\n',
    gzipped: 40 * KB,
  },
  {
    name: "criteria, calibration and the report as JSON",
    source: [
      'import { audit, calibrationByGroup, demographicParityDifference, equalizedOddsDifference } from "fairscope";',
      'import { renderJson } from "fairscope/report";',
      "globalThis.out = [audit, calibrationByGroup, demographicParityDifference, equalizedOddsDifference, renderJson];",
      "",
    ].join("\n"),
    gzipped: 90 * KB,
  },
];

// 1. Every runtime dependency is imported somewhere in dist/.
const specifiers = new Set();
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (/\.(c?js)$/.test(entry.name)) {
      const text = readFileSync(path, "utf8");
      for (const m of text.matchAll(/(?:from|import|require)\s*\(?\s*["']([^"'./][^"']*)["']/g)) {
        specifiers.add(m[1]);
      }
    }
  }
};
walk(join(root, "dist"));
const unused = Object.keys(pkg.dependencies ?? {}).filter(
  (dep) => ![...specifiers].some((s) => s === dep || s.startsWith(`${dep}/`)),
);
if (unused.length > 0) throw new Error(`runtime dependencies not imported by dist/: ${unused}`);
console.log(
  `package: every runtime dependency is imported by dist/ (${Object.keys(pkg.dependencies).join(", ")})`,
);

// 2. Pack, and check the tarball's file list.
const work = mkdtempSync(join(tmpdir(), "fairscope-package-"));
try {
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  const maps = packed.files.filter((f) => f.path.endsWith(".map"));
  if (maps.length > 0) throw new Error(`source maps in the tarball: ${maps[0].path}`);
  console.log(
    `package: ${packed.files.length} files, ${(packed.size / KB).toFixed(0)} KB packed, ${(packed.unpackedSize / KB).toFixed(0)} KB unpacked, no source maps`,
  );

  // 3. A fresh project: the tarball unpacked as node_modules/fairscope, and the runtime
  // dependencies (with theirs) linked from this repository's node_modules; no optional peer.
  const project = join(work, "consumer");
  const modules = join(project, "node_modules");
  mkdirSync(join(modules, "fairscope"), { recursive: true });
  execFileSync("tar", [
    "-xzf",
    join(work, packed.filename),
    "-C",
    join(modules, "fairscope"),
    "--strip-components=1",
  ]);
  const link = (name) => {
    const target = join(modules, name);
    try {
      readdirSync(target);
      return;
    } catch {
      // not linked yet
    }
    const source = realpathSync(join(root, "node_modules", name));
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(source, target, "dir");
    const deps = JSON.parse(readFileSync(join(source, "package.json"), "utf8")).dependencies ?? {};
    for (const dep of Object.keys(deps)) link(dep);
  };
  for (const dep of Object.keys(pkg.dependencies)) link(dep);
  writeFileSync(join(project, "package.json"), '{ "name": "consumer", "type": "module" }\n');

  for (const [index, budget] of BUDGETS.entries()) {
    const entry = join(project, `entry${index}.js`);
    writeFileSync(entry, budget.source);

    const esbuilt = await esbuild({
      entryPoints: [entry],
      bundle: true,
      platform: "browser",
      format: "esm",
      minify: true,
      write: false,
      logLevel: "silent",
      absWorkingDir: project,
    });
    const code = esbuilt.outputFiles[0].contents;
    const gzipped = gzipSync(code).length;
    console.log(
      `package: esbuild bundle of ${budget.name}: ${(code.length / KB).toFixed(1)} KB minified, ${(gzipped / KB).toFixed(1)} KB gzipped (budget ${budget.gzipped / KB} KB)`,
    );
    if (gzipped > budget.gzipped) {
      throw new Error(`${budget.name}: ${gzipped} bytes gzipped, over the budget`);
    }

    const bundle = await rollup({
      input: entry,
      plugins: [nodeResolve({ browser: true, rootDir: project }), commonjs()],
      onwarn: (warning) => {
        if (warning.code === "UNRESOLVED_IMPORT") throw new Error(`rollup: ${warning.message}`);
      },
    });
    const { output } = await bundle.generate({ format: "es" });
    await bundle.close();
    console.log(`package: rollup bundle of ${budget.name}: ${output.length} chunk(s) ok`);

    await viteBuild({
      root: project,
      logLevel: "silent",
      configFile: false,
      build: {
        write: false,
        lib: { entry, formats: ["es"], fileName: `entry${index}` },
      },
    });
    console.log(`package: vite build of ${budget.name} ok`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
