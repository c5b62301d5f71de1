/**
 * `calibration_flexible` cases: statsmodels' lowess calibration curve (frac = 2/3, it = 0) and
 * ICI, E50, E90, Emax of |p − p_c|, overall and per group (groups sorted by the str() of the level).
 */
import { lowessCalibration } from "../../../src/calibration/flexible.js";
import { windowSize } from "../../../src/calibration/lowess.js";
import { neumaierSum } from "../../../src/stats/summation.js";
import { caseColumns } from "../columns.js";
import { type Checker, Unsupported } from "../compare.js";
import type { KindHandler } from "../runner.js";
import { groupRows } from "./groups.js";

interface ByP {
  readonly p: number;
  readonly n: number;
  readonly p_c: unknown;
  readonly p_c_all_equal: boolean;
}

interface Sample {
  readonly row_in_group: number;
  readonly p: unknown;
  readonly y: unknown;
  readonly p_c: unknown;
}

interface Entry {
  readonly group?: readonly unknown[];
  readonly n: number;
  readonly n_distinct_p: number;
  readonly mean_y: unknown;
  readonly mean_p: unknown;
  readonly k_neighbours: number;
  readonly ici: unknown;
  readonly e50: unknown;
  readonly e90: unknown;
  readonly emax: unknown;
  readonly mean_p_c: unknown;
  readonly any_nan_p_c: boolean;
  readonly p_c_by_p?: readonly ByP[];
  readonly p_c_sample?: readonly Sample[];
}

const FRAC = 2 / 3;

function checkEntry(
  check: Checker,
  path: string,
  entry: Entry,
  yTrue: readonly number[],
  p: readonly number[],
) {
  const n = yTrue.length;
  const result = lowessCalibration(yTrue, p, { frac: FRAC });
  const fitted = result.fitted;
  check.equal(`${path}.n`, n, entry.n);
  check.equal(`${path}.n_distinct_p`, new Set(p).size, entry.n_distinct_p);
  check.number(`${path}.mean_y`, neumaierSum(yTrue) / n, entry.mean_y);
  check.number(`${path}.mean_p`, neumaierSum(p) / n, entry.mean_p);
  check.equal(`${path}.k_neighbours`, windowSize(FRAC, n), entry.k_neighbours);
  for (const name of ["ici", "e50", "e90", "emax"] as const) {
    check.number(`${path}.${name}`, result[name], entry[name]);
  }
  check.number(`${path}.mean_p_c`, neumaierSum(fitted) / n, entry.mean_p_c);
  check.equal(`${path}.any_nan_p_c`, fitted.some(Number.isNaN), entry.any_nan_p_c);
  const distinct = [...new Set(p)].sort((a, b) => a - b);
  entry.p_c_by_p?.forEach((e, j) => {
    const at = `${path}.p_c_by_p[${j}]`;
    check.number(`${at}.p`, distinct[j] ?? Number.NaN, e.p);
    const rows = p.flatMap((v, i) => (v === e.p ? [i] : []));
    check.equal(`${at}.n`, rows.length, e.n);
    const values = rows.map((i) => fitted[i]!);
    check.equal(
      `${at}.p_c_all_equal`,
      values.every((v) => v === values[0]),
      e.p_c_all_equal,
    );
    check.number(`${at}.p_c`, values[0] ?? Number.NaN, e.p_c);
  });
  if (entry.p_c_by_p !== undefined) {
    check.equal(`${path}.p_c_by_p.length`, entry.p_c_by_p.length, new Set(p).size);
  }
  entry.p_c_sample?.forEach((e, j) => {
    const i = e.row_in_group;
    const at = `${path}.p_c_sample[${j}]`;
    check.used(`${at}.row_in_group`);
    check.number(`${at}.p`, p[i] ?? Number.NaN, e.p);
    check.number(`${at}.y`, yTrue[i] ?? Number.NaN, e.y);
    check.number(`${at}.p_c`, fitted[i] ?? Number.NaN, e.p_c);
  });
}

export const calibrationFlexible: KindHandler = (testCase, { data, check }) => {
  const params = testCase.params as Record<string, unknown> | undefined;
  const smoother = String(params?.smoother ?? "frac=2/3, it=0");
  if (!smoother.includes("frac=2/3") || !smoother.includes("it=0")) {
    throw new Unsupported(`smoother ${smoother}`);
  }
  for (const name of ["ici", "e50", "e90", "emax"]) void params?.[name];
  void testCase.inputs.score_transform;
  const columns = caseColumns(testCase, data);
  if (columns.yScore === undefined) throw new Error("calibration_flexible cases need scores");
  if (columns.sampleWeight !== undefined) throw new Unsupported("weighted lowess");
  const yTrue = columns.yTrue.map((y) => (y === 1 || y === true ? 1 : 0));
  const yScore = columns.yScore;
  checkEntry(check, "overall", testCase.overall as Entry, yTrue, yScore);
  const groups = groupRows(columns);
  const expected = testCase.by_group as Entry[];
  check.equal("by_group.length", groups.length, expected.length);
  groups.forEach(({ key, rows }, g) => {
    const entry = expected[g];
    if (entry === undefined) return;
    check.equal(`by_group[${g}].group`, key, entry.group);
    checkEntry(
      check,
      `by_group[${g}]`,
      entry,
      rows.map((i) => yTrue[i]!),
      rows.map((i) => yScore[i]!),
    );
  });
};
