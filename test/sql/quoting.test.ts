/**
 * Hostile identifiers quoted per dialect: each quoted name is read back by that dialect's
 * lexical rules (written here independently of the quoting code) to the same name, and DuckDB
 * itself reads its quoted names back.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileTable, runDuckDb } from "../../src/sql/duckdb.js";
import { quoteIdentifier, type SqlDialect } from "../../src/sql/statements.js";

const HOSTILE = [
  "g",
  "g`",
  "g\\`",
  "g\\",
  'a"b',
  "a``b",
  '"; DROP TABLE t; --',
  "` OR 1=1 --",
  "line\nbreak",
  "tab\there",
  "esc\u001b[31m",
  "東京 ü",
];

/** Reads one quoted identifier at the start of `text`; returns the name and what follows. */
function readQuoted(text: string, dialect: SqlDialect): { name: string; rest: string } {
  const q = dialect === "spark" || dialect === "bigquery" ? "`" : '"';
  if (text[0] !== q) throw new Error(`expected ${q}`);
  let name = "";
  let i = 1;
  for (;;) {
    const c = text[i];
    if (c === undefined) throw new Error("unterminated identifier");
    if (dialect === "bigquery" && c === "\\") {
      const e = text[i + 1]!;
      const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", "`": "`" };
      if (e in simple) {
        name += simple[e];
        i += 2;
      } else if (e === "u") {
        name += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else throw new Error(`unknown escape \\${e}`);
      continue;
    }
    if (c === q) {
      if (dialect !== "bigquery" && text[i + 1] === q) {
        name += q;
        i += 2;
        continue;
      }
      return { name, rest: text.slice(i + 1) };
    }
    if (dialect === "bigquery" && c < " ") throw new Error("raw control character");
    name += c;
    i++;
  }
}

describe("quoteIdentifier on hostile names", () => {
  for (const dialect of ["ansi", "duckdb", "trino", "spark", "bigquery"] as const) {
    it(`${dialect}: every hostile name reads back whole, ending the identifier where it ends`, () => {
      for (const name of HOSTILE) {
        const quoted = quoteIdentifier(name, dialect, false);
        expect(readQuoted(`${quoted} AS x`, dialect)).toEqual({ name, rest: " AS x" });
      }
    });
  }

  it("bigquery: a backslash before the closing backtick does not escape it", () => {
    expect(quoteIdentifier("g\\", "bigquery")).toBe("`g\\\\`");
    expect(quoteIdentifier("g\\`", "bigquery")).toBe("`g\\\\\\``");
  });

  it("duckdb reads every hostile name back as the column name", async () => {
    const sql = `SELECT ${HOSTILE.map((n, i) => `${i} AS ${quoteIdentifier(n, "duckdb", false)}`).join(", ")}`;
    const rows = await runDuckDb({ sql, params: [] });
    expect(Object.keys(rows[0]!)).toEqual(HOSTILE);
  });
});

describe("fileTable on hostile column names", () => {
  it("reads every hostile group column of a CSV as text, by its exact name", async () => {
    // Names a plain CSV header can hold (no quotes, separators or line breaks), and quotes.
    const names = [...HOSTILE.filter((n) => !/[\r\n\t",;]/.test(n)), "it's", "o''k"];
    const dir = mkdtempSync(join(tmpdir(), "fairscope-filetable-"));
    const path = join(dir, "t.csv");
    writeFileSync(path, `${names.join(",")}\n${names.map(() => "01").join(",")}\n`);
    const table = fileTable({ path }, names);
    const rows = await runDuckDb({
      sql: `SELECT * FROM ${table.expression}`,
      params: table.params ?? [],
    });
    expect(rows).toEqual([Object.fromEntries(names.map((n) => [n, "01"]))]);
  });
});
