import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toLabels, toLevels, toNumbers, toNumericLevels } from "../../src/io/convert.js";
import { type Cell, readTable } from "../../src/io/read.js";

/** A cell as a CSV writer would put it: quoted when it must be (or when asked), quotes doubled. */
function field(text: string, quote: boolean): string {
  return quote || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const labelText = fc.constantFrom("0", "1", "-1", " 1", "true", "FALSE", "x", "");
const scoreText = fc.constantFrom("0.5", "1e-3", " .25 ", "-3", "", "x", "0x1", "Infinity", "7");
const freeText = fc.string({
  unit: fc.constantFrom("a", "b", "0", "1", ".", ",", '"', "\n", "\r\n", " ", "é"),
  maxLength: 6,
});
const levelText = fc.oneof(fc.constantFrom("01", "1", "1.0", "10", "", "M", "F"), freeText);

const csvCase = fc.record({
  rows: fc.array(fc.tuple(labelText, scoreText, levelText, levelText, freeText), {
    minLength: 1,
    maxLength: 40,
  }),
  quoteAll: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  chunk: fc.integer({ min: 1, max: 64 }),
});

/** The text split into chunks of `size` characters, as a stream delivers it. */
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Typed arrays and arrays as plain arrays, to compare values whatever holds them. */
const plain = (values: ArrayLike<unknown>) => Array.from(values);

describe("readTable and the conversions", () => {
  it("give the same columns as parsing the whole text and converting the cells", async () => {
    await fc.assert(
      fc.asyncProperty(csvCase, async ({ rows, quoteAll, crlf, bom, chunk }) => {
        const newline = crlf ? "\r\n" : "\n";
        const header = ["y", "s", "g", "h", "t"];
        const text =
          (bom ? "\uFEFF" : "") +
          [header, ...rows].map((r) => r.map((c) => field(c, quoteAll)).join(",")).join(newline) +
          newline;
        const records = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
        const whole = (name: string): Cell[] => {
          const at = records[0]!.indexOf(name);
          return records.slice(1).map((r) => r[at]!);
        };
        const table = await readTable(Readable.from(chunks(text, chunk)), {
          columns: ["y", "s", "g", "h", "t"],
          numeric: ["s"],
        });
        const read = (name: string) => table.columns.get(name)!;
        expect(table.rows).toBe(records.length - 1);
        expect(plain(toLabels(read("y"), undefined))).toEqual(
          plain(toLabels(whole("y"), undefined)),
        );
        expect(plain(toLabels(read("t"), "1"))).toEqual(plain(toLabels(whole("t"), "1")));
        expect(plain(toNumbers(read("s")))).toEqual(plain(toNumbers(whole("s"))));
        expect(plain(toNumbers(read("g")))).toEqual(plain(toNumbers(whole("g"))));
        expect(toLevels(read("g"))).toEqual(toLevels(whole("g")));
        expect(toLevels(read("h"))).toEqual(toLevels(whole("h")));
        expect(toLevels(read("t"))).toEqual(toLevels(whole("t")));
        expect(toNumericLevels(read("h"))).toEqual(toNumericLevels(whole("h")));
      }),
      { numRuns: 200, seed: 19 },
    );
  });
});
