/**
 * examples/notebooks/adult-audit.ipynb run headless: Deno's Jupyter kernel (the `deno` binary of
 * the dev dependencies, its kernelspec installed into a temporary HOME) driven by nbclient
 * (Debian's python3-nbclient, which .ci/run installs). Checks that every cell ran without an
 * error and that the outputs hold the HTML report with its charts, the calibration table and the
 * mitigation table. Skips, saying so, when /usr/bin/python3 has no nbclient or deno is absent.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
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
const deno = join(root, "node_modules/.bin/deno");
const notebooks = join(root, "examples/notebooks");

function runnerAvailable(): boolean {
  const ok = existsSync(deno) && nbclientAvailable();
  if (!ok)
    console.warn(`deno.notebook.test: skipped, needs node_modules/.bin/deno and ${NBCLIENT_HINT}`);
  return ok;
}

describe("notebooks", () => {
  it.skipIf(!runnerAvailable())(
    "adult-audit.ipynb runs in Deno's Jupyter kernel and shows the report",
    { timeout: 600_000 },
    () => {
      const home = mkdtempSync(join(tmpdir(), "fairscope-notebook-"));
      const env = { ...process.env, HOME: home, DENO_DIR: join(home, "deno") };
      const install = spawnSync(deno, ["jupyter", "--install"], { env, encoding: "utf8" });
      expect(install.status, install.stderr).toBe(0);
      const out = join(home, "executed.ipynb");
      const run = executeNotebook(
        join(notebooks, "adult-audit.ipynb"),
        out,
        "deno",
        notebooks,
        env,
      );
      expect(run.status, run.stderr).toBe(0);
      const outputs = notebookOutputs(out);
      expectAdultAuditOutputs(outputs);
      expect(outputText(outputs[0]?.data?.["text/plain"])).toContain("16281 rows");
      const markdown = outputs.map((o) => outputText(o.data?.["text/markdown"])).join("\n");
      expect(markdown).toContain("expected calibration error");
    },
  );
});
