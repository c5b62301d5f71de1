/**
 * Runs the `@example` blocks of every doc comment in src/, so the documented outputs cannot
 * drift. A statement followed by `// => value` (on its line or the next) must evaluate to
 * `value` (a JS literal, or `TypedArrayName [..]`; numbers to 1e-12 relative, since documented
 * values often come from the reference libraries). Examples run with the exports of their own
 * module, of every public entry (the root and its subpaths) and the count-metric declarations in
 * scope.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import * as calibrationEntry from "../../src/calibration/index.js";
import * as clinicalEntry from "../../src/clinical/index.js";
import * as gateEntry from "../../src/gate/index.js";
import * as root from "../../src/index.js";
import * as membershipEntry from "../../src/membership/index.js";
import * as countMetrics from "../../src/metrics/counts.js";
import * as metricsEntry from "../../src/metrics/index.js";
import * as mitigationEntry from "../../src/mitigation/index.js";
import * as multiclassEntry from "../../src/multiclass/index.js";
import * as parallelEntry from "../../src/parallel/index.js";
import * as regressionEntry from "../../src/regression/index.js";
import * as reportEntry from "../../src/report/index.js";
import * as scanEntry from "../../src/scan/index.js";
import * as schemasEntry from "../../src/schemas/index.js";
import * as standardizationEntry from "../../src/standardization/index.js";
import * as streamEntry from "../../src/stream/index.js";
import * as uncertaintyEntry from "../../src/uncertainty/index.js";

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The text of each `@example` block, comment markers removed. */
function examples(source: string): string[] {
  const blocks: string[] = [];
  for (const comment of source.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const lines = comment[1]!.split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
    let current: string[] | undefined;
    for (const line of lines) {
      if (line.startsWith("@example")) {
        if (current) blocks.push(current.join("\n"));
        current = [];
      } else if (line.startsWith("@")) {
        if (current) blocks.push(current.join("\n"));
        current = undefined;
      } else if (current) current.push(line);
    }
    if (current) blocks.push(current.join("\n"));
  }
  return blocks.filter((b) => b.includes("// =>"));
}

/** Rewrites `stmt; // => value` into a check call. */
function instrument(example: string): string {
  const out: string[] = [];
  let statement: string[] = [];
  let last = "";
  for (const raw of example.split("\n")) {
    const [code = "", expected] = raw.split("// =>");
    if (code.trim() === "" && expected !== undefined) {
      out.push(
        `__check(${JSON.stringify(last)}, () => (${last}), ${JSON.stringify(expected.trim())});`,
      );
      continue;
    }
    statement.push(code);
    if (!code.trim().endsWith(";")) continue;
    const text = statement.join("\n").trim().replace(/;$/, "");
    statement = [];
    if (expected !== undefined) {
      out.push(
        `__check(${JSON.stringify(text)}, () => (${text}), ${JSON.stringify(expected.trim())});`,
      );
      last = "";
    } else if (/^(const|let|try|for|if)\b/.test(text)) {
      out.push(`${text};`);
      last = "";
    } else {
      out.push(`${text};`);
      last = text;
    }
  }
  const checks = out.filter((l) => l.startsWith("__check(")).length;
  const markers = example.split("// =>").length - 1;
  if (checks !== markers || statement.join("").trim() !== "") {
    throw new Error(
      `example not understood (each "// =>" must follow a statement ending in ";"):\n${example}`,
    );
  }
  return out.join("\n");
}

const TYPED = /^(Uint8Array|Uint32Array|Int32Array|Float64Array|Float32Array) (\[.*\])$/;

function check(source: string, actual: () => unknown, expected: string) {
  const typed = TYPED.exec(expected);
  const value = actual();
  if (typed) {
    expect(value, source).toBeInstanceOf(
      (globalThis as Record<string, unknown>)[typed[1]!] as never,
    );
    expect(Array.from(value as ArrayLike<number>), source).toEqual(JSON.parse(typed[2]!));
    return;
  }
  expectNear(source, value, new Function(`return (${expected});`)());
}

function expectNear(source: string, actual: unknown, expected: unknown): void {
  if (typeof expected === "number" && typeof actual === "number" && Number.isFinite(expected)) {
    const tolerance = 1e-12 * Math.max(1, Math.abs(expected));
    expect(Math.abs(actual - expected), `${source}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      tolerance,
    );
  } else if (Array.isArray(expected) && Array.isArray(actual)) {
    expect(actual.length, source).toBe(expected.length);
    expected.forEach((e, i) => {
      expectNear(source, actual[i], e);
    });
  } else if (
    expected !== null &&
    typeof expected === "object" &&
    actual !== null &&
    typeof actual === "object"
  ) {
    expect(Object.keys(actual).sort(), source).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) {
      expectNear(
        source,
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
      );
    }
  } else {
    expect(actual, source).toEqual(expected);
  }
}

describe("doc comment examples", () => {
  for (const file of sourceFiles(srcDir)) {
    const blocks = examples(readFileSync(file, "utf8"));
    blocks.forEach((block, i) => {
      it(`${relative(srcDir, file)} example ${i + 1}`, async () => {
        const own = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
        // fairscope/tfjs examples also see `tf` and the subpath's exports.
        const tfjsScope = relative(srcDir, file).startsWith("tfjs")
          ? { tf: await import("@tensorflow/tfjs"), ...(await import("../../src/tfjs/index.js")) }
          : {};
        const scope = {
          ...countMetrics,
          ...root,
          ...calibrationEntry,
          ...clinicalEntry,
          ...gateEntry,
          ...membershipEntry,
          ...metricsEntry,
          ...mitigationEntry,
          ...multiclassEntry,
          ...parallelEntry,
          ...regressionEntry,
          ...reportEntry,
          ...scanEntry,
          ...schemasEntry,
          ...standardizationEntry,
          ...streamEntry,
          ...uncertaintyEntry,
          ...tfjsScope,
          ...own,
          __check: check,
        };
        const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
        const body = instrument(block);
        // An async function body, so that examples of asynchronous functions can `await`.
        const AsyncFunction = (async () => undefined).constructor as new (
          ...args: string[]
        ) => (...values: unknown[]) => Promise<void>;
        await new AsyncFunction(...names, body)(
          ...names.map((n) => (scope as Record<string, unknown>)[n]),
        );
      });
    });
  }
});
