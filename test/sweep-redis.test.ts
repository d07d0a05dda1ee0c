// The Redis engine (BullMQ) against a real redis-server on 127.0.0.1, with
// real worker processes: bit-identical to the local engine, and the faults the
// issue lists — a worker killed mid-job, Redis restarted mid-sweep, a
// duplicate delivery, poisoned jobs. Tiny jobs (N=20, 0.5 s of training).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultRecord } from '../src/sweep/store.js';
import { RedisServer, redisMissing } from './sweep/redis-server.js';

const dir = mkdtempSync(join(tmpdir(), 'ebnkit-sweep-redis-'));
const results = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ResultRecord).filter((r) => r.kind === 'result') : []);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });

interface Proc {
  child: ChildProcess;
  events: Record<string, unknown>[];
  waitFor(pred: (e: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>>;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** A CLI process whose stdout is JSON lines. */
function proc(args: string[]): Proc {
  const child = spawn(process.execPath, ['dist/cli.js', ...args, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const events: Record<string, unknown>[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    const lines = stdout.split('\n');
    events.length = 0;
    for (const l of lines.slice(0, -1)) if (l.startsWith('{')) events.push(JSON.parse(l) as Record<string, unknown>);
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((r) => child.on('exit', (code) => r({ code, stdout, stderr })));
  return {
    child,
    events,
    exit,
    async waitFor(pred, what) {
      for (let i = 0; i < 1200; i++) {
        const e = events.find(pred);
        if (e) return e;
        if (child.exitCode !== null) break;
        await sleep(50);
      }
      throw new Error(`gave up waiting for ${what}; stderr: ${stderr}`);
    },
  };
}

let redis: RedisServer;
const workers: Proc[] = [];
const worker = async (queue: string, extra: string[] = []) => {
  const w = proc(['worker', '--redis', redis.url, '--queue', queue, '--concurrency', '1', ...extra]);
  workers.push(w);
  await w.waitFor((e) => e.event === 'ready', 'worker ready');
  return w;
};
const stopWorkers = async () => {
  for (const w of workers.splice(0)) {
    if (w.child.exitCode === null && w.child.signalCode === null) {
      w.child.kill('SIGCONT');
      w.child.kill('SIGKILL');
    }
    await w.exit;
  }
};
const sweepFile = (name: string, text: string) => {
  const f = join(dir, `${name}.yaml`);
  writeFileSync(f, text);
  return f;
};
const TINY = 'train: { system: vanderpol, seconds: 0.5, neurons: 20 }\n';
/** A one-job sweep on queue `name`, running on a first worker with a 2 s lock. */
const oneJobOnWorker1 = async (name: string, seed: number) => {
  const f = sweepFile(name, `${TINY}grid: { train.seed: [${seed}] }\n`);
  const w1 = await worker(name, ['--lock', '2']);
  const s = proc(['sweep', f, '--redis', redis.url, '--queue', name, '--verify', '0']);
  await w1.waitFor((e) => e.event === 'start', 'the job to start on worker 1');
  return { w1, s };
};

describe.skipIf(!!redisMissing)(`ebnkit sweep --redis / ebnkit worker${redisMissing ? ` (${redisMissing})` : ''}`, () => {
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await stopWorkers();
    await redis?.stop();
  });

  it('results are bit-identical to the local engine (result hashes, weight images, metrics)', async () => {
    const text = `${TINY}energy: { profiles: [loihi], seconds: 0.5 }\ngrid: { train.seed: [1, 2] }\n`;
    const local = sweepFile('same-local', text);
    const remote = sweepFile('same-redis', text);
    expect(cli('sweep', local, '--workers', '1', '--quiet', '--verify', '0').status).toBe(0);
    await worker('same');
    await worker('same');
    const s = proc(['sweep', remote, '--redis', redis.url, '--queue', 'same']);
    const r = await s.exit;
    expect(r.code, r.stderr).toBe(0);
    expect(s.events.at(-1)).toMatchObject({ event: 'summary', ok: 2, failed: 0, verified: 1, mismatches: [] });
    const a = results(join(dir, 'same-local.results.jsonl'));
    const b = results(join(dir, 'same-redis.results.jsonl'));
    expect(b.map((x) => x.timing.engine)).toEqual(['redis', 'redis']);
    const byKey = new Map(a.map((x) => [x.key, x]));
    expect(b).toHaveLength(2);
    for (const x of b) expect(x.result).toEqual(byKey.get(x.key)!.result);
    await stopWorkers();
  });

  it('a worker killed mid-job: the job is retried on another worker', async () => {
    const { w1, s } = await oneJobOnWorker1('kill', 3);
    w1.child.kill('SIGKILL');
    const w2 = await worker('kill', ['--lock', '2']);
    const r = await s.exit;
    expect(r.code, r.stderr).toBe(0);
    const [x] = results(join(dir, 'kill.results.jsonl'));
    expect(x!.status).toBe('ok');
    expect(x!.timing.host).toMatch(new RegExp(`:${w2.child.pid}$`));
    await stopWorkers();
  });

  it('a duplicate delivery (a frozen worker whose job was handed to another) is stored once', async () => {
    const { w1, s } = await oneJobOnWorker1('dup', 4);
    w1.child.kill('SIGSTOP'); // its lock expires; the job is delivered again
    const w2 = await worker('dup', ['--lock', '2']);
    await w2.waitFor((e) => e.event === 'start', 'the job to be delivered again, to worker 2');
    w1.child.kill('SIGCONT'); // both now hold the same job
    const r = await s.exit;
    expect(r.code, r.stderr).toBe(0);
    await sleep(3000); // let the frozen worker finish its copy too
    const recs = results(join(dir, 'dup.results.jsonl'));
    expect(recs).toHaveLength(1);
    expect(recs[0]!.status).toBe('ok');
    await stopWorkers();
  });

  it('Redis restarted mid-sweep (its data lost): the sweep re-enqueues what is missing and finishes', async () => {
    const f = sweepFile('restart', `${TINY}grid: { train.seed: [5, 6, 7] }\n`);
    const store = join(dir, 'restart.results.jsonl');
    await worker('restart');
    const s = proc(['sweep', f, '--redis', redis.url, '--queue', 'restart', '--verify', '0']);
    while (results(store).length < 1) {
      if (s.child.exitCode !== null) throw new Error('the sweep ended before Redis could be restarted');
      await sleep(50);
    }
    await redis.restart();
    const r = await s.exit;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/redis: \d+ pending jobs were gone .*enqueued them again/);
    const recs = results(store);
    expect(recs.map((x) => x.status)).toEqual(['ok', 'ok', 'ok']);
    expect(new Set(recs.map((x) => x.key)).size).toBe(3);
    await stopWorkers();
  });

  it('poisoned jobs (a module that throws, one that loops) are failed with their reason and a timeout; the sweep goes on', async () => {
    writeFileSync(join(dir, 'throws.mjs'), `export default { name: 'throws', dims: 2, domain: [[-1, 1], [-1, 1]], f: () => { throw new Error('poisoned dynamics'); } };\n`);
    writeFileSync(join(dir, 'loops.mjs'), `let calls = 0;\n// loads (the loader's own 10 s check evaluates f a few times), then loops in training: the sweep's timeout stops it\nexport default { name: 'loops', dims: 2, domain: [[-1, 1], [-1, 1]], f: (x) => { if (++calls > 10000) for (;;); return [x[1], -x[0]]; } };\n`);
    const f = sweepFile('poison', 'train: { seconds: 0.5, neurons: 20 }\ngrid: { train.system: [./throws.mjs, ./loops.mjs, linear] }\ntimeout: 20\n');
    await worker('poison');
    await worker('poison');
    const s = proc(['sweep', f, '--redis', redis.url, '--queue', 'poison', '--verify', '0']);
    const r = await s.exit;
    expect(r.code, r.stderr).toBe(0);
    const recs = results(join(dir, 'poison.results.jsonl'));
    const by = (n: string) => recs.find((x) => x.job.train.system.includes(n))!;
    expect(by('throws').error).toMatch(/poisoned dynamics/);
    expect(by('loops').error).toMatch(/timeout: the job ran longer than 20 s/);
    expect(by('linear').status).toBe('ok');
    await stopWorkers();
  });
});
