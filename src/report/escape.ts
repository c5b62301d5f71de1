/**
 * Escaping of user-supplied text (group names, feature names, titles) for each output format.
 */

import { escapeHtml } from "../frame/display.js";

export { escapeHtml };

/**
 * Text safe inside XML 1.0 content and attributes: entities for markup characters, and the
 * characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return, lone
 * surrogates, U+FFFE/U+FFFF) replaced by U+FFFD.
 *
 * @example
 * escapeXml("a & b\u0001"); // => "a &amp; b\uFFFD"
 */
export function escapeXml(text: string): string {
  return escapeHtml(
    text.replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to replace
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      "\uFFFD",
    ),
  );
}

/**
 * Text safe inside a Markdown table cell or paragraph: HTML markup characters as entities (so
 * no tag or autolink is formed), Markdown punctuation backslash-escaped, line breaks as spaces.
 *
 * @example
 * escapeMarkdown("a|b *c*"); // => "a\\|b \\*c\\*"
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/[&<>"']/g, escapeHtml)
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`);
}

/**
 * Text safe to print on a terminal: control characters (which could move the cursor or start
 * escape sequences) and bidirectional formatting characters (U+202E and its kin, which reorder
 * the rest of the line so one label can pass for another) shown as `\u{…}` escapes.
 *
 * @example
 * sanitizeTerminal("a\u001b[31mb"); // => "a\\u{1b}[31mb"
 * sanitizeTerminal("x\u202Eab"); // => "x\\u{202e}ab"
 */
export function sanitizeTerminal(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to replace
    /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/g,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
}

/**
 * One CSV field (RFC 4180 quoting), protected against formula injection: a field that a
 * spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
 * return, also after leading spaces, which some spreadsheets trim on import) is prefixed with
 * `'` (OWASP's recommendation). Numbers are written as numbers.
 *
 * @example
 * csvField("=HYPERLINK(\"x\")"); // => "\"'=HYPERLINK(\"\"x\"\")\""
 * csvField(" =1+1"); // => "' =1+1"
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = /^ *[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
