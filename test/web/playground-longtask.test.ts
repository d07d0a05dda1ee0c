// No main-thread task over 50 ms from pressing Train to the end of training
// (issue 15, deliver 5), for a typed vector field (whose automatic
// configuration, 0.3-0.8 s, used to run on the page's main thread when Train
// was pressed) and for a built-in system.
//
// Measured as work, not as a rate: the page's own long-task observer
// (PerformanceObserver 'longtask', as playground-speed and bench/playground.ts
// read it) lists every main-thread task whose wall duration passed 50 ms, and
// a Chromium trace of the same interval gives each main-thread task's CPU time
// (the trace's thread duration, tdur). On a loaded machine a short task can be
// descheduled past 50 ms of wall time; that is load, not the page's work
// (playground-speed prints long tasks and does not assert them for this
// reason). So each long task the observer reports is matched to its task in
// the trace and must have taken at most 50 ms of CPU; and no main-thread task
// in the trace may take more than 50 ms of CPU, whatever its wall time.
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeTarget } from '../targets/lib/suite.js';
import { CHROMIUM } from '../targets/lib/tools.js';
import { pageHelpers } from './lib/page.js';
import { closePage, openPage, type PageSession } from './lib/session.js';

const LIMIT_MS = 50;

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }
/** A main-thread task: start and wall duration on the page's clock (performance.now), CPU time, ms. */
interface Task { start: number; wallMs: number; cpuMs: number }

async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => void events.push(...(d.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'blink.user_timing', '__metadata'] }, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/** The renderer main thread's top-level tasks between the page's marks `from` and `to`, on the page's clock. */
function mainThreadTasks(events: TraceEvent[], marks: Record<string, number>, from: string, to: string): Task[] {
  const mark = (n: string) => {
    const e = events.find((x) => x.name === n && x.ph !== 'e');
    if (!e) throw new Error(`the trace holds no mark ${n}`);
    return e;
  };
  const a = mark(from), b = mark(to);
  // trace clock (µs) -> page clock (ms), from the mark made just before pressing Train
  const offset = a.ts / 1000 - marks[from]!;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === a.pid);
  if (!main) throw new Error('no CrRendererMain thread in the trace');
  return events
    .filter((e) => e.ph === 'X' && e.pid === a.pid && e.tid === main.tid && /RunTask$/.test(e.name) && e.ts + (e.dur ?? 0) >= a.ts && e.ts <= b.ts)
    .map((e) => ({ start: e.ts / 1000 - offset, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? e.dur ?? 0) / 1000 }));
}

describeTarget('no main-thread task over 50 ms from Train to trained (issue 15), in headless Chromium', [CHROMIUM], () => {
  let page: Page;
  let h: ReturnType<typeof pageHelpers>;
  let session: PageSession | undefined;
  let cdp: CDPSession;
  beforeAll(async () => {
    session = await openPage('playground-longtask');
    ({ page, h } = session);
    cdp = await session.browser.ctx.newCDPSession(page);
  }, 120_000);
  afterAll(() => closePage(session));

  /** Press Train, wait for the training to finish, and return the main thread's tasks in between. */
  async function train(label: string, trained: string): Promise<{ longTasks: [number, number][]; tasks: Task[] }> {
    const stop = await startTrace(cdp);
    const t0 = await page.evaluate(() => performance.mark('ebnkit-train').startTime);
    await page.click('#train');
    await h.until(`${label} trained`, `s.phase === 'idle' && s.trainWallMs !== null && s.info && s.info.trained && ${trained}`, 300_000);
    const { t1, log } = await page.evaluate(() => ({ t1: performance.mark('ebnkit-trained').startTime, log: (window as unknown as { ebnkitPlayground: { longTaskLog: [number, number][] } }).ebnkitPlayground.longTaskLog }));
    const tasks = mainThreadTasks(await stop(), { 'ebnkit-train': t0, 'ebnkit-trained': t1 }, 'ebnkit-train', 'ebnkit-trained');
    const longTasks = log.filter(([at, d]) => at + d >= t0 && at <= t1);
    const top = [...tasks].sort((x, y) => y.cpuMs - x.cpuMs).slice(0, 3);
    console.log(`${label}: ${tasks.length} main-thread tasks from Train to trained (${((t1 - t0) / 1000).toFixed(2)} s); long tasks (wall > ${LIMIT_MS} ms) [after Train, ms]: ${JSON.stringify(longTasks.map(([at, d]) => [Math.round(at - t0), Math.round(d)]))}; most CPU: ${top.map((t) => `${t.cpuMs.toFixed(1)} ms CPU / ${t.wallMs.toFixed(1)} ms wall at +${Math.round(t.start - t0)} ms`).join(', ')}`);
    return { longTasks, tasks };
  }

  function check(label: string, r: { longTasks: [number, number][]; tasks: Task[] }) {
    expect(r.tasks.length, `${label}: main-thread tasks in the trace`).toBeGreaterThan(10);
    // each long task the page saw is a task of the trace (starting within 5 ms of it; the observer's
    // duration also counts the rendering update after it) that took at most 50 ms of CPU
    for (const [at, d] of r.longTasks) {
      const m = r.tasks.filter((t) => Math.abs(t.start - at) < 5);
      expect(m.length, `${label}: the long task at ${at.toFixed(0)} ms (${d.toFixed(0)} ms) found in the trace`).toBeGreaterThan(0);
      for (const t of m) expect(t.cpuMs, `${label}: CPU of the long task at ${at.toFixed(0)} ms (${d.toFixed(0)} ms wall)`).toBeLessThanOrEqual(LIMIT_MS);
    }
    const worst = Math.max(...r.tasks.map((t) => t.cpuMs));
    expect(worst, `${label}: the longest main-thread task's CPU time, ms`).toBeLessThanOrEqual(LIMIT_MS);
  }

  it('a typed vector field: its automatic configuration runs off the main thread', async () => {
    await page.selectOption('#system', 'custom');
    await h.fill({ 'c-name': 'spiral', N: '30', K: '40', seconds: '4' });
    check('typed field (hopf example, N=30, 4 s)', await train('the typed field', "s.info.system.name === 'spiral'"));
  }, 360_000);

  it('a built-in system (Van der Pol, quick)', async () => {
    await page.selectOption('#system', 'vanderpol');
    await h.fill({ N: '30', K: '40', seconds: '4' });
    check('vanderpol (N=30, 4 s)', await train('Van der Pol', "s.info.system.name === 'vanderpol'"));
  }, 360_000);

  it('had no console errors, uncaught exceptions or failed requests', () => {
    expect(session!.browser.problems).toEqual([]);
  });
});
