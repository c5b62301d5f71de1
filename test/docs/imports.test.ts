/**
 * Every name a code block of README.md or docs/*.md imports from `fairscope` or a subpath
 * (`fairscope/tfjs`, `npm:fairscope`, …) is exported by that entry point, so the guides cannot
 * drift from the public surface.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const docs = join(root, "docs");
const pages = [
  join(root, "README.md"),
  ...readdirSync(docs)
    .filter((f) => f.endsWith(".md"))
    .map((f) => join(docs, f)),
];

const IMPORT =
  /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*["'](?:npm:|https:\/\/esm\.sh\/|https:\/\/cdn\.jsdelivr\.net\/npm\/)?(fairscope(?:\/[a-z]+)?)(?:\/\+esm)?["']/g;
const FENCE = /^```(?:ts|typescript|js|javascript|mjs|html)\s*$([\s\S]*?)^```/gm;

/** [entry specifier, imported name, is it a type-only import] for each code-block import. */
function imports(page: string): [string, string, boolean][] {
  const found: [string, string, boolean][] = [];
  for (const [, code] of readFileSync(page, "utf8").matchAll(FENCE)) {
    for (const m of code!.matchAll(IMPORT)) {
      const typeOnly = /^import\s+type\b/.test(m[0]);
      for (const part of m[1]!.split(",")) {
        const spec = part.trim();
        if (spec === "") continue;
        const isType = typeOnly || spec.startsWith("type ");
        const name = spec
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)[0]!
          .trim();
        found.push([m[2]!, name, isType]);
      }
    }
  }
  return found;
}

function entryFile(specifier: string): string {
  const sub = specifier.slice("fairscope".length);
  return join(root, "src", sub === "" ? "index.ts" : `${sub.slice(1)}/index.ts`);
}

describe("names imported by the docs' code blocks", () => {
  it.each(pages.map((p) => [relative(root, p), p]))("%s", async (_, page) => {
    const missing: string[] = [];
    for (const [specifier, name, isType] of imports(page!)) {
      const file = entryFile(specifier);
      if (!existsSync(file)) {
        missing.push(`${specifier} (no entry point)`);
        continue;
      }
      if (specifier.endsWith("/tfjs")) {
        // tfjs is an optional peer: read the entry's text instead of loading it.
        if (!new RegExp(`\\b${name}\\b`).test(readFileSync(file, "utf8"))) {
          missing.push(`${name} from ${specifier}`);
        }
        continue;
      }
      const exported = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const declared = new RegExp(`\\b${name}\\b`).test(readFileSync(file, "utf8"));
      if (!(name in exported) && !(isType && declared)) missing.push(`${name} from ${specifier}`);
    }
    expect(missing, `imports in ${relative(root, page!)} that the entry does not export`).toEqual(
      [],
    );
  });
});
