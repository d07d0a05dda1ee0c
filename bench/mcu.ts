// Cortex-M cost of a step, dense against low-rank: `npm run bench:mcu`
// (after `npm run build`; needs wabt, gcc-arm-none-eabi, picolibc-arm-none-eabi,
// qemu-system-arm). Options: --quick (Cortex-M3, -O2/-O3 only), --no-cycles, --out DIR.
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
//
// Cycles: QEMU counts instructions, so every firmware is run a second time
// under QEMU's gdbstub with its translation/execution log on for two kernel
// calls, the last block of the free run and the first block of learning
// (bench/lib/qemu-trace.ts); the executed instruction mix is weighted by the
// Cortex-M3/M4 Technical Reference Manuals' cycle timings
// (bench/lib/cortexm-cycles.ts) into estimated cycles per instruction
// [min, typical, max], and the phase's estimated cycles per step = its
// measured instructions per step x that ratio. --no-cycles skips it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExecutionMode } from '../src/kernel/lowrank.js';
import { make, phaseCosts, runQemu, type Cpu } from '../test/targets/lib/c-runners.js';
import { compareResults } from '../test/targets/lib/compare.js';
import { recordVdp, VDP, vdpHeader } from '../test/targets/lib/scenarios.js';
import { armSizes as sizes, missingTools, runOk } from '../test/targets/lib/tools.js';
import { markdownTable } from './lib/table.js';
import { cycles as weigh, type Range3 } from './lib/cortexm-cycles.js';
import { traceRunCalls } from './lib/qemu-trace.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const withCycles = !args.includes('--no-cycles');
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
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '-');
interface Est { min: number; typical: number; max: number }
interface Row {
  mode: ExecutionMode; config: string; cpu: Cpu; free: number; feedback: number; learn: number;
  kernelText: number; flash: number; ram: number; kernelEnd: number; image: number; rate: number; matchesNode: boolean;
  /** estimated cycles per step (instructions per step x the traced block's cycles per instruction) */
  cycles?: { free: Est; learn: Est };
  /** estimated cycles / instructions of the traced blocks (the check ratio) */
  cpi?: { free: Est; learn: Est };
  /** instructions per step of the traced blocks, by the trace (against free / learn above, the phase means by -icount) */
  traced?: { free: number; learn: number; mix: { free: Record<string, number>; learn: Record<string, number> } };
}
const est = (r: Range3, scale = 1): Est => ({ min: r[0] * scale, typical: r[1] * scale, max: r[2] * scale });
// the traced kernel calls: the last block of the free run, the first of learning
const FREE_CALL = (VDP.settleSteps + VDP.freeSteps) / VDP.block;
const LEARN_CALL = FREE_CALL + 1;
async function traceCycles(elf: string, cpu: Cpu, free: number, learn: number): Promise<Pick<Row, 'cycles' | 'cpi' | 'traced'>> {
  const [f, l] = await traceRunCalls(elf, cpu, [FREE_CALL, LEARN_CALL]);
  for (const m of [f!, l!]) if (m.unknown) throw new Error(`bench:mcu: ${elf}: ${m.unknown} traced instructions not in the disassembly`);
  const wf = weigh(f!.runs, cpu), wl = weigh(l!.runs, cpu);
  const cpiF = wf.cycles.map((c) => c / wf.instructions) as Range3, cpiL = wl.cycles.map((c) => c / wl.instructions) as Range3;
  const share = (w: ReturnType<typeof weigh>) => Object.fromEntries(Object.entries(w.byClass).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v / VDP.block)]));
  return {
    cycles: { free: est(cpiF, free), learn: est(cpiL, learn) },
    cpi: { free: est(cpiF), learn: est(cpiL) },
    traced: { free: wf.instructions / VDP.block, learn: wl.instructions / VDP.block, mix: { free: share(wf), learn: share(wl) } },
  };
}
const rows: Row[] = [];
interface DefaultBuild { mode: ExecutionMode; cpu: Cpu; sameImageAsUnchecked: boolean; free: number; learn: number; freeVsUnchecked: number; learnVsUnchecked: number; matchesNode: boolean }
const defaults: DefaultBuild[] = [];
/** The bytes a firmware loads (arm-none-eabi-objcopy -O binary): equal for equal code and data, whatever the debug info. */
async function loadImage(elf: string): Promise<Buffer> {
  await runOk('arm-none-eabi-objcopy', ['-O', 'binary', elf, `${elf}.bin`], { timeoutMs: 60_000 });
  return readFileSync(`${elf}.bin`);
}
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
      const free = costs.free?.perStep ?? NaN, learn = costs.learn?.perStep ?? NaN;
      rows.push({
        mode, config: c.name, cpu, free, feedback: costs.settle?.perStep ?? NaN, learn,
        kernelText: sz[join(cdir, cpu, 'kernel.o')]!.text, flash: fw.text + fw.data, ram: fw.data + fw.bss,
        kernelEnd: Number(/kernel_end=(\d+)/.exec(d.ran.stdout)?.[1]), image: v.image.length, rate: v.rate, matchesNode: ok,
        ...(withCycles ? await traceCycles(join(cdir, cpu, 'vdp.elf'), cpu, free, learn) : {}),
      });
      const r = rows.at(-1)!;
      const cy = r.cycles ? ` (est. cycles ${f0(r.cycles.free.typical)} / ${f0(r.cycles.learn.typical)})` : '';
      console.log(`  ${mode.padEnd(7)} ${c.name.padEnd(14)} ${cpu}: free ${r.free.toFixed(0)}, learn ${r.learn.toFixed(0)} instr/step${cy}${ok ? '' : '  DOES NOT MATCH NODE'}`);
    }
  }
  // the Makefile's default build (no OPT, no CHECKS given): its loaded image against the -O2 unchecked one's, and its cost
  const ddir = join(dir, 'default');
  await make(cpus.map((cpu) => join(ddir, cpu, 'vdp.elf')), { OUT: ddir, VDP_DATA: join(dir, 'vdp_data.h') });
  const ref = join(dir, `c${configs.findIndex((c) => c.name === '-O2 unchecked')}`);
  for (const cpu of cpus) {
    const d = await runQemu(join(ddir, cpu, 'vdp.elf'), cpu);
    const costs = phaseCosts(d.ran.stdout);
    const u = rows.find((r) => r.mode === mode && r.cpu === cpu && r.config === '-O2 unchecked')!;
    defaults.push({
      mode, cpu, sameImageAsUnchecked: (await loadImage(join(ddir, cpu, 'vdp.elf'))).equals(await loadImage(join(ref, cpu, 'vdp.elf'))),
      free: costs.free?.perStep ?? NaN, learn: costs.learn?.perStep ?? NaN,
      freeVsUnchecked: (costs.free?.perStep ?? NaN) / u.free, learnVsUnchecked: (costs.learn?.perStep ?? NaN) / u.learn,
      matchesNode: d.ran.code === 0 && compareResults(cpu, v.recording.result, d.results[0]).length === 0,
    });
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

const BUDGET = 24_000; // 0.5 ms at 48 MHz
const rng = (e: Est | undefined) => (e ? `${f0(e.typical)} (${f0(e.min)}–${f0(e.max)})` : '-');
const cpiText = (e: Est | undefined) => (e ? `${e.typical.toFixed(2)} (${e.min.toFixed(2)}–${e.max.toFixed(2)})` : '-');
const table = markdownTable(
  ['mode', 'build', 'core', 'free', 'feedback', 'learning', 'learning / free', 'kernel .text', 'inference .text', 'image', 'RAM used', 'rate Hz', 'bit-exact'],
  rows.map((r) => [
    r.mode, r.config, 'M' + r.cpu.slice(1), f0(r.free), f0(r.feedback), f0(r.learn), (r.learn / r.free).toFixed(2) + 'x',
    `${r.kernelText} B`, `${inferText[`${r.config} ${r.cpu}`]} B`, `${r.image} B`, `${r.kernelEnd} B`, r.rate.toFixed(1), r.matchesNode ? 'yes' : 'NO',
  ]),
);
const cycleTable = withCycles ? markdownTable(
  ['mode', 'build', 'core', 'free: instructions', 'free: est. cycles typical (min–max)', 'free: cycles / instruction', 'learning: instructions', 'learning: est. cycles typical (min–max)', 'learning: cycles / instruction', 'traced instr/step free / learning'],
  rows.map((r) => [r.mode, r.config, 'M' + r.cpu.slice(1), f0(r.free), rng(r.cycles?.free), cpiText(r.cpi?.free), f0(r.learn), rng(r.cycles?.learn), cpiText(r.cpi?.learn),
    r.traced ? `${f0(r.traced.free)} / ${f0(r.traced.learn)}` : '-']),
) : '';
const defaultTable = markdownTable(
  ['mode', 'core', 'default build: free', 'learning', 'default / -O2 unchecked (free, learning)', 'same loaded image as -O2 unchecked', '-O2 checked / -O2 unchecked, instructions (free, learning)', 'the same in est. cycles, typical', 'bit-exact'],
  defaults.map((d) => {
    const c = rows.find((r) => r.mode === d.mode && r.cpu === d.cpu && r.config === '-O2 checked')!;
    const u = rows.find((r) => r.mode === d.mode && r.cpu === d.cpu && r.config === '-O2 unchecked')!;
    return [d.mode, 'M' + d.cpu.slice(1), f0(d.free), f0(d.learn), `${d.freeVsUnchecked.toFixed(2)}x, ${d.learnVsUnchecked.toFixed(2)}x`, d.sameImageAsUnchecked ? 'yes' : 'no',
      `${(c.free / u.free).toFixed(2)}x, ${(c.learn / u.learn).toFixed(2)}x`,
      c.cycles && u.cycles ? `${(c.cycles.free.typical / u.cycles.free.typical).toFixed(2)}x, ${(c.cycles.learn.typical / u.cycles.learn.typical).toFixed(2)}x` : '-', d.matchesNode ? 'yes' : 'NO'];
  }),
);
const ok = rows.filter((r) => r.matchesNode);
const best = ok.filter((r) => r.cpu === 'm3').reduce((a, b) => (b.learn < a.learn ? b : a));
const bestCycles = Object.fromEntries((['m3', 'm4'] as const).filter((c) => cpus.includes(c) && withCycles).map((cpu) => {
  const b = ok.filter((r) => r.cpu === cpu && r.cycles).reduce((a, x) => (x.cycles!.learn.typical < a.cycles!.learn.typical ? x : a));
  return [cpu, { mode: b.mode, config: b.config, learnInstructions: b.learn, learn: b.cycles!.learn, free: b.cycles!.free, cpi: b.cpi!.learn }];
}));
const lines = [`Best Cortex-M3 learning step (N = 50, K = 100): ${f0(best.learn)} instructions (${best.mode}, ${best.config}); free step ${f0(best.free)}.`];
for (const [cpu, b] of Object.entries(bestCycles))
  lines.push(`Best Cortex-M${cpu.slice(1)} learning step in estimated cycles: ${rng(b.learn)} (${b.mode}, ${b.config}; ${f0(b.learnInstructions)} instructions x ${cpiText(b.cpi)} cycles/instruction), ` +
    `${b.learn.max <= BUDGET ? 'within' : b.learn.min > BUDGET ? 'OVER' : b.learn.typical <= BUDGET ? 'within (typical), not in the worst case of' : 'OVER (typical)'} the ${BUDGET.toLocaleString('en')}-cycle budget of a 0.5 ms step at 48 MHz.`);
lines.push(`(The network's own dt is ${dt * 1e3} ms: real time at 48 MHz then needs <= ${Math.round(48e6 * dt).toLocaleString('en')} cycles per step. Estimated cycles assume zero-wait-state memory.)`);
const summary = lines.join('\n');
const method = 'Estimated cycles: the executed instruction mix of one traced block per phase (QEMU exec log windowed by its gdbstub, bench/lib/qemu-trace.ts) ' +
  'weighted by the Cortex-M3 (ARM DDI 0337) / Cortex-M4 (ARM DDI 0439) TRM cycle timings (bench/lib/cortexm-cycles.ts); cycles per step = instructions per step x the block\'s cycles per instruction.';
const md = [
  `# Cortex-M cost per step (\`npm run bench:mcu\`${quick ? ' --quick' : ''})`, '',
  'Van der Pol firmware (targets/firmware/vdp.c), N = 50, K = 100, J = 2. Instructions per step: QEMU -icount shift=0, mean over the phase.', '',
  table, '', ...(withCycles ? [method, '', cycleTable, ''] : []),
  'The Makefile\'s default build (`make`, no OPT or CHECKS) against the explicit builds:', '', defaultTable, '', summary, '',
];
console.log(`\n${md.join('\n')}`);
console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s)`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/mcu.md', md.join('\n'));
writeFileSync('bench/results/mcu.json', JSON.stringify({
  what: 'Cortex-M instructions per step, Van der Pol firmware (targets/firmware/vdp.c), N=50 K=100 J=2; estimated cycles per step from the executed instruction mix', dt,
  kernel: {
    release: readFileSync('build/release.wasm').length, inference: readFileSync('build/inference.wasm').length,
    sha256: createHash('sha256').update(readFileSync('build/release.wasm')).digest('hex'),
  },
  cyclesMethod: withCycles ? method : null,
  budget: BUDGET, rows, defaults, inferenceKernelText: inferText,
  best: { mode: best.mode, config: best.config, learn: best.learn, free: best.free }, bestCycles,
}, null, 2) + '\n');
process.exit(rows.every((r) => r.matchesNode) && defaults.every((d) => d.matchesNode) ? 0 : 1);
