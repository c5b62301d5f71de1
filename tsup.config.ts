import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    sql: "src/sql/index.ts",
    "tfjs/index": "src/tfjs/index.ts",
    report: "src/report/index.ts",
    gate: "src/gate/index.ts",
    // The command (src/cli/main.ts starts with a shebang, which esbuild keeps).
    cli: "src/cli/main.ts",
  },
  format: ["esm", "cjs"],
  dts: {
    entry: {
      index: "src/index.ts",
      sql: "src/sql/index.ts",
      "tfjs/index": "src/tfjs/index.ts",
      report: "src/report/index.ts",
      gate: "src/gate/index.ts",
    },
  },
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  target: "node20",
});
