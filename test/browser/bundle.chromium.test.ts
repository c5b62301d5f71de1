/**
 * The root entry in a browser: bundles src/index.ts with esbuild for `platform: "browser"` (the
 * build fails on any Node built-in), checks that no source it reaches mentions `process`,
 * `Buffer` or `require`, then loads the bundle into a blank page in Debian's headless Chromium
 * (driven by playwright-core, no network) and checks that `audit`, `groupMetrics` and
 * `calibrationByGroup` give there the numbers they give in Node (to 1e-12 relative).
 * The Chromium part skips (saying so) where /usr/bin/chromium is absent; `.ci/run` installs it.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";
import { calibrationByGroup, groupMetrics } from "../../src/index.js";
import { audit } from "../../src/report/audit.js";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.js";
import { expectClose } from "../helpers/close.js";
import { hostile } from "../report/fixtures.js";

const available = chromiumAvailable("bundle.chromium.test");

const BUILTINS = new Set(builtinModules);

/** Fails the build on an import of a Node built-in, naming the importing file. */
const noNodeBuiltins: Plugin = {
  name: "no-node-builtins",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.startsWith("node:") ? args.path.slice(5) : args.path;
      if (args.path.startsWith("node:") || BUILTINS.has(bare.split("/")[0] ?? "")) {
        return { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}` }] };
      }
      return undefined;
    });
  },
};

async function bundleRoot() {
  return build({
    entryPoints: ["src/index.ts"],
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [noNodeBuiltins],
  });
}

/** Scores, two features (one intersection is small) and weights: every code path of audit. */
const input = {
  ...hostile,
  sampleWeight: [1, 2, 1, 1, 0.5, 1, 1, 3, 1, 1, 2, 1],
};

/**
 * What the page computes, with the same calls as in Node; JSON keeps every number exactly. It
 * uses only its arguments, so its source runs in the page as it stands.
 */
function compute(
  f: {
    audit: typeof audit;
    groupMetrics: typeof groupMetrics;
    calibrationByGroup: typeof calibrationByGroup;
  },
  data: typeof input,
): string {
  return JSON.stringify({
    audit: f.audit(data, { intervals: { nBoot: 200 }, seed: 7 }).toJSON(),
    groupMetrics: f.groupMetrics(data).toJSON(),
    calibration: f.calibrationByGroup(data, { bins: 3 }),
  });
}

describe("root entry in a browser", () => {
  it("bundles for platform browser without Node built-ins, process, Buffer or require", async () => {
    const result = await bundleRoot();
    const sources = Object.keys(result.metafile.inputs).filter((f) => f.startsWith("src/"));
    expect(sources).toContain("src/report/audit.ts");
    for (const file of sources) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/\bprocess\b|\bBuffer\b|\brequire\s*\(/);
    }
  });

  it.skipIf(!available)(
    "audit, groupMetrics and calibrationByGroup in Chromium equal Node's numbers to 1e-12",
    { timeout: 120_000 },
    async () => {
      const bundle = (await bundleRoot()).outputFiles[0]!.text;
      const dir = mkdtempSync(join(tmpdir(), "fairscope-browser-"));
      const context = await launchChromium(dir);
      try {
        const page = await context.newPage();
        const requests: string[] = [];
        const errors: string[] = [];
        page.on("request", (r) => {
          requests.push(r.url());
        });
        page.on("pageerror", (e) => {
          errors.push(e.message);
        });
        await page.setContent("<!doctype html><title>fairscope</title>");
        // The ESM bundle becomes a module through a blob: URL; its exports land on the window.
        // (A string, so that vitest does not rewrite the dynamic import.)
        await page.evaluate(
          `(async (code) => {
            const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
            globalThis.fairscope = await import(url);
          })(${JSON.stringify(bundle)})`,
        );
        const inPage = await page.evaluate(
          `(${compute.toString()})(globalThis.fairscope, ${JSON.stringify(input)})`,
        );
        expect(errors).toEqual([]);
        expect(requests.filter((u) => !u.startsWith("blob:"))).toEqual([]);
        // Equal to 1e-12 relative: Math.exp/log/pow may differ in the last bits between V8
        // builds, so Chromium and Node are never compared bit for bit.
        expectClose(
          JSON.parse(inPage as string),
          JSON.parse(compute({ audit, groupMetrics, calibrationByGroup }, input)),
        );
      } finally {
        await context.close();
      }
    },
  );
});
