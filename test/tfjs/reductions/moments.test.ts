import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as counts from "../../../src/metrics/counts.js";
import type { CountMetric } from "../../../src/metrics/types.js";
import type { Confusion } from "../../../src/stats/confusion.js";
import { UtilityParity } from "../../../src/tfjs/reductions/moments.js";

/** Confusion counts of the rows `keep` selects. */
function confusion(y: Uint8Array, h: Uint8Array, keep: (i: number) => boolean): Confusion {
  const c = { tn: 0, fp: 0, fn: 0, tp: 0 };
  for (let i = 0; i < y.length; i++) {
    if (!keep(i)) continue;
    if (y[i] === 1) c[h[i] === 1 ? "tp" : "fn"] += 1;
    else c[h[i] === 1 ? "fp" : "tn"] += 1;
  }
  return c;
}

const data = fc
  .array(
    fc.record({
      y: fc.integer({ min: 0, max: 1 }),
      h: fc.integer({ min: 0, max: 1 }),
      g: fc.integer({ min: 0, max: 2 }),
    }),
    { minLength: 1, maxLength: 50 },
  )
  .map((rows) => ({
    y: Uint8Array.from(rows, (r) => r.y),
    h: Uint8Array.from(rows, (r) => r.h),
    group: Uint32Array.from(rows, (r) => r.g),
  }));

const CASES: [string, (label: string) => CountMetric][] = [
  ["demographicParity", () => counts.selectionRate],
  ["errorRateParity", () => counts.errorRate],
  ["equalizedOdds", (e) => (e === "label=1" ? counts.truePositiveRate : counts.falsePositiveRate)],
];

describe("UtilityParity.gamma (Fairlearn's order)", () => {
  it.each(CASES)(
    "%s: γ of hard predictions is the registry's rate in the cell minus the event's",
    (constraint, metricOf) => {
      fc.assert(
        fc.property(data, ({ y, h, group }) => {
          const moments = new UtilityParity(constraint as never, y, group, 3, 0);
          const gamma = moments.gamma(h);
          const half = moments.labels.length / 2;
          moments.labels.slice(0, half).forEach((label, c) => {
            const inEvent = (i: number) =>
              label.event === "all" || y[i] === (label.event === "label=1" ? 1 : 0);
            const metric = metricOf(label.event);
            const expected =
              metric.fromCounts(confusion(y, h, (i) => inEvent(i) && group[i] === label.group)) -
              metric.fromCounts(confusion(y, h, inEvent));
            expect(Math.abs(gamma[c]! - expected)).toBeLessThanOrEqual(1e-12);
            expect(gamma[half + c]).toBe(-gamma[c]!);
          });
        }),
      );
    },
  );
});
