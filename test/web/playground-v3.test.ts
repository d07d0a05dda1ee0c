// The rest of issue 15 in headless Debian Chromium: a real second run (B) in
// its own worker beside the main one, zoom on the phase plane and the raster,
// the parallel (chip) spike rule's options in the form and the link, and a
// viewer for sweep results (the store ebnkit sweep writes, read by its own parser).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getSystem, KernelExecutor } from '../../src/index.js';
import { chipOptionProblem, CHIP_OPTION_LIMITS, PARALLEL_DEFAULTS } from '../../src/spike-rule.js';
import { trainingSpec } from '../../src/training-network.js';
import { sweepReport } from '../../src/sweep/report.js';
import { Store } from '../../src/sweep/store.js';
import { fromRoot } from '../targets/lib/paths.js';
import { describeTarget } from '../targets/lib/suite.js';
import { CHROMIUM } from '../targets/lib/tools.js';
import { pageHelpers } from './lib/page.js';
import { replayFree, trainInNode, weightsHash } from './lib/replay.js';
import { closePage, openPage, type PageSession } from './lib/session.js';

describeTarget('playground: second run, zoom, chip rule options, sweep viewer (issue 15), in headless Chromium', [CHROMIUM], () => {
  let page: Page;
  let h: ReturnType<typeof pageHelpers>;
  let session: PageSession | undefined;
  beforeAll(async () => {
    session = await openPage('playground-v3');
    ({ page, h } = session);
  }, 120_000);
  afterAll(() => closePage(session));

  it('run B: the same network in a chip format with half its neurons killed, in its own worker, dashed on the traces, numbers beside A\'s, bit for bit', async () => {
    await h.fill({ N: '30', K: '40', seconds: '10' });
    await page.click('#train');
    await h.until('trained', "s.phase === 'idle' && s.info && s.info.trained && s.info.N === 30", 120_000);
    await page.click('#runb summary');
    await page.selectOption('#b-format', 'loihi');
    await page.check('#b-kill');
    await page.click('#run-b');
    await h.until('A and B free-running, B half killed', "s.phase === 'free' && s.runB && s.runB.info && s.runB.phase === 'free' && s.runB.alive === 15 && s.runB.simulated > 1.5 && s.simulated > 1.5", 60_000);
    await page.waitForTimeout(300); // the numbers refresh every 200 ms
    const s = await h.state();
    const b = s.runB!;
    expect(b.info!.format).toBe('loihi');
    expect(b.info!.N).toBe(30);
    expect(b.alive).toBe(15); // the CLI's half-killed set
    expect(s.alive).toBe(30);
    expect(s.lastDraw!.tracePointsB).toBeGreaterThan(0);
    expect(s.lastDraw!.phasePointsB).toBeGreaterThan(0);
    expect(await page.isVisible('#b-key')).toBe(true);
    expect(await page.textContent('#stats')).toMatch(/30 of 30 neurons · B: 15 of 30 neurons/);
    expect(await page.textContent('#stats')).toMatch(/q24, winner rule, \w+ execution, \w+ kernel · B: loihi, winner rule/);
    // the same start state: A restarted with B
    const logB = b.log as NonNullable<typeof s.log>;
    expect(logB.x0).toEqual(s.log!.x0);
    // B is its own computation: replayed in Node from A's learned network quantized to loihi, with its kill
    await page.click('#pause');
    await h.until('both paused', 's.paused && s.runB.paused');
    const p = await h.state();
    const sys = getSystem('vanderpol');
    const twin = trainInNode(sys, p.settings!);
    expect(weightsHash(twin)).toBe(p.info!.weightsHash);
    const loihi = new KernelExecutor(twin.toSpec(), { format: 'loihi', mode: twin.mode });
    const pb = p.runB!;
    expect(replayFree(loihi, sys, pb.log as NonNullable<typeof p.log>, pb.fingerprint!.steps)).toEqual(pb.fingerprint);
    expect(pb.fingerprint!.spikeHash).not.toBe(p.fingerprint!.spikeHash);
    await page.click('#clear-b');
    expect(await page.isVisible('#b-key')).toBe(false);
    expect((await h.state()).runB).toBeNull();
    expect(await page.textContent('#stats')).not.toMatch(/ · B: /);
    await page.click('#stop');
    await h.until('stopped', "s.phase === 'idle'");
  }, 240_000);
  it('zoom on the phase plane (domain, fit, x2, x4) and on the raster (the last half, quarter, eighth)', async () => {
    // "fit" frames the samples in view: run free past one window first, so the
    // view holds the settled cycle and not the lead-in from a random start
    // (a run stopped early on a loaded machine keeps that transient, which can
    // span the whole domain and make "fit" equal to it). The network is first
    // trained long enough to hold Van der Pol's cycle: run B's 10-s network
    // (N 30) is a blob whose free run can fill the domain (amplitude 19-35%
    // off, depending on the exploration setting), which would make "fit"
    // equal to the domain whatever the zoom code does.
    await h.fill({ N: '30', K: '40', seconds: '60' });
    await page.click('#train');
    await h.until('trained 60 s', "s.phase === 'idle' && s.info && s.info.trained && s.info.trainingSeconds === 60", 120_000);
    const info = (await h.state()).info!;
    await page.click('#free');
    await h.until('free run past one window', `s.phase === 'free' && s.simulated > ${info.window + 1}`, 120_000);
    await page.click('#stop');
    await h.until('stopped', "s.phase === 'idle'");
    const s0 = await h.state();
    const dom = s0.info!.system.domain;
    const box = async () => {
      await h.frames(3);
      return (await h.state()).lastDraw!;
    };
    expect((await box()).phaseBox).toEqual([dom[0], dom[1]]);
    await page.selectOption('#phase-zoom', '4');
    const z4 = (await box()).phaseBox;
    expect(z4[0][1] - z4[0][0]).toBeCloseTo((dom[0]![1] - dom[0]![0]) / 4, 9);
    expect(z4[1][1] - z4[1][0]).toBeCloseTo((dom[1]![1] - dom[1]![0]) / 4, 9);
    await page.selectOption('#phase-zoom', '0');
    const fit = (await box()).phaseBox;
    for (const j of [0, 1]) {
      expect(fit[j]![0]).toBeGreaterThanOrEqual(dom[j]![0]);
      expect(fit[j]![1]).toBeLessThanOrEqual(dom[j]![1]);
    }
    expect((fit[0][1] - fit[0][0]) * (fit[1][1] - fit[1][0])).toBeLessThan((dom[0]![1] - dom[0]![0]) * (dom[1]![1] - dom[1]![0]));
    await page.selectOption('#phase-zoom', '1');

    const all = await box();
    expect(all.rasterSeconds).toBeCloseTo(s0.info!.window, 2);
    await page.selectOption('#raster-zoom', '0.25');
    const quarter = await box();
    expect(quarter.rasterSeconds).toBeCloseTo(s0.info!.window / 4, 2);
    expect(quarter.spikeMarks).toBeLessThan(all.spikeMarks);
    await page.selectOption('#raster-zoom', '1');
  });

  it('the parallel (chip) rule\'s options: the CLI\'s defaults and checks in the form, in the network built, and in the link', async () => {
    expect(await page.isVisible('#chip')).toBe(false);
    await page.selectOption('#policy', 'parallel');
    expect(await page.isVisible('#chip')).toBe(true);
    expect([await page.inputValue('#soft'), await page.inputValue('#refractory'), await page.inputValue('#arbitration')]).toEqual(['', String(PARALLEL_DEFAULTS.refractory), String(PARALLEL_DEFAULTS.arbitration)]); // empty soft width: automatic, softDefault(N, J)
    expect(await page.getAttribute('#soft', 'placeholder')).toBe('auto: 0.64 N/J');
    expect(await page.getAttribute('#refractory', 'max')).toBe(String(CHIP_OPTION_LIMITS.refractory.max));
    // refused inline, in the CLI's words
    await h.fill({ N: '30', K: '40', seconds: '10', refractory: '300' });
    await page.click('#train');
    expect(await page.textContent('#refractory-error')).toBe(chipOptionProblem('refractory', 300));
    expect(await page.getAttribute('#refractory', 'aria-invalid')).toBe('true');
    // an arbitration group larger than the network: the spec's own check, shown by the field
    await h.fill({ refractory: '2', arbitration: '31' });
    await page.click('#train');
    await h.until('the spec refuses the group', "s.errors.some((e) => e.field === 'arbitration')");
    expect(await page.textContent('#arbitration-error')).toMatch(/arbitration/);
    await h.fill({ soft: '8', refractory: '2', arbitration: '10' });
    const phases = (await h.state()).phaseCount;
    await page.click('#train');
    await h.until('trained under the parallel rule', `s.phaseCount > ${phases} && s.phase === 'idle' && s.info && s.info.trained && s.info.policy === 'parallel'`, 120_000);
    const s = await h.state();
    expect(s.info!.chip!.relative).toEqual({ soft: 8, refractory: 2, arbitration: 10 });
    const sys = getSystem('vanderpol');
    const spec = trainingSpec(sys, { neurons: 30, dendrites: 40, dt: s.settings!.dt, policy: 'parallel', chip: { soft: 8, refractory: 2, arbitration: 10 }, seed: s.settings!.seed });
    expect({ softWidth: s.info!.chip!.softWidth, refractory: s.info!.chip!.refractory, arbitration: s.info!.chip!.arbitration }).toEqual(spec.chip);
    expect(weightsHash(trainInNode(sys, s.settings!))).toBe(s.info!.weightsHash);
    // the link holds them, and a fresh page opened on it fills them in
    await page.click('#share');
    const url = (await h.state()).shareUrl;
    const p = new URL(url).hash.slice(1);
    expect(new URLSearchParams(p).get('soft')).toBe('8');
    const other = await session!.browser.ctx.newPage();
    await other.goto(url);
    await other.waitForFunction('window.ebnkitPlayground && window.ebnkitPlayground.ready');
    expect([await other.inputValue('#policy'), await other.inputValue('#soft'), await other.inputValue('#refractory'), await other.inputValue('#arbitration')]).toEqual(['parallel', '8', '2', '10']);
    expect(await other.isVisible('#chip')).toBe(true);
    await other.close();
    await page.selectOption('#policy', 'winner');
  }, 240_000);

  it('sweep results: a store written by ebnkit sweep opens in the page with the CLI\'s parser and report (counts, Pareto fronts, table); a damaged one is refused in the CLI\'s words', async () => {
    const file = fromRoot('docs', 'sweep', 'demo.results.jsonl');
    const store = Store.read(file);
    const expected = sweepReport({ title: 'x', records: store.results(), verifies: store.verifies });
    await page.setInputFiles('#sweep-file', file);
    await h.until('the sweep read', 's.sweep !== null');
    const v = (await h.state()).sweep!;
    expect(v.jobs).toBe(store.results().length);
    expect([v.ok, v.failed]).toEqual([expected.ok, expected.failed]);
    expect(v.fronts).toEqual(expected.fronts);
    expect(await page.textContent('#sweep-summary')).toMatch(new RegExp(`${v.jobs} jobs, ${v.ok} ok, ${v.failed} failed`));
    await page.click('#sweep-show');
    expect(await page.isVisible('#sweep-dialog')).toBe(true);
    const frame = page.frameLocator('#sweep-frame');
    expect(await frame.locator('h1').textContent()).toBe('ebnkit sweep · demo');
    expect(await frame.locator('body').textContent()).toMatch(/Pareto front/);
    expect(await frame.locator('table').count()).toBeGreaterThanOrEqual(2);
    await page.click('#sweep-close');
    expect(await page.isVisible('#sweep-dialog')).toBe(false);
    // a damaged store: refused with the message the CLI gives (same parser), nothing shown
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(1, 0, '{"kind": "result", broken');
    const bad = join(session!.work, 'bad.results.jsonl');
    writeFileSync(bad, lines.join('\n'));
    await page.setInputFiles('#sweep-file', bad);
    await h.until('refused', 's.sweep === null');
    let cliMessage = '';
    try {
      Store.read(bad);
    } catch (e) {
      cliMessage = (e as Error).message;
    }
    expect(cliMessage).toMatch(/line 2 is not a JSON record/);
    expect(await page.textContent('#sweep-error')).toBe(`Could not read the sweep: ${cliMessage.replace(bad, 'bad.results.jsonl')}`);
    expect(await page.isVisible('#sweep-show')).toBe(false);
  });

  it('had no console errors, uncaught exceptions or failed requests', () => {
    expect(session!.browser.problems).toEqual([]);
  });
});
