/**
 * The groups an HTML page shows when a report has too many to draw: the reference and the
 * worst served, every per-group section narrowed alike; the JSON keeps all.
 */
import { describe, expect, it } from "vitest";
import { audit } from "../../src/index.js";
import { renderHtml, renderJson } from "../../src/report/index.js";
import { MAX_SHOWN_GROUPS, shownGroups } from "../../src/report/render/shownGroups.js";

/** Rows of a group with `positives` of `n` rows predicted positive, every label positive. */
function rows(group: string, n: number, positives: number) {
  return Array.from({ length: n }, (_, i) => ({ group, pred: i < positives ? 1 : 0 }));
}

function auditOf(all: { group: string; pred: number }[]) {
  return audit(
    {
      yTrue: all.map(() => 1),
      yPred: all.map((r) => r.pred),
      sensitiveFeatures: { g: all.map((r) => r.group) },
    },
    { metrics: ["selectionRate", "truePositiveRate"], intervals: false },
  ).toJSON();
}

describe("shownGroups", () => {
  it("shownGroups(report, 3) keeps the reference and the two worst served, in the report's order", () => {
    // a is the largest group (the reference, rate 1); b1…b5 are served as well as a; c has
    // rate 0.5 and d rate 0: the worst served.
    const report = auditOf([
      ...rows("a", 8, 8),
      ...["b1", "b2", "b3", "b4", "b5"].flatMap((b) => rows(b, 4, 4)),
      ...rows("c", 4, 2),
      ...rows("d", 4, 0),
    ]);
    const { view, hidden } = shownGroups(report, 3);
    expect(view.groups.map((g) => g.label)).toEqual(["a", "c", "d"]);
    expect(hidden).toBe(5);
    expect(view.disparities[0]!.gaps.map((g) => g.group)).toEqual(["c", "d"]);
    expect(view.findings.every((f) => f.group === undefined || ["c", "d"].includes(f.group))).toBe(
      true,
    );
    // Values over every group are kept as computed.
    expect(view.criteria).toEqual(report.criteria);
    expect(view.overall).toEqual(report.overall);
    expect(shownGroups(report, 10).view).toBe(report);
  });

  it(`renderHtml(…) on ${MAX_SHOWN_GROUPS + 50} groups draws ${MAX_SHOWN_GROUPS} rows and says where the rest are`, () => {
    const all = Array.from({ length: MAX_SHOWN_GROUPS + 50 }, (_, i) =>
      rows(`g${String(i).padStart(3, "0")}`, 4, i === 7 ? 0 : 4),
    ).flat();
    const report = auditOf(all);
    const html = renderHtml(report);
    const groupTable = /<table class="groups">([\s\S]*?)<\/table>/.exec(html)![1]!;
    // The header, the overall row and the shown groups.
    expect(groupTable.match(/<tr/g)).toHaveLength(MAX_SHOWN_GROUPS + 2);
    expect(groupTable).toContain("g007");
    expect(html).toContain(
      `This page shows ${MAX_SHOWN_GROUPS} of ${MAX_SHOWN_GROUPS + 50} groups`,
    );
    expect(html).toContain("The 50 other groups are in the JSON report");
    expect(JSON.parse(renderJson(report)).groups).toHaveLength(MAX_SHOWN_GROUPS + 50);
  });
});
