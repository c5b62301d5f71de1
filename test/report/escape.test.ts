import { describe, expect, it } from "vitest";
import {
  csvField,
  escapeHtml,
  escapeMarkdown,
  escapeXml,
  sanitizeTerminal,
} from "../../src/report/escape.js";

describe("escaping", () => {
  it("escapeHtml(…) turns markup characters into entities", () => {
    expect(escapeHtml(`<img src=x onerror="alert(1)">&'`)).toBe(
      "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;",
    );
  });

  it("escapeXml(…) also replaces characters XML 1.0 forbids and lone surrogates", () => {
    expect(escapeXml("a\u0001b\uD800c\uFFFF")).toBe("a\uFFFDb\uFFFDc\uFFFD");
    expect(escapeXml("tab\tok 😀")).toBe("tab\tok 😀");
  });

  it("escapeMarkdown(…) keeps a table cell one cell and forms no HTML", () => {
    const cell = escapeMarkdown("a|b <script>\n*x*");
    expect(cell).toBe("a\\|b &lt;script&gt; \\*x\\*");
    expect(cell).not.toMatch(/(^|[^\\])\|/);
  });

  it("sanitizeTerminal(…) shows control characters as escapes", () => {
    expect(sanitizeTerminal("a\u001b[2Jb\r")).toBe("a\\u{1b}[2Jb\\u{d}");
    expect(sanitizeTerminal("漢字 é")).toBe("漢字 é");
  });

  it("csvField(…) quotes RFC 4180 fields and defuses formulas", () => {
    expect(csvField("=1+2")).toBe("'=1+2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(-0.5)).toBe("-0.5");
    expect(csvField(null)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
  });

  it("sanitizeTerminal(…) escapes bidirectional overrides, so a label cannot reorder the line", () => {
    expect(sanitizeTerminal("admin\u202Etxt.exe")).toBe("admin\\u{202e}txt.exe");
    expect(sanitizeTerminal("a\u2066b\u2069\u200F")).toBe("a\\u{2066}b\\u{2069}\\u{200f}");
    expect(sanitizeTerminal("עברית and 東京")).toBe("עברית and 東京");
  });

  it("csvField(…) defuses a formula after leading spaces", () => {
    expect(csvField(" =1+1")).toBe("' =1+1");
    expect(csvField("  @SUM(A1)")).toBe("'  @SUM(A1)");
    expect(csvField(" a=1")).toBe(" a=1");
  });
});
