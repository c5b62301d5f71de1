import { writeFileSync } from "node:fs";
import { defineConfig } from "tsup";
import { policyJsonSchema } from "./src/gate/policy.js";
import { reportJsonSchema } from "./src/report/schema.js";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    sql: "src/sql/index.ts",
    "tfjs/index": "src/tfjs/index.ts",
    // The command (src/cli/main.ts starts with a shebang, which esbuild keeps).
    cli: "src/cli/main.ts",
  },
  format: ["esm", "cjs"],
  dts: {
    entry: {
      index: "src/index.ts",
      sql: "src/sql/index.ts",
      "tfjs/index": "src/tfjs/index.ts",
    },
  },
  // No source maps: they were most of the unpacked package, and dist/ keeps readable, unminified code.
  sourcemap: false,
  clean: true,
  splitting: true,
  treeshake: true,
  target: "node20",
  // The JSON Schemas of the report and of gate policies, generated from the zod schemas and
  // published as fairscope/report.schema.json and fairscope/policy.schema.json.
  async onSuccess() {
    const write = (name: string, schema: unknown) =>
      writeFileSync(`dist/${name}`, `${JSON.stringify(schema, null, 2)}\n`);
    write("report.schema.json", reportJsonSchema());
    write("policy.schema.json", policyJsonSchema());
  },
});
