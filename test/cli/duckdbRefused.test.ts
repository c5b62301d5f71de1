/**
 * `--engine duckdb` refuses every flag it does not honour (exit code 2, "--<flag> is not
 * available with --engine duckdb") instead of dropping it; every flag of the command is either
 * honoured by the engine or refused. The refusal comes before DuckDB is loaded, so these tests
 * need neither the optional package nor the file.
 */
import { describe, expect, it } from "vitest";
import { DUCKDB_REFUSED_FLAGS } from "../../src/cli/audit.js";
import { FLAGS, type FlagName } from "../../src/cli/flags.js";
import { flagArguments, PRESENTATION_FLAGS, runForError } from "./flagRefusals.js";

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
  ...PRESENTATION_FLAGS,
];

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
    const { code, err } = await runForError([
      ...duck,
      "--engine",
      "duckdb",
      ...flagArguments(flag),
    ]);
    expect(code).toBe(2);
    expect(err).toContain(`--${flag} is not available with --engine duckdb`);
  });
});
