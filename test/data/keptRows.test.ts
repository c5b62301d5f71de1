import { describe, expect, it } from "vitest";
import { IssueCollector } from "../../src/data/errors.js";
import { keptRows } from "../../src/data/prepare.js";

describe("keptRows", () => {
  it("keptRows(…) keeps every row unless the policy is drop and a level is missing", () => {
    const issues = new IssueCollector();
    expect(keptRows(Uint8Array.of(0, 1, 0), "error", issues)).toEqual({ keep: undefined, rows: 3 });
    expect(keptRows(Uint8Array.of(0, 0), "drop", issues)).toEqual({ keep: undefined, rows: 2 });
    expect(keptRows(Uint8Array.of(1, 0, 1, 0), "drop", issues)).toEqual({
      keep: Uint32Array.of(1, 3),
      rows: 2,
    });
    expect(issues.size).toBe(0);
  });

  it("keptRows(…) adds empty_input when every row has a missing level", () => {
    const issues = new IssueCollector();
    expect(keptRows(Uint8Array.of(1, 1), "drop", issues).rows).toBe(0);
    expect(() => issues.throwIfAny()).toThrow(/every row has a missing group value/);
  });
});
