import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { biasScan } from "../../src/index.js";
import { biasScanOfCells } from "../../src/scan/index.js";
import { biasScanDuckDb } from "../../src/sql/duckdb.js";
import { scanCellsStatement } from "../../src/sql/statements.js";
import { randomSource } from "../../src/uncertainty/index.js";
import { expectClose } from "../helpers/close.js";
import { inputIssues } from "../helpers/errors.js";

/** Seeded rows: two features, probabilities on a grid, a planted underpredicted subgroup. */
function rows(n: number) {
  const random = randomSource(21);
  const out = {
    y: [] as number[],
    p: [] as number[],
    region: [] as string[],
    band: [] as string[],
  };
  for (let i = 0; i < n; i++) {
    const region = `r${random.integer(0, 3)}`;
    const band = `b${random.integer(0, 2)}`;
    const p = 0.1 + 0.1 * random.integer(0, 7);
    const odds = (p / (1 - p)) * (region === "r2" && band === "b1" ? 3 : 1);
    out.y.push(random.uniform() < odds / (1 + odds) ? 1 : 0);
    out.p.push(p);
    out.region.push(region);
    out.band.push(band);
  }
  return out;
}

describe("the bias scan on aggregated cells", () => {
  const data = rows(4000);
  const input = {
    outcomes: data.y,
    expectations: data.p,
    features: { region: data.region, band: data.band },
  };
  const options = { direction: "underpredicted" as const, penalty: 0.5, iterations: 1 };

  it("biasScanOfCells(cells) equals biasScan(rows) (one start from the whole population)", () => {
    const cells = new Map<
      string,
      { region: string; band: string; p: number; n: number; y: number }
    >();
    data.y.forEach((y, i) => {
      const key = `${data.region[i]}|${data.band[i]}|${data.p[i]}`;
      const cell = cells.get(key) ?? {
        region: data.region[i]!,
        band: data.band[i]!,
        p: data.p[i]!,
        n: 0,
        y: 0,
      };
      cell.n += 1;
      cell.y += y;
      cells.set(key, cell);
    });
    const list = [...cells.values()];
    const fromCells = biasScanOfCells(
      {
        features: { region: list.map((c) => c.region), band: list.map((c) => c.band) },
        rows: list.map((c) => c.n),
        outcomeSums: list.map((c) => c.y),
        expectations: list.map((c) => c.p),
      },
      options,
    );
    const fromRows = biasScan(input, options);
    expect(fromCells.best.subset).toEqual(fromRows.best.subset);
    expect(fromCells.best.rows).toBe(fromRows.best.rows);
    expectClose(fromCells.best.score, fromRows.best.score);
  });

  it("biasScanOfCells rejects bad counts and permutations", () => {
    const issues = inputIssues(() =>
      biasScanOfCells(
        { features: { g: ["a", "b"] }, rows: [2, 0], outcomeSums: [3, 0] },
        { nullModel: "permutation" },
      ),
    );
    expect(issues.map((i) => i.path.join("."))).toEqual(["outcomeSums.0", "rows.1", "nullModel"]);
  });

  it("scanCellsStatement groups by the features and the probability, the positive label bound", () => {
    const s = scanCellsStatement(
      { table: "t", label: "y", posLabel: "yes", score: "p", features: ["sex"] },
      "duckdb",
    );
    expect(s.params).toEqual(["yes"]);
    expect(s.sql).toContain('GROUP BY "g0", "p"');
  });

  it("biasScanDuckDb over a CSV equals biasScan in memory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fairscope-scan-"));
    const path = join(dir, "scores.csv");
    const lines = [
      "y,p,region,band",
      ...data.y.map((y, i) => `${y},${data.p[i]},${data.region[i]},${data.band[i]}`),
    ];
    writeFileSync(path, `${lines.join("\n")}\n`);
    const sql = await biasScanDuckDb(
      { path },
      { label: "y", score: "p", features: ["region", "band"] },
      options,
    );
    const memory = biasScan(input, options);
    expect(sql.best.subset).toEqual(memory.best.subset);
    expect(sql.best.subset).toEqual({ region: ["r2"], band: ["b1"] });
    expectClose(sql.best.score, memory.best.score);
  }, 60_000);
});
