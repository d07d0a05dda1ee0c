// Cortex-M cost of a step, dense against low-rank: `npm run bench:mcu`
// (after `npm run build`; needs wabt, gcc-arm-none-eabi, picolibc-arm-none-eabi,
// qemu-system-arm). Options: --quick (Cortex-M3, -O2 only), --out DIR.
//
// The Van der Pol firmware of targets/ (targets/firmware/vdp.c: settle with
// feedback, one simulated second free, 0.25 s of on-device learning) runs the
// kernel translated by wasm2c from build/release.wasm under QEMU with
// -icount shift=0, where SysTick x 40 counts instructions (targets/README.md).
// The network is N = 50, K = 100, J = 2, dt = 0.25 ms, trained on the host
// with the firmware scenario's own options (test/targets/lib/scenarios.ts);
// the dense image is the one trained in dense form, the low-rank one is
// trained in low-rank form through the same train() loop. Every firmware run
// must reproduce the Node fingerprints bit for bit, or the row is flagged.
// The inference-only build (build/inference.wasm) is compiled too, for its
// code size on the core (the firmware's learning phase needs learning).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExecutionMode } from '../src/kernel/lowrank.js';
import { make, phaseCosts, runQemu, type Cpu } from '../test/targets/lib/c-runners.js';
import { compareResults } from '../test/targets/lib/compare.js';
import { recordVdp, VDP, vdpHeader } from '../test/targets/lib/scenarios.js';
import { armSizes as sizes, missingTools, runOk } from '../test/targets/lib/tools.js';
import { markdownTable } from './lib/table.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outAt = args.indexOf('--out');
const out = resolve(outAt >= 0 ? args[outAt + 1]! : 'build/bench/mcu');
const need = missingTools(['wasm2c', 'make', 'arm-none-eabi-gcc', 'arm-none-eabi-size', 'picolibc', 'qemu-system-arm']);
if (need.length) {
  console.error(`bench:mcu: skipped: ${need[0]} not found (install wabt gcc-arm-none-eabi picolibc-arm-none-eabi qemu-system-arm)`);
  process.exit(2);
}
for (const f of ['build/release.wasm', 'build/inference.wasm'])
  if (!existsSync(f)) { console.error(`bench:mcu: ${f} is missing: run npm run build first`); process.exit(2); }

/** The firmware scenario of test/targets (recordVdp), trained and recorded in one mode, with its mean rate. */
function scenario(mode: ExecutionMode) {
  const r = recordVdp({ mode });
  const spikes = r.recording.result.raster.length / 2;
  return { ...r, rate: spikes / r.N / ((VDP.settleSteps + VDP.freeSteps + VDP.learnSteps) * r.dt) };
}


interface Config { name: string; OPT: string; CHECKS: 0 | 1 }
const configs: Config[] = [
  { name: '-O2 checked', OPT: '-O2', CHECKS: 1 },
  { name: '-O2 unchecked', OPT: '-O2', CHECKS: 0 },
  { name: '-O3 unchecked', OPT: '-O3', CHECKS: 0 },
  ...(quick ? [] : [{ name: '-Os checked', OPT: '-Os', CHECKS: 1 as const }, { name: '-Os unchecked', OPT: '-Os', CHECKS: 0 as const }]),
];
const cpus: Cpu[] = quick ? ['m3'] : ['m3', 'm4'];
const modes: ExecutionMode[] = ['dense', 'lowrank'];

let dt = 0;
interface Row {
  mode: ExecutionMode; config: string; cpu: Cpu; free: number; feedback: number; learn: number;
  kernelText: number; flash: number; ram: number; kernelEnd: number; image: number; rate: number; matchesNode: boolean;
}
const rows: Row[] = [];
const t0 = performance.now();
for (const mode of modes) {
  const v = scenario(mode);
  dt = v.dt;
  const dir = join(out, mode);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'vdp_data.h'), vdpHeader(v));
  for (const [i, c] of configs.entries()) {
    const cdir = join(dir, `c${i}`);
    await make(cpus.map((cpu) => join(cdir, cpu, 'vdp.elf')), { OUT: cdir, OPT: c.OPT, CHECKS: c.CHECKS, VDP_DATA: join(dir, 'vdp_data.h') });
    const sz = await sizes(cpus.flatMap((cpu) => [join(cdir, cpu, 'vdp.elf'), join(cdir, cpu, 'kernel.o')]));
    for (const cpu of cpus) {
      const d = await runQemu(join(cdir, cpu, 'vdp.elf'), cpu);
      const costs = phaseCosts(d.ran.stdout);
      const ok = d.ran.code === 0 && compareResults(cpu, v.recording.result, d.results[0]).length === 0;
      const fw = sz[join(cdir, cpu, 'vdp.elf')]!;
      rows.push({
        mode, config: c.name, cpu,
        free: costs.free?.perStep ?? NaN, feedback: costs.settle?.perStep ?? NaN, learn: costs.learn?.perStep ?? NaN,
        kernelText: sz[join(cdir, cpu, 'kernel.o')]!.text, flash: fw.text + fw.data, ram: fw.data + fw.bss,
        kernelEnd: Number(/kernel_end=(\d+)/.exec(d.ran.stdout)?.[1]), image: v.image.length, rate: v.rate, matchesNode: ok,
      });
      console.log(`  ${mode.padEnd(7)} ${c.name.padEnd(14)} ${cpu}: free ${rows.at(-1)!.free.toFixed(0)}, learn ${rows.at(-1)!.learn.toFixed(0)} instr/step${ok ? '' : '  DOES NOT MATCH NODE'}`);
    }
  }
}

// the inference-only build: kernel code on the core (compile only)
const inferText: Record<string, number> = {};
for (const [i, c] of configs.entries()) {
  const idir = join(out, 'inference', `c${i}`);
  await make(cpus.map((cpu) => join(idir, cpu, 'kernel.o')), { OUT: idir, OPT: c.OPT, CHECKS: c.CHECKS, WASM: resolve('build/inference.wasm') });
  const sz = await sizes(cpus.map((cpu) => join(idir, cpu, 'kernel.o')));
  for (const cpu of cpus) inferText[`${c.name} ${cpu}`] = sz[join(idir, cpu, 'kernel.o')]!.text;
}

const BUDGET = 24_000; // 0.5 ms at 48 MHz, one instruction per cycle
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '-');
const table = markdownTable(
  ['mode', 'build', 'core', 'free', 'feedback', 'learning', 'learning / free', 'kernel .text', 'inference .text', 'image', 'RAM used', 'rate Hz', 'bit-exact'],
  rows.map((r) => [
    r.mode, r.config, 'M' + r.cpu.slice(1), f0(r.free), f0(r.feedback), f0(r.learn), (r.learn / r.free).toFixed(2) + 'x',
    `${r.kernelText} B`, `${inferText[`${r.config} ${r.cpu}`]} B`, `${r.image} B`, `${r.kernelEnd} B`, r.rate.toFixed(1), r.matchesNode ? 'yes' : 'NO',
  ]),
);
const best = rows.filter((r) => r.cpu === 'm3' && r.matchesNode).reduce((a, b) => (b.learn < a.learn ? b : a));
const summary = `Best Cortex-M3 learning step (N = 50, K = 100): ${f0(best.learn)} instructions (${best.mode}, ${best.config}), ` +
  `${best.learn <= BUDGET ? 'within' : 'OVER'} the ${BUDGET.toLocaleString('en')}-instruction budget of a 0.5 ms step at 48 MHz; free step ${f0(best.free)}.\n` +
  `(The network's own dt is ${dt * 1e3} ms: real time at 48 MHz then needs <= ${Math.round(48e6 * dt).toLocaleString('en')} per step.)`;
console.log(`\nInstructions per step (QEMU -icount shift=0; instructions, not cycles), Van der Pol N = 50, K = 100, J = 2:\n\n${table}\n\n${summary}`);
console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s)`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/mcu.json', JSON.stringify({
  what: 'Cortex-M instructions per step, Van der Pol firmware (targets/firmware/vdp.c), N=50 K=100 J=2', dt,
  kernel: {
    release: readFileSync('build/release.wasm').length, inference: readFileSync('build/inference.wasm').length,
    sha256: createHash('sha256').update(readFileSync('build/release.wasm')).digest('hex'),
  },
  budget: BUDGET, rows, inferenceKernelText: inferText, best: { mode: best.mode, config: best.config, learn: best.learn, free: best.free },
}, null, 2) + '\n');
process.exit(rows.every((r) => r.matchesNode) ? 0 : 1);
