// The built CLI (dist/cli.js), as a user runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/node/files.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
const out = mkdtempSync(join(tmpdir(), 'ebnkit-cli-'));
const model = join(out, 'vdp.ebn');

describe('ebnkit CLI', () => {
  it('--help lists the commands, and every command has its own --help', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    for (const c of ['train', 'eval', 'run', 'report', 'export', 'systems']) {
      expect(r.stdout).toContain(c);
      const h = cli(c, '--help');
      expect(h.status).toBe(0);
      expect(h.stdout).toMatch(new RegExp(`usage: ebnkit ${c}`));
    }
  });
  it('systems --json lists the built-in library', () => {
    const r = cli('systems', '--json');
    expect(r.status).toBe(0);
    const names = (JSON.parse(r.stdout) as { name: string }[]).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['vanderpol', 'linear', 'bistable', 'lorenz', 'pendulum']));
  });
  it('bad usage exits 2 with what was wrong and what is accepted', () => {
    const a = cli('train', 'lorenz9');
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/system "lorenz9" is unknown; built-in systems: vanderpol, linear/);
    const b = cli('train', '--seconds', 'abc');
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/--seconds: "abc" is not a decimal number/);
    expect(cli('frobnicate').status).toBe(2);
    expect(cli('train', '--format', 'float8', '--seconds', '1').stderr).toMatch(/format "float8" is unknown/);
    expect(cli('train', '--bogus').status).toBe(2);
    expect(cli('eval').stderr).toMatch(/eval takes one model file; got none/);
  });
  it('train refuses a useless network with exit 1 and the reason, and saves nothing (F5)', () => {
    const m = join(out, 'pingpong.ebn');
    const r = cli('train', 'vanderpol', '--seconds', '2', '--neurons', '20', '--policy', 'parallel', '--soft', '0', '--out', m);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/under policy "parallel" at format q24 is useless: .*(error \d+% > 50%|mean rate \d+ Hz per neuron is above)/);
    expect(r.stderr).toMatch(/nothing was saved \(try --policy winner \(the MCU rule\), longer training/);
    expect(r.stderr).not.toMatch(/wider --format/); // it was q24 already
    expect(existsSync(m)).toBe(false);
    expect(cli('train', '--soft', '4', '--seconds', '1').stderr).toMatch(/options of --policy parallel/);
    expect(cli('train', '--policy', 'fastest', '--seconds', '1').stderr).toMatch(/--policy: "fastest" is not one of winner, all, parallel/);
  });
  it('a damaged or missing model is refused with exit 2 and the reason', () => {
    const junk = join(out, 'junk.ebn');
    writeFileSync(junk, 'not a model at all, just some text in a file');
    const r = cli('eval', junk);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not an ebnkit model/);
    expect(cli('run', join(out, 'nope.ebn')).stderr).toMatch(/cannot read \(ENOENT\)/);
  });
  it('train --json writes a model and a figure; eval, run, export and report read the model', () => {
    const r = cli('train', 'vanderpol', '--seconds', '4', '--neurons', '20', '--out', model, '--json');
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.neurons).toBe(20);
    expect(s.trainingSeconds).toBeCloseTo(4, 5);
    expect(typeof s.metrics.meanRate).toBe('number');
    expect(readFileSync(s.files.figure, 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(loadModel(model).spec.N).toBe(20);

    const e = cli('eval', model, '--seeds', '1', '--json');
    expect(e.status, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout).system).toBe('vanderpol');

    const csv = join(out, 'run.csv');
    const run = cli('run', model, '--seconds', '1', '--x0', '1,1', '--out', csv);
    expect(run.status, run.stderr).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('t,xhat1,xhat2,x1,x2');
    expect(lines.length).toBe(1 + Math.round(1 / s.dt));
    expect(cli('run', model, '--x0', '1,2,3').stderr).toMatch(/--x0: has 3 values; the system has 2 dimensions/);

    const ex = cli('export', model);
    expect(JSON.parse(ex.stdout).spec.N).toBe(20);

    const html = join(out, 'vdp.html');
    const rep = cli('report', model, '--out', html, '--quiet');
    expect(rep.status, rep.stderr).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).not.toMatch(/<script|src=|href="http/);
    expect((page.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(8);
    const figs = JSON.parse(readFileSync(join(out, 'vdp.json'), 'utf8')).figures as { id: string }[];
    expect(figs.map((f) => f.id)).toEqual(expect.arrayContaining(['trajectory', 'phase', 'raster', 'rates', 'cv', 'robust-kill', 'robust-noise', 'kernel-vs-float']));
  });
  it('a user-defined system from a module trains like a built-in one', () => {
    // a system 60 s of training learns (train refuses to save a useless network, F5)
    const mod = join(out, 'spring.mjs');
    writeFileSync(
      mod,
      `export default { name: 'spring', dims: 2, kind: 'linear', timeScale: 1,
         domain: [[-1.6, 1.6], [-1.6, 1.6]],
         f: ([x, v]) => [v / 0.2, (-x - 0.5 * v) / 0.2] };\n`,
    );
    const m = join(out, 'spring.ebn');
    const r = cli('train', mod, '--seconds', '60', '--neurons', '20', '--out', m, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).system).toBe('spring');
    expect(existsSync(m)).toBe(true);
    // the model records its module but never loads it by itself (F1): the user names it
    const refused = cli('eval', m, '--seeds', '1');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/pass --system <module>/);
    const e = cli('eval', m, '--seeds', '1', '--json', '--system', mod);
    expect(e.status, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout).metrics.shortHorizonError).toBeGreaterThanOrEqual(0);
  });
});
