import { describe, expect, it } from "vitest";
import { referenceGroup } from "../../src/report/referenceGroup.js";
import type { GroupResult } from "../../src/report/types.js";

const group = (key: (string | number | null)[], label: string, count: number) =>
  ({ key, label, count }) as unknown as GroupResult;

describe("referenceGroup(report)", () => {
  // Two groups labelled "1" (the string and the number) and one labelled "overall".
  const groups = [group(["1"], "1", 10), group([1], "1", 30), group(["overall"], "overall", 30)];
  const report = (reference: unknown) =>
    ({ groups, metadata: { options: { reference } } }) as Parameters<typeof referenceGroup>[0];

  it("referenceGroup(…) is undefined when gaps are measured against the overall population", () => {
    expect(referenceGroup(report({ kind: "overall" }))).toBeUndefined();
  });

  it("referenceGroup(…) finds a named group by its key, not its label", () => {
    expect(referenceGroup(report({ kind: "group", key: [1] }))).toBe(groups[1]);
    expect(referenceGroup(report({ kind: "group", key: ["1"] }))).toBe(groups[0]);
    expect(referenceGroup(report({ kind: "group", key: ["overall"] }))).toBe(groups[2]);
    expect(referenceGroup(report({ kind: "group", key: [2] }))).toBeUndefined();
  });

  it("referenceGroup(…) takes the first group with the most rows for the largest", () => {
    expect(referenceGroup(report({ kind: "largest" }))).toBe(groups[1]);
  });
});
