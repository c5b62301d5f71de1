/**
 * `fairscope audit --engine duckdb`: the count metrics of a CSV or Parquet file aggregated by
 * embedded DuckDB (the file is never read into JavaScript memory), then finished and reported by
 * the in-memory code. The CLI imports this file only for that engine, so nothing else loads
 * DuckDB.
 */
import { chouldechovaNote } from "../calibration/impossibility.js";
import { groupLabel } from "../data/levels.js";
import { groupMetricsOfConfusion } from "../frame/groupMetrics.js";
import { getMetric } from "../metrics/registry.js";
import {
  criteria,
  DEFAULT_METRICS,
  DESCRIPTIVE,
  disparities,
  type ReferenceChoice,
  referenceIndex,
  reportWarnings,
} from "../report/audit.js";
import { findingsOf } from "../report/findings.js";
import {
  type FairnessReportData,
  type GroupResult,
  type MetricInfo,
  REPORT_SCHEMA_VERSION,
  type ReportWarning,
} from "../report/schema.js";
import { FAIRSCOPE_VERSION } from "../report/version.js";
import { fileTable, runDuckDb } from "../sql/duckdb.js";
import { confusionOfRows } from "../sql/rows.js";
import { confusionStatement, type SqlSpec } from "../sql/statements.js";
import { confusionOf } from "../stats/confusion.js";

/** What the DuckDB engine audits: the file, its columns and the report's options. */
export interface DuckDbAudit {
  readonly path: string;
  readonly spec: Omit<SqlSpec, "table">;
  readonly margin: boolean;
  readonly metrics: readonly string[] | undefined;
  readonly reference: ReferenceChoice;
  readonly minGroupSize: number;
  readonly title: string | undefined;
}

/** The note every DuckDB-engine report carries. */
export const DUCKDB_NOTE =
  "computed by DuckDB (--engine duckdb): count metrics only, without confidence intervals, score metrics (rocAuc, brierScore), calibration or ROC curves; use the memory engine for those";

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** An input problem found in the engine's rows (the CLI reports it as a usage error). */
export class DuckDbInputError extends Error {}

/**
 * Runs the confusion statement on the file in DuckDB and builds the report the memory engine
 * builds for count metrics (values, gaps, criteria, findings, warnings).
 *
 * Cost: one DuckDB scan of the file (all cores, memory bounded by the aggregate), then
 * O(groups × metrics).
 */
export async function auditDuckDb(request: DuckDbAudit): Promise<FairnessReportData> {
  const ids = [...(request.metrics ?? DEFAULT_METRICS)];
  const { spec } = request;
  const statement = confusionStatement(
    { ...spec, table: fileTable({ path: request.path }) },
    "duckdb",
  );
  const rows = await runDuckDb(statement);
  const weighted = spec.weight !== undefined;
  const { stats, groups: index } = confusionOfRows(rows, spec.groups, weighted);
  index.levels.forEach((levels, f) => {
    if (levels.includes(null)) {
      throw new DuckDbInputError(
        `--group ${index.featureNames[f]} has missing values; --engine duckdb needs every row to have a group`,
      );
    }
  });
  const result = groupMetricsOfConfusion(stats, index, { metrics: ids });
  const ref = referenceIndex(result, request.reference);
  const gapIds = result.metrics.filter((id) => !DESCRIPTIVE.has(id));
  const weightOf = (g: number): number => {
    let sum = 0;
    for (let c = 0; c < 4; c++) sum += stats.weightSum![4 * g + c]! + stats.weightComp![4 * g + c]!;
    return sum;
  };
  const metrics: MetricInfo[] = result.metrics.map((id) => {
    const m = getMetric(id)!;
    return {
      id,
      name: m.name,
      description: m.description,
      better: m.better,
      range: [m.range[0], num(m.range[1])],
    };
  });
  const valuesOf = (values: Readonly<Record<string, number>>) =>
    Object.fromEntries(result.metrics.map((id) => [id, { value: num(values[id]!) }]));
  const groups: GroupResult[] = result.byGroup.map((g, i) => ({
    key: [...g.key],
    label: g.label,
    count: g.count,
    ...(weighted ? { weight: weightOf(i) } : {}),
    small: g.count < request.minGroupSize,
    values: valuesOf(g.values),
  }));
  const warnings: ReportWarning[] = [
    { code: "engineDuckDb", message: DUCKDB_NOTE },
    ...reportWarnings(result.warnings, groups, request.minGroupSize),
  ];
  const base = groupMetricsOfConfusion(stats, index, { metrics: ["baseRate"] }).overall.baseRate!;
  const given = spec.prediction !== undefined;
  const note = chouldechovaNote(
    index.keys.map((key, g) => ({ group: groupLabel(key), counts: confusionOf(stats, g) })),
  );
  const data: FairnessReportData = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    metadata: {
      generator: "fairscope",
      fairscopeVersion: FAIRSCOPE_VERSION,
      seed: null,
      ...(request.title === undefined ? {} : { title: request.title }),
      input: {
        rows: groups.reduce((a, g) => a + g.count, 0),
        weighted,
        weightSum: weighted
          ? groups.reduce((a, g) => a + g.weight!, 0)
          : groups.reduce((a, g) => a + g.count, 0),
        features: [...index.featureNames],
        groups: index.keys.length,
        emptyGroups: groups.filter((g) => g.count === 0).length,
        baseRate: num(base),
        predictions: given ? "given" : "thresholded",
        scores: given ? null : request.margin ? "margin" : "probability",
        threshold: given ? null : (spec.threshold ?? (request.margin ? 0 : 0.5)),
        thresholdRule: given ? null : (spec.thresholdRule ?? ">="),
      },
      options: {
        metrics: ids,
        reference:
          request.reference === "largest" || request.reference === "overall"
            ? { kind: request.reference }
            : { kind: "group", key: [...result.byGroup[ref!]!.key] },
        minGroupSize: request.minGroupSize,
        zeroDivision: "nan",
        intervals: null,
        calibrationBins: null,
      },
    },
    metrics,
    overall: valuesOf(result.overall),
    reference: ref === undefined ? "overall" : result.byGroup[ref]!.label,
    groups,
    disparities: disparities(result, gapIds, ref, undefined, new Map()),
    criteria: criteria(result, undefined),
    findings: [],
    warnings,
    impossibilityNotes: note ? [{ code: note.code, text: note.message }] : [],
  };
  return { ...data, findings: findingsOf(data) };
}
