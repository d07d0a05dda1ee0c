// The built CLI (dist/cli.js), as a user runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/node/files.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });

describe('ebnkit CLI', () => {
  it('--help lists the commands', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/train \[system\]/);
    expect(cli('train', '--help').stdout).toMatch(/--seconds/);
  });
  it('systems --json lists vanderpol and linear', () => {
    const r = cli('systems', '--json');
    expect(r.status).toBe(0);
    const names = (JSON.parse(r.stdout) as { name: string }[]).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['vanderpol', 'linear']));
  });
  it('bad usage exits 2 with what was wrong and what is accepted', () => {
    const a = cli('train', 'lorenz9');
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/system "lorenz9" is unknown; built-in systems: vanderpol, linear/);
    const b = cli('train', '--seconds', 'abc');
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/--seconds: "abc" is not a number/);
    const c = cli('frobnicate');
    expect(c.status).toBe(2);
    expect(cli('train', '--format', 'float8', '--seconds', '1').stderr).toMatch(/format "float8" is unknown/);
  });
  it('train --json writes a figure and a model that loads back', () => {
    const out = mkdtempSync(join(tmpdir(), 'ebnkit-cli-'));
    const r = cli('train', 'vanderpol', '--seconds', '4', '--neurons', '20', '--out', out, '--json');
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.neurons).toBe(20);
    expect(s.trainingSeconds).toBeCloseTo(4, 5);
    expect(typeof s.metrics.ratePerNeuron).toBe('number');
    expect(readFileSync(s.files.figure, 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(existsSync(s.files.model)).toBe(true);
    expect(loadModel(s.files.model).spec.N).toBe(20);
  });
});
