import { chmodSync, writeFileSync } from "node:fs";
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

export default defineConfig([
  // ESM, one file per source module (dist/index.js, dist/report/audit.js, …): with
  // `"sideEffects": false`, a bundler keeps only the modules an import reaches, so a bundle of
  // `groupMetrics` does not carry the zod schemas of policies or fitted rules.
  {
    // The audit page's modules (src/web) are bundled into dist/web/index.html by
    // src/web/build.ts instead.
    entry: ["src/**/*.ts", "!src/web/**"],
    format: ["esm"],
    bundle: false,
    // Minified (the declarations carry the documentation), to keep the install small.
    minify: true,
    dts: { entry: entries },
    sourcemap: false,
    clean: true,
    target: "node20",
    // The JSON Schemas of the report and of gate policies, generated from the zod schemas and
    // published as fairscope/report.schema.json and fairscope/policy.schema.json; and the
    // command's entry dist/cli.js, which runs dist/cli/main.js (the modules are shared with the
    // library rather than bundled twice).
    async onSuccess() {
      const write = (name: string, schema: unknown) =>
        writeFileSync(`dist/${name}`, `${JSON.stringify(schema, null, 2)}\n`);
      write("report.schema.json", reportJsonSchema());
      write("policy.schema.json", policyJsonSchema());
      writeFileSync("dist/cli.js", '#!/usr/bin/env node\nimport "./cli/main.js";\n');
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
