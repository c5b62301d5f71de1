/**
 * Metric specs (a built-in id, a user function, or a named user metric) resolved to registry
 * definitions or user metrics.
 */
import type { ResolvedMetric, UserMetric, UserMetricFunction } from "./evaluate.js";
import { getMetric, type MetricId } from "./registry.js";

/**
 * A metric: a built-in id, a user function, or a named user metric.
 *
 * @category Metric registry
 */
export type MetricSpec = MetricId | UserMetricFunction | UserMetric;

/** Resolves metric specs to built-in definitions or user metrics. */
export function resolveMetrics(specs: readonly MetricSpec[], fn: string): ResolvedMetric[] {
  const seen = new Set<string>();
  return specs.map((spec, i) => {
    let resolved: ResolvedMetric;
    if (typeof spec === "string") {
      const definition = getMetric(spec);
      if (definition === undefined) {
        throw new RangeError(`${fn}: unknown metric ${JSON.stringify(spec)} (metrics[${i}])`);
      }
      resolved = { kind: "builtin", id: spec, name: definition.name, definition };
    } else if (typeof spec === "function") {
      const id = spec.name || `metric${i}`;
      resolved = { kind: "user", id, name: id, metric: { id, fn: spec as UserMetric["fn"] } };
    } else {
      resolved = { kind: "user", id: spec.id, name: spec.name ?? spec.id, metric: spec };
    }
    if (seen.has(resolved.id)) throw new RangeError(`${fn}: metric id ${resolved.id} given twice`);
    seen.add(resolved.id);
    return resolved;
  });
}
