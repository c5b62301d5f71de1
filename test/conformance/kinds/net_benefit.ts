/**
 * `net_benefit` cases: decision-curve net benefit (Vickers and Elkin 2006) at pt = k/20,
 * k = 1..10, overall and per group (groups sorted by the str() of the level), weighted or not.
 */
import { binCounts, netBenefitPoints } from "../../../src/clinical/netBenefit.js";
import type { Checker } from "../compare.js";
import type { KindHandler } from "../runner.js";
import { rowsByLevel } from "./calibration.js";

interface PointJson {
  readonly pt: number;
  readonly tp: unknown;
  readonly fp: unknown;
  readonly net_benefit: unknown;
  readonly treat_all: unknown;
  readonly treat_none: unknown;
  readonly standardized_net_benefit: unknown;
  readonly standardized_treat_all: unknown;
}

interface Entry {
  readonly group?: readonly unknown[];
  readonly n: unknown;
  readonly prevalence: unknown;
  readonly thresholds: readonly PointJson[];
}

/** The conventions' grid: pt = k / 20 for k = 1..10 (float64 division). */
const GRID = Array.from({ length: 10 }, (_, k) => (k + 1) / 20);

function checkEntry(
  check: Checker,
  path: string,
  entry: Entry,
  label: Uint8Array,
  score: Float64Array,
  weight: Float64Array | undefined,
  rows: Uint32Array,
) {
  const points = netBenefitPoints(binCounts(label, score, weight, rows, GRID), GRID);
  check.number(`${path}.n`, points[0]!.total, entry.n);
  check.number(`${path}.prevalence`, points[0]!.prevalence, entry.prevalence);
  check.equal(`${path}.thresholds.length`, points.length, entry.thresholds.length);
  entry.thresholds.forEach((e, j) => {
    const p = points[j];
    const at = `${path}.thresholds[${j}]`;
    if (p === undefined) return;
    check.number(`${at}.pt`, p.threshold, e.pt);
    check.number(`${at}.tp`, p.truePositives, e.tp);
    check.number(`${at}.fp`, p.falsePositives, e.fp);
    check.number(`${at}.net_benefit`, p.netBenefit, e.net_benefit);
    check.number(`${at}.treat_all`, p.treatAll, e.treat_all);
    check.number(`${at}.treat_none`, p.treatNone, e.treat_none);
    check.number(
      `${at}.standardized_net_benefit`,
      p.standardizedNetBenefit,
      e.standardized_net_benefit,
    );
    check.number(`${at}.standardized_treat_all`, p.standardizedTreatAll, e.standardized_treat_all);
  });
}

export const netBenefit: KindHandler = (testCase, { data, check }) => {
  const inputs = testCase.inputs as Record<string, unknown>;
  let yTrue: readonly number[];
  let yScore: readonly number[];
  let levels: readonly unknown[];
  let sampleWeight: readonly number[] | undefined;
  if (inputs.source === "inline") {
    yTrue = inputs.y_true as number[];
    yScore = inputs.y_score as number[];
    levels = inputs.sensitive_features as unknown[];
    sampleWeight = inputs.sample_weight as number[] | undefined;
  } else {
    if (data?.yScore === undefined)
      throw new Error("net_benefit cases need a pipeline with scores");
    const [feature] = inputs.sensitive_features as string[];
    const column = data.features[feature ?? ""];
    if (column === undefined) throw new Error(`unknown feature ${String(feature)}`);
    yTrue = data.yTrue;
    yScore = data.yScore;
    levels = column;
    sampleWeight = testCase.weighted === true ? data.sampleWeight : undefined;
  }
  if (testCase.weighted === true && sampleWeight === undefined) {
    throw new Error("weighted case without sample weights");
  }
  const label = Uint8Array.from(yTrue, (y) => (y === 1 ? 1 : 0));
  const score = Float64Array.from(yScore);
  const weight = sampleWeight === undefined ? undefined : Float64Array.from(sampleWeight);
  const all = Uint32Array.from({ length: label.length }, (_, i) => i);
  checkEntry(check, "overall", testCase.overall as Entry, label, score, weight, all);
  const groups = rowsByLevel(levels);
  const expected = testCase.by_group as Entry[];
  check.equal("by_group.length", groups.length, expected.length);
  groups.forEach(([key, rows], g) => {
    const entry = expected[g];
    if (entry === undefined) return;
    check.equal(`by_group[${g}].group`, [key], entry.group?.map(String));
    checkEntry(check, `by_group[${g}]`, entry, label, score, weight, Uint32Array.from(rows));
  });
};
