/**
 * `--engine duckdb` refuses every flag it does not honour (exit code 2, "--<flag> is not
 * available with --engine duckdb") instead of dropping it; every flag of the command is either
 * honoured by the engine or refused. The refusal comes before DuckDB is loaded, so these tests
 * need neither the optional package nor the file.
 */
import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DUCKDB_REFUSED_FLAGS } from "../../src/cli/audit.js";
import { FLAGS, type FlagName } from "../../src/cli/flags.js";
import { run } from "../../src/cli/run.js";

/** A value each refused flag parses with (booleans take none). */
const SAMPLE_VALUE: Readonly<Record<(typeof DUCKDB_REFUSED_FLAGS)[number], string | undefined>> = {
  "n-boot": "100",
  seed: "1",
  "missing-group": "drop",
  "input-format": "csv",
  "min-denominator": "10",
  "suppress-below": "5",
  "reference-shares": "shares.json",
  standardize: "margins.json",
  membership: "pa,pb",
  tolerance: "0.5",
  thresholds: "0.1,0.2",
  "calibration-hierarchy": undefined,
  time: "t",
  event: "e",
  horizon: "5",
  "scan-features": "age",
  "scan-buckets": "age=4",
  "scan-clip": "0.01",
};

/**
 * The flags the engine honours (or that do not concern it: output, gate, help): with the
 * refused ones and `--ci` (only `--ci none`), every flag of the command.
 */
const HONOURED: readonly FlagName[] = [
  "task",
  "label",
  "score",
  "pred",
  "group",
  "weight",
  "pos-label",
  "threshold",
  "threshold-rule",
  "margin",
  "engine",
  "reference",
  "metrics",
  "min-group-size",
  "counts",
  "title",
  "format",
  "out",
  "policy",
  "report",
  "debug",
  "help",
  "version",
];

async function cli(args: readonly string[]): Promise<{ code: number; err: string }> {
  const chunks: string[] = [];
  const stderr = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const stdout = new Writable({ write: (_c, _e, done) => done() });
  const code = await run(args, { stdin: Readable.from([]), stdout, stderr, env: {} });
  return { code, err: chunks.join("") };
}

const duck = ["audit", "data.csv", "--label", "y", "--score", "s", "--group", "g"];

describe("audit --engine duckdb: flags it does not honour", () => {
  it("every flag is honoured by the engine, refused, or --ci", () => {
    const classified = new Set<string>([...HONOURED, ...DUCKDB_REFUSED_FLAGS, "ci"]);
    expect([...classified].sort()).toEqual(Object.keys(FLAGS).sort());
    expect(HONOURED.filter((f) => (DUCKDB_REFUSED_FLAGS as readonly string[]).includes(f))).toEqual(
      [],
    );
  });

  it.each(DUCKDB_REFUSED_FLAGS)("--%s exits 2 with a usage error", async (flag) => {
    const value = SAMPLE_VALUE[flag];
    expect(value === undefined).toBe(FLAGS[flag].type === "boolean");
    const args = [
      ...duck,
      "--engine",
      "duckdb",
      `--${flag}`,
      ...(value === undefined ? [] : [value]),
    ];
    const { code, err } = await cli(args);
    expect(code).toBe(2);
    expect(err).toContain(`--${flag} is not available with --engine duckdb`);
  });
});
