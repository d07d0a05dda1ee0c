// Building the C tape player (targets/replay) around one kernel.c: once for
// gcov (-O0 --coverage), once per C mutant. The player, the runtime and the
// driver are compiled once into objects; only kernel.c is recompiled.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, runOk } from '../../src/tape/proc.js';

export const WASM2C_INC = [process.env.WASM2C_INC, '/usr/src/wasm2c', '/usr/share/wabt/wasm2c'].find((d) => d && existsSync(join(d, 'wasm-rt.h'))) ?? '/usr/src/wasm2c';
const kit = () => join(packageRoot(), 'targets');
const inc = (dir: string) => ['-I', dir, '-I', join(kit(), 'include'), '-I', join(kit(), 'replay'), '-I', WASM2C_INC];

/** wasm2c the kernel into dir/kernel.c, kernel.h. */
export async function translate(wasm: string, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  await runOk('wasm2c', [wasm, '-n', 'kernel', '-o', join(dir, 'kernel.c')], { timeoutMs: 60_000 });
  return join(dir, 'kernel.c');
}

/** Objects of the player (everything but the kernel), built against dir's kernel.h. */
export async function playerObjects(dir: string, flags: string[]): Promise<string[]> {
  const objs: string[] = [];
  for (const [src, obj] of [[join(kit(), 'replay', 'main-native.c'), 'main.o'], [join(kit(), 'replay', 'replay.c'), 'replay.o'], [join(WASM2C_INC, 'wasm-rt-impl.c'), 'rt.o']] as const) {
    await runOk('gcc', [...flags, ...inc(dir), '-c', src, '-o', join(dir, obj)], { timeoutMs: 120_000 });
    objs.push(join(dir, obj));
  }
  return objs;
}

/** Link a player from kernel.c (compiled with kernelFlags) and the shared objects. */
export async function linkPlayer(kernelC: string, objs: string[], out: string, kernelFlags: string[], dir: string): Promise<string> {
  const ko = out + '.kernel.o';
  if (kernelC !== join(dir, 'kernel.c')) copyFileSync(kernelC, join(dir, 'kernel.c'));
  await runOk('gcc', [...kernelFlags, ...inc(dir), '-c', join(dir, 'kernel.c'), '-o', ko], { timeoutMs: 300_000 });
  await runOk('gcc', [...kernelFlags, '-o', out, ko, ...objs, '-lm'], { timeoutMs: 120_000 });
  return out;
}
