/**
 * `fairscope audit --engine duckdb`: the same count metrics, gaps and criteria as the memory
 * engine on the bundled Adult data (CSV, and Parquet written by DuckDB), and clear usage errors
 * for what the engine does not compute.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { commandHelp, run } from "../../src/cli/run.js";
import type { FairnessReportData } from "../../src/report/types.js";
import { runDuckDb } from "../../src/sql/duckdb.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const scored = join(root, "examples/data/adult-test-scored.csv");
const dir = mkdtempSync(join(tmpdir(), "fairscope-cli-duckdb-"));
const weightedCsv = join(dir, "adult-weighted.csv");
const parquet = join(dir, "adult-weighted.parquet");

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

async function cli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await run(args, { stdin: Readable.from([]), stdout, stderr, env: {} });
  return { code, out: stdout.text(), err: stderr.text() };
}

async function report(args: readonly string[]): Promise<FairnessReportData> {
  const { code, out, err } = await cli([...args, "--format", "json"]);
  expect(err).toBe("");
  expect(code).toBe(0);
  return JSON.parse(out) as FairnessReportData;
}

/**
 * Every value of the DuckDB report equals the memory report's value of the same metric, to 1e-12
 * (relative for sums of weights).
 */
function expectSameCountMetrics(duck: FairnessReportData, memory: FairnessReportData): void {
  const close = (a: number | null | undefined, b: number | null | undefined) => {
    if (a === null || b === null || a === undefined || b === undefined) expect(a).toBe(b);
    else expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
  };
  const ids = duck.metrics.map((m) => m.id);
  expect(ids.length).toBeGreaterThan(5);
  for (const id of ids) expect(memory.metrics.map((m) => m.id)).toContain(id);
  expect(duck.groups.map((g) => g.label)).toEqual(memory.groups.map((g) => g.label));
  expect(duck.reference).toBe(memory.reference);
  duck.groups.forEach((g, i) => {
    const m = memory.groups[i]!;
    expect(g.count).toBe(m.count);
    close(g.weight, m.weight);
    for (const id of ids) close(g.values[id]!.value, m.values[id]!.value);
  });
  for (const id of ids) close(duck.overall[id]!.value, memory.overall[id]!.value);
  for (const d of duck.disparities) {
    const m = memory.disparities.find((x) => x.metric === d.metric)!;
    close(d.difference.value, m.difference.value);
    close(d.ratio.value, m.ratio.value);
    close(d.betweenGroups.difference.value, m.betweenGroups.difference.value);
    d.gaps.forEach((gap, i) => {
      close(gap.difference.value, m.gaps[i]!.difference.value);
    });
  }
  expect(duck.criteria.map((c) => c.id)).toEqual(memory.criteria.map((c) => c.id));
  duck.criteria.forEach((c, i) => {
    close(c.value, memory.criteria[i]!.value);
  });
  expect(duck.metadata.input.rows).toBe(memory.metadata.input.rows);
  close(duck.metadata.input.weightSum, memory.metadata.input.weightSum);
  close(duck.metadata.input.baseRate, memory.metadata.input.baseRate);
}

// The scored Adult test split with a made-up weight column (1, 4/3, 5/3, …, 3 by row number) and
// the label as text, written as CSV, then as Parquet by DuckDB itself.
beforeAll(async () => {
  const lines = readFileSync(scored, "utf8").trim().split("\n");
  const [header, ...rows] = lines;
  const out = [`${header},w,income_text`];
  rows.forEach((line, i) => {
    const income = line.split(",")[3];
    out.push(`${line},${1 + (i % 7) / 3},${income === "1" ? ">50K" : "<=50K"}`);
  });
  writeFileSync(weightedCsv, `${out.join("\n")}\n`);
  await runDuckDb({
    sql: `COPY (SELECT * FROM read_csv_auto('${weightedCsv}')) TO '${parquet}' (FORMAT parquet)`,
    params: [],
  });
}, 60_000);

describe("audit --engine duckdb", { timeout: 120_000 }, () => {
  it("gives the memory engine's count metrics, gaps and criteria on Adult (scores)", async () => {
    const args = ["audit", scored, "--label", "income", "--score", "lr_score"];
    const groups = ["--group", "sex", "--group", "race"];
    const memory = await report([...args, ...groups, "--ci", "none"]);
    const duck = await report([...args, ...groups, "--engine", "duckdb"]);
    expectSameCountMetrics(duck, memory);
    expect(duck.metadata.options.intervals).toBeNull();
    expect(duck.warnings[0]!.code).toBe("engineDuckDb");
    expect(duck.warnings[0]!.message).toMatch(/count metrics only/);
    expect(duck.calibration).toBeUndefined();
    expect(duck.metrics.map((m) => m.id)).not.toContain("rocAuc");
  });

  it("gives the same numbers with weights, a text --pos-label, a threshold and a named reference", async () => {
    const args = [
      ...["audit", weightedCsv, "--label", "income_text", "--pos-label", ">50K"],
      ...["--score", "lr_score", "--threshold", "0.3", "--threshold-rule", ">"],
      ...["--group", "race", "--weight", "w", "--reference", "Black", "--min-group-size", "200"],
    ];
    const memory = await report([...args, "--ci", "none"]);
    const duck = await report([...args, "--engine", "duckdb"]);
    expectSameCountMetrics(duck, memory);
    expect(duck.reference).toBe("Black");
    expect(duck.metadata.input.weighted).toBe(true);
    expect(duck.warnings.filter((w) => w.code === "smallGroup").map((w) => w.group)).toEqual(
      memory.warnings.filter((w) => w.code === "smallGroup").map((w) => w.group),
    );
  });

  it("reads a Parquet file written by DuckDB to the same numbers as the CSV", async () => {
    const args = [
      ...["--label", "income", "--score", "lr_score", "--group", "sex", "--group", "race"],
      ...["--weight", "w", "--engine", "duckdb"],
    ];
    const fromCsv = await report(["audit", weightedCsv, ...args]);
    const fromParquet = await report(["audit", parquet, ...args]);
    expectSameCountMetrics(fromParquet, fromCsv);
  });

  it("gates on count criteria like the memory engine", async () => {
    const policy = join(dir, "policy.json");
    writeFileSync(
      policy,
      JSON.stringify({ rules: [{ criterion: "demographicParityDifference", max: 0.1 }] }),
    );
    const args = ["gate", scored, "--label", "income", "--score", "lr_score", "--group", "sex"];
    const memory = await cli([...args, "--policy", policy, "--ci", "none"]);
    const duck = await cli([...args, "--policy", policy, "--engine", "duckdb"]);
    expect(memory.code).toBe(1);
    expect(duck.code).toBe(1);
  });

  it("refuses what it does not compute with exit code 2 and a clear message", async () => {
    const base = ["audit", scored, "--label", "income", "--score", "lr_score", "--group", "sex"];
    const duck = [...base, "--engine", "duckdb"];
    const policy = join(dir, "interval-policy.json");
    writeFileSync(
      policy,
      JSON.stringify({
        rules: [{ criterion: "equalizedOddsDifference", max: 0.1, on: "intervalHigh" }],
      }),
    );
    const scorePolicy = join(dir, "auc-policy.json");
    writeFileSync(
      scorePolicy,
      JSON.stringify({ rules: [{ metric: "rocAuc", comparison: "difference", max: 0.1 }] }),
    );
    const cases: [readonly string[], RegExp][] = [
      [[...duck, "--ci", "0.9"], /no confidence intervals/],
      [[...duck, "--n-boot", "100"], /--n-boot is not available/],
      [[...duck, "--metrics", "selectionRate,rocAuc"], /count metrics only, not rocAuc/],
      [[...duck, "--policy", policy], /intervalHigh.*no confidence intervals/],
      [[...duck, "--policy", scorePolicy], /rocAuc.*count metrics only/],
      [[...duck, "--pred", "lr_score"], /exactly one of --score/],
      [
        ["audit", "-", "--label", "y", "--pred", "p", "--group", "g", "--engine", "duckdb"],
        /not stdin/,
      ],
      [[...base, "--engine", "spark"], /--engine must be one of memory, duckdb/],
      [
        ["audit", parquet, "--label", "income", "--score", "lr_score", "--group", "sex"],
        /Parquet files need --engine duckdb/,
      ],
      [
        [...duck.slice(0, 7), "nonexistent", "--engine", "duckdb"],
        /DuckDB could not audit.*nonexistent/,
      ],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await cli(args);
      expect(code, args.join(" ")).toBe(2);
      expect(err).toMatch(message);
    }
  });

  it("is described in audit --help", () => {
    const help = commandHelp("audit");
    expect(help).toMatch(/--engine <e> +memory \(default\) or duckdb/);
    expect(help).toMatch(
      /no confidence\s+intervals, no score metrics \(rocAuc, brierScore\), no calibration/,
    );
  });
});
