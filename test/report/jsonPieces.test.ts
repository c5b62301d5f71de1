/**
 * JSON in pieces: the concatenation is JSON.stringify's text, and a report of many groups is
 * split into pieces of bounded size (no piece holds the whole report).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { audit } from "../../src/index.js";
import { csvLines, jsonPieces, renderCsv } from "../../src/report/render/json.js";

describe("jsonPieces", () => {
  it("jsonPieces(v) concatenates to JSON.stringify(v, null, 2) and a newline (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect([...jsonPieces(value)].join("")).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
    );
  });

  it("jsonPieces(v) splits large arrays and objects, skipping undefined members as JSON does", () => {
    const value = {
      skipped: undefined,
      rows: Array.from({ length: 5000 }, (_, i) => ({ i, label: `r${i}`, gone: undefined })),
      nested: { deep: Array.from({ length: 3000 }, (_, i) => [i, null, "x"]) },
      empty: { a: undefined },
      list: [undefined, 1],
    };
    const pieces = [...jsonPieces(value)];
    expect(pieces.join("")).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect(pieces.length).toBeGreaterThan(8000);
  });

  it("a report of 20,000 groups is written in pieces of at most ~100 KB, the same bytes as renderJson", () => {
    const small = audit(
      { yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] },
      { intervals: false },
    ).toJSON();
    const template = small.groups[0]!;
    const groups = Array.from({ length: 20_000 }, (_, i) => ({
      ...template,
      key: [`g${i}`],
      label: `g${i}`,
    }));
    const report = { ...small, groups };
    const pieces = [...jsonPieces(report)];
    expect(pieces.join("")).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(100_000);
    expect([...csvLines(report)].join("")).toBe(renderCsv(report));
    expect([...csvLines(report)]).toHaveLength(20_000 + 2);
  });
});
