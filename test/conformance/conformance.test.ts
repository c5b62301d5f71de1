import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { KINDS } from "./kinds/index.js";
import { type CaseResult, readFixture, runFixture, summarize } from "./runner.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const shared = resolve(root, "../shared/datasets");
const dirs = [resolve(root, "examples/data"), shared];

/**
 * Kinds whose handler compares every recorded value of the public cases. Every case of these
 * must pass; cases of the other kinds may be `unsupported` (naming the kind or the first
 * recorded field nobody compared), never `fail`.
 */
const COMPLETE_KINDS = new Set([
  "bias_scan",
  "metrics",
  "metrics_control",
  "metrics_error",
  "calibration",
  "calibration_flexible",
  "net_benefit",
  "stats",
  "threshold_optimizer",
  "threshold_optimizer_error",
  "calibration_regression",
  "aif360_postprocessing",
  "reductions",
  "regression",
  "multiclass",
  "aif360_individual",
  "aif360",
]);

for (const file of ["fairlearn_reference.json", "round3_reference.json"]) {
  describe(`conformance with ${file}`, () => {
    const results: CaseResult[] = runFixture(
      readFixture(resolve(root, "test/fixtures", file)),
      dirs,
    );

    it("no case fails", () => {
      const failures = results
        .filter((r) => r.status === "fail")
        .map((r) => `${r.name}: ${r.message}`);
      expect(failures, summarize(results)).toEqual([]);
    });

    it("every case of a complete kind passes", () => {
      const other = results
        .filter((r) => COMPLETE_KINDS.has(r.kind) && r.status !== "pass" && r.status !== "skipped")
        .map((r) => `${r.name}: ${r.status} ${r.message}`);
      expect(other).toEqual([]);
    });

    it("an unsupported case names its kind or the recorded field it did not compare", () => {
      for (const r of results.filter((x) => x.status === "unsupported")) {
        const unknownKind = KINDS[r.kind] === undefined;
        expect(r.message, r.name).toMatch(unknownKind ? /^kind / : /./);
      }
    });

    it("a passing case compared values and left none uncompared", () => {
      for (const r of results.filter((x) => x.status === "pass")) {
        expect(r.coverage?.uncovered, r.name).toEqual([]);
        expect(r.coverage!.compared, r.name).toBeGreaterThan(0);
      }
    });

    it.runIf(existsSync(shared))("every dataset case ran (../shared/datasets is present)", () => {
      expect(results.filter((r) => r.status === "skipped")).toEqual([]);
    });
  });
}
