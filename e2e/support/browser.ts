import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

const repoRoot = resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = join(repoRoot, 'artifacts/screenshots');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Runs axe-core on the page and fails with a readable list of any serious or critical violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length === 0) return;
  const lines = bad.map((v) => {
    const targets = v.nodes.map(
      (n) => `    - ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
    );
    return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${targets.join('\n')}`;
  });
  throw new Error(`axe found ${bad.length} serious/critical violation(s) on ${label}:\n${lines.join('\n')}`);
}

/**
 * Saves a full-page screenshot at desktop and phone widths (failing on horizontal overflow), then
 * restores the desktop viewport.
 */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  for (const [suffix, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${suffix}.png`), fullPage: true });
    // Nothing may force sideways scrolling, least of all on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0)
      throw new Error(`${name} overflows ${overflow}px horizontally at ${size.width}px wide.`);
  }
  await page.setViewportSize(DESKTOP);
}

/**
 * Saves a screenshot of one part of a long page at desktop and phone widths, so that part can be looked at
 * closely; then restores the desktop viewport.
 */
export async function screenshotPart(page: Page, part: Locator, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  for (const [suffix, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    await part.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${suffix}.png`) });
  }
  await page.setViewportSize(DESKTOP);
}
