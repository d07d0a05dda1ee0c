// The figures that profiles of cores running the ebnkit kernel take from
// bench/results/mcu.json (`npm run bench:mcu`): instructions per step of the
// free run in the Makefile's default build (-O2 unchecked), dense and
// low-rank, and for Cortex-M4 cores the cycles per instruction estimated
// from the executed instruction mix (bench/lib/cortexm-cycles.ts, Arm
// Cortex-M4 TRM timings). scripts/mcu-profiles.ts writes them into
// profiles/*.json; test/emulator/profiles.test.ts checks they agree.

export interface McuEst { min: number; typical: number; max: number }
export interface McuJson { rows: { mode: string; config: string; cpu: string; free: number; cpi?: { free: McuEst } }[] }

/** Which measured core stands for each profile, and whether its CPI comes from the traced mix (a Cortex-M4 core). */
export const MCU_PROFILES: Record<string, { cpu: 'm3' | 'm4'; cpiFromMix: boolean }> = {
  'cortex-m4': { cpu: 'm4', cpiFromMix: true },
  spinnaker2: { cpu: 'm4', cpiFromMix: true },
  'esp32-c3': { cpu: 'm4', cpiFromMix: false },
  'cortex-m0plus': { cpu: 'm3', cpiFromMix: false },
};
export const MCU_CONFIG = '-O2 unchecked';

const round2 = (v: number) => Math.round(v * 100) / 100;

export function mcuProfileFields(mcu: McuJson, profile: string) {
  const p = MCU_PROFILES[profile];
  if (!p) throw new Error(`${profile}: not a profile that runs the kernel`);
  const row = (mode: string) => {
    const r = mcu.rows.find((x) => x.mode === mode && x.config === MCU_CONFIG && x.cpu === p.cpu);
    if (!r) throw new Error(`bench/results/mcu.json has no ${mode} ${MCU_CONFIG} ${p.cpu} row`);
    return r;
  };
  const dense = row('dense'), low = row('lowrank');
  let cpi: { value: number; min: number; max: number; note: string } | null = null;
  if (p.cpiFromMix) {
    const d = dense.cpi?.free, l = low.cpi?.free;
    if (!d || !l) throw new Error('bench/results/mcu.json has no cycle estimates: run npm run bench:mcu');
    cpi = {
      value: round2((d.typical + l.typical) / 2), min: round2(Math.min(d.min, l.min)), max: round2(Math.max(d.max, l.max)),
      note: `estimated cycles / instructions of the traced free-run block: dense ${d.typical.toFixed(2)} (${d.min.toFixed(2)}-${d.max.toFixed(2)}), ` +
        `lowrank ${l.typical.toFixed(2)} (${l.min.toFixed(2)}-${l.max.toFixed(2)}); one CPI field serves both modes, so typical is their mean and the range covers both. ` +
        'Zero wait states (flash wait states add more); to be replaced by a DWT cycle count on a board',
    };
  }
  return { cpu: p.cpu, instructionsDense: dense.free, instructionsFactored: low.free, cpi };
}
