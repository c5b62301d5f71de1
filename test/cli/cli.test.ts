/**
 * The fairscope command on the bundled example data: `run` in-process (the CLI without the
 * process), and the process itself (through tsx) for help, version and exit codes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { FairnessReportSchema } from "../../src/schemas/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const adult = join(root, "examples/data/adult-test-scored.csv");
const ADULT = [adult, "--label", "income", "--score", "lr_score"];
const tmp = mkdtempSync(join(tmpdir(), "fairscope-cli-"));

/** The CLI in this process, with the process's streams replaced. */
async function cli(args: readonly string[], input?: string) {
  const sink = () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    return { stream, text: () => chunks.join("") };
  };
  const out = sink();
  const err = sink();
  const code = await run(args, {
    stdin: Readable.from(input === undefined ? [] : [input]),
    stdout: out.stream,
    stderr: err.stream,
    env: { NO_COLOR: "1" },
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** The CLI as a process. */
function fairscope(args: readonly string[], input?: string) {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", join(root, "src/cli/main.ts"), ...args],
    {
      cwd: root,
      encoding: "utf8",
      input,
      env: { ...process.env, NO_COLOR: "1" },
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("fairscope CLI", { timeout: 60_000 }, () => {
  it("audit prints the text report of the Adult example and exits 0", async () => {
    const r = await cli(["audit", ...ADULT, "--group", "sex", "--group", "race"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Fairness report \(fairscope /);
    expect(r.stdout).toContain("Male, White");
    expect(r.stdout).toContain("16281 rows");
    expect(r.stdout).not.toContain("\u001b[");
    for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
  });

  it("gate exits 0 with the passing policy and 1 with the failing one", async () => {
    const pass = await cli([
      "gate",
      ...ADULT,
      "--group",
      "sex",
      "--policy",
      "examples/policies/pass.json",
    ]);
    expect(pass.code).toBe(0);
    expect(pass.stdout).toMatch(/Gate passed: 4 of 5 checks passed\n$/);
    const fail = await cli([
      "gate",
      ...ADULT,
      "--group",
      "sex",
      "--policy",
      "examples/policies/fail.json",
      "--format",
      "junit",
    ]);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain('tests="3" failures="3" errors="0"');
  });

  it("exits 2 on usage errors and on invalid input, printing the issues", async () => {
    const noLabel = await cli(["audit", adult, "--score", "lr_score", "--group", "sex"]);
    expect(noLabel.code).toBe(2);
    expect(noLabel.stderr).toContain("--label <column> is required");
    const unknown = await cli(["audit", ...ADULT, "--group", "sex", "--bogus"]);
    expect(unknown.code).toBe(2);
    const column = await cli(["audit", ...ADULT, "--group", "gender"]);
    expect(column.code).toBe(2);
    expect(column.stderr).toContain('no column "gender"');
    const scores = await cli([
      "audit",
      adult,
      "--label",
      "income",
      "--score",
      "age",
      "--group",
      "sex",
    ]);
    expect(scores.code).toBe(2);
    expect(scores.stderr).toContain("--score age row 1: expected a probability in [0, 1], got 25");
    const policy = join(tmp, "bad-policy.json");
    writeFileSync(policy, JSON.stringify({ rules: [{ criterion: "demographicParityRatio" }] }));
    const bad = await cli(["gate", ...ADULT, "--group", "sex", "--policy", policy]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("policy.rules.0.max");
    const ref = await cli(["audit", ...ADULT, "--group", "sex", "--reference", "Nobody"]);
    expect(ref.code).toBe(2);
    expect(ref.stderr).toContain('no rows in group "Nobody"');
  });

  it("--help and --version", () => {
    const help = fairscope(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Exit codes: 0 passed, 1 a policy check failed, 2 usage");
    expect(fairscope(["--version"]).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(fairscope([]).code).toBe(2);
  });

  it("--format json --out writes a report the schema validates; a named reference is used", async () => {
    const out = join(tmp, "report.json");
    const r = await cli([
      "audit",
      ...ADULT,
      "--group",
      "sex",
      "--reference",
      "Female",
      "--seed",
      "3",
      "--format",
      "json",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const report = FairnessReportSchema.parse(JSON.parse(readFileSync(out, "utf8")));
    expect(report.reference).toBe("Female");
    expect(report.metadata.seed).toBe(3);
    // gate a saved report
    const g = await cli(["gate", "--report", out, "--policy", "examples/policies/fail.json"]);
    expect(g.code).toBe(1);
  });

  it("gate --report takes an audit report only, and says what a file holds when it is not one", async () => {
    const gated = join(tmp, "gated.json");
    const policy = ["--policy", "examples/policies/fail.json"];
    const g = await cli(["gate", ...ADULT, "--group", "sex", ...policy, "--out", gated]);
    expect(g.code).toBe(1);
    const again = await cli(["gate", "--report", gated, ...policy]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      `${gated} is the JSON output of fairscope gate ({ gate, report })`,
    );
    expect(again.stderr).toContain("--report expects an audit report");
    // Its report field is an audit report, and gates as before.
    const inner = join(tmp, "inner.json");
    writeFileSync(inner, JSON.stringify(JSON.parse(readFileSync(gated, "utf8")).report));
    expect((await cli(["gate", "--report", inner, ...policy])).code).toBe(1);
    for (const [text, given] of [
      ["[1]", "holds an array"],
      ["3", "holds number"],
      ['{"foo":1}', "is a JSON object without schemaVersion"],
    ] as const) {
      const file = join(tmp, "notReport.json");
      writeFileSync(file, text);
      const r = await cli(["gate", "--report", file, ...policy]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${file} ${given}; --report expects an audit report`);
    }
  });

  it("reads JSON Lines from stdin and labels with --pos-label", async () => {
    const lines = [
      { y: "yes", p: 0.9, g: "a" },
      { y: "no", p: 0.2, g: "a" },
      { y: "yes", p: 0.4, g: "b" },
      { y: "no", p: 0.6, g: "b" },
    ]
      .map((o) => JSON.stringify(o))
      .join("\n");
    const r = await cli(
      [
        "audit",
        "-",
        "--input-format",
        "jsonl",
        "--label",
        "y",
        "--pos-label",
        "yes",
        "--score",
        "p",
        "--group",
        "g",
        "--format",
        "json",
      ],
      lines,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(
      report.groups.map(
        (g: { values: { selectionRate: { value: number } } }) => g.values.selectionRate.value,
      ),
    ).toEqual([0.5, 0.5]);
  });

  it("--format html writes a self-contained document with inline SVG charts", async () => {
    const out = join(tmp, "report.html");
    const r = await cli(["audit", ...ADULT, "--group", "sex", "--format", "html", "--out", out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script/i);
  });
});
