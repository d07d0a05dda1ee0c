// One playground page for a test file: the production build served on the
// loopback, opened in Chromium at 1400x900 and waited on until ready; closed
// (browser, server, temporary folders) by closePage.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { removeTempDirs, tempDir } from '../../targets/lib/tools.js';
import { openChromium, type Browser } from './chromium.js';
import { pageHelpers } from './page.js';
import { buildPage, servePage, type Served } from './serve.js';

export interface PageSession {
  work: string;
  served: Served;
  browser: Browser;
  page: Page;
  h: ReturnType<typeof pageHelpers>;
}

export async function openPage(name: string): Promise<PageSession> {
  const work = tempDir(name);
  await buildPage(join(work, 'site'));
  const served = await servePage(join(work, 'site'));
  const browser = await openChromium({ width: 1400, height: 900 });
  const page = browser.page;
  const h = pageHelpers(page);
  await page.goto(served.url);
  await h.until('the page', 's && s.ready', 30_000);
  return { work, served, browser, page, h };
}

export async function closePage(s: Partial<PageSession> | undefined): Promise<void> {
  await s?.browser?.close();
  s?.served?.stop();
  removeTempDirs();
}
