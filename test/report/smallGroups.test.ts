import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { toLabels, toLevels, toNumbers } from "../../src/io/convert.js";
import { readTable } from "../../src/io/read.js";
import { audit } from "../../src/report/audit.js";
import { renderHtml } from "../../src/report/render/html.js";
import { renderMarkdown } from "../../src/report/render/markdown.js";
import { renderText } from "../../src/report/render/text.js";
import type { Estimate, FairnessReportData } from "../../src/report/types.js";
import { clopperPearsonInterval } from "../../src/uncertainty/proportion.js";
import { twoGroups } from "./fixtures.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Every estimate of a report with where it is. */
function estimates(r: FairnessReportData): [string, Estimate][] {
  return [
    ...Object.entries(r.overall).map(([id, e]) => [`overall.${id}`, e] as [string, Estimate]),
    ...r.groups.flatMap((g) =>
      Object.entries(g.values).map(([id, e]) => [`${g.label}.${id}`, e] as [string, Estimate]),
    ),
    ...r.disparities.flatMap((d) => [
      [`${d.metric}.difference`, d.betweenGroups.difference] as [string, Estimate],
      [`${d.metric}.ratio`, d.betweenGroups.ratio] as [string, Estimate],
      ...d.gaps.map((g) => [`${d.metric}.${g.group}`, g.difference] as [string, Estimate]),
    ]),
    ...r.criteria.map(
      (c) =>
        [c.id, { value: c.value, ...(c.interval ? { interval: c.interval } : {}) }] as [
          string,
          Estimate,
        ],
    ),
  ];
}

describe("audit(…) on the bundled Adult data: small groups, honestly", () => {
  let report: FairnessReportData;
  beforeAll(async () => {
    const table = await readTable(join(root, "examples/data/adult-test-scored.csv"), {
      columns: ["sex", "race", "income", "lr_score"],
    });
    const col = (name: string) => table.columns.get(name)!;
    report = audit({
      yTrue: toLabels(col("income"), undefined),
      yScore: toNumbers(col("lr_score")),
      sensitiveFeatures: { sex: toLevels(col("sex")), race: toLevels(col("race")) },
    }).toJSON();
  });

  it("no interval has zero width where a rate rests on < 30 or is 0 or 1", () => {
    const zeroWidth = estimates(report).filter(
      ([, e]) =>
        e.interval !== undefined &&
        e.interval.lower !== null &&
        e.interval.upper !== null &&
        !(e.interval.upper > e.interval.lower) &&
        (e.small || e.value === 0 || e.value === 1 || e.denominator === undefined),
    );
    expect(zeroWidth.map(([where]) => where)).toEqual([]);
  });

  it("Female, Amer-Indian-Eskimo's TPR is 0/3, flagged, with the exact interval", () => {
    const tpr = report.groups.find((g) => g.label === "Female, Amer-Indian-Eskimo")!.values
      .truePositiveRate!;
    const cp = clopperPearsonInterval(0, 3);
    expect(tpr).toEqual({
      value: 0,
      interval: {
        lower: 0,
        upper: cp.upper,
        level: 0.95,
        method: "clopperPearson",
        reason: "smallDenominator",
      },
      numerator: 0,
      denominator: 3,
      small: true,
    });
    expect(renderText(report)).toMatch(
      /Female, Amer-Indian-Eskimo\s+True positive rate\s+0\/3\s+0\.000\s+\[0\.000, 0\.708\]\s+clopperPearson/,
    );
    expect(renderMarkdown(report).replaceAll("\\", "")).toContain("0.000* (0/3) [0.000, 0.708]†");
    expect(renderHtml(report)).toContain(
      '0.000*<span class="ci"> (0/3)</span><br><span class="ci">[0.000, 0.708]†</span>',
    );
  });

  it("the text report opens with one headline per difference criterion", () => {
    const text = renderText(report);
    expect(text.indexOf("Headlines")).toBeLessThan(text.indexOf("Metrics by group"));
    const headlines = report.findings.filter((f) => f.headline);
    expect(headlines.map((f) => f.criterion)).toEqual(
      report.criteria.filter((c) => c.comparison === "difference").map((c) => c.id),
    );
    expect(headlines.find((f) => f.criterion === "equalOpportunityDifference")!.text).toMatch(
      /^The worst-served group for equal opportunity is Female, Amer-Indian-Eskimo: TPR 0\.000 \(0\/3\) vs 0\.620 \(1845\/2976\) for the reference Male, White; gap 0\.620, 95% CI/,
    );
  });
});

describe("audit(…) small-group options", () => {
  it("audit(…) with suppressBelow shows suppressed values as suppressed and leaves them out of aggregates", () => {
    const input = {
      yTrue: [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0],
      yPred: [1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0],
      sensitiveFeatures: ["a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "c", "c", "c"],
    };
    const r = audit(input, { suppressBelow: 4, intervals: false });
    const c = r.groups.find((g) => g.label === "c")!;
    expect(c.suppressed).toBe(true);
    expect(c.values.selectionRate).toEqual({ value: null, suppressed: true });
    expect(c.values.count!.value).toBe(3);
    const without = audit(
      {
        yTrue: input.yTrue.slice(0, 10),
        yPred: input.yPred.slice(0, 10),
        sensitiveFeatures: input.sensitiveFeatures.slice(0, 10),
      },
      { intervals: false },
    );
    const sel = r.disparities.find((d) => d.metric === "selectionRate")!;
    const selWithout = without.disparities.find((d) => d.metric === "selectionRate")!;
    expect(sel.betweenGroups.difference.value).toBe(selWithout.betweenGroups.difference.value);
    expect(sel.note).toMatch(/c is suppressed \(fewer than 4 rows\)/);
    expect(r.criteria.find((x) => x.id === "demographicParityDifference")!.value).toBe(
      without.criteria.find((x) => x.id === "demographicParityDifference")!.value,
    );
    expect(renderText(r)).toMatch(/c\s+3\s+suppressed/);
    expect(r.findings.some((f) => f.group === "c")).toBe(false);
  });

  it("audit(…) with weights carries weighted numerators and denominators beside the counts", () => {
    const r = audit(
      { ...twoGroups, sampleWeight: [2, 1, 1, 1, 1, 1, 1, 1, 1, 3] },
      { intervals: false },
    );
    const tpr = r.groups.find((g) => g.label === "a")!.values.truePositiveRate!;
    expect(tpr).toMatchObject({
      numerator: 2,
      denominator: 3,
      weightedNumerator: 3,
      weightedDenominator: 4,
    });
    expect(tpr.value).toBe(0.75);
  });

  it("audit(…) keeps bootstrap intervals for criteria when every rate is well estimated", () => {
    const n = 400;
    const input = {
      yTrue: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
      yPred: Array.from({ length: n }, (_, i) => (i % 5 < 2 ? 1 : 0)),
      sensitiveFeatures: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? "a" : "b")),
    };
    const r = audit(input, { intervals: { nBoot: 200 } });
    expect(r.criteria.find((c) => c.id === "demographicParityDifference")!.interval!.method).toBe(
      "percentileBootstrap",
    );
    expect(r.groups[0]!.values.selectionRate!.interval!.method).toBe("hybrid");
  });

  it("audit(…) with referenceShares adds the representation section; counts and shares agree", () => {
    const r = audit(twoGroups, { referenceShares: { a: 0.3, b: 0.6, z: 0.1 }, intervals: false });
    expect(r.representation!.groups.map((g) => [g.group, g.count])).toEqual([
      ["a", 6],
      ["b", 4],
      ["z", 0],
    ]);
    const counts = audit(twoGroups, {
      referenceShares: { a: 30, b: 60, z: 10 },
      referenceKind: "counts",
      intervals: false,
    });
    expect(counts.representation!.groups).toEqual(r.representation!.groups.map((g) => ({ ...g })));
    expect(() => audit(twoGroups, { referenceShares: { a: 0.5, b: 0.4 } })).toThrow(
      FairnessInputError,
    );
    const missing = audit(twoGroups, { referenceShares: { a: 1 }, intervals: false });
    expect(missing.representation!.groups.find((g) => g.group === "b")!.notInReference).toBe(true);
    expect(missing.findings.some((f) => f.kind === "representation" && f.group === "b")).toBe(true);
    expect(renderText(r)).toContain("Representation");
  });

  it("audit(…) rejects minDenominator < 1 and a negative suppressBelow", () => {
    expect(() => audit(twoGroups, { minDenominator: 0 })).toThrow(/minDenominator/);
    expect(() => audit(twoGroups, { suppressBelow: -1 })).toThrow(/suppressBelow/);
  });
});
