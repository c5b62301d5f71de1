/**
 * `fairscope audit|gate --task regression|multiclass` on bundled data.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const hours = join(root, "examples/data/adult-test-hours.csv");
// Intervals are checked in one test; the others leave the bootstrap out.
const regression = [
  "--ci",
  "none",
  "--task",
  "regression",
  "--label",
  "hours_per_week",
  "--pred",
  "predicted_hours",
  "--group",
  "sex",
];

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { text: () => string };
  w.text = () => chunks.join("");
  return w;
}

async function cli(args: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = await run(args, { stdin: Readable.from([]), stdout, stderr, env: {} });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe("CLI --task", { timeout: 60_000 }, () => {
  it("audit --task regression prints the regression report of the Adult hours predictions", async () => {
    const { code, out } = await cli(["audit", hours, ...regression]);
    expect(code).toBe(0);
    expect(out).toContain("Mean absolute error difference");
    const json = JSON.parse((await cli(["audit", hours, ...regression, "--format", "json"])).out);
    // Fairlearn MetricFrame(mean_absolute_error) on the same data, fixture adult_test_hours_sex.
    expect(
      json.groups.map(
        (g: { values: { meanAbsoluteError: { value: number } } }) =>
          g.values.meanAbsoluteError.value,
      )[0],
    ).toBeCloseTo(8.168245631433315, 12);
  });

  it("gate --task regression applies a policy rule on a regression criterion", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fairscope-task-"));
    const policy = join(dir, "policy.json");
    writeFileSync(
      policy,
      JSON.stringify({ rules: [{ criterion: "meanAbsoluteErrorDifference", max: 0.1 }] }),
    );
    expect((await cli(["gate", hours, ...regression, "--policy", policy])).code).toBe(1);
    writeFileSync(
      policy,
      JSON.stringify({ rules: [{ criterion: "meanAbsoluteErrorDifference", max: 1 }] }),
    );
    expect((await cli(["gate", hours, ...regression, "--policy", policy])).code).toBe(0);
  });

  it("audit --task multiclass reads classes from --label and --pred", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fairscope-task-"));
    const file = join(dir, "triage.csv");
    writeFileSync(file, "y,yhat,g\nlow,low,a\nmid,high,a\nhigh,high,b\nlow,mid,b\n");
    const { code, out } = await cli([
      "audit",
      file,
      "--task",
      "multiclass",
      "--label",
      "y",
      "--pred",
      "yhat",
      "--group",
      "g",
      "--format",
      "json",
    ]);
    expect(code).toBe(0);
    expect(
      JSON.parse(out).groups.map(
        (g: { values: { accuracy: { value: number } } }) => g.values.accuracy.value,
      ),
    ).toEqual([0.5, 0.5]);
  });

  it("audit --task regression|multiclass shows seeded intervals, none for small groups, none with --ci none", async () => {
    const args = ["audit", hours, ...regression.slice(2), "--n-boot", "50", "--seed", "5"];
    const text = await cli(args);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Mean absolute error difference +[\d.]+ \[[\d.]+, [\d.]+\]/);
    const json = JSON.parse((await cli([...args, "--ci", "0.9", "--format", "json"])).out);
    expect(json.metadata.seed).toBe(5);
    expect(json.metadata.options.intervals).toMatchObject({ level: 0.9, nBoot: 50 });
    const mae = json.criteria.find(
      (c: { id: string }) => c.id === "meanAbsoluteErrorDifference",
    ).interval;
    expect(mae).toMatchObject({ level: 0.9, method: "percentileBootstrap" });
    expect(mae.lower).toBeLessThan(mae.upper);
    expect(JSON.parse((await cli([...args, "--format", "json"])).out).criteria).toEqual(
      JSON.parse((await cli([...args, "--format", "json"])).out).criteria,
    );
    const off = JSON.parse((await cli([...args, "--ci", "none", "--format", "json"])).out);
    expect(off.metadata.options.intervals).toBeNull();

    const dir = mkdtempSync(join(tmpdir(), "fairscope-task-"));
    const file = join(dir, "triage.csv");
    writeFileSync(file, "y,yhat,g\nlow,low,a\nmid,high,a\nhigh,high,b\nlow,mid,b\n");
    const multiclass = ["audit", file, "--task", "multiclass", "--label", "y", "--pred", "yhat"];
    const small = JSON.parse((await cli([...multiclass, "--group", "g", "--format", "json"])).out);
    const withheld = { lower: null, upper: null, method: "none", reason: "smallDenominator" };
    expect(small.groups[0].values.accuracy.interval).toMatchObject(withheld);
    for (const c of small.criteria) expect(c.interval).toMatchObject(withheld);
  });

  it("audit --task regression names the row of a non-numeric target", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fairscope-task-"));
    const file = join(dir, "bad.csv");
    writeFileSync(file, "y,yhat,g\n1,2,a\nx,2,b\n");
    const { code, err } = await cli([
      "audit",
      file,
      "--task",
      "regression",
      "--label",
      "y",
      "--pred",
      "yhat",
      "--group",
      "g",
    ]);
    expect(code).toBe(2);
    expect(err).toContain("--label y row 2");
  });
});
