import { describe, expect, it } from "vitest";
import { htmlDocument } from "../../../src/report/render/document.js";

describe("htmlDocument(title, policy, css, body)", () => {
  const page = htmlDocument('<b>"x"</b>', "default-src 'none'", "p{margin:0}", "<p>hi</p>");

  it("htmlDocument(…) is a UTF-8 document with a viewport, the policy, the style and the body", () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`,
    );
    expect(page).toContain("<style>p{margin:0}</style>");
    expect(page).toContain("<body>\n<p>hi</p>\n</body>");
    expect(page.endsWith("</html>\n")).toBe(true);
  });

  it("htmlDocument(…) escapes the title and inserts the body as it is", () => {
    expect(page).toContain("<title>&lt;b&gt;&quot;x&quot;&lt;/b&gt;</title>");
    expect(page).not.toContain('<title><b>"x"</b></title>');
  });
});
