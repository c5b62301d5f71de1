/**
 * Debian's Chromium for browser tests, launched headless by playwright-core with the flags this
 * sandbox needs (no background networking: the machine's closed network refuses it).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Whether Chromium is installed; when not, warns once that `test` is skipped and why. */
export function chromiumAvailable(test: string): boolean {
  const available = existsSync(CHROMIUM);
  if (!available) {
    console.warn(`${test}: skipped, ${CHROMIUM} not found (apt-get install -y chromium)`);
  }
  return available;
}

/** A headless Chromium with a fresh profile in `dir`. */
export function launchChromium(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
