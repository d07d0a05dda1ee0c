#!/usr/bin/env node
// Screenshots of the playground for the README, made the way a person gets
// them: the production build served on 127.0.0.1, Van der Pol trained with
// the quick option in headless Debian Chromium, run free beside run B (the
// same network in Loihi's number format, dashed), half of A's neurons killed;
// the page at 1400x900 and at phone size (390x844); the sweep viewer
// with the demo sweep's store (docs/sweep/demo.results.jsonl); and the
// "On a chip" panel pricing on a profile file of one's own (Loihi's profile
// with neuron updates at twice the energy), after a bad profile file was
// refused next to its field.
//   node scripts/playground-screenshots.mjs [--out docs/playground]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { buildPlayground } from './playground-build.mjs';
import { servePlayground } from './playground-server.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--out');
const out = resolve(at >= 0 ? args[at + 1] : 'docs/playground');
const site = join(tmpdir(), `ebnkit-shots-${process.pid}`);
mkdirSync(out, { recursive: true });
await buildPlayground({ outDir: site });
const { server, url } = await servePlayground({ dir: site });
const profile = join(tmpdir(), `ebnkit-shots-profile-${process.pid}`);
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.EBNKIT_CHROMIUM ?? '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const until = (page, fn, timeout = 600_000) => page.waitForFunction(`(() => { const s = window.ebnkitPlayground; return ${fn}; })()`, null, { timeout, polling: 100 });
try {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(url);
  await until(page, 's && s.ready');
  await page.check('#quick');
  await page.selectOption('#speed', '0');
  await page.click('#train');
  await until(page, "s.phase === 'idle' && s.info && s.info.trained");
  await page.selectOption('#speed', 'auto');
  // run B: the same network in Loihi's format, in its own worker (restarts A's free run beside it)
  await page.click('#runb summary');
  await page.selectOption('#b-format', 'loihi');
  await page.click('#run-b');
  await until(page, "s.phase === 'free' && s.runB && s.runB.phase === 'free' && s.simulated > 3");
  await page.click('#kill-half');
  await until(page, 's.simulated > 6');
  await page.screenshot({ path: join(out, 'desktop.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#traces').scrollIntoViewIfNeeded();
  await until(page, 's.simulated > 8');
  await page.screenshot({ path: join(out, 'phone.png') });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.setInputFiles('#sweep-file', resolve('docs/sweep/demo.results.jsonl'));
  await until(page, 's.sweep !== null');
  await page.click('#sweep-show');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, 'sweep.png') });
  await page.click('#sweep-close');
  // a profile of one's own, then a bad one (refused next to the field; the good one stays in use)
  const chip = JSON.parse(readFileSync(resolve('profiles/loihi.json'), 'utf8'));
  chip.name = 'my-chip';
  chip.title = 'My chip (Loihi, neuron updates at twice the energy)';
  for (const f of ['neuronActive', 'neuronInactive']) for (const k of ['value', 'min', 'max']) if (chip.energy[f][k] !== undefined) chip.energy[f][k] *= 2;
  mkdirSync(site, { recursive: true });
  writeFileSync(join(site, 'my-chip.json'), JSON.stringify(chip, null, 2));
  writeFileSync(join(site, 'old-chip.json'), JSON.stringify({ ...chip, name: 'old-chip', version: 1 }, null, 2));
  await page.setInputFiles('#profile-file', join(site, 'my-chip.json'));
  await until(page, "s.energy && s.energy.profile === 'my-chip'");
  await page.setInputFiles('#profile-file', join(site, 'old-chip.json'));
  await until(page, "s.errors.some((e) => e.during === 'profile')");
  await until(page, "s.energy && s.energy.profile === 'my-chip'");
  await page.locator('section.energy').screenshot({ path: join(out, 'profile.png') });
  console.log(`screenshots in ${out}: desktop.png (1400x900), phone.png (390x844), sweep.png (the sweep viewer, 1400x900), profile.png (the "On a chip" panel with a profile file)`);
} finally {
  await ctx.close();
  server.close();
  rmSync(site, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
