// `ebnkit sweep` on the local worker-thread pool, through the built CLI:
// results stored once and reused, JSON lines, poisoned jobs failed with their
// reason while the sweep goes on. Tiny jobs (N=20, 0.5 s of training).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../src/sweep/store.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'ebnkit-sweep-local-'));
const lines = (p: string) => readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ResultRecord);

describe('ebnkit sweep (local engine)', () => {
  it('runs the grid, stores every job once, and a rerun reuses all of them', () => {
    const file = join(dir, 'grid.yaml');
    writeFileSync(file, 'train: { system: vanderpol, seconds: 0.5, neurons: 20 }\nenergy: { profiles: [loihi], seconds: 0.5 }\ngrid: { train.seed: [1, 2] }\n');
    const dry = cli('sweep', file, '--dry-run', '--json');
    expect(dry.status, dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout) as { jobs: number; pending: number; estimate: { seconds: number } };
    expect(plan.jobs).toBe(2);
    expect(plan.pending).toBe(2);
    expect(plan.estimate.seconds).toBeGreaterThan(0);
    const r = cli('sweep', file, '--workers', '2', '--json');
    expect(r.status, r.stderr).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; status?: string; match?: boolean; ok?: number });
    expect(events.filter((e) => e.event === 'job').map((e) => e.status)).toEqual(['ok', 'ok']);
    expect(events.filter((e) => e.event === 'verify').map((e) => e.match)).toEqual([true]);
    expect(events.at(-1)).toMatchObject({ event: 'summary', ok: 2, failed: 0, reused: 0 });
    const store = join(dir, 'grid.results.jsonl');
    const recs = lines(store).filter((x) => x.kind === 'result');
    expect(recs).toHaveLength(2);
    for (const x of recs) {
      expect(x.result!.train.neurons).toBe(20);
      expect((x.result!.energy as { results: { profile: string }[] }).results[0]!.profile).toBe('loihi');
    }
    // different seeds, different networks
    expect(recs[0]!.result!.imageSha256).not.toBe(recs[1]!.result!.imageSha256);
    const again = cli('sweep', file, '--json', '--verify', '0');
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({ reused: 2, ran: 0 });
    expect(lines(store).filter((x) => x.kind === 'result')).toHaveLength(2);
    const rep = cli('sweep', 'report', file, '--json');
    expect(rep.status, rep.stderr).toBe(0);
    const html = readFileSync((JSON.parse(rep.stdout) as { html: string }).html, 'utf8');
    expect(html).toContain('<h2>loihi</h2>');
    expect(html).toContain('Varied: train.seed');
  });
  it('a module that throws or loops is failed with its reason (timeout), and the other jobs finish', () => {
    writeFileSync(join(dir, 'throws.mjs'), `export default { name: 'throws', dims: 2, domain: [[-1, 1], [-1, 1]], f: () => { throw new Error('poisoned dynamics'); } };\n`);
    writeFileSync(join(dir, 'loops.mjs'), `let calls = 0;\n// loads (the loader's own 10 s check evaluates f a few times), then loops in training: the sweep's timeout stops it\nexport default { name: 'loops', dims: 2, domain: [[-1, 1], [-1, 1]], f: (x) => { if (++calls > 10000) for (;;); return [x[1], -x[0]]; } };\n`);
    const file = join(dir, 'poison.yaml');
    writeFileSync(file, 'train: { seconds: 0.5, neurons: 20 }\ngrid: { train.system: [./throws.mjs, ./loops.mjs, linear] }\ntimeout: 20\n');
    // the dry run's calibration runs in a thread too: a poisoned first job gives no estimate, and no hang
    expect(cli('sweep', file, '--dry-run').stdout).toMatch(/no estimate: the calibration run of job 1 failed \(.*poisoned dynamics\)/);
    const r = cli('sweep', file, '--workers', '2', '--json', '--verify', '0');
    expect(r.status, r.stderr).toBe(0);
    const recs = lines(join(dir, 'poison.results.jsonl'));
    const by = (s: string) => recs.find((x) => x.job.train.system.includes(s))!;
    expect(by('throws')).toMatchObject({ status: 'failed' });
    expect(by('throws').error).toMatch(/poisoned dynamics/);
    expect(by('loops')).toMatchObject({ status: 'failed' });
    expect(by('loops').error).toMatch(/timeout: the job ran longer than 20 s/);
    expect(by('linear')).toMatchObject({ status: 'ok' });
  });
  it('bad usage exits 2 and says what is accepted', () => {
    expect(cli('sweep').stderr).toMatch(/sweep takes one sweep file/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'grid: { neurons: [1] }\n');
    const r = cli('sweep', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/must be <section>.<option>/);
  });
});
