// The local engine's scheduling: jobs start longest first (LPT), each result
// carries its thread's CPU and run-queue time, and V8's compile mode (the
// pool's concurrentRecompilation switch) does not change a result's bits.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSweep } from '../src/sweep/config.js';
import { LocalEngine, type Engine, type Outcome, type Planned } from '../src/sweep/engine.js';
import { relativeCost } from '../src/sweep/estimate.js';
import { jobKey } from '../src/sweep/key.js';
import { longestFirst, runSweep } from '../src/sweep/run.js';
import { Store } from '../src/sweep/store.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'ebnkit-sweep-order-'));
const planned = (text: string): Planned[] => parseSweep(text, join(dir, 's.yaml')).jobs.map((job) => ({ key: jobKey(job), job }));

describe('longest job first', () => {
  it('the relative cost grows with N, trained seconds, eval seeds and energy profiles', () => {
    const base = { train: { system: 'vanderpol', neurons: 20 } };
    const c = relativeCost(base, 1);
    expect(relativeCost({ train: { system: 'vanderpol', neurons: 40 } }, 1)).toBe(2 * c);
    expect(relativeCost(base, 5)).toBeGreaterThan(c);
    expect(relativeCost({ ...base, eval: { seeds: 2 } }, 1)).toBeGreaterThan(relativeCost({ ...base, eval: { seeds: 1 } }, 1));
    expect(relativeCost({ ...base, energy: { profiles: ['loihi', 'xylo'] } }, 1)).toBeGreaterThan(relativeCost({ ...base, energy: { profiles: ['loihi'] } }, 1));
  });
  it('a grid listed small-first starts biggest-first; equal costs keep the file order', async () => {
    const jobs = planned('train: { system: vanderpol, seconds: 1 }\ngrid: { train.neurons: [10, 20, 40], train.seed: [1, 2] }\n');
    const order = (await longestFirst(jobs)).map((p) => `${p.job.train.neurons}/${p.job.train.seed}`);
    expect(order).toEqual(['40/1', '40/2', '20/1', '20/2', '10/1', '10/2']);
    // a job without `seconds` uses its system's default training length
    const dflt = planned('train: { system: vanderpol, neurons: 10 }\ngrid: { train.seconds: [0.5, 1000] }\n');
    expect((await longestFirst(dflt)).map((p) => p.job.train.seconds)).toEqual([1000, 0.5]);
  });
  it('runSweep hands the engine the pending jobs in that order', async () => {
    const sw = parseSweep('train: { system: vanderpol, seconds: 1 }\ngrid: { train.neurons: [10, 80, 20] }\n', join(dir, 'order.yaml'));
    const seen: number[] = [];
    const fake: Engine = {
      name: 'fake',
      width: 1,
      async run(jobs, _t, settled) {
        for (const p of jobs) {
          seen.push(p.job.train.neurons as number);
          settled(p, { ok: false, error: 'not run', wallSeconds: 0, host: 'test' });
        }
      },
      async close() {},
    };
    const store = Store.open(join(dir, 'order.results.jsonl'));
    try {
      await runSweep(sw, store, fake, { verifyFraction: 0 });
    } finally {
      store.close();
    }
    expect(seen).toEqual([80, 20, 10]);
  });
});

describe('verification re-runs', () => {
  // a fake engine that settles at once: job i fails when `fails(i)`, every result hash is the job's key
  const fakeEngine = (log: string[], fails: (n: number) => boolean): Engine => ({
    name: 'fake',
    width: 2,
    async run(jobs, _t, settled, tag) {
      log.push(`${tag ?? 'main'} start`);
      for (const p of jobs) {
        const n = p.job.train.neurons as number;
        if (!tag && fails(n)) settled(p, { ok: false, error: 'no', wallSeconds: 0, host: 'test' });
        else settled(p, { ok: true, result: { hash: p.key } as never, wallSeconds: 0, host: 'test' });
      }
      log.push(`${tag ?? 'main'} end`);
    },
    async close() {},
  });
  const sweep = (name: string) => parseSweep('train: { system: vanderpol, seconds: 1 }\ngrid: { train.neurons: [10, 20, 30, 40] }\n', join(dir, `${name}.yaml`));
  it('start while the main run is still going (they fill its tail), one per 1% of finished jobs rounded up', async () => {
    const log: string[] = [];
    const store = Store.open(join(dir, 'v1.results.jsonl'));
    try {
      const s = await runSweep(sweep('v1'), store, fakeEngine(log, () => false), { verifyFraction: 0.01 });
      expect(s).toMatchObject({ ok: 4, verified: 1, mismatches: [] });
    } finally {
      store.close();
    }
    expect(log.indexOf('verify start')).toBeLessThan(log.indexOf('main end'));
  });
  it('a chosen job that failed is replaced by another finished one', async () => {
    // 1 of 4 chosen at random, 3 of 4 fail: without the top-up, 3 runs in 4 would verify nothing (all 8 passing by chance: 4^-8)
    for (let r = 0; r < 8; r++) {
      const store = Store.open(join(dir, `v2-${r}.results.jsonl`));
      try {
        const log: string[] = [];
        const s = await runSweep(sweep(`v2-${r}`), store, fakeEngine(log, (n) => n <= 30), { verifyFraction: 0.25 });
        expect(s).toMatchObject({ ok: 1, failed: 3, verified: 1, mismatches: [] });
        const ok = store.results().find((x) => x.status === 'ok')!;
        expect(ok.job.train.neurons).toBe(40);
        expect(store.verifies.map((v) => v.key)).toEqual([ok.key]);
      } finally {
        store.close();
      }
    }
  });
});

describe('pool threads (built worker)', () => {
  it('jobs cut off by close() (Ctrl-C) are not reported as failed, so they are not stored and a rerun runs them', async () => {
    const e = new LocalEngine(1, resolve('dist/sweep-worker.js'));
    const jobs = [1, 2, 3].map((seed) => ({ key: String(seed), job: { train: { system: 'vanderpol', seconds: 0.1, neurons: 10, seed } } }));
    const seen: Outcome[] = [];
    await e.run(jobs, 120_000, (_, o) => {
      seen.push(o);
      if (seen.length === 1) void e.close();
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.ok).toBe(true);
  });
  it("a result carries the thread's CPU and waiting seconds (Linux), and is bit-identical with V8's concurrent recompilation on or off", async () => {
    const job = { key: 'k', job: { train: { system: 'vanderpol', seconds: 0.2, neurons: 10, seed: 5 } } };
    const once = async (concurrentRecompilation: boolean) => {
      const e = new LocalEngine(1, resolve('dist/sweep-worker.js'), { concurrentRecompilation });
      let out: Outcome | undefined;
      try {
        await e.run([job], 120_000, (_, o) => (out = o));
      } finally {
        await e.close();
      }
      return out!;
    };
    const off = await once(false);
    const on = await once(true);
    if (!off.ok || !on.ok) throw new Error(`job failed: ${off.ok ? '' : off.error} ${on.ok ? '' : on.error}`);
    expect(on.result.hash).toBe(off.result.hash);
    if (process.platform === 'linux') {
      const t = off.thread!;
      expect(Number.isInteger(t.tid) && t.tid > 0).toBe(true);
      expect(t.cpuSeconds).toBeGreaterThan(0);
      expect(t.waitSeconds).toBeGreaterThanOrEqual(0);
      // one thread cannot run longer than the job lasted (1 ms of clock granularity allowed)
      expect(t.cpuSeconds + t.waitSeconds).toBeLessThanOrEqual(off.wallSeconds + 1e-3);
    }
  });
});
