// The native yardsticks: the kernel itself through wasm2c + gcc -O2
// (bench/native/kernel-bench.c) and the hand-written C float32 version
// (bench/native/ebn-f32.c). Built once per run into build/bench/native from
// the built build/release.wasm; run as child processes with one JSON line out.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const OUT = resolve('build/bench/native');
const WASM2C_INC = '/usr/src/wasm2c';
export const CFLAGS = ['-O2'];

function have(tool: string): boolean {
  try { execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }); return true; } catch { return false; }
}

export interface NativeTools { kernel: string | null; f32: string | null; missing: string[]; cc: string }

/** Build both drivers; a missing tool leaves its driver null (the benchmark then says so). */
export function buildNative(): NativeTools {
  mkdirSync(OUT, { recursive: true });
  const missing = ['gcc', 'wasm2c'].filter((t) => !have(t));
  const cc = have('gcc') ? execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0]! : 'none';
  let kernel: string | null = null, f32: string | null = null;
  if (have('gcc')) {
    f32 = join(OUT, 'ebn-f32');
    execFileSync('gcc', [...CFLAGS, '-o', f32, resolve('bench/native/ebn-f32.c'), '-lm'], { stdio: 'inherit' });
  }
  if (!missing.length) {
    execFileSync('wasm2c', [resolve('build/release.wasm'), '-n', 'kernel', '-o', join(OUT, 'kernel.c')], { stdio: 'inherit' });
    kernel = join(OUT, 'kernel-bench');
    execFileSync('gcc', [...CFLAGS, '-I', WASM2C_INC, '-I', resolve('targets/include'), '-I', OUT, '-o', kernel,
      resolve('bench/native/kernel-bench.c'), join(OUT, 'kernel.c'), join(WASM2C_INC, 'wasm-rt-impl.c'), '-lm'], { stdio: 'inherit' });
  }
  return { kernel, f32, missing, cc };
}

export interface NativeResult { ns: number[]; spikes: number; spikeHash?: number }

let seq = 0;
/** Write the inputs to files and run a driver: args after the two files are BLOCK SETTLE SAMPLES FLAGS [CAP]. */
export function runNative(exe: string, net: Uint8Array, x: Float32Array | Int32Array | null, args: number[]): NativeResult {
  const id = seq++;
  const netFile = join(OUT, `in-${id}.bin`);
  const xFile = join(OUT, `x-${id}.bin`);
  writeFileSync(netFile, net);
  if (x) writeFileSync(xFile, new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  const out = execFileSync(exe, [netFile, ...args.map(String), ...(x ? [xFile] : [])], { encoding: 'utf8', timeout: 300_000 });
  return JSON.parse(out) as NativeResult;
}
