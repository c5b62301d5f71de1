/**
 * What the adult-audit notebooks (the Deno and the tslab one) must show once run: no cell error,
 * the HTML report with its charts, the calibration table and the mitigation step.
 */
import { expect } from "vitest";
import { type NotebookOutput, outputText } from "./nbclient.js";

/** Asserts that `outputs` hold no error and the adult audit's report, calibration and mitigation. */
export function expectAdultAuditOutputs(outputs: readonly NotebookOutput[]): void {
  expect(outputs.filter((o) => o.output_type === "error")).toEqual([]);
  const html = outputs.map((o) => outputText(o.data?.["text/html"])).join("\n");
  const markdown = outputs.map((o) => outputText(o.data?.["text/markdown"])).join("\n");
  expect(html).toContain("<h2>Headlines</h2>");
  expect(html).toContain(
    "The worst-served group for equal opportunity is Female, Amer-Indian-Eskimo",
  );
  expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(4);
  expect(html).toContain("<b>Calibration by group (sex)</b>");
  expect(markdown).toMatch(/\| Female \| 5421 \| 0\.\d{3} \|/);
  expect(html).toContain("<b>ThresholdRule</b><ul><li>group Female: score");
  expect(markdown).toContain("| group thresholds |");
  expect(html).toContain("<b>Metrics by group (sex)</b>");
}
