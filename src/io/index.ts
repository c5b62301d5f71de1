/**
 * Table readers for the CLI (Node only: not part of the root entry).
 */
export { toLabels, toLevels, toNumbers, toNumericLevels } from "./convert.js";
export {
  type Cell,
  formatOf,
  type ReadOptions,
  readTable,
  type TableColumns,
  type TableFormat,
} from "./read.js";
