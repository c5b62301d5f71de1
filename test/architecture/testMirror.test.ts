/**
 * Tests mirror src/: every module with logic has a test file of its own name
 * (src/<folder>/<name>.ts → test/<folder>/<name>.test.ts), or is listed in TESTED_THROUGH with
 * the test file that imports it directly and tests it there.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Modules whose direct tests live in another test file, with that file. Each entry must import
 * the module (a relative import that resolves to it, or the folder's entry that re-exports it,
 * naming one of its exports), so the mapping cannot point at a file that only reaches the module
 * through other public calls.
 */
const TESTED_THROUGH: Readonly<Record<string, string>> = {
  "src/calibration/lowess.ts": "test/calibration/flexible.test.ts",
  "src/gate/parsePolicy.ts": "test/gate/gate.test.ts",
  "src/gate/render.ts": "test/gate/gate.test.ts",
  "src/io/convert.ts": "test/io/read.test.ts",
  "src/membership/matrix.ts": "test/membership/softGroupMetrics.test.ts",
  "src/metrics/calibration/validate.ts": "test/metrics/calibration/scalar.test.ts",
  "src/mitigation/calibratedEqualizedOdds.ts": "test/mitigation/postprocessing.test.ts",
  "src/mitigation/equalizedOddsPostprocessing.ts": "test/mitigation/postprocessing.test.ts",
  "src/mitigation/rejectOption.ts": "test/mitigation/postprocessing.test.ts",
  "src/mitigation/thresholdRule.ts": "test/mitigation/rule.test.ts",
  "src/regression/sums.ts": "test/regression/regressionMetrics.test.ts",
  "src/report/charts.ts": "test/report/svg.test.ts",
  "src/report/findings.ts": "test/report/render.test.ts",
  "src/report/format.ts": "test/report/render.test.ts",
  "src/report/render/html.ts": "test/report/render.test.ts",
  "src/report/render/json.ts": "test/report/render.test.ts",
  "src/report/render/markdown.ts": "test/report/render.test.ts",
  "src/report/render/shownGroups.ts": "test/report/shownGroups.test.ts",
  "src/report/render/text.ts": "test/report/render.test.ts",
  "src/report/report.ts": "test/report/audit.test.ts",
  "src/report/schema.ts": "test/report/schemaFile.test.ts",
  "src/sql/rows.ts": "test/sql/duckdb.test.ts",
  "src/standardization/effectiveSampleSize.ts": "test/standardization/standardization.test.ts",
  "src/standardization/standardize.ts": "test/standardization/standardization.test.ts",
  "src/standardization/weights.ts": "test/standardization/standardization.test.ts",
  "src/stats/distributions.ts": "test/stats/special.test.ts",
  "src/survival/concordance.ts": "test/survival/survival.test.ts",
  "src/survival/kaplanMeier.ts": "test/survival/survival.test.ts",
  "src/survival/survivalByGroup.ts": "test/survival/survival.test.ts",
  "src/tfjs/auditModel.ts": "test/tfjs/adapters.test.ts",
  "src/tfjs/learners/logisticRegression.ts": "test/tfjs/reductions.test.ts",
  "src/tfjs/learners/tfLearners.ts": "test/tfjs/reductions.test.ts",
  "src/tfjs/reductions/exponentiatedGradient.ts": "test/tfjs/reductions.test.ts",
  "src/tfjs/reductions/gridSearch.ts": "test/tfjs/reductions.test.ts",
  "src/tfjs/reductions/lagrangian.ts": "test/tfjs/gridSearchBound.test.ts",
  "src/uncertainty/bootstrapInterval.ts": "test/uncertainty/bootstrap.test.ts",
  "src/uncertainty/countBootstrap.ts": "test/uncertainty/bootstrap.test.ts",
  "src/uncertainty/proportionIntervals.ts": "test/uncertainty/bootstrap.test.ts",
  "src/uncertainty/quantile.ts": "test/uncertainty/bootstrap.test.ts",
  "src/uncertainty/resample.ts": "test/uncertainty/bootstrap.test.ts",
  "src/uncertainty/representation.ts": "test/uncertainty/groupTests.test.ts",
  "src/web/build.ts": "test/web/page.chromium.test.ts",
  "src/web/table.ts": "test/web/page.chromium.test.ts",
};

/**
 * Modules with logic that have no direct test yet: they are exercised only through public calls
 * (audit, groupMetrics, the CLI run in-process, the conformance cases). The list only shrinks: a
 * module that gets its mirrored test must leave it, and a new module cannot join it.
 */
const WITHOUT_DIRECT_TEST: readonly string[] = [
  "src/cli/audit.ts",
  "src/cli/commands.ts",
  "src/cli/flags.ts",
  "src/cli/ids.ts",
  "src/cli/main.ts",
  "src/data/schema.ts",
  "src/frame/result.ts",
  "src/gate/policy.ts",
  "src/metrics/calibration/metrics.ts",
  "src/metrics/evaluate.ts",
  "src/mitigation/ruleSchemas.ts",
  "src/report/build.ts",
  "src/report/enrich.ts",
  "src/report/options.ts",
  "src/report/render/clinicalTables.ts",
  "src/uncertainty/columnsBootstrap.ts",
  "src/uncertainty/criterionIntervals.ts",
  "src/uncertainty/groupMetricsIntervals.ts",
  "src/web/page.ts",
];

/** src/**\/*.ts, relative to the repository root, with forward slashes. */
function files(dir: string): string[] {
  return (readdirSync(join(root, dir), { recursive: true }) as string[])
    .map((f) => posix.join(dir, f.split("\\").join("/")))
    .filter((f) => f.endsWith(".ts"));
}

/**
 * Whether a module has logic: a function body anywhere (function, method, arrow, accessor,
 * constructor). Re-export entries, type declarations and constant tables have none.
 */
function hasLogic(file: string): boolean {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(root, file), "utf8"),
    ts.ScriptTarget.ES2022,
  );
  const visit = (node: ts.Node): boolean =>
    (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) ||
    ts.forEachChild(node, visit) === true;
  return visit(source);
}

const IMPORT =
  /(?:^|\s)(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|vi\.mock\(\s*["']([^"']+)["']/g;

/** The src/ modules a test file imports by a relative path, relative to the repository root. */
function importsOf(testFile: string): Set<string> {
  const text = readFileSync(join(root, testFile), "utf8");
  return new Set(
    [...text.matchAll(IMPORT)]
      .map((m) => (m[1] ?? m[2] ?? m[3])!)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => posix.join(posix.dirname(testFile), spec).replace(/\.js$/, ".ts")),
  );
}

const EXPORTED =
  /export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g;

/**
 * Whether a test file imports `module`: directly, or through an entry (an index.ts it imports)
 * that re-exports the module, when the test names one of the module's exports.
 */
function reaches(testFile: string, module: string): boolean {
  const imported = importsOf(testFile);
  if (imported.has(module)) return true;
  const text = readFileSync(join(root, testFile), "utf8");
  const names = [...readFileSync(join(root, module), "utf8").matchAll(EXPORTED)].map((m) => m[1]!);
  return (
    names.some((name) => new RegExp(`\\b${name.replace("$", "\\$")}\\b`).test(text)) &&
    [...imported].some((entry) => entry.endsWith("/index.ts") && importsOf(entry).has(module))
  );
}

const mirrorOf = (module: string) => module.replace(/^src\//, "test/").replace(/\.ts$/, ".test.ts");

describe("tests mirror src/", () => {
  const modules = files("src").filter(hasLogic);

  it("every module with logic has a mirrored test file or one that imports it", () => {
    const untested = modules.filter(
      (m) =>
        !existsSync(join(root, mirrorOf(m))) &&
        TESTED_THROUGH[m] === undefined &&
        !WITHOUT_DIRECT_TEST.includes(m),
    );
    expect(untested, "write test/<folder>/<name>.test.ts for these modules").toEqual([]);
  });

  it("every TESTED_THROUGH entry names a module with logic, a test file that imports it, and no mirror exists", () => {
    const wrong = Object.entries(TESTED_THROUGH).flatMap(([module, test]) => {
      if (!modules.includes(module)) return [`${module}: not a module with logic`];
      if (existsSync(join(root, mirrorOf(module)))) return [`${module}: has ${mirrorOf(module)}`];
      if (!existsSync(join(root, test))) return [`${module}: ${test} does not exist`];
      if (!reaches(test, module)) return [`${module}: ${test} does not import it`];
      return [];
    });
    expect(wrong).toEqual([]);
  });

  it("WITHOUT_DIRECT_TEST lists only modules with logic that still lack a direct test", () => {
    const stale = WITHOUT_DIRECT_TEST.filter(
      (m) =>
        !modules.includes(m) ||
        existsSync(join(root, mirrorOf(m))) ||
        TESTED_THROUGH[m] !== undefined,
    );
    expect(stale, "remove these from WITHOUT_DIRECT_TEST").toEqual([]);
  });
});
