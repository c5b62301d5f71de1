/** Soft (probabilistic) group membership (the `fairscope/membership` subpath). */
export type { MembershipMatrix } from "./matrix.js";
export { argmaxGroups, membershipMatrix } from "./matrix.js";
export type {
  SoftGroupMetricsOptions,
  SoftGroupMetricsResult,
  SoftMembershipInput,
  SoftRate,
} from "./softGroupMetrics.js";
export { softGroupMetrics } from "./softGroupMetrics.js";
