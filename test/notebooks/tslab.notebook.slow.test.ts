/**
 * examples/notebooks/adult-audit-tslab.ipynb run headless in tslab (the dev dependency, with the
 * TypeScript 5.0 it bundles) driven by nbclient, as a user runs it: in a fresh folder whose
 * node_modules hold the built package (dist/, so this runs after `npm run build`, in
 * `npm run test:slow`), csv-parse and tslab. tslab type-checks every cell against the package's
 * declarations before running it. Checks that every cell ran without an error and that the
 * outputs hold the HTML report with its charts, the calibration table and the mitigation step.
 * Skips, saying so, without dist/, tslab or /usr/bin/python3 with nbclient.
 */
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectAdultAuditOutputs } from "./adultAuditOutputs.js";
import {
  executeNotebook,
  NBCLIENT_HINT,
  nbclientAvailable,
  notebookOutputs,
  outputText,
} from "./nbclient.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tslab = join(root, "node_modules/.bin/tslab");

function runnerAvailable(): boolean {
  const ok = existsSync(join(root, "dist/index.cjs")) && existsSync(tslab) && nbclientAvailable();
  if (!ok) {
    console.warn(
      `tslab.notebook.slow.test: skipped, needs dist/ (npm run build), node_modules/.bin/tslab and ${NBCLIENT_HINT}`,
    );
  }
  return ok;
}

/** A folder laid out as a user's project: notebooks/, data/ and node_modules/, and tslab's kernelspec. */
function project(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), "fairscope-tslab-"));
  mkdirSync(join(dir, "notebooks"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(join(root, "examples/data"), join(dir, "data"));
  symlinkSync(root, join(dir, "node_modules/fairscope"));
  for (const name of ["csv-parse", "tslab"]) {
    symlinkSync(join(root, "node_modules", name), join(dir, "node_modules", name));
  }
  const kernel = join(dir, "jupyter/kernels/tslab");
  mkdirSync(kernel, { recursive: true });
  writeFileSync(
    join(kernel, "kernel.json"),
    JSON.stringify({
      argv: [tslab, "kernel", "--config-path", "{connection_file}"],
      display_name: "TypeScript",
      language: "typescript",
    }),
  );
  return { dir, env: { ...process.env, HOME: dir, JUPYTER_PATH: join(dir, "jupyter") } };
}

/** Runs a notebook in tslab in `dir`; the executed copy, or undefined when a cell failed. */
function execute(dir: string, env: NodeJS.ProcessEnv, notebook: string) {
  const out = join(dir, "executed.ipynb");
  const run = executeNotebook(notebook, out, "tslab", join(dir, "notebooks"), env);
  return { run, out };
}

/** A one-cell notebook. */
function oneCell(dir: string, name: string, source: string): string {
  const path = join(dir, "notebooks", name);
  writeFileSync(
    path,
    JSON.stringify({
      cells: [{ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source }],
      metadata: {
        kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" },
      },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  return path;
}

describe("tslab notebook", () => {
  it.skipIf(!runnerAvailable())(
    "adult-audit-tslab.ipynb type-checks and runs in tslab and shows the report",
    { timeout: 600_000 },
    () => {
      const { dir, env } = project();
      const { run, out } = execute(
        dir,
        env,
        join(root, "examples/notebooks/adult-audit-tslab.ipynb"),
      );
      expect(run.status, run.stderr).toBe(0);
      const outputs = notebookOutputs(out);
      expectAdultAuditOutputs(outputs);
      // tslab prints type errors to the cell's stream and skips the cell.
      const streams = outputs.map((o) => outputText(o.text)).join("\n");
      expect(streams).not.toMatch(/error|Error/);
      expect(streams).toContain("16281 rows");
    },
  );

  it.skipIf(!runnerAvailable())(
    "tslab's TypeScript 5.0 refuses a misspelt metric id and accepts the right one",
    { timeout: 600_000 },
    () => {
      const { dir, env } = project();
      const cell = (id: string) =>
        `import { groupMetrics } from "fairscope";\ngroupMetrics({ yTrue: [1, 0], yPred: [1, 1], sensitiveFeatures: ["a", "b"] }, { metrics: ["${id}"] }).overall;`;
      const typo = execute(dir, env, oneCell(dir, "typo.ipynb", cell("truePositveRate")));
      expect(typo.run.status).not.toBe(0);
      expect(typo.run.stderr).toContain("CellExecutionError");
      const right = execute(dir, env, oneCell(dir, "right.ipynb", cell("truePositiveRate")));
      expect(right.run.status, right.run.stderr).toBe(0);
    },
  );
});
