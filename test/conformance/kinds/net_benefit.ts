/**
 * `net_benefit` cases: decision-curve net benefit (Vickers and Elkin 2006) at pt = k/20,
 * k = 1..10, overall and per group (groups sorted by str()), weighted or not.
 */
import { binCounts, netBenefitPoints } from "../../../src/clinical/netBenefit.js";
import { caseColumns } from "../columns.js";
import { type Checker, Unsupported } from "../compare.js";
import type { KindHandler } from "../runner.js";
import { groupRows } from "./groups.js";

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
  const score = testCase.inputs.score;
  if (score !== undefined && typeof score !== "string") {
    throw new Unsupported(`score ${JSON.stringify(score)}`);
  }
  const columns = caseColumns(testCase, data);
  if (columns.yScore === undefined) throw new Error("net_benefit cases need scores");
  const weighted = testCase.weighted === true;
  if (weighted && columns.sampleWeight === undefined) {
    throw new Error("weighted case without sample weights");
  }
  const label = Uint8Array.from(columns.yTrue, (y) => (y === 1 || y === true ? 1 : 0));
  const values = Float64Array.from(columns.yScore);
  const weight =
    weighted && columns.sampleWeight ? Float64Array.from(columns.sampleWeight) : undefined;
  const all = Uint32Array.from({ length: columns.n }, (_, i) => i);
  checkEntry(check, "overall", testCase.overall as Entry, label, values, weight, all);
  const groups = groupRows(columns);
  const expected = testCase.by_group as Entry[];
  check.equal("by_group.length", groups.length, expected.length);
  groups.forEach(({ key, rows }, g) => {
    const entry = expected[g];
    if (entry === undefined) return;
    check.equal(`by_group[${g}].group`, key, entry.group);
    checkEntry(check, `by_group[${g}]`, entry, label, values, weight, Uint32Array.from(rows));
  });
};
