// wasm2c + arm-none-eabi-gcc + picolibc on QEMU: Cortex-M3 (mps2-an385) and
// Cortex-M4 (mps2-an386).
//  - golden firmware: the golden tapes in flash, replayed on the device;
//  - Van der Pol firmware: a trained N = 50 image in flash, run free for one
//    simulated second, then a short learning run (plasticity on, feedback
//    from stored targets); hashes printed over semihosting, compared with Node.
// QEMU runs with -icount shift=0, so the SysTick costs printed are instruction counts.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compareGolden, compareResults } from './lib/compare.js';
import { MACHINES, describeFailure, make, phaseCosts, runQemu, type Cpu, type DriverRun } from './lib/c-runners.js';
import { writeGoldenTapes, writeVdp } from './lib/artifacts.js';
import { loadGolden } from './lib/golden.js';
import { GOLDEN_NAMES, VDP, type VdpScenario } from './lib/scenarios.js';
import { describeTarget } from './lib/suite.js';
import { tempDir, removeTempDirs } from './lib/tools.js';

const CPUS: Cpu[] = ['m3', 'm4'];
const QEMU_TIMEOUT_MS = 120_000;

describeTarget('wasm2c + arm-none-eabi-gcc + picolibc on QEMU (Cortex-M3, Cortex-M4)',
  ['wasm2c', 'make', 'arm-none-eabi-gcc', 'picolibc', 'qemu-system-arm'], () => {
  const golden = loadGolden();
  let dir: string;
  let vdp: VdpScenario;
  const goldenRuns = {} as Record<Cpu, DriverRun>;
  const vdpRuns = {} as Record<Cpu, DriverRun>;
  let small: DriverRun;
  let smallBytes = 0;

  afterAll(removeTempDirs);
  beforeAll(async () => {
    dir = tempDir('qemu');
    writeGoldenTapes(dir);
    vdp = writeVdp(dir);
    const t0 = performance.now();
    await make(['golden', 'vdp'], { OUT: dir });
    console.log(`cortex-m: built golden and vdp firmware for M3 and M4 in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const jobs: Promise<void>[] = [];
    for (const cpu of CPUS) {
      jobs.push(runQemu(join(dir, cpu, 'golden.elf'), cpu, QEMU_TIMEOUT_MS).then((d) => { goldenRuns[cpu] = d; }));
      jobs.push(runQemu(join(dir, cpu, 'vdp.elf'), cpu, QEMU_TIMEOUT_MS).then((d) => { vdpRuns[cpu] = d; }));
    }
    await Promise.all(jobs);
    for (const cpu of CPUS) {
      const g = goldenRuns[cpu], v = vdpRuns[cpu];
      const c = phaseCosts(v.ran.stdout);
      console.log(
        `cortex-${cpu} (${MACHINES[cpu]}): golden firmware ${(g.ran.ms / 1000).toFixed(1)} s, vdp firmware ${(v.ran.ms / 1000).toFixed(1)} s; ` +
          `N=${vdp.N} K=${vdp.K} instructions/step: free ${c.free?.perStep}, learn ${c.learn?.perStep}`,
      );
    }
    // the same firmware with only the memory the kernel uses backed (not the whole 64 KiB page)
    const end = Number(/kernel_end=(\d+)/.exec(vdpRuns.m3.ran.stdout)?.[1] ?? 0);
    if (end > 0) {
      smallBytes = Math.ceil(end / 1024) * 1024;
      const out = join(dir, 'small');
      await make([join(out, 'm3', 'vdp.elf')], { OUT: out, MEM_BYTES: smallBytes, TAPES: join(dir, 'goldens.tapes'), VDP_DATA: join(dir, 'vdp_data.h') });
      small = await runQemu(join(out, 'm3', 'vdp.elf'), 'm3', QEMU_TIMEOUT_MS);
    }
  });

  for (const cpu of CPUS) {
    it(`cortex-${cpu}: golden firmware runs every tape; ebnkit.h agrees with the kernel`, () => {
      const d = goldenRuns[cpu];
      expect(describeFailure(d)).toBe('');
      expect(d.abiOk).toBe(true);
      expect(d.results.map((r) => r.name)).toEqual(GOLDEN_NAMES);
    });
    for (const name of GOLDEN_NAMES) {
      it(`cortex-${cpu}: ${name} bit exact`, () => {
        const got = goldenRuns[cpu].results.find((r) => r.name === name);
        expect(compareGolden(`cortex-${cpu}`, name, golden.scenarios[name]!, golden.detail[name]!, got)).toEqual([]);
      });
    }
    it(`cortex-${cpu}: Van der Pol firmware (N=50, image in flash) free 1 s + on-device learning matches Node`, () => {
      const d = vdpRuns[cpu];
      expect(d.ran.stdout).toMatch(/: matches node$/m);
      expect(describeFailure(d)).toBe('');
      const got = d.results[0];
      expect(compareResults(`cortex-${cpu}`, vdp.recording.result, got)).toEqual([]);
      // the device really learned: the learning phase updated weights on the device
      expect(got!.marks.map((m) => m.label)).toEqual(['free', 'learn']);
      expect(got!.marks[1]!.counters.weightUpdates).toBeGreaterThan(0);
      expect(got!.marks[0]!.t).toBe(VDP.settleSteps + VDP.freeSteps);
      const c = phaseCosts(d.ran.stdout);
      expect(c.free!.steps).toBe(VDP.freeSteps);
      expect(c.learn!.perStep).toBeGreaterThan(c.free!.perStep);
    });
  }

  it(`cortex-m3: Van der Pol firmware with only the used memory backed (EBNK_WASM_MEM_BYTES) matches Node`, () => {
    expect(smallBytes).toBeGreaterThan(0);
    expect(smallBytes).toBeLessThan(64 * 1024);
    expect(describeFailure(small)).toBe('');
    expect(compareResults('cortex-m3-small', vdp.recording.result, small.results[0])).toEqual([]);
    console.log(`cortex-m3 with a ${smallBytes}-byte arena instead of 65536: matches node`);
  });
});
