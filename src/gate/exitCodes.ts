/**
 * The CLI's exit codes, in a module of their own so the command can name them without
 * loading the gate.
 */

/** Exit codes of the CLI. */
export const EXIT_CODES = {
  /** Every error-severity check passed. */
  pass: 0,
  /** A check of severity `error` failed or could not be measured. */
  policyFailed: 1,
  /** Bad arguments, unreadable or invalid input or policy. */
  usageError: 2,
  /** An internal error: a bug in fairscope, to be reported. */
  internalError: 3,
} as const;
