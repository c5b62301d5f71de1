import { describe, expect, it } from "vitest";
import { getMetric } from "../../src/metrics/registry.js";
import { type MetricSpec, resolveMetrics } from "../../src/metrics/resolve.js";

describe("resolveMetrics(specs, fn)", () => {
  it("resolveMetrics(…) resolves ids to registry definitions and keeps user metrics", () => {
    function meanLabel(y: Uint8Array) {
      return y.reduce((a, b) => a + b, 0) / y.length;
    }
    const named = { id: "custom", name: "Custom metric", fn: () => 0.5 };
    const resolved = resolveMetrics(
      ["selectionRate", meanLabel, named, { id: "bare", fn: () => 1 }],
      "f",
    );
    expect(resolved.map((m) => [m.kind, m.id, m.name])).toEqual([
      ["builtin", "selectionRate", getMetric("selectionRate")!.name],
      ["user", "meanLabel", "meanLabel"],
      ["user", "custom", "Custom metric"],
      ["user", "bare", "bare"],
    ]);
    expect(resolved[0]!.kind === "builtin" && resolved[0]!.definition).toBe(
      getMetric("selectionRate"),
    );
    expect(resolved[2]!.kind === "user" && resolved[2]!.metric).toBe(named);
  });

  it("resolveMetrics(…) names an anonymous function after its position", () => {
    const resolved = resolveMetrics(
      [
        "accuracy",
        (
          () => () =>
            0
        )(),
      ],
      "f",
    );
    expect(resolved[1]!.id).toBe("metric1");
  });

  it("resolveMetrics(…) rejects an unknown id and an id given twice, naming the caller", () => {
    // A JavaScript caller (or a cast) can still pass a misspelt id: it fails at run time.
    const misspelt = ["accuracy", "acuracy"] as unknown as MetricSpec[];
    expect(() => resolveMetrics(misspelt, "groupMetrics")).toThrow(
      new RangeError('groupMetrics: unknown metric "acuracy" (metrics[1])'),
    );
    expect(() => resolveMetrics(["accuracy", { id: "accuracy", fn: () => 0 }], "audit")).toThrow(
      new RangeError("audit: metric id accuracy given twice"),
    );
  });
});
