/**
 * The report's clinical sections: net benefit, the calibration hierarchy and time to event in
 * `audit`, every renderer, the decision-curve chart, the gate's net-benefit rule and the CLI flags.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { decisionCurve } from "../../src/clinical/decisionCurve.js";
import { gate } from "../../src/gate/gate.js";
import { audit } from "../../src/report/audit.js";
import { decisionCurveSpec } from "../../src/report/charts.js";
import { renderHtml } from "../../src/report/render/html.js";
import { renderMarkdown } from "../../src/report/render/markdown.js";
import { renderText } from "../../src/report/render/text.js";
import { FairnessReport } from "../../src/report/report.js";
import { syntheticGroups } from "../helpers/synthetic.js";

const data = syntheticGroups(9, [
  { name: "a", n: 200, baseRate: 0.3 },
  { name: "b", n: 150, baseRate: 0.5 },
]);
const input = { yTrue: data.yTrue, yScore: data.yScore, sensitiveFeatures: data.sensitiveFeatures };
const time = data.yScore.map((s, i) => 1 + ((i * 13) % 40) + 10 * (1 - s));
const event = data.yTrue;

describe("audit with clinical sections", { timeout: 60_000 }, () => {
  const report = audit(input, {
    intervals: { nBoot: 100 },
    netBenefit: { thresholds: [0.2, 0.4], grid: [0.1, 0.2, 0.3, 0.4, 0.5] },
    calibrationHierarchy: { nBoot: 30 },
    survival: { time, event, horizon: 30 },
  });

  it("the net-benefit section matches decisionCurve with the same seed", () => {
    const direct = decisionCurve(input, {
      thresholds: [0.2, 0.4],
      grid: [0.1, 0.2, 0.3, 0.4, 0.5],
      bootstrap: { nBoot: 100, seed: 0 },
    });
    const section = report.netBenefit!;
    expect(section.groups.map((g) => g.group)).toEqual(["overall", "a", "b"]);
    expect(section.groups[1]!.atThresholds[0]!.netBenefit.value).toBe(
      direct.byGroup[0]!.atThresholds[0]!.netBenefit,
    );
    expect(section.gaps[1]!.difference.interval!.lower).toBe(
      direct.gaps[1]!.interval!.intervals[0]!.lower,
    );
  });

  it("the report round-trips through JSON with its new sections", () => {
    const back = FairnessReport.fromJSON(JSON.parse(JSON.stringify(report)));
    expect(back.calibrationHierarchy?.groups.map((g) => g.group)).toEqual(["overall", "a", "b"]);
    expect(back.survival?.matrixGroups).toEqual(["a", "b"]);
    expect(back.netBenefit?.thresholds).toEqual([0.2, 0.4]);
  });

  it("ECE, slope, intercept, O/E and ICI appear in text, Markdown and HTML", () => {
    const ici = report.calibrationHierarchy!.groups[1]!.ici.value!.toFixed(3);
    const outputs = [
      [renderText(report), ici],
      [renderMarkdown(report), ici.replace(".", "\\.")],
      [renderHtml(report), ici],
    ] as const;
    for (const [out, number] of outputs) {
      for (const header of ["ECE", "slope", "intercept", "O/E", "ICI", "Net benefit", "Uno C"]) {
        expect(out).toContain(header);
      }
      expect(out).toContain(number);
      expect(out).toContain(report.calibrationHierarchy!.groups[2]!.verdict.slice(0, 30));
    }
  });

  it("the decision-curve chart has one panel per group with the three strategies", () => {
    const spec = decisionCurveSpec(report)!;
    const values = (spec.data as { values: { group: string; strategy: string }[] }).values;
    expect(new Set(values.map((v) => v.group))).toEqual(new Set(["overall", "a", "b"]));
    expect(new Set(values.map((v) => v.strategy))).toEqual(
      new Set(["model", "treat all", "treat none", "decision threshold"]),
    );
  });

  it("gate rules on the net-benefit gap pass, fail, or say the threshold is missing", () => {
    const gap = report.netBenefit!.gaps[0]!.difference;
    const result = gate(report, {
      rules: [
        { netBenefitGap: 0.2, max: gap.value! + 0.01 },
        { netBenefitGap: 0.2, max: gap.value! - 0.01 },
        { netBenefitGap: 0.2, max: 1, on: "intervalHigh" },
        { netBenefitGap: 0.3, max: 0.1 },
      ],
    });
    expect(result.checks.map((c) => c.status)).toEqual(["pass", "fail", "pass", "error"]);
    expect(result.checks[3]!.message).toContain("no net benefit at pt = 0.3");
  });

  it("a net-benefit threshold outside (0, 1) is a FairnessInputError", () => {
    expect(() => audit(input, { netBenefit: { thresholds: [1.5] } })).toThrow(/thresholds\[0\]/);
  });
});

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { text: () => string };
  w.text = () => chunks.join("");
  return w;
}

describe("CLI --thresholds, --time, --event", { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "fairscope-clinical-"));
  const file = join(dir, "data.csv");
  writeFileSync(
    file,
    [
      "y,p,g,t,e",
      ...data.yTrue.map(
        (y, i) => `${y},${data.yScore[i]},${data.sensitiveFeatures[i]},${time[i]},${event[i]}`,
      ),
    ].join("\n"),
  );
  const base = ["audit", file, "--label", "y", "--score", "p", "--group", "g", "--n-boot", "50"];
  const io = () => ({ stdin: Readable.from([]), stdout: sink(), stderr: sink(), env: {} });

  it("prints net benefit by group, calibration verdicts and concordance", async () => {
    const out = io();
    const code = await run(
      [
        ...base,
        "--thresholds",
        "0.2,0.4",
        "--calibration-hierarchy",
        "--time",
        "t",
        "--event",
        "e",
        "--horizon",
        "30",
      ],
      out,
    );
    expect(out.stderr.text()).toBe("");
    expect(code).toBe(0);
    const text = out.stdout.text();
    expect(text).toContain("Net benefit at the decision thresholds");
    expect(text).toContain("Time to event (horizon 30.000)");
    expect(text).toMatch(/a: predictions are/);
  });

  it("rejects thresholds outside (0, 1) and --time without --event", async () => {
    const bad = io();
    expect(await run([...base, "--thresholds", "0.2,1"], bad)).toBe(2);
    expect(bad.stderr.text()).toContain("--thresholds must be probabilities in (0, 1)");
    const alone = io();
    expect(await run([...base, "--time", "t"], alone)).toBe(2);
    expect(alone.stderr.text()).toContain("--time and --event go together");
  });
});

describe("reliability chart with the hierarchy", { timeout: 60_000 }, () => {
  it("adds each group's smooth curve and band to the binned points sized by rows", async () => {
    const { reliabilitySpec } = await import("../../src/report/charts.js");
    const report = audit(input, { intervals: { nBoot: 50 }, calibrationHierarchy: { nBoot: 20 } });
    const layers = reliabilitySpec(report)!.layer as { mark: { type: string } }[];
    expect(layers.map((l) => l.mark.type ?? l.mark)).toEqual(["line", "line", "area", "line"]);
    const plain = reliabilitySpec(audit(input, { intervals: false }))!.layer as unknown[];
    expect(plain).toHaveLength(2);
  });
});
