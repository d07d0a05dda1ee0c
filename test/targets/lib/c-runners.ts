// Building and running the C targets (targets/Makefile) from the tests.
import { join } from 'node:path';
import { parseDriverOutput, type TapeResult } from './tape.js';
import { ROOT, run, runOk, type Ran } from './tools.js';

export const MACHINES = { m3: 'mps2-an385', m4: 'mps2-an386' } as const;
export type Cpu = keyof typeof MACHINES;

export interface MakeVars {
  OUT: string;
  WASM?: string;
  OPT?: string;
  CHECKS?: 0 | 1;
  MEM_BYTES?: number;
  CANARY?: number;
  PAGES?: number;
  TAPES?: string;
  VDP_DATA?: string;
}

export function make(targets: string[], v: MakeVars, timeoutMs = 180_000): Promise<Ran> {
  const vars = Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => `${k}=${x}`);
  return runOk('make', ['-s', '-C', join(ROOT, 'targets'), `-j2`, 'HOST_CC=gcc', ...vars, ...targets], { timeoutMs });
}

export interface DriverRun {
  ran: Ran;
  results: TapeResult[];
  abiOk: boolean;
}

function parse(ran: Ran): DriverRun {
  return { ran, results: parseDriverOutput(ran.stdout), abiOk: /^abi ok$/m.test(ran.stdout) };
}

export async function runNative(out: string, tapes: string): Promise<DriverRun> {
  return parse(await run(join(out, 'native', 'replay-native'), ['--state', tapes], { timeoutMs: 60_000 }));
}

export const QEMU_ARGS = [
  '-nographic', '-monitor', 'none', '-serial', 'none', '-icount', 'shift=0',
  '-chardev', 'stdio,id=sh0', '-semihosting-config', 'enable=on,target=native,chardev=sh0',
];

/** Run a firmware under QEMU with -icount shift=0; bounded by timeoutMs. */
export async function runQemu(elf: string, cpu: Cpu, timeoutMs = 120_000): Promise<DriverRun> {
  return parse(await run('qemu-system-arm', ['-M', MACHINES[cpu], ...QEMU_ARGS, '-kernel', elf], { timeoutMs }));
}

/** "time <name> <ticks> <unit> <steps> <wall>" lines: kernel time per tape. */
export function tapeTimes(stdout: string): { name: string; run: number; unit: string; steps: number; total: number }[] {
  return [...stdout.matchAll(/^time (\S+) (\d+) (\S+) (\d+) (\d+)$/gm)].map((m) => ({
    name: m[1]!, run: Number(m[2]), unit: m[3]!, steps: Number(m[4]), total: Number(m[5]),
  }));
}

/** "cost <phase> steps=.. vns=.. per_step=.." lines of the Van der Pol firmware. */
export function phaseCosts(stdout: string): Record<string, { steps: number; vns: number; perStep: number }> {
  return Object.fromEntries(
    [...stdout.matchAll(/^cost (\S+) steps=(\d+) vns=(\d+) per_step=([\d.]+)$/gm)].map((m) => [
      m[1]!, { steps: Number(m[2]), vns: Number(m[3]), perStep: Number(m[4]) },
    ]),
  );
}

export function describeFailure(d: DriverRun): string {
  const r = d.ran;
  if (r.timedOut) return `timed out after ${(r.ms / 1000).toFixed(0)} s`;
  if (r.code !== 0) return `exit ${r.code ?? r.signal}: ${(r.stdout.split('\n').filter((l) => /^(err|wasm trap)/.test(l)).join('; ') || r.stderr).slice(0, 2000)}`;
  return '';
}
