import { describe, expect, it } from "vitest";
import { audit, biasScan, FairnessReport, gate } from "../../src/index.js";
import { renderMarkdown, renderText } from "../../src/report/index.js";
import { renderHtml } from "../../src/report/render/html.js";
import { FairnessReportSchema } from "../../src/schemas/index.js";
import { randomSource } from "../../src/uncertainty/index.js";

/** Scores calibrated everywhere except a planted subgroup (region r1 ∧ band b0) where the model overpredicts. */
function data(n: number) {
  const random = randomSource(4);
  const yTrue: number[] = [];
  const yScore: number[] = [];
  const sex: string[] = [];
  const region: string[] = [];
  const band: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = `r${random.integer(0, 3)}`;
    const b = `b${random.integer(0, 2)}`;
    const p = 0.2 + 0.1 * random.integer(0, 5);
    const truth = r === "r1" && b === "b0" ? p / 3 : p;
    sex.push(random.uniform() < 0.5 ? "F" : "M");
    region.push(r);
    band.push(b);
    yScore.push(p);
    yTrue.push(random.uniform() < truth ? 1 : 0);
  }
  return { yTrue, yScore, sex, region, band };
}

describe("audit(…, { scan })", () => {
  const d = data(3000);
  const input = { yTrue: d.yTrue, yScore: d.yScore, sensitiveFeatures: { sex: d.sex } };
  const scan = {
    features: { region: d.region, band: d.band },
    penalty: 1,
    iterations: 3,
    replicates: 19,
    outcome: "default",
  };
  const report = audit(input, { intervals: false, scan });

  it("adds the subgroups nobody declared, as the bias scan finds them on the scored rows", () => {
    const section = report.toJSON().subgroupScan!;
    const direct = biasScan(
      { outcomes: d.yTrue, expectations: d.yScore, features: { region: d.region, band: d.band } },
      { penalty: 1, iterations: 3, replicates: 19, topK: 3 },
    );
    expect(section.subgroups.map((s) => s.subset)).toEqual(direct.subgroups.map((s) => s.subset));
    expect(section.subgroups[0]!.subset).toEqual({ region: ["r1"], band: ["b0"] });
    expect(section.subgroups[0]!.pValue).toBe(direct.best.pValue);
    expect(section.subgroups[0]!.sentence).toMatch(
      /^Among rows with region = r1 and band = b0, the model predicts \d+% but the observed default rate is \d+% \(\d+ rows, p = 0\.05 after the search\)\.$/,
    );
    expect(section).toMatchObject({
      features: ["region", "band"],
      replicates: 19,
      nullModel: "parametric",
    });
  });

  it("the section survives JSON and the schema, and every renderer prints it", () => {
    const json = JSON.parse(JSON.stringify(report));
    expect(FairnessReportSchema.parse(json)).toEqual(report.toJSON());
    expect(FairnessReport.fromJSON(json).toJSON().subgroupScan).toEqual(
      report.toJSON().subgroupScan,
    );
    const sentence = report.toJSON().subgroupScan!.subgroups[0]!.sentence;
    expect(renderText(report.toJSON())).toContain(
      "Subgroups nobody declared\n- Among rows with region = r1",
    );
    expect(renderMarkdown(report.toJSON())).toContain("### Subgroups nobody declared");
    expect(renderHtml(report.toJSON())).toContain("<h2>Subgroups nobody declared</h2>");
    expect(renderMarkdown(report.toJSON())).toContain("19 reruns of the search");
    expect(sentence.length).toBeGreaterThan(0);
  });

  it("rows the audit drops are dropped from the search features too", () => {
    const sex = d.sex.map((s, i) => (i % 10 === 0 ? null : s));
    const dropped = audit(
      { ...input, sensitiveFeatures: { sex }, missingGroup: "drop" },
      { intervals: false, scan: { ...scan, replicates: 0 } },
    );
    const kept = d.yTrue.flatMap((_, i) => (i % 10 === 0 ? [] : [i]));
    const direct = biasScan(
      {
        outcomes: kept.map((i) => d.yTrue[i]!),
        expectations: kept.map((i) => d.yScore[i]!),
        features: { region: kept.map((i) => d.region[i]!), band: kept.map((i) => d.band[i]!) },
      },
      { penalty: 1, iterations: 3, topK: 3 },
    );
    expect(dropped.toJSON().subgroupScan!.subgroups[0]!.score).toBe(direct.best.score);
    expect(dropped.toJSON().subgroupScan!.subgroups[0]!.pValue).toBeNull();
  });
});

describe("gate rule { subgroupScan: 'gap' }", () => {
  const d = data(3000);
  const input = { yTrue: d.yTrue, yScore: d.yScore, sensitiveFeatures: { sex: d.sex } };
  const scan = {
    features: { region: d.region, band: d.band },
    penalty: 1,
    iterations: 3,
    replicates: 19,
  };
  const report = audit(input, { intervals: false, scan }).toJSON();
  const planted = report.subgroupScan!.subgroups[0]!;
  const gap = Math.abs(planted.observedRate - planted.expectedRate);

  it("fails when a subgroup significant after the search misses its predicted rate by more than max", () => {
    const result = gate(report, { rules: [{ subgroupScan: "gap", max: gap / 2 }] });
    expect(result.passed).toBe(false);
    expect(result.checks[0]).toMatchObject({ status: "fail", measured: gap, max: gap / 2 });
    expect(result.checks[0]!.message).toContain(planted.sentence);
    expect(gate(report, { rules: [{ subgroupScan: "gap", max: gap + 0.01 }] }).passed).toBe(true);
  });

  it("counts only subgroups with p ≤ alpha, and errors without a scan or without p-values", () => {
    // With 19 replicates no p-value is below 1/20.
    const strict = gate(report, { rules: [{ subgroupScan: "gap", max: 0, alpha: 0.01 }] });
    expect(strict.checks[0]).toMatchObject({ status: "pass", measured: 0 });
    const plain = audit(input, { intervals: false }).toJSON();
    expect(gate(plain, { rules: [{ subgroupScan: "gap", max: 0.1 }] }).checks[0]!.status).toBe(
      "error",
    );
    const untested = audit(input, { intervals: false, scan: { ...scan, replicates: 0 } }).toJSON();
    expect(
      gate(untested, { rules: [{ subgroupScan: "gap", max: 0.1 }] }).checks[0]!.message,
    ).toContain("no p-values");
  });

  it("a malformed rule is reported with its path", () => {
    expect(() => gate(report, { rules: [{ subgroupScan: "gap", max: -1 } as never] })).toThrow(
      /rules\.0\.max|rules\[0\]/,
    );
  });
});
