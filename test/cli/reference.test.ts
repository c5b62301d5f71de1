import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readMarginsFile, readReferenceFile } from "../../src/cli/reference.js";
import { inputIssues } from "../helpers/errors.js";

const dir = mkdtempSync(join(tmpdir(), "fairscope-reference-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const message = (fn: () => unknown) => {
  const issues = inputIssues(fn);
  expect(issues.map((i) => [i.code, i.path])).toEqual([["invalid_option", ["referenceShares"]]]);
  return issues[0]!.message;
};

describe("readReferenceFile(path)", () => {
  it("readReferenceFile(…) reads shares or counts from JSON, wrapped or plain", () => {
    expect(readReferenceFile(file("a.json", '{ "shares": { "F": 0.5, "M": "0.5" } }'))).toEqual({
      kind: "shares",
      values: { F: 0.5, M: 0.5 },
    });
    expect(readReferenceFile(file("b.json", '{ "counts": { "F": 10, "M": 30 } }'))).toEqual({
      kind: "counts",
      values: { F: 10, M: 30 },
    });
    expect(readReferenceFile(file("c.json", '{ "F": 0.4, "M": 0.6 }'))).toEqual({
      kind: "shares",
      values: { F: 0.4, M: 0.6 },
    });
  });

  it("readReferenceFile(…) reads a CSV with a group column and a share or count column", () => {
    expect(readReferenceFile(file("d.csv", "group,share\nF,0.5\nM,0.5\n"))).toEqual({
      kind: "shares",
      values: { F: 0.5, M: 0.5 },
    });
    expect(readReferenceFile(file("e.CSV", "count,group\n3,F\n 5 ,M\n")).values).toEqual({
      F: 3,
      M: 5,
    });
  });

  it("readReferenceFile(…) names the file and what is wrong with it", () => {
    const csv = file("f.csv", "group,size\nF,1\n");
    expect(message(() => readReferenceFile(csv))).toBe(
      `${csv}: needs a header with a group column and a share or count column`,
    );
    const blank = file("g.csv", "group,share\nF,\n");
    expect(message(() => readReferenceFile(blank))).toBe(
      `${blank}: the value of "F" is not a number`,
    );
    const array = file("h.json", "[0.5, 0.5]");
    expect(message(() => readReferenceFile(array))).toMatch(/must hold an object/);
    const inner = file("i.json", '{ "shares": [0.5] }');
    expect(message(() => readReferenceFile(inner))).toBe(
      `${inner}: shares must be an object of numbers by group`,
    );
    expect(message(() => readReferenceFile(file("j.json", "{")))).toMatch(/is not valid JSON/);
    expect(message(() => readReferenceFile(join(dir, "missing.json")))).toMatch(
      /cannot read the file$/,
    );
  });
});

describe("readMarginsFile(path)", () => {
  it("readMarginsFile(…) reads margins by column and their kind", () => {
    const path = file(
      "m.json",
      '{ "margins": { "sex": { "F": 0.5, "M": 0.5 } }, "kind": "shares" }',
    );
    expect(readMarginsFile(path)).toEqual({ margins: { sex: { F: 0.5, M: 0.5 } }, kind: "shares" });
  });

  it("readMarginsFile(…) rejects a file without margins or with another kind", () => {
    expect(message(() => readMarginsFile(file("n.json", '{ "sex": {} }')))).toMatch(
      /must hold \{ "margins"/,
    );
    expect(
      message(() =>
        readMarginsFile(file("o.json", '{ "margins": { "sex": {} }, "kind": "odds" }')),
      ),
    ).toMatch(/kind must be "shares" or "counts"$/);
  });
});
