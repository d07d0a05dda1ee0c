// Resumability: SIGKILL a running sweep once it has stored a result, rerun it,
// and every job ends up stored exactly once, the early ones reused.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../src/sweep/store.js';

const dir = mkdtempSync(join(tmpdir(), 'ebnkit-sweep-resume-'));
const results = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ResultRecord).filter((r) => r.kind === 'result') : []);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ebnkit sweep is resumable', () => {
  it('killed with SIGKILL mid-sweep, a rerun finishes the rest: nothing lost, nothing duplicated', async () => {
    const file = join(dir, 'resume.yaml');
    const store = join(dir, 'resume.results.jsonl');
    writeFileSync(file, 'train: { system: linear, seconds: 0.5, neurons: 20 }\ngrid: { train.seed: [1, 2, 3, 4, 5] }\n');
    const child = spawn(process.execPath, ['dist/cli.js', 'sweep', file, '--workers', '1', '--quiet', '--verify', '0'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    while (results(store).length < 1) {
      if (child.exitCode !== null) throw new Error('the sweep finished before it could be killed');
      await sleep(50);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const before = results(store);
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(before.length).toBeLessThan(5);
    // the dead sweep's lock is taken over; the stored jobs are not run again
    const r = spawnSync(process.execPath, ['dist/cli.js', 'sweep', file, '--workers', '2', '--json', '--verify', '0'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toMatchObject({ jobs: 5, reused: before.length, ran: 5 - before.length, failed: 0 });
    const after = results(store);
    expect(after).toHaveLength(5);
    expect(new Set(after.map((x) => x.key)).size).toBe(5);
    expect(after.slice(0, before.length)).toEqual(before);
  });
});
