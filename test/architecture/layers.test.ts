import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The layers of src/, lowest first. A folder may import from its own layer and the layers below,
 * never from a layer above; the entry points (files at the root of src/ and the subpath entries
 * listed in package.json's `typedocOptions.entryPoints`) may import anything.
 * A new top folder of src/ must be added here, at the layer of what it imports and of who
 * imports it.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["data"],
  ["stats"],
  ["metrics"],
  ["disparity"],
  ["uncertainty"],
  ["frame"],
  [
    "calibration",
    "mitigation",
    "stream",
    "parallel",
    "io",
    "clinical",
    "regression",
    "multiclass",
    "inequality",
    "individual",
    "privileged",
    "shares",
    "membership",
    "standardization",
    "survival",
    "scan",
  ],
  ["report"],
  ["gate", "sql", "tfjs", "schemas"],
  ["cli", "web"],
];

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");
const ENTRY_POINTS = new Set(
  (
    JSON.parse(readFileSync(join(src, "../package.json"), "utf8")) as {
      typedocOptions: { entryPoints: string[] };
    }
  ).typedocOptions.entryPoints.map((e) => e.replace(/^src\//, "")),
);
const IMPORT =
  /(?:^|\s)(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Every relative import of src/**\/*.ts as [importing file, imported file], relative to src/. */
function imports(): [string, string][] {
  const files = (readdirSync(src, { recursive: true }) as string[])
    .map((f) => f.split("\\").join("/"))
    .filter((f) => f.endsWith(".ts"));
  return files.flatMap((file) =>
    [...readFileSync(join(src, file), "utf8").matchAll(IMPORT)]
      .map((m) => (m[1] ?? m[2])!)
      .filter((spec) => spec.startsWith(".") && !(file.includes("/") && ENTRY_POINTS.has(file)))
      .map((spec): [string, string] => [file, posix.join(posix.dirname(file), spec)]),
  );
}

const folderOf = (file: string) => (file.includes("/") ? file.split("/")[0]! : undefined);

describe("src/ layers", () => {
  const edges = imports();
  const folders = new Set(
    (readdirSync(src, { withFileTypes: true }) as { name: string; isDirectory(): boolean }[])
      .filter((d) => d.isDirectory())
      .map((d) => d.name),
  );
  const rank = new Map(LAYERS.flatMap((layer, i) => layer.map((f) => [f, i] as const)));

  it("reads the imports of every module", () => {
    // The entry point alone re-exports from every folder.
    const fromIndex = new Set(edges.filter(([f]) => f === "index.ts").map(([, t]) => folderOf(t)));
    expect([...fromIndex].sort()).toEqual(expect.arrayContaining(["data", "frame", "report"]));
  });

  it("every top folder of src/ is declared in a layer", () => {
    const undeclared = [...folders].filter((f) => !rank.has(f));
    expect(
      undeclared,
      `declare these folders of src/ in LAYERS of test/architecture/layers.test.ts, at the layer of what they import: ${undeclared.join(", ")}`,
    ).toEqual([]);
  });

  it("no folder imports from a higher layer", () => {
    const upward = edges.flatMap(([from, to]) => {
      const a = folderOf(from);
      const b = folderOf(to);
      if (a === undefined || b === undefined || a === b) return [];
      return rank.get(b)! > rank.get(a)!
        ? [`${from} imports ${relative(".", to)} (${a} → ${b})`]
        : [];
    });
    expect(upward, "imports from a higher layer (see LAYERS)").toEqual([]);
  });

  it("the folder import graph has no cycle", () => {
    const graph = new Map<string, Set<string>>();
    for (const [from, to] of edges) {
      const a = folderOf(from);
      const b = folderOf(to);
      if (a === undefined || b === undefined || a === b) continue;
      graph.set(a, (graph.get(a) ?? new Set()).add(b));
    }
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === "done") return;
      if (state.get(node) === "open") {
        cycles.push([...path.slice(path.indexOf(node)), node].join(" → "));
        return;
      }
      state.set(node, "open");
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, "done");
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
