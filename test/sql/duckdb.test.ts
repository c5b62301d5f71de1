import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { groupMetrics } from "../../src/frame/groupMetrics.js";
import { METRICS } from "../../src/metrics/registry.js";
import { fileTable, groupMetricsDuckDb, runDuckDb } from "../../src/sql/duckdb.js";
import { histogramsOfRows } from "../../src/sql/rows.js";
import { histogramStatement } from "../../src/sql/statements.js";

const COUNT_METRICS = METRICS.filter((m) => m.input === "counts").map((m) => m.id);
const root = join(import.meta.dirname, "../..");

interface Adult {
  income: string[];
  sex: string[];
  race: string[];
  fnlwgt: number[];
  score: number[];
}

let adult: Adult;
let csvPath: string;

// The bundled Adult test split with the derived logistic-regression scores as one more column,
// written to a temporary CSV that DuckDB reads.
beforeAll(() => {
  const records = parse(readFileSync(join(root, "examples/data/adult_test.csv")), {
    columns: true,
  }) as Record<string, string>[];
  const scores = parse(readFileSync(join(root, "examples/data/derived/adult_test_lr_scores.csv")), {
    columns: true,
  }) as { lr_score: string }[];
  expect(scores.length).toBe(records.length);
  adult = {
    income: records.map((r) => r.income!),
    sex: records.map((r) => r.sex!),
    race: records.map((r) => r.race!),
    fnlwgt: records.map((r) => Number(r.fnlwgt)),
    score: scores.map((s) => Number(s.lr_score)),
  };
  const lines = ["income,sex,race,fnlwgt,lr_score"];
  records.forEach((r, i) => {
    lines.push([r.income, r.sex, r.race, r.fnlwgt, scores[i]!.lr_score].join(","));
  });
  csvPath = join(mkdtempSync(join(tmpdir(), "fairscope-sql-")), "adult_scored.csv");
  writeFileSync(csvPath, `${lines.join("\n")}\n`);
});

function expectSame(a: Record<string, number>, b: Record<string, number>): void {
  for (const id of Object.keys(b)) {
    if (Number.isNaN(b[id]!)) expect(a[id]).toBeNaN();
    else expect(Math.abs(a[id]! - b[id]!)).toBeLessThanOrEqual(1e-12 * Math.abs(b[id]!));
  }
}

describe("groupMetricsDuckDb", () => {
  for (const weighted of [false, true]) {
    it(`groupMetricsDuckDb(…) equals groupMetrics on Adult test + LR scores (${weighted ? "weighted" : "unweighted"})`, async () => {
      const sql = await groupMetricsDuckDb(
        { path: csvPath },
        {
          label: "income",
          posLabel: ">50K.",
          score: "lr_score",
          threshold: 0.5,
          groups: ["sex", "race"],
          ...(weighted ? { weight: "fnlwgt" } : {}),
        },
        { metrics: COUNT_METRICS },
      );
      const memory = groupMetrics(
        {
          yTrue: adult.income,
          yScore: adult.score,
          posLabel: ">50K.",
          sensitiveFeatures: { sex: adult.sex, race: adult.race },
          ...(weighted ? { sampleWeight: adult.fnlwgt } : {}),
        },
        { metrics: COUNT_METRICS },
      );
      expect(sql.byGroup.map((g) => [g.key, g.count])).toEqual(
        memory.byGroup.map((g) => [g.key, g.count]),
      );
      expectSame(sql.overall, memory.overall);
      sql.byGroup.forEach((g, i) => {
        expectSame(g.values, memory.byGroup[i]!.values);
      });
      expect(sql.difference()).toEqual(memory.difference());
    });
  }

  it("histogramStatement(…) in DuckDB gives the in-memory per-bin sums", async () => {
    const bins = 50;
    const spec = {
      table: fileTable({ path: csvPath }),
      label: "income",
      posLabel: ">50K.",
      score: "lr_score",
      groups: ["sex"],
      weight: "fnlwgt",
    };
    const hist = histogramsOfRows(
      await runDuckDb(histogramStatement(spec, bins, "duckdb")),
      ["sex"],
      bins,
    );
    expect(hist.map((h) => h.key)).toEqual([["Female"], ["Male"]]);
    hist.forEach((h) => {
      const classWeight = new Float64Array(2 * bins);
      const sumScore = new Float64Array(bins);
      adult.score.forEach((p, r) => {
        if (adult.sex[r] !== h.key[0]) return;
        const b = Math.min(Math.floor(p * bins), bins - 1);
        classWeight[2 * b + (adult.income[r] === ">50K." ? 1 : 0)]! += adult.fnlwgt[r]!;
        sumScore[b]! += adult.fnlwgt[r]! * p;
      });
      h.classWeight.forEach((w, i) => {
        expect(Math.abs(w - classWeight[i]!)).toBeLessThanOrEqual(1e-12 * classWeight[i]!);
      });
      h.sumScore.forEach((s, i) => {
        expect(Math.abs(s - sumScore[i]!)).toBeLessThanOrEqual(1e-9 * sumScore[i]! + 1e-9);
      });
    });
  });
});
