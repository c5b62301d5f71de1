/**
 * The accumulator on hostile input: batches cannot override the accumulator's options, the
 * documented worker workflow merges, and a state is checked before it is used.
 */
import { describe, expect, it } from "vitest";
import {
  type AccumulatorBatch,
  accumulatorFromState,
  createAccumulator,
} from "../../src/stream/index.js";
import { inputIssues } from "../helpers/errors.js";

describe("accumulator on hostile input", () => {
  it("a batch carrying posLabel or scores is refused, not allowed to flip labels or bins", () => {
    const acc = createAccumulator({ groups: ["a", "b"], calibrationBins: 4 });
    for (const extra of [{ posLabel: 0 }, { scores: "margin" }]) {
      const batch = { yTrue: [1, 0], yScore: [0.5, -1], sensitiveFeatures: ["a", "b"], ...extra };
      const issues = inputIssues(() => acc.update(batch as unknown as AccumulatorBatch));
      expect(issues[0]).toMatchObject({ code: "invalid_option", path: [Object.keys(extra)[0]] });
      expect(issues[0]!.message).toContain("belong to createAccumulator");
    }
    expect(acc.rows).toBe(0);
    // A margin score in a probability accumulator is out of range, as in prepare.
    const issues = inputIssues(() =>
      acc.update({ yTrue: [1, 0], yScore: [0.5, -1], sensitiveFeatures: ["a", "b"] }),
    );
    expect(issues[0]).toMatchObject({ code: "out_of_range", path: ["yScore", 1] });
  });

  it("workers with their own bootstrap stream merge, as the streaming guide describes", () => {
    const options = (stream: number) => ({
      groups: ["a", "b"],
      bootstrap: { replicates: 20, seed: 7, stream },
    });
    const batch = { yTrue: [1, 0, 1], yPred: [1, 1, 0], sensitiveFeatures: ["a", "b", "a"] };
    const one = createAccumulator(options(1)).update(batch);
    const two = createAccumulator(options(2)).update(batch);
    const merged = one.merge(two);
    expect(merged.rows).toBe(6);
    expect(merged.result({ metrics: ["count"] }).byGroup.map((g) => g.count)).toEqual([4, 2]);
    // Other options must still agree.
    const other = createAccumulator({ ...options(3), bootstrap: { replicates: 20, seed: 8 } });
    expect(() => merged.merge(other)).toThrow(/different options/);
  });

  it("accumulatorFromState(…) refuses a corrupted state", () => {
    const acc = createAccumulator({ groups: ["a", "b"] });
    acc.update({ yTrue: [1, 0], yPred: [1, 0], sensitiveFeatures: ["a", "b"] });
    const good = JSON.parse(JSON.stringify(acc)) as Record<string, unknown> & {
      config: Record<string, unknown>;
      counts: unknown[];
    };
    const bad = (edit: (s: typeof good) => void) => {
      const s = structuredClone(good);
      edit(s);
      return () => accumulatorFromState(s as never);
    };
    expect(bad((s) => (s.counts[0] = -1))).toThrow(/finite numbers >= 0/);
    expect(bad((s) => (s.counts[0] = "3"))).toThrow(/numbers only/);
    expect(bad((s) => (s.counts[0] = null))).toThrow(/numbers only/);
    expect(bad((s) => delete s.config.levels)).toThrow(/config.levels/);
    expect(bad((s) => (s.config.calibrationBins = -1))).toThrow(/calibrationBins/);
    expect(bad((s) => (s.config.stream = 1e12))).toThrow(/stream must be at most/);
    expect(bad((s) => (s.rows = -2))).toThrow(/rows/);
    expect(accumulatorFromState(good as never).rows).toBe(2);
  });

  it("an accumulator whose state would not fit is refused up front", () => {
    expect(() =>
      createAccumulator({ groups: ["a", "b"], bootstrap: { replicates: 1e9, seed: 1 } }),
    ).toThrow(/state would hold 8000000008 numbers/);
  });
});
