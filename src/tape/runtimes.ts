// The runtimes a tape can be verified on: one entry each. A runtime gets the
// kernel's bytes and the op stream in a scratch directory and returns the
// driver lines (driver-output.ts) or a parsed result. To add an engine, add
// an entry: its tools, and how to run the portable JS player
// (player.ts: playerScript) or the C player (targets/replay) on it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tape, TapeResult } from './abi.js';
import { bundleTapes } from './encode.js';
import { parseDriverOutput } from './driver-output.js';
import { PLAYER_ABI, playerScript, playTape, type PlayerExports } from './player.js';
import { findTool, packageRoot, run, runOk, type Ran } from './proc.js';
import { parseInterpOutput, tapesToWast } from './wast.js';

export interface RunInput {
  kernel: Uint8Array;
  /** The op stream (encode.ts). */
  ops: Uint8Array;
  tape: Tape;
  /** Spikes of the recorded run (the spectest script reads back that many + 1). */
  expectSpikes: number;
  /** A scratch directory for this run. */
  dir: string;
  timeoutMs: number;
}

export interface Runtime {
  describe: string;
  /** Tools that must be installed (PATH or node_modules/.bin), with an install hint. */
  tools: { name: string; hint: string }[];
  run(i: RunInput): Promise<TapeResult>;
}

const WABT = 'apt-get install wabt';
const ARM = 'apt-get install gcc-arm-none-eabi picolibc-arm-none-eabi qemu-system-arm';

function one(text: string, ran?: Ran): TapeResult {
  const r = parseDriverOutput(text)[0];
  if (!r) throw new Error(`the runner printed no tape result${ran ? ` (exit ${ran.code ?? ran.signal}${ran.timedOut ? ', timed out' : ''}): ${(ran.stderr || ran.stdout).slice(-1500)}` : ''}`);
  if (ran?.timedOut) r.errors.push('the runner timed out');
  return r;
}

/** The C player (targets/replay) through wasm2c, built for the host or an mps2 board. */
async function cPlayer(i: RunInput, target: 'native' | 'm3' | 'm4'): Promise<TapeResult> {
  const kernel = join(i.dir, 'kernel.wasm'), tapes = join(i.dir, 'run.tapes');
  writeFileSync(kernel, i.kernel);
  writeFileSync(tapes, bundleTapes([i.tape]));
  const vars = [`OUT=${i.dir}`, `WASM=${kernel}`, `TAPES=${tapes}`, 'HOST_CC=gcc'];
  await runOk('make', ['-s', '-C', join(packageRoot(), 'targets'), '-j2', ...vars, target === 'native' ? 'native' : `${i.dir}/${target}/golden.elf`], { timeoutMs: 300_000 });
  const ran = target === 'native'
    ? await run(join(i.dir, 'native', 'replay-native'), ['--state', tapes], { timeoutMs: i.timeoutMs })
    : await run('qemu-system-arm', ['-M', target === 'm3' ? 'mps2-an385' : 'mps2-an386', '-nographic', '-monitor', 'none', '-serial', 'none',
      '-chardev', 'stdio,id=sh0', '-semihosting-config', 'enable=on,target=native,chardev=sh0', '-kernel', join(i.dir, target, 'golden.elf')], { timeoutMs: i.timeoutMs });
  const r = one(ran.stdout, ran);
  if (/^abi mismatch/m.test(ran.stdout)) r.errors.unshift(`the C player's ebnkit.h and the kernel disagree on the ABI: ${ran.stdout.split('\n').filter((l) => l.startsWith('err ebnkit.h')).join('; ')}`);
  return r;
}

/** The portable JS player as a script for a JS shell. */
async function jsShell(i: RunInput, tool: string): Promise<TapeResult> {
  const f = join(i.dir, 'play.js');
  writeFileSync(f, playerScript(i.kernel, i.ops));
  const ran = await run(findTool(tool) ?? tool, [f], { timeoutMs: i.timeoutMs });
  return one(ran.stdout, ran);
}

export const RUNTIMES: Record<string, Runtime> = {
  node: {
    describe: 'this Node (V8), through the portable JS player',
    tools: [],
    async run(i) {
      const k = new WebAssembly.Instance(new WebAssembly.Module(i.kernel as BufferSource), {}).exports as unknown as PlayerExports;
      return one(playTape(k, i.ops, PLAYER_ABI, true));
    },
  },
  chromium: {
    describe: 'headless Chromium (playwright-core drives /usr/bin/chromium or $EBNKIT_CHROMIUM)',
    tools: [{ name: process.env.EBNKIT_CHROMIUM ?? '/usr/bin/chromium', hint: 'apt-get install chromium' }, { name: 'playwright-core', hint: 'npm i -D playwright-core' }],
    async run(i) {
      let pw: typeof import('playwright-core');
      const spec = 'playwright-core'; // a dev tool, never bundled: loaded from the user's node_modules
      try { pw = (await import(spec)) as typeof import('playwright-core'); } catch { throw new Error('the chromium runtime needs the npm package playwright-core (npm i -D playwright-core)'); }
      const ctx = await pw.chromium.launchPersistentContext(join(i.dir, 'profile'), {
        executablePath: process.env.EBNKIT_CHROMIUM ?? '/usr/bin/chromium', headless: true, timeout: 60_000,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      try {
        const page = await ctx.newPage();
        const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
        // asynchronous compile: Chromium refuses synchronous compilation of modules over 4 KiB on the main thread
        const text = await page.evaluate(`(async () => {
          const play = ${playTape.toString()};
          const bytes = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
          const { instance } = await WebAssembly.instantiate(bytes(${JSON.stringify(b64(i.kernel))}), {});
          return play(instance.exports, bytes(${JSON.stringify(b64(i.ops))}), ${JSON.stringify(PLAYER_ABI)}, true) + 'engine ' + navigator.userAgent + '\\n';
        })()`) as string;
        return one(text);
      } finally {
        await ctx.close();
      }
    },
  },
  jsc: {
    describe: 'JavaScriptCore, through bun (npm i bun), portable JS player',
    tools: [{ name: 'bun', hint: 'npm i -D bun' }],
    run: (i) => jsShell(i, 'bun'),
  },
  spidermonkey: {
    describe: 'SpiderMonkey, through gjs, portable JS player',
    tools: [{ name: 'gjs', hint: 'apt-get install gjs' }],
    run: (i) => jsShell(i, 'gjs'),
  },
  spectest: {
    describe: "WABT's spectest-interp: the unchanged kernel and a WAT driver module in a .wast script",
    tools: [{ name: 'wast2json', hint: WABT }, { name: 'spectest-interp', hint: WABT }],
    async run(i) {
      const w = tapesToWast(i.kernel, [i.tape], [i.expectSpikes], { state: true });
      const wast = join(i.dir, 'run.wast'), json = join(i.dir, 'run.json');
      writeFileSync(wast, w.text);
      await runOk('wast2json', [wast, '-o', json], { timeoutMs: i.timeoutMs });
      const ran = await run('spectest-interp', [json], { timeoutMs: i.timeoutMs });
      const r = parseInterpOutput(w, ran.stdout)[0];
      if (!r) throw new Error(`spectest-interp printed no result: ${(ran.stderr || ran.stdout).slice(-1500)}`);
      if (ran.timedOut) r.errors.push('spectest-interp timed out');
      return r;
    },
  },
  wasm2c: {
    describe: 'wasm2c + the host C compiler: the C player (targets/replay)',
    tools: [{ name: 'wasm2c', hint: WABT }, { name: 'gcc', hint: 'apt-get install gcc' }, { name: 'make', hint: 'apt-get install make' }],
    run: (i) => cPlayer(i, 'native'),
  },
  'qemu-m3': {
    describe: 'wasm2c + arm-none-eabi-gcc on a Cortex-M3 (QEMU mps2-an385): the C player as firmware',
    tools: [{ name: 'wasm2c', hint: WABT }, { name: 'arm-none-eabi-gcc', hint: ARM }, { name: 'picolibc', hint: ARM }, { name: 'qemu-system-arm', hint: ARM }, { name: 'make', hint: 'apt-get install make' }],
    run: (i) => cPlayer(i, 'm3'),
  },
  'qemu-m4': {
    describe: 'wasm2c + arm-none-eabi-gcc on a Cortex-M4 (QEMU mps2-an386): the C player as firmware',
    tools: [{ name: 'wasm2c', hint: WABT }, { name: 'arm-none-eabi-gcc', hint: ARM }, { name: 'picolibc', hint: ARM }, { name: 'qemu-system-arm', hint: ARM }, { name: 'make', hint: 'apt-get install make' }],
    run: (i) => cPlayer(i, 'm4'),
  },
};

/**
 * A user's runner: a shell command that prints the driver lines. {wasm} is
 * replaced by the kernel's path, {ops} by the op stream's, {bundle} by the
 * op stream in the C player's bundle framing (what replay-native reads);
 * the same paths are in $EBNKIT_WASM, $EBNKIT_OPS and $EBNKIT_BUNDLE.
 */
export function commandRuntime(command: string): Runtime {
  return {
    describe: `your runner: ${command}`,
    tools: [],
    async run(i) {
      const wasm = join(i.dir, 'kernel.wasm'), ops = join(i.dir, 'run.ops'), bundle = join(i.dir, 'run.tapes');
      writeFileSync(wasm, i.kernel);
      writeFileSync(ops, i.ops);
      writeFileSync(bundle, bundleTapes([i.tape]));
      const q = (p: string) => `'${p.replace(/'/g, `'\\''`)}'`;
      const cmd = command.replaceAll('{wasm}', q(wasm)).replaceAll('{ops}', q(ops)).replaceAll('{bundle}', q(bundle));
      const ran = await run('sh', ['-c', cmd], { cwd: process.cwd(), timeoutMs: i.timeoutMs, env: { ...process.env, EBNKIT_WASM: wasm, EBNKIT_OPS: ops, EBNKIT_BUNDLE: bundle } });
      return one(ran.stdout, ran);
    },
  };
}
