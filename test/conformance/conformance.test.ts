import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readFixture, runFixture, summarize } from "./runner.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const shared = resolve(root, "../shared/datasets");
const fixture = readFixture(resolve(root, "test/fixtures/fairlearn_reference.json"));
const results = runFixture(fixture, [resolve(root, "examples/data"), shared]);

describe("conformance with the reference fixture (Fairlearn, AIF360, scikit-learn, statsmodels)", () => {
  it("no case fails", () => {
    const failures = results
      .filter((r) => r.status === "fail")
      .map((r) => `${r.name}: ${r.message}`);
    expect(failures, summarize(results)).toEqual([]);
  });

  it.runIf(!existsSync(shared))("COMPAS cases are skipped: ../shared/datasets is absent", () => {
    expect(results.some((r) => r.status === "skipped")).toBe(true);
  });

  it.runIf(existsSync(shared))("every dataset case ran (../shared/datasets is present)", () => {
    expect(results.filter((r) => r.status === "skipped")).toEqual([]);
  });

  for (const kind of ["metrics", "metrics_control", "metrics_error"]) {
    it(`every ${kind} case is supported`, () => {
      expect(results.filter((r) => r.kind === kind && r.status === "unsupported")).toEqual([]);
    });
  }
});
