import { describe, expect, it } from "vitest";
import { pageDocument, pagePolicy } from "../../src/web/shell.js";

describe("pagePolicy(scriptSha256) / pageDocument(script, scriptSha256)", () => {
  it("pagePolicy(…) forbids every connection and allows only the script with that hash", () => {
    const policy = pagePolicy("abc=");
    const directives = policy.split("; ");
    expect(directives).toContain("default-src 'none'");
    expect(directives).toContain("script-src 'sha256-abc='");
    expect(directives).toContain("connect-src 'none'");
    expect(directives).toContain("form-action 'none'");
    expect(directives).toContain("base-uri 'none'");
    expect(directives.some((d) => /https?:|\*/.test(d))).toBe(false);
  });

  it("pageDocument(…) carries the policy, the privacy statement and the script inline", () => {
    const page = pageDocument("console.log(1)", "abc=");
    expect(page).toContain(`content="${pagePolicy("abc=")}"`);
    expect(page).toContain("Your data stays on this computer.");
    expect(page).toContain("console.log(1)");
    expect(page).not.toMatch(/<script[^>]+src=/);
  });
});
