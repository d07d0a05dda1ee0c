// Footprint and cost of the kernel on a Cortex-M, measured: run through
// scripts/targets/footprint.sh (`npm run targets:footprint`) after `npm run build`.
//
// Builds the Van der Pol firmware (trained N = 50, K = 100 image in flash)
// for Cortex-M3 (mps2-an385) and Cortex-M4 (mps2-an386) with wasm2c +
// arm-none-eabi-gcc + picolibc in four configurations (-O2/-Os, bounds checks
// on/off), runs each under QEMU with -icount shift=0 (1 instruction = 1 ns of
// virtual time; SysTick x 40 = instructions), and prints flash, RAM, kernel
// code size, instructions per step without and with learning, and the load
// at dt = 0.5 ms on a 48 MHz and a 168 MHz core.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { replaceBetween } from '../../bench/lib/sweep-report.js';
import { markdownTable } from '../../bench/lib/table.js';
import { join, resolve } from 'node:path';
import { writeGoldenTapes, writeVdp } from '../../test/targets/lib/artifacts.js';
import { make, phaseCosts, runQemu, type Cpu } from '../../test/targets/lib/c-runners.js';
import { compareResults } from '../../test/targets/lib/compare.js';
import { fromRoot } from '../../test/targets/lib/paths.js';
import { armSizes as size, codeSection, missingTools } from '../../test/targets/lib/tools.js';

const need = missingTools(['wasm2c', 'make', 'arm-none-eabi-gcc', 'arm-none-eabi-size', 'picolibc', 'qemu-system-arm']);
if (need.length) {
  console.error(`footprint: ${need[0]} not found (install wabt gcc-arm-none-eabi picolibc-arm-none-eabi qemu-system-arm)`);
  process.exit(2);
}

const DT = 0.5e-3;
const CLOCKS = [48e6, 168e6];
const args = process.argv.slice(2);
const writeReadme = args.includes('--readme');
const out = resolve(args.find((a) => !a.startsWith('--')) ?? 'build/targets/footprint');
const wasm = readFileSync(fromRoot('build/release.wasm'));



console.log(`footprint: building in ${out}`);
writeGoldenTapes(out);
const vdp = writeVdp(out);

interface Config { name: string; OPT: string; CHECKS: 0 | 1; MEM_BYTES?: number }
const configs: Config[] = [
  { name: '-O2, unchecked (default)', OPT: '-O2', CHECKS: 0 },
  { name: '-Os, unchecked', OPT: '-Os', CHECKS: 0 },
  { name: '-O2, checked', OPT: '-O2', CHECKS: 1 },
  { name: '-Os, checked', OPT: '-Os', CHECKS: 1 },
];
const cpus: Cpu[] = ['m3', 'm4'];

interface Row { config: Config; cpu: Cpu; free: number; learn: number; settle: number; kernelText: number; fw: { text: number; data: number; bss: number }; stack: number; end: number; at: number; ok: boolean }
const rows: Row[] = [];
for (const [i, c] of configs.entries()) {
  const dir = join(out, `c${i}`);
  await make(cpus.map((cpu) => join(dir, cpu, 'vdp.elf')), { OUT: dir, OPT: c.OPT, CHECKS: c.CHECKS, TAPES: join(out, 'goldens.tapes'), VDP_DATA: join(out, 'vdp_data.h') });
  const sz = await size(cpus.flatMap((cpu) => [join(dir, cpu, 'vdp.elf'), join(dir, cpu, 'kernel.o')]));
  for (const cpu of cpus) {
    const d = await runQemu(join(dir, cpu, 'vdp.elf'), cpu);
    const costs = phaseCosts(d.ran.stdout);
    const ok = d.ran.code === 0 && compareResults(cpu, vdp.recording.result, d.results[0]).length === 0;
    rows.push({
      config: c, cpu, ok,
      free: costs.free!.perStep, learn: costs.learn!.perStep, settle: costs.settle!.perStep,
      kernelText: sz[join(dir, cpu, 'kernel.o')]!.text,
      fw: sz[join(dir, cpu, 'vdp.elf')]!,
      stack: Number(/stack_used=(\d+)/.exec(d.ran.stdout)?.[1]),
      end: Number(/kernel_end=(\d+)/.exec(d.ran.stdout)?.[1]),
      at: Number(/image_at=(\d+)/.exec(d.ran.stdout)?.[1]),
    });
  }
}

// only the used part of the wasm page backed (MEM_BYTES: bounds-checked, the Makefile's default there)
const end = rows[0]!.end;
const small = Math.ceil(end / 1024) * 1024;
const sdir = join(out, 'small');
await make([join(sdir, 'm3', 'vdp.elf')], { OUT: sdir, MEM_BYTES: small, TAPES: join(out, 'goldens.tapes'), VDP_DATA: join(out, 'vdp_data.h') });
const ssz = (await size([join(sdir, 'm3', 'vdp.elf')]))[join(sdir, 'm3', 'vdp.elf')]!;
const sd = await runQemu(join(sdir, 'm3', 'vdp.elf'), 'm3');
const smallOk = sd.ran.code === 0 && compareResults('m3', vdp.recording.result, sd.results[0]).length === 0;

const k = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const def = rows[0]!;
console.log(`
Kernel (build/release.wasm): ${wasm.length} B module, ${codeSection(wasm)} B of code section, zero imports.
Network: Van der Pol, N = ${vdp.N}, K = ${vdp.K}, J = 2 (image ${vdp.image.length} B), dt = 0.5 ms.

Firmware (Van der Pol, wasm2c + picolibc, semihosting), default build ${def.config.name}:
  flash (text + data)       ${def.fw.text + def.fw.data} B  (${k(def.fw.text + def.fw.data)}; image ${vdp.image.length} B + targets ${(700 * 2 * 4)} B in it)
  RAM (data + bss)          ${def.fw.data + def.fw.bss} B  (${k(def.fw.data + def.fw.bss)}; 64 KiB wasm page)
  stack high-water          ${def.stack} B
  kernel memory in use      ${end} B of the 64 KiB page (image at ${def.at}, state, I/O for 50-step blocks)
  with EBNK_WASM_MEM_BYTES=${small} (bounds-checked): RAM ${ssz.data + ssz.bss} B (${k(ssz.data + ssz.bss)}), flash ${ssz.text + ssz.data} B, ${smallOk ? 'matches Node' : 'DOES NOT MATCH NODE'}

Kernel code on the MCU (wasm2c output, kernel.o .text):`);
for (const c of configs) {
  const r = rows.filter((x) => x.config === c);
  console.log(`  ${c.name.padEnd(24)} ${r.map((x) => `Cortex-${x.cpu.toUpperCase()} ${x.kernelText} B`).join(', ')}`);
}
console.log(`
Instructions per step (QEMU -icount shift=0), N = ${vdp.N}, K = ${vdp.K}:
  ${'build'.padEnd(24)} ${'core'.padEnd(5)} ${'free'.padStart(9)} ${'feedback'.padStart(9)} ${'learning'.padStart(9)}   load at dt = 0.5 ms (free / learning), 1 instr = 1 cycle
`);
for (const r of rows) {
  const load = CLOCKS.map((f) => {
    const budget = f * DT;
    return `${f / 1e6} MHz ${((100 * r.free) / budget).toFixed(0)}% / ${((100 * r.learn) / budget).toFixed(0)}%`;
  }).join(', ');
  console.log(`  ${r.config.name.padEnd(24)} ${('M' + r.cpu.slice(1)).padEnd(5)} ${r.free.toFixed(0).padStart(9)} ${r.settle.toFixed(0).padStart(9)} ${r.learn.toFixed(0).padStart(9)}   ${load}${r.ok ? '' : '   (DOES NOT MATCH NODE)'}`);
}
const best = rows.reduce((a, b) => (b.free < a.free ? b : a));
console.log(`
Real time at dt = 0.5 ms needs <= ${CLOCKS.map((f) => `${(f * DT).toLocaleString('en')} cycles/step at ${f / 1e6} MHz`).join(', ')}.
  free running: fastest build ${best.free.toFixed(0)} instr/step (${best.config.name}, M${best.cpu.slice(1)}): ` +
  CLOCKS.map((f) => `${((f * DT) / best.free).toFixed(2)}x real time at ${f / 1e6} MHz`).join(', ') + `
  learning:     ${best.learn.toFixed(0)} instr/step: ` + CLOCKS.map((f) => `${((f * DT) / best.learn).toFixed(2)}x real time at ${f / 1e6} MHz`).join(', ') + `
QEMU counts instructions, not cycles: on silicon add wait states (flash at 168 MHz) and multi-cycle
loads/multiplies, so treat these as lower bounds on cycles (estimated cycles: npm run bench:mcu).
${rows.every((r) => r.ok) && smallOk ? 'All builds reproduced the Node fingerprints bit for bit.' : 'SOME BUILDS DID NOT MATCH NODE.'}`);

// --readme: the measured block of targets/README.md (instructions from this run; estimated cycles from
// bench/results/mcu.json when it was measured on this very kernel)
if (writeReadme) {
  const int = (v: number) => Math.round(v).toLocaleString('en');
  const m3 = rows.filter((r) => r.cpu === 'm3');
  const m4gap = Math.max(...rows.filter((r) => r.cpu === 'm4').map((r) => {
    const q = m3.find((x) => x.config === r.config)!;
    return Math.max(...(['free', 'settle', 'learn'] as const).map((k) => Math.abs(r[k] / q[k] - 1)));
  }));
  const md: string[] = [
    `Measured by \`npm run targets:footprint -- --readme\` (${new Date().toISOString().slice(0, 10)}): Van der Pol, N = ${vdp.N}, K = ${vdp.K}, J = 2, B = ${vdp.K + 2}, the dense image; instructions per step on the Cortex-M3, ${rows.every((r) => r.ok) ? 'every build bit-exact with Node' : '**NOT every build bit-exact with Node**'}:`, '',
    markdownTable(['build', 'kernel code (M3)', 'free run', 'feedback', 'learning (+ feedback)'],
      m3.map((r) => [r.config.name, `${int(r.kernelText)} B`, `${int(r.free)} instr/step`, int(r.settle), int(r.learn)])), '',
    `Cortex-M4 is within ${Math.ceil(100 * m4gap)} % of these counts (same Thumb-2 code; the kernel uses no DSP or FPU instructions).`, '',
    `Firmware (default build, Cortex-M3): **flash ${k(def.fw.text + def.fw.data)}** (text + data ${int(def.fw.text + def.fw.data)} B, of which the trained image ` +
    `${int(vdp.image.length)} B and the stored targets ${int(700 * 2 * 4)} B; kernel code ${int(def.kernelText)} B; picolibc with semihosting and the printing helpers the rest), ` +
    `**RAM ${k(def.fw.data + def.fw.bss)}** (data + bss, of which the 64 KiB wasm page) or **${k(ssz.data + ssz.bss)}** with \`EBNK_WASM_MEM_BYTES=${small}\` ` +
    `(bounds-checked, ${smallOk ? 'bit-exact' : 'NOT bit-exact'}), stack ${def.stack} B. The image sits at ${def.at}; the kernel touches ${int(end)} B of the page. ` +
    `The kernel module itself is ${int(wasm.length)} B (${int(codeSection(wasm))} B of code).`,
  ];
  const sha = createHash('sha256').update(wasm).digest('hex');
  const mcu = existsSync(fromRoot('bench/results/mcu.json')) ? JSON.parse(readFileSync(fromRoot('bench/results/mcu.json'), 'utf8')) : null;
  type E = { min: number; typical: number; max: number };
  type R = { mode: string; config: string; cpu: string; cycles?: { free: E; learn: E } };
  if (mcu?.kernel?.sha256 === sha && (mcu.rows as R[]).some((r) => r.cycles)) {
    const find = (mode: string, config: string, cpu: string) => (mcu.rows as R[]).find((r) => r.mode === mode && r.config === config && r.cpu === cpu)?.cycles;
    const pct = (c: number, hz: number) => `${int((100 * c) / (hz * DT))} %`;
    const cell = (e: E, hz: number) => `${pct(e.typical, hz)} (${pct(e.min, hz)}–${pct(e.max, hz)})${e.max <= hz * DT ? ' **real time**' : ''}`;
    const body: string[][] = [];
    for (const mode of ['lowrank', 'dense'])
      for (const config of ['-O2 unchecked', '-O2 checked'])
        for (const phase of ['free', 'learn'] as const) {
          const a = find(mode, config, 'm3'), b = find(mode, config, 'm4');
          if (!a || !b) continue;
          body.push([`${mode === 'lowrank' ? 'low-rank' : 'dense'}, ${phase === 'free' ? 'free run' : 'learning'}, ${config}${config === '-O2 unchecked' ? ' (default)' : ''}`,
            `${int(a[phase].typical)} / ${int(b[phase].typical)}`, cell(a[phase], 48e6), cell(b[phase], 48e6), cell(b[phase], 168e6)]);
        }
    md.push('', `Real time at dt = 0.5 ms: a step must finish in ${int(48e6 * DT)} cycles at 48 MHz, ${int(168e6 * DT)} at 168 MHz. ` +
      'In **estimated cycles** (`npm run bench:mcu`, `bench/results/mcu.json`: the executed instruction mix weighted by the Cortex-M3/M4 manuals\' timings, ' +
      'zero wait states, so flash wait states add more), share of the step budget, typical (min–max):', '',
      markdownTable(['', 'est. cycles/step M3 / M4', '48 MHz Cortex-M3', '48 MHz Cortex-M4', '168 MHz Cortex-M4 (e.g. STM32F4)'], body));
  } else md.push('', 'Estimated cycles: bench/results/mcu.json is missing or from another kernel build: run `npm run bench:mcu`, then this again.');
  replaceBetween(fromRoot('targets/README.md'), '<!-- footprint:begin (npm run targets:footprint -- --readme) -->', '<!-- footprint:end -->', md.join('\n'));
  console.log('targets/README.md: measured block rewritten');
}
process.exit(rows.every((r) => r.ok) && smallOk ? 0 : 1);
