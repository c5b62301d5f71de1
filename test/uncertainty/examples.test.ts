/**
 * Evaluates every `@example` of src/uncertainty so the documentation cannot drift: the code
 * before `// =>` runs with the module's public API (and the registry's count metrics) in scope,
 * and its value must equal the written one (numbers to 1e-12 relative).
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as counts from "../../src/metrics/counts.js";
import * as api from "../../src/uncertainty/index.js";
import { sortedWithoutNaN } from "../../src/uncertainty/quantile.js";

const dir = fileURLToPath(new URL("../../src/uncertainty/", import.meta.url));
const scope: Record<string, unknown> = { ...counts, ...api, sortedWithoutNaN };

interface Example {
  readonly where: string;
  readonly statements: string;
  readonly expression: string;
  readonly expected: string;
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const lines = readFileSync(`${dir}${file}`, "utf8").split("\n");
    lines.forEach((line, i) => {
      if (!line.includes("@example")) return;
      const body: string[] = [];
      for (let j = i + 1; j < lines.length; j++) {
        const l = lines[j] as string;
        if (/^\s*\*\//.test(l) || /^\s*\*\s*@/.test(l)) break;
        body.push(l.replace(/^\s*\* ?/, ""));
      }
      const text = body.join("\n");
      const marker = text.indexOf("// =>");
      if (marker < 0) return;
      const code = text.slice(0, marker).trim().replace(/;$/, "");
      const cut = code.lastIndexOf(";\n");
      found.push({
        where: `${file}:${i + 1}`,
        statements: cut < 0 ? "" : code.slice(0, cut + 1),
        expression: cut < 0 ? code : code.slice(cut + 2),
        expected: text
          .slice(marker + 5)
          .split("\n")[0]!
          .trim(),
      });
    });
  }
  return found;
}

describe("@example lines of src/uncertainty", () => {
  const all = examples();

  it("finds the examples", () => {
    expect(all.length).toBeGreaterThanOrEqual(15);
  });

  it.each(all.map((e) => [e.where, e] as const))("%s evaluates to its documented value", (_, e) => {
    const names = Object.keys(scope);
    const run = new Function(...names, `${e.statements}\nreturn (${e.expression});`);
    const actual = run(...names.map((n) => scope[n]));
    const expected = JSON.parse(e.expected) as unknown;
    if (typeof expected === "number") {
      expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
        1e-12 * Math.abs(expected),
      );
    } else {
      expect(actual).toEqual(expected);
    }
  });
});
