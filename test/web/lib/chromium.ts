// Headless Debian Chromium through playwright-core (TOOLCHAIN.md), with every
// console error, uncaught exception and failed request of the page recorded.
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, tempDir } from '../../targets/lib/tools.js';

export interface Browser {
  ctx: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions, failed requests and crashed workers. */
  problems: string[];
  close(): Promise<void>;
}

export async function openChromium(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const ctx = await chromium.launchPersistentContext(tempDir('playground-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { ctx, page, problems, close: () => ctx.close() };
}
