/**
 * examples/notebooks/adult-audit.ipynb run headless: Deno's Jupyter kernel (the `deno` binary of
 * the dev dependencies, its kernelspec installed into a temporary HOME) driven by nbclient
 * (Debian's python3-nbclient, which .ci/run installs). Checks that every cell ran without an
 * error and that the outputs hold the HTML report with its charts, the calibration table and the
 * mitigation table. Skips, saying so, when /usr/bin/python3 has no nbclient or deno is absent.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const deno = join(root, "node_modules/.bin/deno");
const PYTHON = "/usr/bin/python3";
const notebooks = join(root, "examples/notebooks");

function runnerAvailable(): boolean {
  const ok =
    existsSync(deno) &&
    existsSync(PYTHON) &&
    spawnSync(PYTHON, ["-c", "import nbclient, nbformat"]).status === 0;
  if (!ok) {
    console.warn(
      "deno.notebook.test: skipped, needs node_modules/.bin/deno and /usr/bin/python3 with nbclient (apt-get install -y python3-nbclient jupyter-core)",
    );
  }
  return ok;
}

interface Output {
  output_type: string;
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
  text?: string | string[];
}

const join_ = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join("") : (v ?? ""));

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
      const run = spawnSync(
        PYTHON,
        [
          join(root, "test/notebooks/execute.py"),
          join(notebooks, "adult-audit.ipynb"),
          out,
          "deno",
          notebooks,
        ],
        { env, encoding: "utf8" },
      );
      expect(run.status, run.stderr).toBe(0);
      const executed = JSON.parse(readFileSync(out, "utf8")) as {
        cells: { cell_type: string; outputs?: Output[] }[];
      };
      const outputs = executed.cells.flatMap((c) => c.outputs ?? []);
      expect(outputs.filter((o) => o.output_type === "error")).toEqual([]);
      const html = outputs.map((o) => join_(o.data?.["text/html"])).join("\n");
      const markdown = outputs.map((o) => join_(o.data?.["text/markdown"])).join("\n");
      expect(join_(outputs[0]?.data?.["text/plain"])).toContain("16281 rows");
      expect(html).toContain("<h2>Headlines</h2>");
      expect(html).toContain(
        "The worst-served group for equal opportunity is Female, Amer-Indian-Eskimo",
      );
      expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(4);
      expect(markdown).toContain("expected calibration error");
      expect(markdown).toMatch(/\| Female \| 5421 \| 0\.\d{3} \|/);
      expect(html).toContain("<b>Calibration by group (sex)</b>");
      expect(markdown).toContain("| group thresholds |");
      expect(html).toContain("<b>ThresholdRule</b><ul><li>group Female: score");
      expect(html).toContain("<b>Metrics by group (sex)</b>");
    },
  );
});
