/**
 * The HTML report in a real browser: Debian's Chromium, driven by playwright-core. Checks that
 * hostile group names render as text (no element, no script, no dialog), that the page makes no
 * network request, and that the charts are drawn; saves a screenshot for people to look at.
 * Skips (saying so) where /usr/bin/chromium is absent; `.ci/run` installs it.
 */
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { audit } from "../../src/report/audit.js";
import { renderHtmlReport } from "../../src/report/render/html.js";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.js";
import { hostile } from "./fixtures.js";

const available = chromiumAvailable("html.chromium.test");

describe("HTML report in headless Chromium", () => {
  it.skipIf(!available)(
    "renders group names as text, makes no request, draws 4 charts",
    { timeout: 120_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "fairscope-html-"));
      const file = join(dir, "report.html");
      writeFileSync(
        file,
        await renderHtmlReport(audit(hostile, { title: "<script>alert(1)</script>" }).toJSON()),
      );
      const context = await launchChromium(dir);
      try {
        const page = await context.newPage();
        const dialogs: string[] = [];
        const requests: string[] = [];
        page.on("dialog", (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        page.on("request", (r) => {
          requests.push(r.url());
        });
        await page.goto(`file://${file}`);
        await page.waitForLoadState("load");
        expect(dialogs).toEqual([]);
        expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
        expect(await page.title()).toBe("<script>alert(1)</script>");
        expect(await page.locator("h1").textContent()).toBe("<script>alert(1)</script>");
        expect(await page.locator("img").count()).toBe(0);
        expect(await page.locator("script").count()).toBe(0);
        const cells = await page.locator("table.groups td:first-child").allTextContents();
        expect(cells).toContain("<img src=x onerror=alert(1)>");
        expect(cells).toContain('a|b & "c" 漢字');
        expect(cells).toContain("__proto__");
        expect(await page.locator(".chart svg").count()).toBe(4);
        const svgText = (await page.locator(".chart svg").allTextContents()).join(" ");
        expect(svgText).toContain("<img src=x");
        const shot = join(dir, "report.png");
        await page.screenshot({ path: shot, fullPage: true });
        expect(statSync(shot).size).toBeGreaterThan(20_000);
        console.log(`html.chromium.test: screenshot at ${shot}`);
      } finally {
        await context.close();
      }
    },
  );
});
