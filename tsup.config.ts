import { writeFileSync } from "node:fs";
import { build } from "esbuild";
import { defineConfig } from "tsup";
import { policyJsonSchema } from "./src/gate/policy.js";
import { reportJsonSchema } from "./src/report/schema.js";

/** The public entry points and where their declarations go. */
const entries = {
  index: "src/index.ts",
  sql: "src/sql/index.ts",
  "tfjs/index": "src/tfjs/index.ts",
};

export default defineConfig([
  // ESM, one file per source module (dist/index.js, dist/report/audit.js, …): with
  // `"sideEffects": false`, a bundler keeps only the modules an import reaches, so a bundle of
  // `groupMetrics` does not carry the zod schemas of policies or fitted rules.
  {
    entry: ["src/**/*.ts", "!src/cli/**"],
    format: ["esm"],
    bundle: false,
    dts: { entry: entries },
    sourcemap: false,
    clean: true,
    target: "node20",
    // The JSON Schemas of the report and of gate policies, generated from the zod schemas and
    // published as fairscope/report.schema.json and fairscope/policy.schema.json; and one
    // self-contained, minified ESM file for use from a CDN or a file: URL without a bundler.
    async onSuccess() {
      const write = (name: string, schema: unknown) =>
        writeFileSync(`dist/${name}`, `${JSON.stringify(schema, null, 2)}\n`);
      write("report.schema.json", reportJsonSchema());
      write("policy.schema.json", policyJsonSchema());
      await build({
        entryPoints: ["src/index.ts"],
        outfile: "dist/fairscope.browser.js",
        bundle: true,
        format: "esm",
        platform: "browser",
        minify: true,
        target: "es2022",
        logLevel: "warning",
      });
    },
  },
  // CommonJS for require(), bundled.
  {
    entry: entries,
    format: ["cjs"],
    dts: { entry: entries },
    sourcemap: false,
    clean: false,
    splitting: true,
    treeshake: true,
    target: "node20",
  },
  {
    // The command (src/cli/main.ts starts with a shebang, which esbuild keeps).
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    sourcemap: false,
    clean: false,
    target: "node20",
  },
]);
