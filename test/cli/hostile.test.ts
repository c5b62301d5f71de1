/**
 * The CLI on hostile and faulty input: friendly errors with exit code 2 and no stack trace,
 * group codes kept as written.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";

const tmp = mkdtempSync(join(tmpdir(), "fairscope-hostile-"));

function sink(): Writable & { text: () => string; largest: () => number } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { text: () => string; largest: () => number };
  w.text = () => chunks.join("");
  w.largest = () => chunks.reduce((m, c) => Math.max(m, c.length), 0);
  return w;
}

async function cli(argv: readonly string[], stdin = "") {
  const stdout = sink();
  const stderr = sink();
  const code = await run(argv, { stdin: Readable.from([stdin]), stdout, stderr, env: {} });
  return { code, stdout: stdout.text(), stderr: stderr.text(), largest: stdout.largest() };
}

const audit = ["--label", "y", "--pred", "p", "--group", "g", "--ci", "none"];

describe("CLI on hostile input", { timeout: 60_000 }, () => {
  it("keeps group codes as text: 01, 1, 1.0 and two 20-digit identifiers are five groups", async () => {
    const rows = ["01", "1", "1.0", "12345678901234567891", "12345678901234567892"];
    const csv = `y,p,g\n${rows.map((g, i) => `${i % 2},1,${g}`).join("\n")}\n`;
    const { code, stdout } = await cli(["audit", "-", ...audit, "--format", "json"], csv);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { groups: { key: unknown[] }[] };
    expect(report.groups.map((g) => g.key[0]).sort()).toEqual([...rows].sort());
  });

  it("a directory as the data file is an input error (exit 2), for audit and gate, without a stack", async () => {
    for (const command of ["audit", "gate"]) {
      const policy = join(tmp, "policy.json");
      writeFileSync(
        policy,
        JSON.stringify({
          version: 1,
          rules: [{ criterion: "demographicParityDifference", max: 0.1 }],
        }),
      );
      const extra = command === "gate" ? ["--policy", policy] : [];
      const { code, stderr } = await cli([command, tmp, ...audit, ...extra]);
      expect(code).toBe(2);
      expect(stderr).toContain("is a directory");
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("--out to a missing directory or to a directory is an input error (exit 2), without a stack", async () => {
    const data = join(tmp, "d.csv");
    writeFileSync(data, "y,p,g\n1,1,a\n0,1,b\n");
    for (const [out, reason] of [
      [join(tmp, "missing", "r.json"), "its directory does not exist"],
      [tmp, "it is a directory"],
    ] as const) {
      const { code, stderr } = await cli(["audit", data, ...audit, "--out", out]);
      expect(code).toBe(2);
      expect(stderr).toContain(reason);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("a CSV header naming a group column twice is an input error naming the column", async () => {
    const { code, stderr } = await cli(["audit", "-", ...audit], "y,p,g,g\n1,1,a,b\n0,1,b,a\n");
    expect(code).toBe(2);
    expect(stderr).toContain('column "g" more than once');
  });

  it("scores written as 0x1, 0b1 or 0o0 are not numbers", async () => {
    const csv = "y,s,g\n1,0x1,a\n0,0b1,b\n1,0o0,a\n";
    const { code, stderr } = await cli(
      ["audit", "-", "--label", "y", "--score", "s", "--group", "g", "--ci", "none"],
      csv,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/yScore|s\b/);
  });

  it("--n-boot 1000000000 is a usage error up front (exit 2), not a typed-array allocation failure", async () => {
    const data = join(tmp, "nboot.csv");
    writeFileSync(data, "y,p,g\n1,1,a\n0,1,b\n");
    const argv = ["audit", data, "--label", "y", "--pred", "p", "--group", "g"];
    const { code, stderr } = await cli([...argv, "--n-boot", "1000000000"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--n-boot must be an integer in [2, 1000000]");
  });

  it("writes JSON, CSV, text and Markdown reports of many groups in pieces, never as one string", async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `${i % 2},${(i >> 1) % 2},g${i % 3000}`);
    const csv = `y,p,g\n${rows.join("\n")}\n`;
    for (const format of ["json", "csv", "text", "markdown"]) {
      const { code, stdout, largest } = await cli(
        ["audit", "-", ...audit, "--format", format],
        csv,
      );
      expect(code).toBe(0);
      expect(stdout).toContain("g2999");
      expect(largest).toBeLessThan(stdout.length / 4);
      if (format === "json") expect(JSON.parse(stdout).groups).toHaveLength(3000);
    }
  });

  it("a group cell longer than MAX_LEVEL_LENGTH is an input error naming the row, not a crash", async () => {
    const csv = `y,p,g\n1,1,a\n0,1,${"x".repeat(70_000)}\n`;
    const { code, stderr } = await cli(["audit", "-", ...audit], csv);
    expect(code).toBe(2);
    expect(stderr).toContain("70000 characters long, more than MAX_LEVEL_LENGTH (65536)");
    expect(stderr.length).toBeLessThan(2000);
  });
});
