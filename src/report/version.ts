/** The fairscope version recorded in reports (a test checks it against package.json). */
export const FAIRSCOPE_VERSION = "0.1.0";
