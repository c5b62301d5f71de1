import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { toLabels, toLevels, toNumbers, toNumericLevels } from "../../src/io/convert.js";
import { cellsOf, formatOf, readTable, type TableColumns } from "../../src/io/read.js";

const tmp = mkdtempSync(join(tmpdir(), "fairscope-io-"));

/** The cells of a kept column, one per row. */
const cells = (t: TableColumns, name: string) => cellsOf(t.columns.get(name)!);

describe("readTable", () => {
  it("readTable(csv) keeps the asked columns, with RFC 4180 quoting and a BOM", async () => {
    const path = join(tmp, "a.csv");
    writeFileSync(path, '\uFEFFy,g,other\n1,"a, ""quoted""",x\n0,b,y\n');
    const t = await readTable(path, { columns: ["g", "y"] });
    expect(t.rows).toBe(2);
    expect(cells(t, "y")).toEqual(["1", "0"]);
    expect(cells(t, "g")).toEqual(['a, "quoted"', "b"]);
  });

  it("readTable(…, { numeric }) reads those columns as toNumbers does; the others as text", async () => {
    const texts = ["0.5", "", "x", "0x1", " 1e-4 ", "-3"];
    const csv = `s,g\n${texts.map((c, i) => `${c},g${i % 2}`).join("\n")}\n`;
    const t = await readTable(Readable.from([csv]), { columns: ["s", "g"], numeric: ["s"] });
    expect(cells(t, "s")).toEqual(toNumbers(texts));
    expect(t.columns.get("s")).toBeInstanceOf(Float64Array);
    expect(cells(t, "g")).toEqual(["g0", "g1", "g0", "g1", "g0", "g1"]);
    const lines = Readable.from(['{"s":"0.5","g":1}\n', '{"s":2,"g":"a"}\n', '{"g":"b"}\n']);
    const j = await readTable(lines, { columns: ["s", "g"], numeric: ["s"], format: "jsonl" });
    expect(cells(j, "s")).toEqual([0.5, 2, Number.NaN]);
    expect(cells(j, "g")).toEqual([1, "a", "b"]);
  });

  it("readTable(jsonl stream) reads JSON values; missing keys are null", async () => {
    const stream = Readable.from(['{"y":1,"g":"a"}\n', '\n{"y":0}\n']);
    const t = await readTable(stream, { columns: ["y", "g"], format: "jsonl" });
    expect(cells(t, "y")).toEqual([1, 0]);
    expect(cells(t, "g")).toEqual(["a", null]);
  });

  it("readTable(…) names missing columns, bad lines and unreadable files", async () => {
    const path = join(tmp, "b.csv");
    writeFileSync(path, "y,g\n1,a\n");
    await expect(readTable(path, { columns: ["y", "sex"] })).rejects.toThrow(/no column "sex"/);
    const ragged = join(tmp, "c.csv");
    writeFileSync(ragged, "y,g\n1,a\n0\n");
    await expect(readTable(ragged, { columns: ["y"] })).rejects.toThrow(FairnessInputError);
    const jsonl = Readable.from(['{"y":1}\n', "{oops\n"]);
    await expect(readTable(jsonl, { columns: ["y"], format: "jsonl" })).rejects.toThrow(/line 2/);
    await expect(readTable(join(tmp, "none.csv"), { columns: ["y"] })).rejects.toThrow(
      /cannot read file/,
    );
  });

  it("readTable(…) refuses a directory as input with a typed error, not a stream error", async () => {
    await expect(readTable(tmp, { columns: ["y"] })).rejects.toThrow(/is a directory/);
    await expect(readTable(tmp, { columns: ["y"], format: "jsonl" })).rejects.toThrow(
      FairnessInputError,
    );
  });

  it("readTable(csv) refuses a header naming an asked column twice, naming it", async () => {
    const path = join(tmp, "dup.csv");
    writeFileSync(path, "y,g,g\n1,a,b\n");
    await expect(readTable(path, { columns: ["y", "g"] })).rejects.toThrow(
      /column "g" more than once \(columns 2 and 3\)/,
    );
    // A repeated column that is not asked for is not read, so it is no error.
    await expect(readTable(path, { columns: ["y"] })).resolves.toMatchObject({ rows: 1 });
  });

  it("readTable(…) reports progress in bytes", async () => {
    const path = join(tmp, "d.csv");
    writeFileSync(path, "y\n1\n0\n");
    const seen: number[] = [];
    await readTable(path, { columns: ["y"], onProgress: (b, total) => seen.push(b, total!) });
    expect(seen.slice(-2)).toEqual([6, 6]);
  });

  it("readTable(csv) codes text columns by distinct value, and past 65,536 values keeps cells", async () => {
    const n = 70_000;
    const csv = `id,y\n${Array.from({ length: n }, (_, i) => `i${i},${i % 2}`).join("\n")}\n`;
    const t = await readTable(Readable.from([csv]), { columns: ["id", "y"] });
    expect(t.columns.get("y")).toMatchObject({ values: ["0", "1"] });
    expect(Array.isArray(t.columns.get("id"))).toBe(true);
    const ids = cells(t, "id");
    expect(ids.length).toBe(n);
    expect(ids[65_535]).toBe("i65535");
    expect(ids[65_536]).toBe("i65536");
    expect(ids[n - 1]).toBe(`i${n - 1}`);
    expect(toLabels(t.columns.get("y")!, undefined)).toEqual(
      Uint8Array.from({ length: n }, (_, i) => i % 2),
    );
  });

  it("formatOf(…) reads the extension", () => {
    expect(formatOf("x.JSONL")).toBe("jsonl");
    expect(formatOf("x.tsv")).toBe("tsv");
    expect(formatOf("x.csv")).toBe("csv");
  });
});

describe("convert", () => {
  it("toLabels(…) reads 0/1/-1/true/false without a positive label, text with one", () => {
    expect(toLabels(["1", "0", "-1", "TRUE", "false", "x"], undefined)).toEqual([
      1,
      0,
      -1,
      true,
      false,
      "x",
    ]);
    expect(toLabels([">50K", "<=50K", 1], ">50K")).toEqual([">50K", "<=50K", "1"]);
  });

  it("toNumbers(…) reads decimal numbers only: hexadecimal, binary and octal literals are NaN", () => {
    expect(toNumbers(["0x1", "0b1", "0o0", "Infinity", "1_000", "+0.5", "-.5", "1E2"])).toEqual([
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      0.5,
      -0.5,
      100,
    ]);
  });

  it("toNumbers(…) parses numbers; empty and bad cells are NaN", () => {
    expect(toNumbers(["0.5", " 1e-3 ", "", "x", null, 2])).toEqual([
      0.5,
      0.001,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      2,
    ]);
  });

  it("toLevels(…) keeps group cells as text: 01, 1 and 1.0 and long identifiers stay distinct", () => {
    expect(toLevels(["01", "1", "1.0", "", null])).toEqual(["01", "1", "1.0", null, null]);
    const ids = ["12345678901234567891", "12345678901234567892"];
    expect(new Set(toLevels(ids)).size).toBe(2);
    expect(toLevels([1, true, "x"])).toEqual([1, true, "x"]);
  });

  it("toNumericLevels(…) reads all-decimal columns as numbers, empty cells as missing", () => {
    expect(toNumericLevels(["10", "9", "", null])).toEqual([10, 9, null, null]);
    expect(toNumericLevels(["10", "nine"])).toEqual(["10", "nine"]);
    expect(toNumericLevels(["0x10", "9"])).toEqual(["0x10", "9"]);
  });
});
