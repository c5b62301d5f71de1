import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readFixture, runFixture, summarize } from "./runner.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const shared = resolve(root, "../shared");
const path = resolve(shared, "fixtures/round3_reference.json");
const KINDS = ["regression", "multiclass", "aif360_individual"];

describe.runIf(existsSync(path))(
  "conformance of the task-type kinds (round-3 reference fixture)",
  () => {
    const fixture = readFixture(path);
    const cases = { ...fixture, cases: fixture.cases.filter((c) => KINDS.includes(c.kind)) };
    const results = runFixture(cases, [
      resolve(root, "examples/data"),
      resolve(shared, "datasets"),
    ]);
    for (const kind of KINDS) {
      it(`every ${kind} case passes`, () => {
        const mine = results.filter((r) => r.kind === kind);
        const lines = mine.map((r) => `${r.status} ${r.name}${r.message ? `: ${r.message}` : ""}`);
        expect(mine.length).toBeGreaterThan(0);
        expect(
          lines.filter((l) => !l.startsWith("pass")),
          `${kind}: ${summarize(mine)}`,
        ).toEqual([]);
      });
    }
  },
);

it.runIf(!existsSync(path))(
  "task-type conformance is skipped: ../shared/fixtures is absent",
  () => {
    expect(existsSync(path)).toBe(false);
  },
);
