/**
 * The round-3 fixture's `bias_scan` cases (AIF360 0.6.1 MDSS on COMPAS) through the conformance
 * runner. Needs ../shared (the fixture and datasets/compas-scores-two-years.csv); skipped with a
 * message when it is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runFixture } from "../conformance/runner.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const shared = resolve(root, "../shared");
const fixturePath = [
  resolve(root, "test/fixtures/round3_reference.json"),
  resolve(shared, "fixtures/round3_reference.json"),
].find(existsSync);
const datasets = resolve(shared, "datasets");
const present =
  fixturePath !== undefined && existsSync(resolve(datasets, "compas-scores-two-years.csv"));

describe.skipIf(!present)(
  "bias_scan conformance with AIF360's MDSS (needs ../shared: round-3 fixture and COMPAS)",
  () => {
    it("every bias_scan case passes", () => {
      const fixture = JSON.parse(readFileSync(fixturePath!, "utf8"));
      const cases = fixture.cases.filter((c: { kind: string }) => c.kind === "bias_scan");
      expect(cases.length).toBeGreaterThan(0);
      const results = runFixture({ ...fixture, cases }, [datasets]);
      expect(
        results.map((r) => `${r.name}: ${r.status}${r.message ? ` ${r.message}` : ""}`),
      ).toEqual(results.map((r) => `${r.name}: pass`));
    }, 120_000);
  },
);

describe.runIf(!present)("bias_scan conformance", () => {
  it("is skipped: ../shared (round-3 fixture and COMPAS) is absent", () => {
    expect(present).toBe(false);
  });
});
