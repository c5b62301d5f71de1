/**
 * Notebook display under Deno: Deno's Jupyter kernel shows an object through its
 * `Symbol.for("Jupyter.display")` method. This runs the report module in the `deno` binary of
 * the dev dependencies and checks the MIME bundle it returns there.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const deno = join(root, "node_modules/.bin/deno");

describe("Deno Jupyter display", () => {
  it.skipIf(!existsSync(deno))(
    "report[Symbol.for('Jupyter.display')]() returns HTML, Vega-Lite and text in Deno",
    { timeout: 120_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), "fairscope-deno-"));
      const script = join(dir, "display.ts");
      const auditUrl = pathToFileURL(join(root, "src/report/audit.ts")).href;
      writeFileSync(
        script,
        `import { audit } from ${JSON.stringify(auditUrl)};
const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["<b>a</b>", "<b>a</b>", "b", "b"] });
const bundle = report[Symbol.for("Jupyter.display")]();
console.log(JSON.stringify({
  keys: Object.keys(bundle).sort(),
  html: bundle["text/html"].includes("&lt;b&gt;a&lt;/b&gt;") && !bundle["text/html"].includes("<b>a</b>"),
  vegaLite: bundle["application/vnd.vegalite.v6+json"].$schema,
  text: bundle["text/plain"].split("\\n")[0],
}));
`,
      );
      const r = spawnSync(
        deno,
        [
          "run",
          "--quiet",
          "--allow-read",
          "--allow-env",
          "--unstable-sloppy-imports",
          "--node-modules-dir=manual",
          script,
        ],
        { cwd: root, encoding: "utf8" },
      );
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout)).toEqual({
        keys: ["application/vnd.vegalite.v6+json", "text/html", "text/plain"],
        html: true,
        vegaLite: "https://vega.github.io/schema/vega-lite/v6.json",
        text: "Fairness report (fairscope 0.1.0)",
      });
    },
  );
});
