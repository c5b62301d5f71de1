/**
 * Unknown keys in an input or options object: a misspelt option (`sampleWeights`, `metric`)
 * would otherwise be ignored silently and give an unweighted result or the default metrics.
 */
import type { InputIssue } from "./errors.js";

/** Levenshtein distance between two short strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The known key closest to `key` (case-insensitively, within a third of its length), if any.
 *
 * @example
 * closestKey("sampleWeights", ["sampleWeight", "yTrue"]); // => "sampleWeight"
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * An `invalid_option` issue for every own key of `value` that is not in `known`, with the
 * closest known key as a suggestion. Keys whose value is `undefined` are accepted (an option
 * spread from a variable that is not set).
 *
 * @example
 * unknownKeyIssues({ yTrue: [1], sampleWeights: [1] }, ["yTrue", "sampleWeight"], [])[0].message;
 * // => 'unknown key "sampleWeights"; did you mean "sampleWeight"? (known: yTrue, sampleWeight)'
 */
export function unknownKeyIssues(
  value: object,
  known: readonly string[],
  path: readonly (string | number)[],
): InputIssue[] {
  return Object.keys(value).flatMap((key) => {
    if (known.includes(key) || (value as Record<string, unknown>)[key] === undefined) return [];
    const suggestion = closestKey(key, known);
    return [
      {
        code: "invalid_option" as const,
        path: [...path, key],
        message: `unknown key ${JSON.stringify(key)}${suggestion === undefined ? "" : `; did you mean ${JSON.stringify(suggestion)}?`} (known: ${known.join(", ")})`,
      },
    ];
  });
}
