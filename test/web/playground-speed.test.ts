// Training speed in the page (issue 15): the page trains in the CLI's
// execution mode through the CLI's builder (lowrank for Van der Pol), prices
// energy at most once per wall second, posts frames at most every TRAINING_FRAME_MS
// and redraws only when something changed. Checked as counts against the
// page's own clock (frames, pricings per wall second), never as a speed;
// the times and long tasks are printed, not asserted (they move with load).
// The speed itself is measured by bench/playground.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getSystem } from '../../src/index.js';
import { trainingMode } from '../../src/training-network.js';
import { TRAINING_FRAME_MS } from '../../web/src/protocol.js';
import { PRICE_MIN_GAP_MS } from '../../web/src/engine/energy.js';
import { describeTarget } from '../targets/lib/suite.js';
import { CHROMIUM } from '../targets/lib/tools.js';
import { pageHelpers } from './lib/page.js';
import { trainInNode, weightsHash } from './lib/replay.js';
import { closePage, openPage, type PageSession } from './lib/session.js';

describeTarget('playground training speed (issue 15), in headless Chromium', [CHROMIUM], () => {
  let page: Page;
  let h: ReturnType<typeof pageHelpers>;
  let session: PageSession | undefined;
  beforeAll(async () => {
    session = await openPage('playground-speed');
    ({ page, h } = session);
  }, 120_000);
  afterAll(() => closePage(session));

  it('trains Van der Pol at the CLI\'s defaults in the CLI\'s execution mode, learning the bits the CLI\'s builder learns', async () => {
    await page.check('#quick');
    const before = await h.state();
    await page.click('#train');
    await h.until('training to finish', 's.trainWallMs !== null && s.phase === \'idle\' && s.info && s.info.trained', 300_000);
    const s = await h.state();
    expect(s.info!.mode).toBe(trainingMode(getSystem('vanderpol')));
    expect(s.info!.mode).toBe('lowrank');
    expect(s.info!.N).toBe((getSystem('vanderpol').network as { neurons: number }).neurons);
    const twin = trainInNode(getSystem('vanderpol'), s.settings!);
    expect(s.info!.weightsHash).toBe(weightsHash(twin));

    const wall = s.trainWallMs!;
    const received = s.framesReceived - before.framesReceived;
    const drawn = s.frames - before.frames;
    const priced = s.energyCount - before.energyCount;
    const draws = [...s.drawSamples].sort((a, b) => a - b);
    const q = (p: number) => draws[Math.min(draws.length - 1, Math.floor(p * draws.length))] ?? NaN;
    console.log(`quick Van der Pol training in the page: ${(wall / 1000).toFixed(2)} s wall for ${s.info!.trainingSeconds} s simulated (${s.info!.mode}, ${s.info!.kernel} kernel); ${received} frames received, ${drawn} drawn (drawing p50 ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms), ${priced} energy pricings; worker ${JSON.stringify(s.workerTiming)}; main-thread tasks over 50 ms since load ${s.longTasks.count} (longest ${s.longTasks.maxMs.toFixed(0)} ms)`);
    // energy: at most one pricing per wall second (was one per simulated second: ~60 here)
    expect(priced).toBeLessThanOrEqual(Math.floor(wall / PRICE_MIN_GAP_MS) + 2);
    expect(s.info!.trainingSeconds / Math.max(1, priced)).toBeGreaterThan(2);
    // frames: the worker posts at most one per TRAINING_FRAME_MS while training (was one per 14-ms slice) ...
    expect(received).toBeLessThanOrEqual(Math.ceil(wall / TRAINING_FRAME_MS) + 3);
    // ... and the page draws only when one came or something changed (was every animation frame while running)
    expect(drawn).toBeLessThanOrEqual(received + 5);
  }, 360_000);

  it('had no console errors, uncaught exceptions or failed requests', () => {
    expect(session!.browser.problems).toEqual([]);
  });
});
