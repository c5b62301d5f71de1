/**
 * Comparison of computed values with the oracle's JSON values (null = NaN, "Infinity" strings),
 * and the ledger of which recorded values a case compared.
 *
 * The runner hands a kind handler a tracked view of its case (a read-only proxy). Every value
 * the handler reads from it is logged with its JSON path; when the handler passes a value it read
 * as the `expected` argument of {@link Checker.number} or {@link Checker.equal}, that path is
 * marked compared. Configuration (the case's inputs and parameters, see {@link CONFIG_KEYS}) is
 * satisfied by being read. A recorded value that is neither compared, nor asserted as a
 * documented difference, nor acknowledged with a reason, makes the case `unsupported`.
 */

/** Decodes the fixture's number encoding: null → NaN, "Infinity"/"-Infinity" → ±Infinity. */
export function decodeNumber(value: unknown): number {
  if (value === null) return Number.NaN;
  if (value === "Infinity") return Number.POSITIVE_INFINITY;
  if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  throw new TypeError(`not a fixture number: ${JSON.stringify(value)}`);
}

/** Whether `actual` equals `expected` within a relative tolerance (and an absolute floor). */
export function close(actual: number, expected: number, rtol = 1e-12, atol = 1e-14): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= Math.max(atol, rtol * Math.abs(expected));
}

/** Top-level fields that describe a case rather than record a result: never counted. */
export const METADATA_KEYS: ReadonlySet<string> = new Set([
  "name",
  "kind",
  "description",
  "tags",
  "visibility",
]);

/**
 * Keys whose values configure a computation (at any depth): reading them is using them.
 * Every other recorded leaf must be compared.
 */
export const CONFIG_KEYS: ReadonlySet<string> = new Set([
  "inputs",
  "params",
  "function",
  "labels",
  "sensitive_feature_names",
  "control_feature_names",
  "sample_weight_used",
  "weighted",
  "prediction_input",
]);

/** What happened to one recorded leaf ("read": a configuration value the handler used). */
export type LeafState = "open" | "read" | "compared" | "difference" | "acknowledged";

/**
 * Thrown by a kind handler for an input or parameter the runner cannot reproduce yet (an unknown
 * constraint name, a parameter value fairscope has no equivalent for): the case is reported
 * `unsupported` with this message, never `pass` or `fail`.
 */
export class Unsupported extends Error {
  override readonly name = "Unsupported";
}

interface Leaf {
  readonly config: boolean;
  state: LeafState;
  reason?: string;
}

/** A path-addressed node of the tracked case: a path string or an object read from the case. */
export type Node = string | object;

/** Per-case counts of recorded leaves. */
export interface Coverage {
  /** Result values compared with fairscope's. */
  readonly compared: number;
  /** Result values replaced by an assertion of fairscope's documented behaviour. */
  readonly differences: number;
  /** Values that are not parity targets (wall-clock times, notes), each with a reason. */
  readonly acknowledged: number;
  /** Configuration values the handler used. */
  readonly configuration: number;
  /** Paths of recorded values nobody looked at (or read without comparing). */
  readonly uncovered: readonly string[];
}

const USED = "used as an input";

const childPath = (parent: string, key: string, isArray: boolean) =>
  isArray ? `${parent}[${key}]` : parent === "" ? key : `${parent}.${key}`;

/** The ledger of one case's recorded leaves, and the tracked (proxied) view of the case. */
export class Ledger {
  readonly #leaves = new Map<string, Leaf>();
  readonly #paths = new WeakMap<object, string>();
  readonly #proxies = new Map<string, object>();
  /** Leaf reads not yet matched by a comparison, in order: [path, value]. */
  readonly #reads: [string, unknown][] = [];
  /** The tracked case. */
  readonly root: Record<string, unknown>;

  constructor(testCase: object) {
    for (const [key, value] of Object.entries(testCase)) {
      if (METADATA_KEYS.has(key)) continue;
      this.#walk(value, key, CONFIG_KEYS.has(key));
    }
    this.root = this.#wrap(testCase, "", false) as Record<string, unknown>;
  }

  #walk(value: unknown, path: string, config: boolean) {
    if (value !== null && typeof value === "object") {
      const isArray = Array.isArray(value);
      for (const [key, child] of Object.entries(value)) {
        this.#walk(child, childPath(path, key, isArray), config || CONFIG_KEYS.has(key));
      }
    } else {
      this.#leaves.set(path, { config, state: "open" });
    }
  }

  #wrap(target: object, path: string, config: boolean): object {
    const cached = this.#proxies.get(path);
    if (cached) return cached;
    const isArray = Array.isArray(target);
    const proxy = new Proxy(target, {
      get: (t, key, receiver) => {
        const value = Reflect.get(t, key, receiver);
        if (typeof key === "symbol" || !Object.hasOwn(t, key)) return value;
        if (path === "" && METADATA_KEYS.has(key)) return value;
        const p = childPath(path, key, isArray);
        const childConfig = config || CONFIG_KEYS.has(key);
        if (value !== null && typeof value === "object") {
          // Configuration arrays (inline columns) are handed out raw: reading them uses them.
          if (Array.isArray(value) && childConfig) {
            this.#mark(p, "read");
            return value;
          }
          return this.#wrap(value, p, childConfig);
        }
        this.#reads.push([p, value]);
        const leaf = this.#leaves.get(p);
        if (leaf?.config && leaf.state === "open") leaf.state = "read";
        return value;
      },
      set: () => false,
      deleteProperty: () => false,
    });
    this.#paths.set(proxy, path);
    this.#proxies.set(path, proxy);
    return proxy;
  }

  /** The JSON path of a tracked object (or the path itself). */
  pathOf(node: Node): string | undefined {
    return typeof node === "string" ? node : this.#paths.get(node);
  }

  /** Marks every leaf at or under `path` (upgrading only: compared beats read). */
  #mark(path: string, state: LeafState, reason?: string) {
    const rank: Record<LeafState, number> = {
      open: 0,
      read: 1,
      acknowledged: 2,
      difference: 3,
      compared: 4,
    };
    for (const [p, leaf] of this.#leaves) {
      if (p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`)) {
        if (rank[state] > rank[leaf.state]) {
          leaf.state = state;
          if (reason !== undefined) leaf.reason = reason;
        }
      }
    }
  }

  /** Marks the recorded values behind `expected` (a value read from the case) as compared. */
  compared(expected: unknown) {
    if (expected !== null && typeof expected === "object") {
      const path = this.#paths.get(expected);
      if (path !== undefined) {
        this.#mark(path, "compared");
        return;
      }
      for (const child of Object.values(expected)) this.compared(child);
      return;
    }
    for (let i = this.#reads.length - 1; i >= 0; i--) {
      const [path, value] = this.#reads[i]!;
      if (Object.is(value, expected)) {
        this.#reads.splice(i, 1);
        const leaf = this.#leaves.get(path);
        if (leaf !== undefined) leaf.state = "compared";
        return;
      }
    }
  }

  mark(node: Node, state: "difference" | "acknowledged" | "compared" | "read", reason?: string) {
    const path = this.pathOf(node);
    if (path === undefined) throw new TypeError("not a node of the tracked case");
    this.#mark(path, state, reason);
  }

  coverage(): Coverage {
    let compared = 0;
    let differences = 0;
    let acknowledged = 0;
    let configuration = 0;
    const uncovered: string[] = [];
    for (const [path, leaf] of this.#leaves) {
      if (leaf.state === "compared") compared++;
      else if (leaf.state === "difference") differences++;
      else if (leaf.state === "acknowledged") acknowledged++;
      else if (leaf.state === "read" && (leaf.config || leaf.reason === USED)) configuration++;
      else uncovered.push(path);
    }
    return { compared, differences, acknowledged, configuration, uncovered };
  }
}

/**
 * Collects mismatches (the runner reports the first) and marks compared values in the case's
 * ledger.
 */
export class Checker {
  readonly mismatches: string[] = [];
  readonly #ledger: Ledger | undefined;

  constructor(
    ledger?: Ledger,
    readonly rtol = 1e-12,
    readonly atol = 1e-14,
  ) {
    this.#ledger = ledger;
  }

  /** Compares a number with a recorded fixture number (null = NaN, ±"Infinity"). */
  number(path: string, actual: number, expected: unknown, rtol = this.rtol, atol = this.atol) {
    if (expected === undefined) {
      this.mismatches.push(`${path}: no recorded value`);
      return;
    }
    this.#ledger?.compared(expected);
    const e = decodeNumber(expected);
    if (!close(actual, e, rtol, atol)) {
      this.mismatches.push(`${path}: expected ${e}, got ${actual}`);
    }
  }

  /** Compares JSON-equal values (labels, counts, booleans, lists of levels). */
  equal(path: string, actual: unknown, expected: unknown) {
    this.#ledger?.compared(expected);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      this.mismatches.push(
        `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
      );
    }
  }

  /**
   * Asserts a condition about recorded values (`node`: an object read from the case, or a JSON
   * path), marking them compared: for records compared as a whole (an expected error, a
   * warning that fairscope must also give).
   */
  assert(node: Node, holds: boolean, message: string) {
    this.#ledger?.mark(node, "compared");
    if (!holds) this.mismatches.push(`${this.#ledger?.pathOf(node) ?? "?"}: ${message}`);
  }

  /**
   * A documented deliberate difference (docs/conformance.md): the recorded values under `node`
   * are not fairscope's result; `holds` says whether fairscope's documented behaviour held.
   */
  difference(node: Node, holds: boolean, message: string) {
    this.#ledger?.mark(node, "difference", message);
    if (!holds) this.mismatches.push(`${this.#ledger?.pathOf(node) ?? "?"}: ${message}`);
  }

  /**
   * Recorded values that are inputs of the computation although they sit among the results
   * (the arguments echoed in each `stats` result record, the thresholds of a curve).
   */
  used(node: Node) {
    this.#ledger?.mark(node, "read", USED);
  }

  /** Values that are not parity targets (a wall-clock time, a free-text note), with why. */
  acknowledge(node: Node, reason: string) {
    this.#ledger?.mark(node, "acknowledged", reason);
  }

  fail(path: string, message: string) {
    this.mismatches.push(`${path}: ${message}`);
  }
}
