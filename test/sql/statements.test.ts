import { describe, expect, it } from "vitest";
import {
  confusionStatement,
  histogramStatement,
  quoteIdentifier,
} from "../../src/sql/statements.js";

const spec = {
  table: "analytics.scored",
  label: "income",
  posLabel: ">50K",
  score: "p",
  threshold: 0.3,
  groups: ["sex", "race"],
  weight: "fnlwgt",
} as const;

describe("quoteIdentifier", () => {
  it("quoteIdentifier(…) doubles the quote character (BigQuery: escapes it) and quotes each dotted part", () => {
    expect(quoteIdentifier('a"b', "duckdb")).toBe('"a""b"');
    expect(quoteIdentifier("a`b", "spark")).toBe("`a``b`");
    expect(quoteIdentifier("a`b", "bigquery")).toBe("`a\\`b`");
    expect(quoteIdentifier("db.t", "trino")).toBe('"db"."t"');
    expect(quoteIdentifier("db.t", "spark", false)).toBe("`db.t`");
    expect(() => quoteIdentifier("", "ansi")).toThrow(TypeError);
  });
});

describe("confusionStatement", () => {
  it("confusionStatement(…) writes the exact ANSI text with bound parameters", () => {
    const s = confusionStatement(spec);
    expect(s.sql).toBe(`SELECT "g0", "g1", "label", "pred", COUNT(*) AS "n", SUM("w") AS "w"
FROM (
  SELECT
    "sex" AS "g0",
    "race" AS "g1",
    CASE WHEN "income" = ? THEN 1 ELSE 0 END AS "label",
    CASE WHEN "p" >= ? THEN 1 ELSE 0 END AS "pred",
    CAST("fnlwgt" AS DOUBLE) AS "w"
  FROM "analytics"."scored"
) "fairscope_rows"
GROUP BY "g0", "g1", "label", "pred"
ORDER BY "g0", "g1", "label", "pred"`);
    expect(s.params).toEqual([">50K", 0.3]);
  });

  it("confusionStatement(…) quotes with backticks and FLOAT64 on BigQuery, and uses '>' when asked", () => {
    const s = confusionStatement({ ...spec, thresholdRule: ">" }, "bigquery");
    expect(s.sql).toContain("CAST(`fnlwgt` AS FLOAT64) AS `w`");
    expect(s.sql).toContain("CASE WHEN `p` > ? THEN 1 ELSE 0 END AS `pred`");
    expect(s.sql).toContain("FROM `analytics`.`scored`");
    expect(confusionStatement(spec, "spark").sql).toContain("CAST(`fnlwgt` AS DOUBLE)");
  });

  it("confusionStatement(…) never writes values into the text", () => {
    const hostile = "x' OR 1=1; DROP TABLE t; --";
    const s = confusionStatement({ ...spec, posLabel: hostile, groups: ['se"x'] }, "duckdb");
    expect(s.sql).not.toContain(hostile);
    expect(s.sql).toContain('"se""x" AS "g0"');
    expect(s.params).toEqual([hostile, 0.3]);
  });

  it("confusionStatement(…) with hard predictions compares them with the positive label", () => {
    const s = confusionStatement({ table: "t", label: "y", prediction: "yhat", groups: ["g"] });
    expect(s.sql).toContain(`CASE WHEN "yhat" = ? THEN 1 ELSE 0 END AS "pred"`);
    expect(s.sql).toContain(`1 AS "w"`);
    expect(s.params).toEqual([1, 1]);
  });

  it("confusionStatement(…) rejects a non-finite threshold and ambiguous predictions", () => {
    expect(() => confusionStatement({ ...spec, threshold: Number.NaN })).toThrow(RangeError);
    expect(() => confusionStatement({ ...spec, prediction: "yhat" })).toThrow(TypeError);
    expect(() => confusionStatement({ ...spec, groups: [] })).toThrow(TypeError);
  });

  it("table expressions keep their own parameters, after the statement's", () => {
    const s = confusionStatement({
      ...spec,
      table: { expression: "read_parquet(?)", params: ["data.parquet"] },
    });
    expect(s.sql).toContain("FROM read_parquet(?)");
    expect(s.params).toEqual([">50K", 0.3, "data.parquet"]);
  });
});

describe("histogramStatement", () => {
  it("histogramStatement(…) bins scores with bound bin counts", () => {
    const s = histogramStatement(spec, 1000, "trino");
    expect(s.sql).toContain(`LEAST(CAST(FLOOR(CAST("p" AS DOUBLE) * ?) AS INTEGER), ?) AS "bin"`);
    expect(s.sql).toContain(`GROUP BY "g0", "g1", "label", "bin"`);
    expect(s.params).toEqual([">50K", 0.3, 1000, 999]);
    expect(() => histogramStatement(spec, 2.5)).toThrow(RangeError);
  });
});
