// The playground end to end, in headless Debian Chromium (playwright-core):
// the production build served by `npm run playground`'s script, trained on
// Van der Pol, checked bit for bit against the Node kernel, broken (noise,
// kills) and seen to recover, saved and evaluated by the CLI, loaded back;
// a typed vector field; keyboard, widths, frame rate; no console errors.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { vanDerPol } from '../../src/index.js';
import { fromRoot } from '../targets/lib/paths.js';
import { describeTarget } from '../targets/lib/suite.js';
import { CHROMIUM, removeTempDirs, runOk, tempDir } from '../targets/lib/tools.js';
import { openChromium, type Browser } from './lib/chromium.js';
import { pageHelpers } from './lib/page.js';
import { replayFree, trainInNode, weightsHash } from './lib/replay.js';
import { buildPage, servePage, type Served } from './lib/serve.js';

const ARTIFACTS = fromRoot('test-results', 'playground');
/** The Van der Pol run of these tests: N=50, 30 s of simulated training. */
const VDP = { N: '50', seconds: '30' };

describeTarget('playground in headless Chromium', [CHROMIUM], () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let work: string;
  const timings: Record<string, number> = {};
  const allowedErrors: string[] = [];
  /** The Node twin of the page's Van der Pol network, trained once. */
  let twin: ReturnType<typeof trainInNode>;

  let h: ReturnType<typeof pageHelpers>;
  const state = () => h.state();
  const until = (what: string, fn: string, timeout?: number) => h.until(what, fn, timeout);
  const simulate = (seconds: number) => h.simulate(seconds);
  const fill = (fields: Record<string, string>) => h.fill(fields);

  beforeAll(async () => {
    if (!existsSync(fromRoot('dist/cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
    mkdirSync(ARTIFACTS, { recursive: true });
    work = tempDir('playground');
    let t = performance.now();
    await buildPage(join(work, 'site'));
    timings.build = performance.now() - t;
    served = await servePage(join(work, 'site'));
    t = performance.now();
    browser = await openChromium();
    page = browser.page;
    h = pageHelpers(page);
    await page.goto(served.url);
    await until('the page', 's && s.ready', 30_000);
    timings.load = performance.now() - t;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    served?.stop();
    removeTempDirs();
    console.log(`playground numbers: ${Object.entries(timings).map(([k, v]) => `${k} ${+v.toPrecision(3)}`).join(', ')}`);
  });

  it('is served on 127.0.0.1 by the playground script, as static files', async () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const [file, type] of [['', 'text/html'], ['main.js', 'text/javascript'], ['worker.js', 'text/javascript'], ['style.css', 'text/css']]) {
      const r = await fetch(served.url + file);
      expect(r.status, file).toBe(200);
      expect(r.headers.get('content-type'), file).toContain(type);
    }
    expect((await fetch(served.url + '../package.json')).status).toBe(404);
    expect(await page.title()).toMatch(/ebnkit playground/);
  });

  it('every control is labelled, a real button or input, and reachable with Tab in order', async () => {
    const audit = await page.evaluate(() => {
      const visible = (e: Element) => e.checkVisibility();
      const unlabelled = Array.from(document.querySelectorAll('input, select, textarea'))
        .filter((e) => visible(e) && !(e as HTMLInputElement).labels?.length && !e.getAttribute('aria-label'))
        .map((e) => e.id || e.outerHTML.slice(0, 60));
      const fakeButtons = Array.from(document.querySelectorAll('[onclick], div[role="button"], span[role="button"]')).map((e) => e.outerHTML.slice(0, 60));
      const focusable = Array.from(document.querySelectorAll('a[href], button, input, select, summary, [tabindex]'))
        .filter((e) => visible(e) && !(e as HTMLButtonElement).disabled && (e as HTMLElement).tabIndex >= 0)
        .map((e) => e.id || e.tagName.toLowerCase());
      return { unlabelled, fakeButtons, focusable };
    });
    expect(audit.unlabelled).toEqual([]);
    expect(audit.fakeButtons).toEqual([]);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const order: string[] = [];
    for (let i = 0; i < audit.focusable.length; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName.toLowerCase() || ''));
    }
    expect(order).toEqual(audit.focusable);
    expect(order.slice(0, 4)).toEqual(['a', 'system', 'N', 'K']);
    expect(order).toContain('train');
    expect(order).toContain('raster');
  });

  it('stays readable from phone to desktop widths (no sideways scrolling, views full size)', async () => {
    for (const width of [360, 768, 1024, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      const m = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: innerWidth,
        canvases: Array.from(document.querySelectorAll('canvas')).map((c) => c.getBoundingClientRect().width),
        overflow: Array.from(document.querySelectorAll('.panel, .view')).filter((e) => e.getBoundingClientRect().right > innerWidth + 1).length,
        font: parseFloat(getComputedStyle(document.body).fontSize),
      }));
      expect(m.scroll, `width ${width}`).toBeLessThanOrEqual(m.inner);
      expect(m.overflow, `width ${width}`).toBe(0);
      expect(Math.min(...m.canvases), `width ${width}`).toBeGreaterThan(Math.min(280, width - 80));
      expect(m.font).toBeGreaterThanOrEqual(16);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  // No frames-per-second threshold: wall-clock rates move with machine load (a
  // shared 2-core CI machine drew 7 to 60 frames per second for the same page). What is checked is
  // that the page keeps drawing while the worker trains; the rate and the drawing
  // cost per frame are printed for people, not asserted.
  it('keeps drawing frames at N = 100 while training (rate printed, not asserted)', async () => {
    // long enough to be still training after 2 s (since the page trains in the CLI's lowrank mode, 120 s took under 2 s)
    await fill({ N: '100', seconds: '1200' });
    const lt0 = (await state()).longTasks;
    await page.click('#train');
    await until('training at N=100', "s.phase === 'training' && s.framesReceived > 5");
    const a = await page.evaluate(() => ({ f: (window as any).ebnkitPlayground.frames, d: (window as any).ebnkitPlayground.drawMs, t: performance.now(), s: (window as any).ebnkitPlayground.simulated }));
    await page.waitForTimeout(2000);
    const b = await page.evaluate(() => ({ f: (window as any).ebnkitPlayground.frames, d: (window as any).ebnkitPlayground.drawMs, t: performance.now(), s: (window as any).ebnkitPlayground.simulated, phase: (window as any).ebnkitPlayground.phase }));
    await page.click('#stop');
    await until('stopped', "s.phase === 'idle'");
    const drawRate = (b.f - a.f) / ((b.t - a.t) / 1000);
    timings.drawRateN100 = drawRate;
    timings.drawMsPerFrame = (b.d - a.d) / (b.f - a.f);
    timings.trainSpeedN100 = (b.s - a.s) / ((b.t - a.t) / 1000);
    const lt = (await state()).longTasks;
    console.log(`N=100 training: ${drawRate.toFixed(1)} frames/s drawn, ${timings.drawMsPerFrame.toFixed(2)} ms per frame, ${timings.trainSpeedN100.toFixed(1)} simulated s per s; main-thread tasks over 50 ms: ${lt0.count} while loading (longest ${lt0.maxMs.toFixed(0)} ms), ${lt.count - lt0.count} more since Train (longest overall ${lt.maxMs.toFixed(0)} ms)`);
    expect(b.phase).toBe('training');
    expect(b.f - a.f).toBeGreaterThanOrEqual(1);
    expect(b.s).toBeGreaterThan(a.s);
  });

  it('trains Van der Pol (started from the keyboard) and the readout follows the target', async () => {
    await fill(VDP);
    await page.selectOption('#speed', '0');
    await page.focus('#seconds');
    const t = performance.now();
    await page.keyboard.press('Enter'); // submits the form: builds the network and trains it
    await until('training', "s.phase === 'training' && s.info && s.info.N === 50");
    await until('training to finish', "s.phase === 'idle' && s.info.trained");
    timings.trainVdP30s = performance.now() - t;
    const s = await state();
    expect(s.history).toHaveLength(15);
    const last = s.history.at(-1)!;
    // RMS |x - xhat| of the last trial (the CLI's progress number), and the running error in domain units
    expect(last.rmsError).toBeLessThan(0.2);
    expect(s.stats!.error).toBeLessThan(0.05);
    expect(last.rate).toBeGreaterThan(2);
    expect(last.rate).toBeLessThan(15);
    expect(s.info!.trainingSeconds).toBeCloseTo(30, 6);
    expect(s.progress!.fraction).toBe(1);
  });

  it('learned exactly the bits the Node kernel learns with the same seed and settings', async () => {
    const s = await state();
    twin = trainInNode(vanDerPol(), s.settings!);
    expect(s.fingerprint).toEqual(twin.fingerprint());
    expect(s.info!.weightsHash).toBe(weightsHash(twin));
  });

  it('runs free on the learned limit cycle; a screenshot of the trained state is saved', async () => {
    await page.click('#free');
    await until('free run', "s.phase === 'free'");
    await simulate(5);
    const s = await state();
    const truth = s.info!.truth!;
    expect(Math.abs(s.stats!.amplitude - truth.amplitude) / truth.amplitude).toBeLessThan(0.15);
    expect(Math.abs(s.stats!.period - truth.period) / truth.period).toBeLessThan(0.1);
    expect(s.stats!.error).toBeLessThan(0.15);
    await page.selectOption('#speed', '1');
    await page.waitForTimeout(2500); // real time: the views hold two seconds of the cycle
    await page.screenshot({ path: join(ARTIFACTS, 'trained.png'), fullPage: true });
    await page.selectOption('#speed', '0');
  });

  it('shrugs off voltage noise and a neuron killed from the keyboard', async () => {
    const before = (await state()).stats!;
    await page.focus('#noise');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight'); // sigma 0.005
    // the worker has applied all four (flat out, 2 simulated seconds pass in tens of ms: sooner than keys may land)
    await until('the noise applied', "s.log && s.log.ops.filter((o) => o.kind === 'noise').length === 4");
    await simulate(2);
    const noisy = (await state()).stats!;
    timings.rateQuiet = before.rate;
    timings.rateNoisy = noisy.rate;
    expect(noisy.rate).toBeGreaterThan(before.rate * 1.5);
    await page.keyboard.press('Home');
    await page.focus('#raster');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter'); // neuron 2
    await until('neuron 2 dead', 's.alive === 49');
    await simulate(3);
    const s = await state();
    expect(s.stats!.error).toBeLessThan(0.15);
    expect(s.log!.ops.map((o) => o.kind)).toEqual(['noise', 'noise', 'noise', 'noise', 'noise', 'alive']);
  });

  it('kill half the neurons: the survivors fire about twice as often and the cycle recovers', async () => {
    await page.click('#revive');
    await simulate(2);
    const before = (await state()).stats!;
    await page.click('#kill-half');
    await until('half dead', 's.alive === 25');
    await simulate(4);
    const s = await state();
    const truth = s.info!.truth!;
    expect(s.stats!.rate).toBeGreaterThan(1.5 * before.rate);
    expect(Math.abs(s.stats!.amplitude - truth.amplitude) / truth.amplitude).toBeLessThan(0.2);
    expect(Math.abs(s.stats!.period - truth.period) / truth.period).toBeLessThan(0.1);
    expect(s.stats!.error).toBeLessThan(Math.max(0.15, 1.5 * before.error));
    timings.errorBeforeKill = before.error;
    timings.errorAfterKill = s.stats!.error;
    await page.screenshot({ path: join(ARTIFACTS, 'half-killed.png'), fullPage: true });
  });

  it('the free run with its noise and kills replays bit for bit in the Node kernel', async () => {
    await page.click('#pause');
    await until('paused', 's.paused');
    const s = await state();
    expect(s.log!.ops.length).toBeGreaterThanOrEqual(8);
    expect(replayFree(twin, vanDerPol(), s.log!, s.fingerprint!.steps)).toEqual(s.fingerprint);
    await page.click('#pause'); // resume
    await until('running', '!s.paused');
  });

  it('shows event and energy counts for each hardware profile', async () => {
    for (const p of ['truenorth', 'cortex-m4', 'loihi']) {
      await page.selectOption('#profile', p);
      await until(`a ${p} ledger`, `s.energy && s.energy.profile === '${p}'`);
      const e = (await state()).energy!;
      expect(e.error).toBeUndefined();
      expect(e.power).toBeGreaterThan(0);
      expect(e.events.spikes).toBeGreaterThan(0);
      expect(e.categories.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 6);
    }
    expect(await page.textContent('#energy')).toMatch(/Loihi.*W/);
  });

  it('downloads the model, and the CLI evaluates the file', async () => {
    await page.click('#stop');
    await until('a model on offer', 's.lastModel && s.lastModel.weightsHash === s.info.weightsHash');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const file = join(work, dl.suggestedFilename());
    await dl.saveAs(file);
    expect(file).toMatch(/vanderpol-n50-seed1\.ebn$/);
    const t = performance.now();
    const r = await runOk('node', [fromRoot('dist/cli.js'), 'eval', file, '--seeds', '1', '--json'], { timeoutMs: 120_000 });
    timings.cliEval = performance.now() - t;
    const ev = JSON.parse(r.stdout) as { system: string; metrics: Record<string, number>; killedHalf: Record<string, number> };
    expect(ev.system).toBe('vanderpol');
    timings.cliAmplitudeError = ev.metrics.amplitudeError!;
    timings.cliPeriodError = ev.metrics.periodError!;
    timings.cliHalfKilledAmplitudeError = ev.killedHalf.amplitudeError!;
    expect(ev.metrics.amplitudeError).toBeLessThan(0.2);
    expect(ev.killedHalf.amplitudeError).toBeLessThan(0.25);
    (globalThis as { __vdpModel?: string }).__vdpModel = file;
  });

  it('loads the model file back: the same learned bits, running free', async () => {
    const file = (globalThis as { __vdpModel?: string }).__vdpModel!;
    const trained = (await state()).info!.weightsHash;
    const count = (await state()).phaseCount;
    await page.setInputFiles('#load', file);
    await until('the loaded model running free', `s.phaseCount > ${count} && s.phase === 'free' && s.info.file`);
    const s = await state();
    expect(s.info!.file).toMatch(/vanderpol-n50-seed1\.ebn$/);
    expect(s.info!.weightsHash).toBe(trained);
    expect(s.settings).toMatchObject({ N: 50, dt: 2.5e-4, seconds: 30 });
    await simulate(4);
    const truth = s.info!.truth!;
    expect(Math.abs((await state()).stats!.amplitude - truth.amplitude) / truth.amplitude).toBeLessThan(0.15);
    await page.click('#stop');
    await until('stopped', "s.phase === 'idle'");
  });

  it('a typed vector field: errors inline, then it trains, saves and the CLI evaluates it', async () => {
    await page.selectOption('#system', 'custom');
    await page.fill('#c-f2', '(1 - x1^2 - x2^2)*x2*4 + 6*x1 +');
    await expect.poll(() => page.getAttribute('#c-f2', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#c-f2-error')).toMatch(/found the end at column 32/);
    await page.fill('#c-f1', 'foo(x1)');
    expect(await page.textContent('#c-f1-error')).toMatch(/unknown function "foo"/);
    await page.click('#train'); // refused, with the first bad field focused
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-f1');
    expect(await page.textContent('#form-error')).toMatch(/fix/);
    expect((await state()).phase).toBe('idle');
    await page.fill('#c-f1', '(1 - x1^2 - x2^2)*x1*4 - 6*x2');
    await page.fill('#c-f2', '(1 - x1^2 - x2^2)*x2*4 + 6*x1');
    expect(await page.getAttribute('#c-f2', 'aria-invalid')).toBeNull();
    await fill({ N: '40', K: '60', dtMs: '0.5', seconds: '20' });
    await page.click('#train');
    await until('the custom system trained', "s.phase === 'idle' && s.info.trained && s.info.system.name === 'hopf'");
    await until('a model on offer', 's.lastModel && s.lastModel.weightsHash === s.info.weightsHash && s.lastModel.module');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const model = join(work, dl.suggestedFilename());
    await dl.saveAs(model);
    const [dm] = await Promise.all([page.waitForEvent('download'), page.click('#download-module')]);
    const mod = join(work, dm.suggestedFilename());
    await dm.saveAs(mod);
    expect(mod).toMatch(/hopf\.system\.mjs$/);
    const r = await runOk('node', [fromRoot('dist/cli.js'), 'eval', model, '--system', mod, '--seeds', '1', '--json'], { timeoutMs: 120_000 });
    const ev = JSON.parse(r.stdout) as { system: string; metrics: Record<string, number> };
    expect(ev.system).toBe('hopf');
    timings.hopfAmplitudeError = ev.metrics.amplitudeError!;
    expect(ev.metrics.amplitudeError).toBeLessThan(0.3);
  });

  it('had no console errors, uncaught exceptions, failed requests or worker errors', async () => {
    const s = await state();
    expect(browser.problems.filter((p) => !allowedErrors.some((a) => p.includes(a)))).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
