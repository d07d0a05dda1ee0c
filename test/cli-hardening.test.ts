// Issue 14, findings F6-F14: each test below failed before its fix. The CLI
// is run as a user runs it (the built dist/cli.js); untrained models are
// enough (these are input-handling checks, not accuracy checks).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, saveModel } from '../src/node/files.js';
import { quantize } from '../src/quantize.js';
import { createNetwork, type NetworkSpec } from '../src/spec.js';
import { getSystem, networkFor } from '../src/systems/index.js';
import { toVersion1 } from './v1-files.js';

const dir = mkdtempSync(join(tmpdir(), 'ebnkit-harden-'));
const cli = (args: string[], env: Record<string, string> = {}, node: string[] = []) =>
  spawnSync(process.execPath, [...node, 'dist/cli.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
const save = (name: string, spec: NetworkSpec, system: string) => {
  const p = join(dir, name);
  saveModel(p, { spec, image: quantize(spec).image, meta: { system } });
  return p;
};
// Van der Pol (dt 0.25 ms) and a coarse linear model (dt 5 ms: 10^4 s = 2 x 10^6 steps)
const vdp = save('vdp.ebn', networkFor(getSystem('vanderpol'), { neurons: 20, dendrites: 20, seed: 3 }), 'vanderpol');
const lin = save('lin.ebn', createNetwork({ dims: 2, neurons: 10, dendrites: 10, dt: 0.005, lam: 5, lamV: 5, k: 20, seed: 1 }), 'linear');
const tmps = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('F6: run streams its output in constant memory', () => {
  it('a 10^4 s run (2 x 10^6 steps, 98 MB of CSV) completes with the JS heap capped at 48 MB', () => {
    const out = join(dir, 'long.csv');
    const r = cli(['run', lin, '--seconds', '10000', '--out', out], {}, ['--max-old-space-size=48']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n').length).toBe(2_000_000 + 2); // header, rows, final newline
    expect(text.slice(text.lastIndexOf('\n', text.length - 2) + 1)).toMatch(/^9999\.995000,/);
  });
  it('JSON output is streamed too and holds the same readout as the CSV (heap capped at 48 MB)', () => {
    const csv = join(dir, 'a.csv'), js = join(dir, 'a.json');
    expect(cli(['run', lin, '--seconds', '300', '--out', csv], {}, ['--max-old-space-size=48']).status).toBe(0);
    expect(cli(['run', lin, '--seconds', '300', '--out', js], {}, ['--max-old-space-size=48']).status).toBe(0);
    const j = JSON.parse(readFileSync(js, 'utf8')) as { xhat: number[]; x: number[]; J: number; spikes: { step: number[]; neuron: number[] } };
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
    expect(j.xhat.length).toBe(rows.length * 2);
    for (const q of [0, 1234, rows.length - 1]) expect(rows[q]!.split(',')[1]).toBe(j.xhat[2 * q]!.toFixed(6));
    expect(j.spikes.step.length).toBe(j.spikes.neuron.length);
  });
});

describe('F7: run --seed is used when --x0 is given', () => {
  it('with --x0 and noise, seeds 1 and 2 give different runs and seed 1 twice the same', () => {
    const run = (seed: string, name: string) => {
      const out = join(dir, name);
      expect(cli(['run', vdp, '--seconds', '0.5', '--x0', '1,0', '--noise', '1', '--seed', seed, '--out', out]).status).toBe(0);
      return readFileSync(out, 'utf8');
    };
    const a = run('1', 's1.csv'), b = run('2', 's2.csv'), a2 = run('1', 's1b.csv');
    expect(a).toBe(a2);
    expect(a).not.toBe(b);
  });
});

describe('F8: interrupted and killed saves leave no temporary files', () => {
  it('SIGINT during a long run exits 130, removes its temporary file and keeps the previous output', async () => {
    const out = join(dir, 'int.csv');
    writeFileSync(out, 'previous\n');
    const child = spawn(process.execPath, ['dist/cli.js', 'run', lin, '--seconds', '10000', '--out', out]);
    // wait until the run is writing its temporary file
    for (let i = 0; i < 600 && !tmps().some((f) => f.startsWith('int.csv.')); i++) await new Promise((r) => setTimeout(r, 50));
    expect(tmps().some((f) => f.startsWith('int.csv.'))).toBe(true);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(tmps()).toEqual([]);
    expect(readFileSync(out, 'utf8')).toBe('previous\n');
  });
  it('a temporary file left by a killed process (SIGKILL cannot be caught) is removed by the next save to the same file', () => {
    const p = join(dir, 'swept.ebn');
    writeFileSync(`${p}.99999999.tmp`, 'half a model');
    saveModel(p, loadModel(vdp));
    expect(existsSync(`${p}.99999999.tmp`)).toBe(false);
    expect(tmps()).toEqual([]);
  });
});

describe('F9: a bad --out is refused before training, with exit 2', () => {
  const file = join(dir, 'plain-file');
  writeFileSync(file, 'x');
  for (const [what, out, msg] of [
    ['under a file', join(file, 'm.ebn'), /cannot write .*plain-file is a file, not a directory/],
    ['a directory', dir, /is a directory; give a file name/],
    ['not .ebn', join(dir, 'm.txt'), /must end in \.ebn/],
  ] as const) {
    it(`train --out ${what}: exit 2 naming the problem, nothing trained`, () => {
      const r = cli(['train', 'vanderpol', '--seconds', '100', '--neurons', '20', '--out', out]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stdout).toBe('');
    });
  }
  it('run --out under a file: exit 2 before running', () => {
    const r = cli(['run', vdp, '--out', join(file, 'x.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out: cannot write/);
  });
});

describe('version 1 model files: ebnkit upgrade', () => {
  it('eval refuses a v1 file naming `ebnkit upgrade`; upgrade rewrites it in place to exactly the v2 bytes (exit 0)', () => {
    const v2 = readFileSync(vdp);
    const old = join(dir, 'old.ebn');
    writeFileSync(old, toVersion1(v2, loadModel(vdp).image.byteLength));
    const e = cli(['export', old]);
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/version 1 .*convert it with `ebnkit upgrade/);
    const u = cli(['upgrade', old]);
    expect(u.status).toBe(0);
    expect(u.stdout).toMatch(/version 1 -> 2/);
    expect(readFileSync(old).equals(v2)).toBe(true);
    expect(cli(['upgrade', old]).stdout).toMatch(/already version 2/);
  });
});

describe('F12: sizes past the kernel limits are refused up front with the memory they need', () => {
  it('train --neurons 24000 (dense): exit 2 naming the image size and the 2 GiB limit, suggesting lowrank', () => {
    // --mode dense: Van der Pol's automatic mode is low-rank now, whose image is small at any N
    const r = cli(['train', 'vanderpol', '--neurons', '24000', '--mode', 'dense', '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--neurons 24000: the dense kernel image would be 2\.\d\d GiB, over the kernel's 2 GiB image limit .*--mode lowrank/);
  });
});

describe('F14: user modules, strict numbers, export, re-save, kill, system mismatch', () => {
  it('a module that loops forever is stopped by the timeout and named (exit 2)', () => {
    const m = join(dir, 'loop.mjs');
    writeFileSync(m, 'while (true) {}\nexport default {};\n');
    const r = cli(['train', m, '--seconds', '1', '--quiet'], { EBNKIT_MODULE_TIMEOUT_MS: '1500' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/loop\.mjs: the system module did not finish loading and evaluating f within 1\.5 s/);
  });
  it('a module whose f throws during training is named with the state it failed at', () => {
    const m = join(dir, 'badf.mjs');
    writeFileSync(m, `let calls = 0;
export default { name: 'badf', dims: 2, domain: [[-2, 2], [-2, 2]],
  f: (x) => { if (++calls > 2000) throw new Error('boom'); return [x[1], -x[0]]; } };\n`);
    const r = cli(['train', m, '--seconds', '2', '--neurons', '10', '--quiet']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/badf\.mjs: system "badf" f threw at x = \[.*\]: boom/);
  });
  it('a missing module path is reported as a missing file, not an unknown system', () => {
    const r = cli(['train', './no-such-system.mjs']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/system module \.\/no-such-system\.mjs not found \(no such file\)/);
  });
  it('numeric flags are decimal only: --seconds 0x10, 1e, " 5" and Infinity are refused', () => {
    for (const v of ['0x10', '0b11', '1e', ' 5', 'Infinity', '']) {
      const r = cli(['run', vdp, '--seconds', v]);
      expect(r.status, v).toBe(2);
      expect(r.stderr).toMatch(/--seconds: ".*" is not a decimal number/);
    }
  });
  it('export m.ebn --out m.ebn is refused and the model is untouched', () => {
    const before = readFileSync(vdp);
    const r = cli(['export', vdp, '--out', vdp]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is the model file itself/);
    expect(readFileSync(vdp).equals(before)).toBe(true);
  });
  it('re-saving keeps the permission bits and writes through a symlink (the link stays a link)', () => {
    const real = join(dir, 'real.ebn'), link = join(dir, 'link.ebn');
    saveModel(real, loadModel(vdp));
    chmodSync(real, 0o640);
    symlinkSync(real, link);
    saveModel(link, loadModel(lin));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(loadModel(real).spec.dt).toBe(0.005);
  });
  it('run --kill 1 and a fraction that kills every neuron are refused (exit 2)', () => {
    const a = cli(['run', vdp, '--kill', '1']);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/--kill: "1" is not a decimal number in \[0, 1\)/);
    const b = cli(['run', vdp, '--kill', '0.99', '--out', join(dir, 'k.csv')]);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/would kill all 20 neurons/);
  });
  it('eval --system naming another system than the model was trained on is refused (exit 2)', () => {
    const r = cli(['eval', vdp, '--system', 'linear']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/trained on "vanderpol", but --system linear is "linear"/);
  });
});
