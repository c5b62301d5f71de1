// The package as a user receives it (run after `npm run build`):
// - every runtime dependency is imported by dist/ (none is unused);
// - the tarball holds no source maps;
// - the packed tarball, unpacked into a fresh project with its runtime dependencies and without
//   any optional peer (vega, vega-lite, tfjs, DuckDB), bundles for the browser with esbuild,
//   Rollup (the usual node-resolve and commonjs plugins), Vite and webpack, with no flags and no
//   externals;
// - a page served as a CDN serves the package's files imports the bundled build
//   (dist/bundle/index.js) by URL in headless Chromium and computes what Node computes (skipped,
//   saying so, where /usr/bin/chromium is absent);
// - the esbuild bundles stay within their size budgets (minified, gzipped):
//   `groupMetrics` alone ≤ 40 KB; criteria, calibration and the report as JSON ≤ 90 KB.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import commonjs from "@rollup/plugin-commonjs";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { build as esbuild } from "esbuild";
import { rollup } from "rollup";
import { build as viteBuild } from "vite";
import webpack from "webpack";

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

/** What the page computes, written once for the page and for Node. */
const PAGE_SCRIPT = `
const data = {
  yTrue: [1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0],
  yScore: [0.9, 0.2, 0.4, 0.3, 0.8, 0.6, 0.7, 0.55, 0.1, 0.45, 0.35, 0.65],
  sensitiveFeatures: ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"],
};
const result = JSON.stringify({
  report: audit(data, { intervals: { nBoot: 200 }, seed: 7 }).toJSON(),
  metrics: groupMetrics(data).toJSON(),
});`;

/** Whether two JSON values are equal, numbers to 1e-12 relative. */
function close(a, b) {
  if (typeof a === "number" && typeof b === "number") {
    return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  }
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => close(a[k], b[k]));
}

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

    await new Promise((done, fail) => {
      webpack(
        {
          mode: "production",
          context: project,
          entry,
          target: "web",
          output: { path: join(project, "webpack"), filename: `entry${index}.js` },
          performance: { hints: false },
        },
        (error, stats) => {
          if (error) fail(error);
          else if (stats.hasErrors()) fail(new Error(stats.toString({ all: false, errors: true })));
          else done();
        },
      );
    });
    console.log(`package: webpack build of ${budget.name} ok`);
  }

  // 4. CDN-style: the unpacked package served as a CDN serves it, and a page importing the
  // bundled build by URL; its numbers must be Node's (to 1e-12 relative: V8 builds may differ in
  // the last bits of Math.exp and friends).
  const CHROMIUM = "/usr/bin/chromium";
  if (!existsSync(CHROMIUM)) {
    console.log(
      `package: CDN-style page skipped, ${CHROMIUM} not found (apt-get install -y chromium)`,
    );
  } else {
    await cdnPage(join(modules, "fairscope"), CHROMIUM, work);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function cdnPage(packageDir, executablePath, work) {
  const page = `<!doctype html><title>fairscope</title><script type="module">
import { audit, groupMetrics } from "/dist/bundle/index.js";
${PAGE_SCRIPT}
globalThis.result = result;
</script>`;
  const types = { ".js": "text/javascript", ".json": "application/json" };
  const server = createServer((request, response) => {
    const path = new URL(request.url, "http://localhost").pathname;
    if (path === "/") {
      response.writeHead(200, { "content-type": "text/html" }).end(page);
      return;
    }
    const file = join(packageDir, normalize(path));
    if (!file.startsWith(packageDir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" })
      .end(readFileSync(file));
  });
  await new Promise((listening) => server.listen(0, "127.0.0.1", listening));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const tab = await context.newPage();
    const requests = [];
    const errors = [];
    tab.on("request", (r) => requests.push(r.url()));
    tab.on("pageerror", (e) => errors.push(e.message));
    await tab.goto(`${origin}/`);
    await tab.waitForFunction(() => globalThis.result !== undefined || false, null, {
      timeout: 60_000,
    });
    const inPage = JSON.parse(await tab.evaluate(() => globalThis.result));
    const { audit, groupMetrics } = await import(
      pathToFileURL(join(packageDir, "dist/bundle/index.js")).href
    );
    const inNode = JSON.parse(
      new Function("audit", "groupMetrics", `${PAGE_SCRIPT}\nreturn result;`)(audit, groupMetrics),
    );
    if (errors.length > 0) throw new Error(`CDN-style page: ${errors.join("; ")}`);
    const elsewhere = requests.filter((u) => !u.startsWith(origin));
    if (elsewhere.length > 0) throw new Error(`CDN-style page requested ${elsewhere.join(", ")}`);
    if (!close(inPage, inNode)) throw new Error("CDN-style page: numbers differ from Node's");
    const files = requests.filter((u) => u.endsWith(".js")).length;
    console.log(
      `package: CDN-style page imports dist/bundle/index.js by URL (${files} files) in Chromium, same numbers as Node`,
    );
  } finally {
    await context.close();
    server.close();
  }
}
