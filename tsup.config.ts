import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { defineConfig } from "tsup";
import { policyJsonSchema } from "./src/gate/policy.js";
import { reportJsonSchema } from "./src/report/schema.js";

/** The public entry points and where their declarations go. */
const entries = {
  index: "src/index.ts",
  sql: "src/sql/index.ts",
  "tfjs/index": "src/tfjs/index.ts",
  "calibration/index": "src/calibration/index.ts",
  "clinical/index": "src/clinical/index.ts",
  "gate/index": "src/gate/index.ts",
  "membership/index": "src/membership/index.ts",
  "metrics/index": "src/metrics/index.ts",
  "mitigation/index": "src/mitigation/index.ts",
  "multiclass/index": "src/multiclass/index.ts",
  "parallel/index": "src/parallel/index.ts",
  "regression/index": "src/regression/index.ts",
  "report/index": "src/report/index.ts",
  "scan/index": "src/scan/index.ts",
  "schemas/index": "src/schemas/index.ts",
  "standardization/index": "src/standardization/index.ts",
  "stream/index": "src/stream/index.ts",
  "uncertainty/index": "src/uncertainty/index.ts",
};

/** Optional peers: never bundled, loaded only by the code that needs them. */
const PEERS = ["@tensorflow/tfjs", "@duckdb/node-api", "vega", "vega-lite"];

/**
 * The bundled ESM build (dist/bundle), for Node (the `import` condition) and for pages that import
 * `dist/bundle/index.js` by URL: a few files instead of ~200 modules, because Node's loader spends
 * about a millisecond per file, and with the dependencies compiled in (zod/mini's functions the
 * schemas use, pure-rand, yalps, and csv-parse for the command), so the root entry's files import
 * nothing else.
 * `fairscope` is one entry; every other public subpath (except tfjs and sql, which load optional
 * peers) re-exports from one shared entry, so a class is one class whichever subpath it comes
 * from; chunks hold what the entries share. The licenses of the compiled-in packages are written
 * to dist/bundle/LICENSES.md.
 */
async function buildBundle(): Promise<void> {
  const shared = Object.entries(entries).filter(
    ([name]) => name !== "index" && name !== "sql" && name !== "tfjs/index",
  );
  // Each subpath's value exports, read from the per-module build just written.
  const exported = await Promise.all(
    shared.map(async ([name]) =>
      Object.keys(await import(pathToFileURL(resolve(`dist/${name}.js`)).href)),
    ),
  );
  const alias = (name: string, symbol: string) => `${name.replace(/\/index$/, "")}$${symbol}`;
  const sharedModule = shared
    .map(
      ([name, source], i) =>
        `export { ${exported[i]!.map((s) => `${s} as ${alias(name, s)}`).join(", ")} } from "./${source}";`,
    )
    .join("\n");
  await build({
    entryPoints: [
      { in: "src/index.ts", out: "index" },
      { in: "fairscope:shared", out: "shared" },
      { in: "src/tfjs/index.ts", out: "tfjs" },
      { in: "src/sql/index.ts", out: "sql" },
      { in: "src/cli/main.ts", out: "cli" },
    ],
    outdir: "dist/bundle",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    minify: true,
    external: PEERS,
    legalComments: "none",
    logLevel: "warning",
    plugins: [
      {
        name: "shared-entry",
        setup(b) {
          b.onResolve({ filter: /^fairscope:shared$/ }, () => ({
            path: "shared",
            namespace: "fairscope",
          }));
          b.onLoad({ filter: /.*/, namespace: "fairscope" }, () => ({
            contents: sharedModule,
            resolveDir: process.cwd(),
            loader: "js",
          }));
        },
      },
    ],
  });
  // The worker script, on its own (a thread shares no class with the page or process that runs
  // it), beside the chunks, where `new URL("./worker.js", import.meta.url)` finds it: as an entry
  // of the build above it would split the root entry's code into more chunks.
  await build({
    entryPoints: ["src/parallel/worker.ts"],
    outfile: "dist/bundle/worker.js",
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    minify: true,
    external: PEERS,
    legalComments: "none",
    logLevel: "warning",
  });
  shared.forEach(([name], i) => {
    const file = `dist/bundle/${name}.js`;
    mkdirSync(dirname(file), { recursive: true });
    const from = relative(dirname(file), "dist/bundle/shared.js");
    writeFileSync(
      file,
      `export { ${exported[i]!.map((s) => `${alias(name, s)} as ${s}`).join(", ")} } from "./${from}";\n`,
    );
  });
  const licenses = ["zod", "pure-rand", "yalps", "csv-parse"].map((name) => {
    const meta = JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8"));
    const text = readFileSync(`node_modules/${name}/LICENSE`, "utf8").trim();
    return `## ${name} ${meta.version} (${meta.license})\n\n${text}\n`;
  });
  writeFileSync(
    "dist/bundle/LICENSES.md",
    `# Packages compiled into dist/bundle\n\n${licenses.join("\n")}`,
  );
}

export default defineConfig([
  // ESM, one file per source module (dist/index.js, dist/report/audit.js, …): with
  // `"sideEffects": false`, a bundler keeps only the modules an import reaches, so a bundle of
  // `groupMetrics` does not carry the zod schemas of policies or fitted rules.
  {
    // The audit page's modules (src/web) are bundled into dist/web/index.html by
    // src/web/build.ts instead.
    // The command (src/cli, src/io) runs only in Node, from the Node build below.
    entry: ["src/**/*.ts", "!src/web/**", "!src/cli/**", "!src/io/**"],
    format: ["esm"],
    bundle: false,
    // Minified (the declarations carry the documentation), to keep the install small.
    minify: true,
    dts: { entry: entries },
    sourcemap: false,
    clean: true,
    target: "node20",
    // The JSON Schemas of the report and of gate policies, generated from the zod schemas and
    // published as fairscope/report.schema.json and fairscope/policy.schema.json; the bundled
    // build (buildBundle); and the command's entry dist/cli.js, which runs dist/bundle/cli.js.
    async onSuccess() {
      const write = (name: string, schema: unknown) =>
        writeFileSync(`dist/${name}`, `${JSON.stringify(schema, null, 2)}\n`);
      write("report.schema.json", reportJsonSchema());
      write("policy.schema.json", policyJsonSchema());
      await buildBundle();
      writeFileSync("dist/cli.js", '#!/usr/bin/env node\nimport "./bundle/cli.js";\n');
      chmodSync("dist/cli.js", 0o755);
    },
  },
  // CommonJS for require(), bundled and minified (declarations carry the documentation). The
  // shimmed `import.meta.url` of dist/parallel/index.cjs finds the worker script beside it
  // (dist/parallel/worker.js, from the ESM build).
  {
    entry: entries,
    format: ["cjs"],
    minify: true,
    dts: { entry: entries },
    sourcemap: false,
    clean: false,
    splitting: true,
    treeshake: true,
    shims: true,
    target: "node20",
  },
]);
