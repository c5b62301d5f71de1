import fc from "fast-check";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { describe, expect, it } from "vitest";
import { normalCdf } from "../../src/stats/distributions.js";
import { logFactorial, regularizedGamma } from "../../src/stats/special.js";
import { randomSource, randomSourceFromState } from "../../src/uncertainty/random.js";

/** Upper-tail p-value of Pearson's goodness-of-fit statistic, pooling cells with expectation < 5. */
function goodnessOfFit(
  observed: readonly number[],
  expectedProb: readonly number[],
  total: number,
) {
  let stat = 0;
  let cells = 0;
  let pooledObs = 0;
  let pooledExp = 0;
  for (let i = 0; i < observed.length; i++) {
    pooledObs += observed[i] ?? 0;
    pooledExp += (expectedProb[i] ?? 0) * total;
    if (pooledExp >= 5) {
      stat += (pooledObs - pooledExp) ** 2 / pooledExp;
      cells += 1;
      pooledObs = 0;
      pooledExp = 0;
    }
  }
  if (pooledExp > 0) {
    stat += (pooledObs - pooledExp) ** 2 / pooledExp;
    cells += 1;
  }
  return regularizedGamma((cells - 1) / 2, stat / 2).upper;
}

function binomialPmf(n: number, p: number): number[] {
  const out: number[] = [];
  for (let k = 0; k <= n; k++) {
    out.push(
      Math.exp(
        logFactorial(n) -
          logFactorial(k) -
          logFactorial(n - k) +
          k * Math.log(p) +
          (n - k) * Math.log1p(-p),
      ),
    );
  }
  return out;
}

function binomialFrequencies(seed: number, n: number, p: number, draws: number): number[] {
  const rng = randomSource(seed);
  const counts = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < draws; i++) {
    const x = rng.binomial(n, p);
    counts[x] = (counts[x] ?? 0) + 1;
  }
  return counts;
}

describe("randomSource(seed)", () => {
  it("randomSource(seed) gives the same stream for the same seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (seed) => {
        const a = randomSource(seed);
        const b = randomSource(seed);
        for (let i = 0; i < 5; i++) expect(a.uniform()).toBe(b.uniform());
        expect(a.binomial(1000, 0.3)).toBe(b.binomial(1000, 0.3));
      }),
    );
  });

  it("randomSource(seed) gives different streams for different seeds", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.integer({ min: 0, max: 0xffff_ffff }),
        (s1, s2) => {
          fc.pre(s1 !== s2);
          const a = randomSource(s1);
          const b = randomSource(s2);
          const xa = [a.uniform(), a.uniform(), a.uniform()];
          const xb = [b.uniform(), b.uniform(), b.uniform()];
          expect(xa).not.toEqual(xb);
        },
      ),
    );
  });

  it("randomSource(seed) rejects seeds that are not unsigned 32-bit integers", () => {
    expect(() => randomSource(-1)).toThrow(RangeError);
    expect(() => randomSource(1.5)).toThrow(/randomSource: seed/);
    expect(() => randomSource(2 ** 32)).toThrow(RangeError);
  });

  it("uniform() stays in [0, 1) and integer(from, to) in [from, to]", () => {
    const rng = randomSource(7);
    for (let i = 0; i < 2000; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      const k = rng.integer(3, 9);
      expect(Number.isInteger(k) && k >= 3 && k <= 9).toBe(true);
    }
  });

  it("split() gives a reproducible stream independent of its parent's continuation", () => {
    const a = randomSource(11);
    const b = randomSource(11);
    const childA = a.split();
    const childB = b.split();
    const fromChild = [childA.uniform(), childA.uniform()];
    expect([childB.uniform(), childB.uniform()]).toEqual(fromChild);
    expect([a.uniform(), a.uniform()]).not.toEqual(fromChild);
    expect(childA.seed).toBe(11);
  });

  it("randomSourceFromState(seed, state()) continues the stream where it stopped", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), fc.nat(20), (seed, skip) => {
        const source = randomSource(seed);
        for (let i = 0; i < skip; i++) source.uniform();
        const copy = randomSourceFromState(seed, source.state());
        expect([copy.uniform(), copy.poisson1(), copy.integer(0, 9)]).toEqual([
          source.uniform(),
          source.poisson1(),
          source.integer(0, 9),
        ]);
      }),
    );
  });

  it("after i splits the parent's state is the seeded generator jumped i + 1 times", () => {
    const source = randomSource(99);
    source.split();
    source.split();
    const generator = xoroshiro128plus(99);
    for (let i = 0; i < 3; i++) generator.jump();
    expect(source.state()).toEqual(generator.getState());
  });
});

describe("binomial(n, p)", () => {
  it("binomial(n, p) handles the degenerate cases exactly", () => {
    const rng = randomSource(1);
    expect(rng.binomial(0, 0.4)).toBe(0);
    expect(rng.binomial(17, 0)).toBe(0);
    expect(rng.binomial(17, 1)).toBe(17);
    expect(() => rng.binomial(3.5, 0.2)).toThrow(RangeError);
    expect(() => rng.binomial(3, 1.2)).toThrow(RangeError);
  });

  // Seeded, hence deterministic: a chi-square goodness-of-fit against the exact pmf.
  it.each([
    [20, 0.3, "inversion"],
    [30, 0.9, "inversion, folded p"],
    [200, 0.4, "BTRS"],
    [1000, 0.93, "BTRS, folded p"],
  ])("binomial(%i, %f) follows the binomial pmf (%s)", (n, p, _branch) => {
    const draws = 20000;
    const freq = binomialFrequencies(2024, n, p, draws);
    expect(freq.reduce((s, x) => s + x, 0)).toBe(draws);
    expect(goodnessOfFit(freq, binomialPmf(n, p), draws)).toBeGreaterThan(1e-3);
  });

  it("binomial(10^7, 0.2) has the binomial mean and variance", () => {
    const rng = randomSource(5);
    const n = 10_000_000;
    const p = 0.2;
    const draws = 4000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < draws; i++) {
      const x = rng.binomial(n, p);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / draws;
    const variance = (sumSq - draws * mean * mean) / (draws - 1);
    const sd = Math.sqrt(n * p * (1 - p));
    // 5 standard errors of the mean; the sample variance within 10% (its SE is ~2.2%).
    expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(draws));
    expect(Math.abs(variance / (sd * sd) - 1)).toBeLessThan(0.1);
  });
});

describe("multinomial(n, probabilities)", () => {
  it("multinomial(n, p) draws sum to n and leave zero-probability cells empty", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 10, noNaN: true })), {
          minLength: 1,
          maxLength: 12,
        }),
        (seed, n, probs) => {
          fc.pre(probs.some((p) => p > 0));
          const draw = randomSource(seed).multinomial(n, probs);
          expect(draw.reduce((s, x) => s + x, 0)).toBe(n);
          probs.forEach((p, i) => {
            if (p === 0) expect(draw[i]).toBe(0);
            expect(Number.isInteger(draw[i])).toBe(true);
          });
        },
      ),
    );
  });

  it("multinomial(n, p) has marginal means n·p_i", () => {
    const rng = randomSource(99);
    const probs = [0.5, 0.25, 0.15, 0.1];
    const n = 1000;
    const draws = 3000;
    const sums = [0, 0, 0, 0];
    const out = new Float64Array(4);
    for (let i = 0; i < draws; i++) {
      rng.multinomial(n, probs, out);
      for (let j = 0; j < 4; j++) sums[j] = (sums[j] ?? 0) + (out[j] ?? 0);
    }
    probs.forEach((p, j) => {
      const se = Math.sqrt((n * p * (1 - p)) / draws);
      expect(Math.abs((sums[j] ?? 0) / draws - n * p)).toBeLessThan(5 * se);
    });
  });

  it("multinomial(n, p) rejects negative probabilities", () => {
    expect(() => randomSource(1).multinomial(5, [0.5, -0.1])).toThrow(RangeError);
  });
});

describe("poisson1()", () => {
  it("poisson1() follows the Poisson(1) pmf", () => {
    const rng = randomSource(3);
    const draws = 20000;
    const freq = new Array<number>(12).fill(0);
    for (let i = 0; i < draws; i++) {
      const k = Math.min(rng.poisson1(), 11);
      freq[k] = (freq[k] ?? 0) + 1;
    }
    const pmf = freq.map((_, k) => Math.exp(-1 - logFactorial(k)));
    expect(goodnessOfFit(freq, pmf, draws)).toBeGreaterThan(1e-3);
  });
});

describe("normal()", () => {
  it("normal() follows the standard normal distribution", () => {
    const rng = randomSource(5);
    const draws = 20000;
    // 16 cells between the edges −3.5, −3.0, …, 3.5 (and the two tails).
    const edges = Array.from({ length: 15 }, (_, i) => -3.5 + 0.5 * i);
    const freq = new Array<number>(edges.length + 1).fill(0);
    for (let i = 0; i < draws; i++) {
      const z = rng.normal();
      const cell = edges.filter((e) => z >= e).length;
      freq[cell] = (freq[cell] ?? 0) + 1;
    }
    const prob = freq.map((_, c) => {
      const upper = c < edges.length ? normalCdf(edges[c]!) : 1;
      const lower = c > 0 ? normalCdf(edges[c - 1]!) : 0;
      return upper - lower;
    });
    expect(goodnessOfFit(freq, prob, draws)).toBeGreaterThan(1e-3);
  });
});
