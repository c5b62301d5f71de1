/**
 * The public surface: the root entry stays small and free of zod schemas, each of its names has a
 * topic (`@category`, in the order of package.json's `typedocOptions.categoryOrder`) so the API
 * reference reads by topic, and a name exported by several entries (the root and a topic subpath)
 * is always the same declaration.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  typedocOptions: { entryPoints: string[]; categoryOrder: string[] };
  exports: Record<string, unknown>;
};
const entries = pkg.typedocOptions.entryPoints.map((e) => join(root, e));
const program = ts.createProgram(entries, {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();

function exportsOf(file: string): ts.Symbol[] {
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error(`no source ${file}`);
  const module = checker.getSymbolAtLocation(source);
  return module === undefined ? [] : checker.getExportsOfModule(module);
}

function declarationOf(symbol: ts.Symbol): ts.Declaration | undefined {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return target.declarations?.[0];
}

describe("public surface", () => {
  it("the root entry exports at most 120 names, no zod schema among them", () => {
    const names = exportsOf(join(root, "src/index.ts")).map((s) => s.name);
    expect(names.length).toBeLessThanOrEqual(120);
    expect(names.filter((n) => n.endsWith("Schema"))).toEqual([]);
  }, 60_000);

  it("every entry point is in package.json exports and each name has one declaration", () => {
    const subpaths = Object.keys(pkg.exports);
    const seen = new Map<string, ts.Declaration>();
    const clashes: string[] = [];
    for (const entry of entries) {
      const name = entry.slice(root.length + 1).replace(/^src\//, "");
      const subpath = name === "index.ts" ? "." : `./${name.replace(/\/index\.ts$/, "")}`;
      expect(subpaths).toContain(subpath);
      for (const symbol of exportsOf(entry)) {
        const declaration = declarationOf(symbol);
        if (declaration === undefined) continue;
        const previous = seen.get(symbol.name);
        if (previous !== undefined && previous !== declaration) clashes.push(symbol.name);
        seen.set(symbol.name, declaration);
      }
    }
    expect(clashes).toEqual([]);
  }, 60_000);

  it("every root export has one @category, a topic of typedocOptions.categoryOrder, and every topic is used", () => {
    const topics = pkg.typedocOptions.categoryOrder.filter((c) => c !== "*");
    const used = new Set<string>();
    const wrong = exportsOf(join(root, "src/index.ts")).flatMap((symbol) => {
      const declaration = declarationOf(symbol);
      const categories = (declaration === undefined ? [] : ts.getJSDocTags(declaration))
        .filter((tag) => tag.tagName.text === "category")
        .map((tag) => ts.getTextOfJSDocComment(tag.comment)?.trim() ?? "");
      for (const c of categories) used.add(c);
      return categories.length === 1 && topics.includes(categories[0]!)
        ? []
        : [`${symbol.name}: ${categories.join(", ") || "no @category"}`];
    });
    expect(wrong).toEqual([]);
    expect([...used].sort()).toEqual([...topics].sort());
  }, 60_000);
});
