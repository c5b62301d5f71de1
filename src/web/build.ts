/**
 * Builds the private audit page: src/web/page.ts bundled for the browser by esbuild (one
 * minified script, inlined), written to dist/web/index.html. Run by `npm run build` after tsup;
 * `buildWebPage` is also what the page's browser test builds.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { pageDocument } from "./shell.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The page's file and the size of its script in bytes (minified). */
export interface WebPage {
  readonly path: string;
  readonly scriptBytes: number;
}

/** Bundles the page's script and writes `index.html` into `outDir` (default dist/web). */
export async function buildWebPage(outDir = join(root, "dist/web")): Promise<WebPage> {
  const result = await build({
    entryPoints: [join(root, "src/web/page.ts")],
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify: true,
    write: false,
    legalComments: "none",
    logLevel: "warning",
  });
  // An inline script ends at the first "</script": the escape keeps strings and patterns intact.
  const script = result.outputFiles[0]!.text.trim().replaceAll("</script", "<\\/script");
  const hash = createHash("sha256").update(script, "utf8").digest("base64");
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, "index.html");
  writeFileSync(path, pageDocument(script, hash));
  return { path, scriptBytes: Buffer.byteLength(script) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const page = await buildWebPage();
  console.log(`${page.path}: script ${(page.scriptBytes / 1024).toFixed(0)} KB`);
}
