// The native yardsticks, built once per run into build/bench/native from the
// built build/release.wasm, each at -O2 and at -O3 -march=native:
//   kernel  the kernel itself through wasm2c + gcc (bench/native/kernel-bench.c)
//   cfix    its bit-exact hand port to C (bench/native/kernel-port.h): the
//           native ceiling for the kernel's own fixed-point arithmetic
//   cf32    hand-written C float32 (bench/native/ebn-f32.c), with libm tanhf
//           or the kernel's 257-knot table (-DEBN_LUT); its fast build adds
//           -ffast-math
// Each runs as a child process stepped block by block over stdin
// (bench/native/bench-io.h), so its blocks interleave with the others'.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Finish, Plan, Runner } from './measure.js';

const OUT = resolve('build/bench/native');
const exec = promisify(execFile);
const WASM2C_INC = '/usr/src/wasm2c';
export const O2 = ['-O2'];
export const O3 = ['-O3', '-march=native'];

function have(tool: string): boolean {
  try { execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }); return true; } catch { return false; }
}

export type NativeBuild = 'native' | 'native3' | 'cfix' | 'cfix3' | 'cf32' | 'cf32lut' | 'cf32fast' | 'cf32lutfast';
export interface NativeTools { exe: Partial<Record<NativeBuild, string>>; missing: string[]; cc: string; flags: Record<NativeBuild, string> }

export const NATIVE_FLAGS: Record<NativeBuild, string[]> = {
  native: O2, native3: O3, cfix: O2, cfix3: O3,
  cf32: O2, cf32lut: [...O2, '-DEBN_LUT'], cf32fast: [...O3, '-ffast-math'], cf32lutfast: [...O3, '-ffast-math', '-DEBN_LUT'],
};

/** Run commands at most `jobs` at a time (gcc on both cores). */
async function pool(cmds: string[][], jobs = Math.max(1, availableParallelism())): Promise<void> {
  const queue = [...cmds];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) await exec(c[0]!, c.slice(1));
  };
  await Promise.all(Array.from({ length: jobs }, worker));
}

/** Build every driver; a missing tool leaves its drivers out (the benchmark then says so). */
export async function buildNative(): Promise<NativeTools> {
  mkdirSync(OUT, { recursive: true });
  const missing = ['gcc', 'wasm2c'].filter((t) => !have(t));
  const cc = have('gcc') ? execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0]! : 'none';
  const exe: NativeTools['exe'] = {};
  const out = (name: string) => join(OUT, name);
  if (have('gcc')) {
    await pool((['cf32', 'cf32lut', 'cf32fast', 'cf32lutfast'] as const).map((b) => ['gcc', ...NATIVE_FLAGS[b], '-o', out(b), resolve('bench/native/ebn-f32.c'), '-lm']));
    for (const b of ['cf32', 'cf32lut', 'cf32fast', 'cf32lutfast'] as const) exe[b] = out(b);
  }
  if (!missing.length) {
    execFileSync('wasm2c', [resolve('build/release.wasm'), '-n', 'kernel', '-o', out('kernel.c')], { stdio: 'inherit' });
    const inc = ['-I', WASM2C_INC, '-I', resolve('targets/include'), '-I', OUT, '-I', resolve('bench/native')];
    // the wasm2c kernel and runtime once per flag set, then the two drivers (kernel, port) of each
    const objs = (['native', 'native3'] as const).flatMap((b) => [
      ['gcc', ...NATIVE_FLAGS[b], ...inc, '-c', '-o', out(`kernel-${b}.o`), out('kernel.c')],
      ['gcc', ...NATIVE_FLAGS[b], ...inc, '-c', '-o', out(`rt-${b}.o`), join(WASM2C_INC, 'wasm-rt-impl.c')],
    ]);
    await pool(objs);
    const link = (['native', 'native3', 'cfix', 'cfix3'] as const).map((b) => {
      const base = b === 'native' || b === 'cfix' ? 'native' : 'native3';
      return ['gcc', ...NATIVE_FLAGS[b], ...inc, ...(b.startsWith('cfix') ? ['-DEBNK_PORT'] : []), '-o', out(b),
        resolve('bench/native/kernel-bench.c'), out(`kernel-${base}.o`), out(`rt-${base}.o`), '-lm'];
    });
    await pool(link);
    for (const b of ['native', 'native3', 'cfix', 'cfix3'] as const) exe[b] = out(b);
  }
  const flags = Object.fromEntries(Object.entries(NATIVE_FLAGS).map(([k, v]) => [k, v.join(' ')])) as Record<NativeBuild, string>;
  return { exe, missing, cc, flags };
}

let seq = 0;
/**
 * Start a driver on its inputs: args after the two files are BLOCK SETTLE
 * SAMPLES FLAGS [CAP]. It settles at once; each block() asks for one timed
 * block and resolves with its CPU ns.
 */
export function nativeRunner(exe: string, net: Uint8Array, x: Float32Array | Int32Array | null, p: Plan, extra: number[] = []): Runner {
  const id = seq++;
  const netFile = join(OUT, `in-${id}.bin`);
  const xFile = join(OUT, `x-${id}.bin`);
  writeFileSync(netFile, net);
  if (x) writeFileSync(xFile, new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  const args = [p.block, p.settle, p.samples, p.flags, ...extra].map(String);
  const child = spawn(exe, [netFile, ...args, ...(x ? [xFile] : [])], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiting: ((l: string) => void)[] = [];
  let buf = '';
  let failed: Error | null = null;
  const push = (l: string) => { const w = waiting.shift(); if (w) w(l); else lines.push(l); };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    buf += d;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) { push(buf.slice(0, i)); buf = buf.slice(i + 1); }
  });
  child.on('exit', (code) => { if (code !== 0) { failed = new Error(`${exe} exited with ${code}`); push(''); } });
  const line = () => new Promise<string>((res, rej) => {
    if (failed) return rej(failed);
    const l = lines.shift();
    if (l !== undefined) res(l); else waiting.push((v) => (failed ? rej(failed) : res(v)));
  });
  return {
    plan: p,
    block: async () => { child.stdin.write('\n'); return Number(await line()); },
    finish: async () => { child.stdin.end(); return JSON.parse(await line()) as Finish; },
  };
}
