// The playground's layout and the features issue 15 asks for, in headless
// Debian Chromium: one screen at 1400x900, a phone layout (390x844) with the
// plots and "Break it" near each other and touch targets of 44 px, the
// command line's defaults with a quick option, a link that holds the setup,
// CSV/PNG/SVG exports, and tooltips on the network's parameters.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getSystem } from '../../src/index.js';
import { fullSeconds, quickSeconds, trainingPlan } from '../../web/src/engine/settings.js';
import { fromRoot } from '../targets/lib/paths.js';
import { describeTarget } from '../targets/lib/suite.js';
import { CHROMIUM } from '../targets/lib/tools.js';
import type { Browser } from './lib/chromium.js';
import { pageHelpers } from './lib/page.js';
import { closePage, openPage, type PageSession } from './lib/session.js';
import { replayFree, trainInNode, weightsHash } from './lib/replay.js';
import type { Served } from './lib/serve.js';

const ARTIFACTS = fromRoot('test-results', 'playground');

describeTarget('playground layout and features (issue 15), in headless Chromium', [CHROMIUM], () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let work: string;
  let h: ReturnType<typeof pageHelpers>;

  /** Boxes of elements, in CSS pixels of the viewport. */
  const boxes = (sel: string) => page.evaluate((q) => Array.from(document.querySelectorAll(q)).filter((e) => (e as HTMLElement).checkVisibility()).map((e) => {
    const r = e.getBoundingClientRect();
    return { id: e.id || e.tagName.toLowerCase(), top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, width: r.width };
  }), sel);

  let session: PageSession | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    session = await openPage('playground-v2');
    ({ work, served, browser, page, h } = session);
  }, 120_000);

  afterAll(() => closePage(session));

  it('defaults are the command line\'s (network size, training length in whole trials), with a visible quick option', async () => {
    const vdp = getSystem('vanderpol');
    const plan = trainingPlan(vdp);
    const full = fullSeconds(plan);
    expect(Number(await page.inputValue('#seconds'))).toBe(full);
    expect(Number(await page.inputValue('#N'))).toBe((vdp.network as { neurons: number }).neurons);
    expect(await page.isVisible('#quick')).toBe(true);
    await page.check('#quick');
    expect(Number(await page.inputValue('#seconds'))).toBe(quickSeconds(plan));
    expect(quickSeconds(plan)).toBeLessThan(full);
    await page.uncheck('#quick');
    expect(Number(await page.inputValue('#seconds'))).toBe(full);
  });

  it('at 1400x900 everything is on one screen: no page scroll, the four views and the main controls in view', async () => {
    for (const custom of [false, true]) {
      await page.selectOption('#system', custom ? 'custom' : 'vanderpol');
      await h.frames(3);
      const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: innerHeight, scrollW: document.documentElement.scrollWidth, innerW: innerWidth }));
      expect(m.scroll, `page height, custom ${custom}`).toBeLessThanOrEqual(m.inner);
      expect(m.scrollW).toBeLessThanOrEqual(m.innerW);
      const views = await boxes('canvas');
      expect(views).toHaveLength(4);
      for (const v of views) {
        expect(v.top, `#${v.id} top`).toBeGreaterThanOrEqual(0);
        expect(v.bottom, `#${v.id} bottom`).toBeLessThanOrEqual(900);
        expect(v.height, `#${v.id} height`).toBeGreaterThanOrEqual(110);
      }
      const traces = views.find((v) => v.id === 'traces')!;
      const run = (await boxes('.run'))[0]!;
      expect(traces.top - run.bottom, 'gap between the run bar and the plots').toBeLessThan(60);
      // with the typed field's form open, the left column scrolls by itself (Train stays pinned); the file panel below it may scroll away
      for (const c of await boxes(`#train, #pause, #stop, #free, #kill-half, #killed, #noise, #stats${custom ? '' : ', #download, #load'}`))
        expect(c.bottom, `#${c.id} in view`).toBeLessThanOrEqual(900);
    }
    await page.selectOption('#system', 'vanderpol');
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-1400x900.png') });
  });

  it('on a phone (390x844): no sideways scroll, touch targets of at least 44 px, plots in view after Train, "Break it" within a screen of the traces', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await h.frames(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const small = (await boxes('button, select, a.button, input:not([type="checkbox"]), .field.check')).filter((b) => b.height < 44);
    expect(small).toEqual([]);
    await h.fill({ N: '20', K: '40', seconds: '4' });
    await page.click('#train');
    await h.until('training', "s.phase !== 'idle' || (s.info && s.info.trained)");
    await h.frames(3);
    const [traces] = await boxes('#traces');
    expect(traces!.top).toBeGreaterThanOrEqual(0);
    expect(traces!.top).toBeLessThan(844 - 100);
    const [perturb] = await boxes('.perturb');
    expect(perturb!.top - traces!.top).toBeLessThan(844);
    await page.screenshot({ path: join(ARTIFACTS, 'phone-training.png') });
    await h.until('trained', "s.phase === 'idle' && s.info && s.info.trained");
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('the link holds the setup: opened elsewhere it fills the same form', async () => {
    await page.selectOption('#system', 'lorenz');
    await page.evaluate(() => ((document.querySelector('#setup details') as HTMLDetailsElement).open = true));
    await h.fill({ N: '77', K: '12', dtMs: '0.1', seconds: '11', seed: '5' });
    await page.selectOption('#policy', 'parallel');
    await page.selectOption('#format', 'loihi');
    await page.click('#share');
    await h.until('a link', "s.shareUrl !== ''");
    const url = (await h.state()).shareUrl;
    const p2 = await browser.ctx.newPage();
    try {
      await p2.goto(url);
      await pageHelpers(p2).until('the page', 's && s.ready', 30_000);
      for (const [id, v] of [['system', 'lorenz'], ['N', '77'], ['K', '12'], ['dtMs', '0.1'], ['seconds', '11'], ['seed', '5'], ['policy', 'parallel'], ['format', 'loihi']])
        expect(await p2.inputValue(`#${id}`), id).toBe(v);
    } finally {
      await p2.close();
    }
    await page.selectOption('#system', 'vanderpol');
    await page.selectOption('#policy', 'winner');
    await page.selectOption('#format', 'q24');
  });

  it('exports the traces and spikes in view as CSV, the views as PNG and the traces as SVG', async () => {
    await h.fill({ N: '20', K: '40', seconds: '4' });
    const phases = (await h.state()).phaseCount;
    await page.click('#train');
    await h.until('trained', `s.phaseCount > ${phases} && s.phase === 'idle' && s.info && s.info.trained && s.info.N === 20`);
    const get = async (id: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}`)]);
      const f = join(work, dl.suggestedFilename());
      await dl.saveAs(f);
      return { name: dl.suggestedFilename(), bytes: readFileSync(f) };
    };
    const traces = await get('csv-traces');
    const lines = traces.bytes.toString().trim().split('\n');
    expect(traces.name).toMatch(/vanderpol-n20-seed\d+-traces\.csv$/);
    expect(lines[0]).toBe('t_s,x1,x2,xhat1,xhat2');
    expect(lines.filter((l) => l.split(',').length === 5 && l.split(',').every((v) => Number.isFinite(Number(v)))).length).toBeGreaterThan(100);
    const spikes = (await get('csv-spikes')).bytes.toString().trim().split('\n');
    expect(spikes[0]).toBe('step,t_s,neuron');
    expect(spikes.length).toBeGreaterThan(10);
    expect(spikes.slice(1).every((l) => { const n = Number(l.split(',')[2]); return Number.isInteger(n) && n >= 0 && n < 20; })).toBe(true);
    const png = (await get('png')).bytes;
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const svg = (await get('svg')).bytes.toString();
    expect(svg).toMatch(/^<svg /);
    expect((svg.match(/<path /g) ?? []).length).toBe(4);
  });

  it('hovering the traces reads values off them; zooming shows a shorter span', async () => {
    const box = (await boxes('#traces'))[0]!;
    const agoAtLeftEdge = async () => {
      await page.mouse.move(box.left + 40, box.top + 20);
      await page.mouse.move(box.left + 36, box.top + 20);
      const text = (await page.textContent('#hover'))!;
      expect(text).toMatch(/^[\d.]+ s ago: x1 target -?\d+\.\d{3}, readout -?\d+\.\d{3}$/);
      return Number(text.split(' ')[0]);
    };
    const full = await agoAtLeftEdge();
    await page.selectOption('#zoom', '0.125');
    const zoomed = await agoAtLeftEdge();
    expect(zoomed).toBeLessThan(full / 4);
    await page.selectOption('#zoom', '1');
    await page.mouse.move(0, 0);
  });

  it('a kick while running free moves the readout, is logged, and the run with it replays bit for bit in Node', async () => {
    expect(await page.isDisabled('#kick')).toBe(true); // nothing free-running yet
    await page.click('#free');
    await h.until('free run past its lead-in', "s.phase === 'free' && s.simulated > 0.5");
    await page.click('#kick');
    await h.until('the kick logged', "s.log && s.log.ops.some((o) => o.kind === 'kick')");
    await h.simulate(1);
    await page.click('#kick');
    await h.until('two kicks', "s.log.ops.filter((o) => o.kind === 'kick').length === 2");
    await h.simulate(1);
    await page.click('#pause');
    await h.until('paused', 's.paused');
    const s = await h.state();
    const kicks = s.log!.ops.filter((o) => o.kind === 'kick');
    expect(kicks[0]!.kind === 'kick' && kicks[0]!.x.length).toBe(2);
    const twin = trainInNode(getSystem('vanderpol'), s.settings!);
    expect(weightsHash(twin)).toBe(s.info!.weightsHash);
    expect(replayFree(twin, getSystem('vanderpol'), s.log!, s.fingerprint!.steps)).toEqual(s.fingerprint);
    await page.click('#stop');
    await h.until('stopped', "s.phase === 'idle'");
    expect(await page.isDisabled('#kick')).toBe(true);
  });

  it('two runs side by side: a kept reference (before a kill) shown next to the run after it', async () => {
    await page.click('#free');
    await h.until('free run', "s.phase === 'free' && s.simulated > 1");
    await page.waitForTimeout(300); // the numbers refresh every 200 ms
    await page.click('#keep');
    expect(await page.isVisible('#ref-img')).toBe(true);
    expect(await page.getAttribute('#ref-img', 'src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.textContent('#ref-cap')).toMatch(/vanderpol, N=20, q24, winner rule, 20 alive, free run/);
    await page.click('#kill-half');
    await h.until('half dead', 's.alive === 10');
    await h.simulate(0.5);
    await page.waitForTimeout(300);
    expect(await page.textContent('#stats')).toMatch(/10 of 20 neurons · reference: 20 of 20 neurons/);
    await page.click('#unkeep');
    expect(await page.textContent('#stats')).not.toMatch(/reference:/);
    expect(await page.isHidden('#ref')).toBe(true);
    await page.click('#revive');
    await page.click('#stop');
    await h.until('stopped', "s.phase === 'idle'");
  });

  it('N, K, dt, the training length, k, eta, the seed, the formats and the spike rules have tooltips', async () => {
    for (const id of ['N', 'K', 'dtMs', 'seconds', 'k', 'eta', 'seed', 'policy', 'format']) {
      const t = await page.getAttribute(`label[for="${id}"]`, 'title');
      expect(t?.length ?? 0, id).toBeGreaterThan(40);
    }
    expect(await page.getAttribute('label[for="policy"]', 'title')).toMatch(/winner.*parallel.*all/s);
    expect(await page.getAttribute('label[for="format"]', 'title')).toMatch(/q24.*w16.*loihi.*xylo/s);
  });

  it('a bad value in the folded "More" section: Train opens the section and focuses the field', async () => {
    await page.evaluate(() => ((document.querySelector('#setup details') as HTMLDetailsElement).open = false));
    // (a value left there before the section was folded, or written by a link)
    const eta = await page.inputValue('#eta');
    await page.evaluate(() => ((document.getElementById('eta') as HTMLInputElement).value = '-1'));
    await page.click('#train');
    expect(await page.evaluate(() => (document.querySelector('#setup details') as HTMLDetailsElement).open)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('eta');
    expect(await page.textContent('#form-error')).toMatch(/fix/);
    expect((await h.state()).phase).toBe('idle');
    await page.fill('#eta', eta);
  });

  it('had no console errors, uncaught exceptions or failed requests', async () => {
    expect(browser.problems).toEqual([]);
    expect((await h.state()).errors).toEqual([]);
  });
});
