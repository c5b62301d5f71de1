/**
 * `--engine duckdb` on faulty input reads what the memory engine reads: group columns as text
 * (`NaN`, `1.0` and long identifiers kept as written), and refuses probability scores outside
 * [0, 1].
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { groupMetricsOfRows } from "../../src/sql/rows.js";

const tmp = mkdtempSync(join(tmpdir(), "fairscope-duckdb-hostile-"));

async function cli(argv: readonly string[]) {
  const chunks: string[] = [];
  const out: string[] = [];
  const sink = (into?: string[]) =>
    new Writable({
      write(chunk, _enc, done) {
        into?.push(String(chunk));
        done();
      },
    });
  const code = await run(argv, {
    stdin: Readable.from([]),
    stdout: sink(out),
    stderr: sink(chunks),
    env: {},
  });
  return { code, stdout: out.join(""), stderr: chunks.join("") };
}

describe("audit --engine duckdb on faulty input", { timeout: 60_000 }, () => {
  it("rows whose group is written NaN are kept, as the group NaN the memory engine reads", async () => {
    const path = join(tmp, "nan.csv");
    const rows = Array.from({ length: 30 }, (_, i) => `${i % 2},1,${i % 3 === 0 ? "NaN" : i % 3}`);
    writeFileSync(path, `y,p,g\n${rows.join("\n")}\n`);
    const args = ["--label", "y", "--pred", "p", "--group", "g", "--format", "csv"];
    const duck = await cli(["audit", path, "--engine", "duckdb", ...args]);
    const memory = await cli(["audit", path, ...args, "--ci", "none"]);
    expect(duck.code).toBe(0);
    const counts = (csv: string) =>
      csv
        .trim()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",").slice(0, 2).join(","));
    expect(counts(duck.stdout)).toEqual(["overall,30", "1,10", "2,10", "NaN,10"]);
    expect(counts(duck.stdout)).toEqual(counts(memory.stdout));
  });

  it("keeps group codes as text: 1 and 1.0, 2.5 and 2.50, two 20-digit identifiers stay distinct", async () => {
    const path = join(tmp, "codes.csv");
    const codes = ["1", "1.0", "2.5", "2.50", "12345678901234567891", "12345678901234567892"];
    writeFileSync(path, `y,p,g\n${codes.map((g, i) => `${i % 2},1,${g}`).join("\n")}\n`);
    const args = ["--label", "y", "--pred", "p", "--group", "g", "--format", "json"];
    const duck = await cli(["audit", path, "--engine", "duckdb", ...args]);
    expect(duck.code).toBe(0);
    const report = JSON.parse(duck.stdout) as { groups: { key: unknown[] }[] };
    expect(report.groups.map((g) => g.key[0]).sort()).toEqual([...codes].sort());
  });

  it("probability scores of 7.5 and -3 are refused, as the memory engine refuses them", async () => {
    const path = join(tmp, "scores.csv");
    writeFileSync(path, "y,s,g\n1,7.5,a\n0,-3,b\n1,0.5,a\n0,0.2,b\n");
    const args = ["--label", "y", "--score", "s", "--group", "g", "--ci", "none"];
    const duck = await cli(["audit", path, "--engine", "duckdb", ...args]);
    expect(duck.code).toBe(2);
    expect(duck.stderr).toMatch(
      /2 rows are not probabilities in \[0, 1\] \(smallest -3, largest 7.5\)/,
    );
    const memory = await cli(["audit", path, ...args]);
    expect(memory.code).toBe(2);
    // With --margin both engines accept them.
    expect((await cli(["audit", path, "--engine", "duckdb", ...args, "--margin"])).code).toBe(0);
  });
});

describe("groupMetricsOfRows on many groups", () => {
  it("indexes 30,000 groups (two features) with each row's counts in its own group", () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => ({
      g0: `a${i % 300}`,
      g1: Math.floor(i / 300),
      label: 1,
      pred: i % 2,
      n: 1 + (i % 3),
    }));
    const result = groupMetricsOfRows(rows, ["x", "y"], { metrics: ["count", "selectionRate"] });
    expect(result.byGroup).toHaveLength(30_000);
    const group = result.byGroup.find((g) => g.key[0] === "a7" && g.key[1] === 0)!;
    // Row i = 7: n = 1 + 7 % 3 = 2, pred 1.
    expect(group.count).toBe(2);
    expect(group.values.selectionRate).toBe(1);
  });

  it("reads a NaN group value as the missing level, never dropping its rows", () => {
    const rows = [
      { g0: Number.NaN, label: 1, pred: 1, n: 10 },
      { g0: 1, label: 0, pred: 0, n: 20 },
    ];
    const result = groupMetricsOfRows(rows, ["g"], { metrics: ["count"] });
    expect(result.byGroup.map((g) => [g.key[0], g.count])).toEqual([
      [1, 20],
      [null, 10],
    ]);
  });
});
