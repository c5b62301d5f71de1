/**
 * Size limits of the uncertainty computations, in a module of their own so the command line can
 * check them without loading the bootstrap.
 */

/**
 * The most bootstrap replicates any computation accepts: replicates are stored (replicates ×
 * groups × cells numbers), so past this the request is refused up front instead of failing on
 * an allocation. 10^6 replicates already pin a 95% percentile to about ±0.0002 in probability.
 */
export const MAX_BOOTSTRAP_REPLICATES = 1_000_000;
