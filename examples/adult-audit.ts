/**
 * Audits a logistic-regression model's predictions on the UCI Adult test set (16,281 people) by
 * sex and race, and prints the per-group table and the largest gaps.
 *
 * Data: examples/data/adult_test.csv (Becker & Kohavi, UCI, 1996) and the model's scores in
 * examples/data/derived/adult_test_lr_scores.csv (see examples/data/README.md).
 *
 * Run: npx tsx examples/adult-audit.ts (`npm run examples` runs every example; `npm run example`
 * is the command-line audit of the same data that the README shows).
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { equalizedOddsDifference, groupMetrics } from "fairscope";

const here = new URL("./data/", import.meta.url);
type Person = { income: string; sex: string; race: string };
const people = parse(readFileSync(new URL("adult_test.csv", here)), { columns: true }) as Person[];
const scores = parse(readFileSync(new URL("derived/adult_test_lr_scores.csv", here)), {
  columns: true,
}) as { lr_score: string }[];

const input = {
  // The test file's labels end with a period: ">50K." is the positive class.
  yTrue: people.map((p) => p.income),
  posLabel: ">50K.",
  yScore: scores.map((s) => Number(s.lr_score)),
  sensitiveFeatures: { sex: people.map((p) => p.sex), race: people.map((p) => p.race) },
};
const metrics = [
  "count",
  "selectionRate",
  "truePositiveRate",
  "falsePositiveRate",
  "precision",
  "accuracy",
  "rocAuc",
] as const;
const result = groupMetrics(input, { metrics });

const header = ["group", ...metrics];
const fmt = (v: number, id = "") =>
  Number.isNaN(v) ? "–" : id === "count" ? String(v) : v.toFixed(3);
const rows = [
  ["overall", ...metrics.map((m) => fmt(result.overall[m]!, m))],
  ...result.byGroup.map((g) => [g.label, ...metrics.map((m) => fmt(g.values[m]!, m))]),
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
console.log(`Adult test set, logistic regression at threshold 0.5: ${people.length} people\n`);
console.log(line(header));
for (const r of rows) console.log(line(r));

const difference = result.difference();
console.log("\nLargest gap between groups (max − min over non-empty groups):");
for (const m of metrics.slice(1)) console.log(`  ${m.padEnd(18)} ${fmt(difference[m]!)}`);
console.log(
  `\nEqualized odds difference (worst case of TPR and FPR gaps): ${fmt(equalizedOddsDifference(input))}`,
);
const tiny = result.byGroup
  .filter((g) => g.count > 0 && g.count < 30)
  .map((g) => `${g.label} (${g.count})`);
if (tiny.length > 0)
  console.log(
    `Groups with fewer than 30 people (read their numbers with care): ${tiny.join("; ")}`,
  );
