// The benchmark report: markdown tables of bench/run.ts's results, the fitted
// exponent of time per step against N, and the targets checked
// against the numbers of this one run.
import { existsSync, readFileSync } from 'node:fs';
import type { ExecutionMode } from '../../src/kernel/lowrank.js';
import { IMPL_NAMES, pairRatio, type Impl, type Row } from './rows.js';
import type { CycleStats } from './cycle.js';
import type { ModelBytes, ModuleSize } from './footprint.js';
import { markdownTable } from './table.js';

export interface Results {
  meta: {
    date: string; quick: boolean; node: string; cpu: string; cores: number; cc: string; flags: Record<string, string>;
    kernelSha256: string; releaseBytes: number; kernelVariant: string; seconds: number; cpuSeconds: number; load: number[];
  };
  headline: Row[];
  nSweep: Row[];
  kSweep: Row[];
  big: Row[];
  equality: ({ policy: string; mode: ExecutionMode } & CycleStats)[];
  memory: (ModelBytes & { system: string })[];
  sizes: ModuleSize[];
}

export const us = (ns: number | undefined) => (ns === undefined ? '-' : ns >= 1e5 ? (ns / 1e3).toFixed(0) : ns >= 1e4 ? (ns / 1e3).toFixed(1) : (ns / 1e3).toFixed(2));
export const x = (r: number) => (Number.isFinite(r) ? `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}x` : '-');
const sci = (v: number) => (v >= 1e9 ? `${(v / 1e9).toFixed(2)} G` : v >= 1e6 ? `${(v / 1e6).toFixed(1)} M` : `${(v / 1e3).toFixed(0)} k`);
const rtf = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2));

export function find(rows: Row[], impl: Impl, mode: ExecutionMode, learn: boolean, N?: number, K?: number, policy?: string): Row | undefined {
  return rows.find((r) => r.impl === impl && r.mode === mode && r.learn === learn && (N === undefined || r.N === N) && (K === undefined || r.K === K) && (policy === undefined || r.policy === policy));
}

/** "a / b = 1.23x (1.20-1.30)": median of the per-round ratios of two rows of one case, and their range. */
export function ratioText(a: Row | undefined, b: Row | undefined): string {
  if (!a || !b) return '-';
  const r = pairRatio(a, b);
  return `${x(r.median)} (${r.lo.toFixed(2)}–${r.hi.toFixed(2)})`;
}

/** Least-squares slope of log(ns) on log(N): time per step ~ N^b. */
export function exponent(rows: Row[], minN: number): { b: number; from: number; to: number; points: number } {
  const pts = rows.filter((r) => r.N >= minN).map((r) => [Math.log(r.N), Math.log(r.ns)] as const);
  const n = pts.length;
  const mx = pts.reduce((s, p) => s + p[0], 0) / n, my = pts.reduce((s, p) => s + p[1], 0) / n;
  const b = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return { b, from: Math.min(...rows.filter((r) => r.N >= minN).map((r) => r.N)), to: Math.max(...rows.map((r) => r.N)), points: n };
}

export interface McuEst { min: number; typical: number; max: number }
export interface McuRow {
  mode: string; config: string; cpu: string; free: number; learn: number; flash: number; ram: number; image: number; matchesNode: boolean;
  cycles?: { free: McuEst; learn: McuEst }; cpi?: { free: McuEst; learn: McuEst };
}
export interface McuBestCycles { mode: string; config: string; learnInstructions: number; learn: McuEst; free: McuEst; cpi: McuEst }
export interface McuResults {
  kernel: { sha256?: string }; budget: number; rows: McuRow[]; best: { mode: string; config: string; learn: number; free: number };
  bestCycles?: Partial<Record<'m3' | 'm4', McuBestCycles>>;
}
/** "typical (min–max)" of an estimate, rounded. */
export const estText = (e: McuEst) => `${Math.round(e.typical).toLocaleString('en')} (${Math.round(e.min).toLocaleString('en')}–${Math.round(e.max).toLocaleString('en')})`;
/** bench/results/mcu.json when it was measured on this very kernel. */
export function mcuResults(sha: string): McuResults | string {
  if (!existsSync('bench/results/mcu.json')) return 'run `npm run bench:mcu`';
  const m = JSON.parse(readFileSync('bench/results/mcu.json', 'utf8')) as McuResults;
  return m.kernel.sha256 === sha ? m : 'bench/results/mcu.json is from another kernel build: run `npm run bench:mcu`';
}

/** The Cortex-M target (issue 16: low-rank learning in real time at 48 MHz for dt = 0.5 ms, in estimated cycles), from `npm run bench:mcu`'s results when they were measured on this very kernel. */
function mcuRow(sha: string): string[] {
  const m = mcuResults(sha);
  const what = `Cortex-M3/M4 learning step ≤ ${(m && typeof m !== 'string' ? m.budget : 24000).toLocaleString('en')} estimated cycles (real time at 48 MHz, dt = 0.5 ms; N = 50, K = 100, best build)`;
  if (typeof m === 'string') return [what, m, ''];
  const bc = m.bestCycles;
  if (!bc?.m3) {
    const b = m.best;
    return [what, `no cycle estimate; ${Math.round(b.learn).toLocaleString('en')} instructions (${b.mode}, wasm2c ${b.config}), from bench/results/mcu.json`, '**no**'];
  }
  const cores = (['m3', 'm4'] as const).filter((c) => bc[c]);
  const text = cores.map((c) => `M${c.slice(1)} ${estText(bc[c]!.learn)} (${bc[c]!.mode}, wasm2c ${bc[c]!.config}; ${Math.round(bc[c]!.learnInstructions).toLocaleString('en')} instructions)`).join(', ');
  return [what, `${text}, from bench/results/mcu.json`, cores.every((c) => bc[c]!.learn.typical <= m.budget) ? 'yes' : '**no**'];
}

export function report(R: Results): string {
  const out: string[] = [];
  const m = R.meta;
  out.push(`# ebnkit benchmarks${m.quick ? ' (quick)' : ''}`, '',
    `${m.date.slice(0, 10)}, ${m.cpu} (${m.cores} cores), Node ${m.node}, ${m.cc}; kernel build/release.wasm ${m.releaseBytes} B ` +
    `(sha256 ${m.kernelSha256.slice(0, 12)}); Van der Pol networks with ideal slow weights (bench/lib/workload.ts), J = 2, dt = 0.25 ms. ` +
    'Times are **CPU time per step** (Node: process.cpuUsage; C: CLOCK_THREAD_CPUTIME_ID), medians over timed blocks after settling ' +
    '1,000 steps (0.25 s simulated) with feedback; every JIT-ed implementation warmed first; the implementations of a case run their blocks in turn, ' +
    'so a ratio "a / b" is the median of per-block ratios, with their range in brackets (bench/lib/measure.ts). ' +
    `${m.seconds} s wall, ${m.cpuSeconds} s CPU (Node and the native drivers); load average ${m.load.map((l) => l.toFixed(1)).join(' → ')}.`, '');

  // targets
  const H = R.headline;
  const B = R.big;
  const hk = (impl: Impl, mode: ExecutionMode, learn = false) => find(H, impl, mode, learn);
  const bk = (impl: Impl, mode: ExecutionMode, learn = false) => find(B, impl, mode, learn, 1024, 256, 'winner');
  const met = (a: Row | undefined, b: Row | undefined, limit: number) => (!a || !b ? '' : pairRatio(a, b).median <= limit ? 'yes' : '**no**');
  const lowFree = R.nSweep.filter((r) => r.impl === 'kernel' && r.mode === 'lowrank' && !r.learn && r.policy === 'winner');
  const ex = exponent(lowFree, 100), exBig = exponent(lowFree, 500);
  const release = R.sizes.find((s) => s.file.endsWith('release.wasm'))!;
  const ok = (b: boolean) => (b ? 'yes' : '**no**');
  const rows: string[][] = [];
  for (const [where, g] of [['N = 50, K = 100', hk], ['N = 1024, K = 256', bk]] as const) {
    rows.push([`${where}, low-rank, free: kernel in Node / bit-exact C port at -O3 -march=native ≤ 1.3x`, ratioText(g('kernel', 'lowrank'), g('cfix3', 'lowrank')), met(g('kernel', 'lowrank'), g('cfix3', 'lowrank'), 1.3)]);
    rows.push([`${where}, low-rank, free: kernel in Node / optimised C float32 (LUT, -O3 -march=native -ffast-math) ≤ 3x`, ratioText(g('kernel', 'lowrank'), g('cf32lutfast', 'lowrank')), met(g('kernel', 'lowrank'), g('cf32lutfast', 'lowrank'), 3)]);
    rows.push([`${where}, low-rank, free: kernel in Node / optimised C float32 (libm, -O3 -march=native -ffast-math) ≤ 3x`, ratioText(g('kernel', 'lowrank'), g('cf32fast', 'lowrank')), met(g('kernel', 'lowrank'), g('cf32fast', 'lowrank'), 3)]);
  }
  rows.push(['N = 50, K = 100, low-rank, free: kernel in Node / its wasm2c + gcc -O2 build ≤ 1.5x', ratioText(hk('kernel', 'lowrank'), hk('native', 'lowrank')), met(hk('kernel', 'lowrank'), hk('native', 'lowrank'), 1.5)]);
  for (const learn of [false, true]) {
    const d = bk('kernel', 'dense', learn), l = bk('kernel', 'lowrank', learn);
    rows.push([`N = 1024, K = 256, winner, learning ${learn ? 'on' : 'off'}: kernel dense / kernel low-rank ≥ 5x`, ratioText(d, l), d && l ? ok(pairRatio(d, l).median >= 5) : '']);
  }
  rows.push([`low-rank time per step ~ N^b, about linear (free, winner; N ${ex.from}…${ex.to} / N ${exBig.from}…${exBig.to}, where the fixed K cost no longer dominates)`, `b = ${ex.b.toFixed(2)} / ${exBig.b.toFixed(2)}`, ok(ex.b < 1.2 && !(exBig.b >= 1.2))]);
  rows.push(['release kernel ≤ 8 KiB, zero imports', `${release.bytes} B, ${release.imports} imports`, ok(release.bytes <= 8192 && release.imports === 0)]);
  rows.push(mcuRow(m.kernelSha256));
  out.push('## Targets (issues 6 and 16), from this run', '', markdownTable(['target', 'measured: median ratio (range over blocks)', 'met'], rows), '');

  // headline
  out.push('## N = 50, K = 100 (Van der Pol), every implementation, like for like', '',
    'Each row against the Node kernel **in the same mode** (dense against dense, low-rank against low-rank), same case, same blocks.', '');
  const hrows: (string | number)[][] = [];
  for (const learn of [false, true])
    for (const mode of ['lowrank', 'dense'] as const)
      for (const impl of Object.keys(IMPL_NAMES) as Impl[]) {
        const r = hk(impl, mode, learn);
        if (!r) continue;
        hrows.push([learn ? 'on' : 'off', mode, IMPL_NAMES[impl], us(r.ns), rtf(r.rtf), ratioText(r, hk('kernel', mode, learn)), r.rate.toFixed(1), r.bitExact === undefined ? '' : r.bitExact ? 'yes' : 'NO']);
      }
  out.push(markdownTable(['learning', 'mode', 'implementation', 'µs/step', 'real-time factor', 'time / kernel (same mode)', 'rate Hz', 'bit-exact'], hrows), '');

  // N sweep
  const sweep = (rows: Row[], policy: string, impls: Impl[]) => {
    const Ns = [...new Set(rows.filter((r) => r.policy === policy).map((r) => r.N))];
    const head = ['N', 'learning', ...impls.flatMap((i) => (i === 'ref' ? [IMPL_NAMES[i]] : [`${IMPL_NAMES[i]} dense`, `… low-rank`])), 'dense / low-rank', 'RTF low-rank', 'syn. events/s dense / low-rank', 'rate Hz'];
    const body: (string | number)[][] = [];
    for (const N of Ns)
      for (const learn of [false, true]) {
        const d = find(rows, 'kernel', 'dense', learn, N, undefined, policy), l = find(rows, 'kernel', 'lowrank', learn, N, undefined, policy);
        body.push([N, learn ? 'on' : 'off',
          ...impls.flatMap((i) => (i === 'ref' ? [us(find(rows, i, 'dense', learn, N, undefined, policy)?.ns)] : (['dense', 'lowrank'] as const).map((mo) => us(find(rows, i, mo, learn, N, undefined, policy)?.ns)))),
          ratioText(d, l), l ? rtf(l.rtf) : '-', d && l ? `${sci(d.synPerSec)} / ${sci(l.synPerSec)}` : '-', l ? l.rate.toFixed(1) : '-']);
      }
    return markdownTable(head, body);
  };
  out.push('## Time per step as N grows (K = 100), policy winner, µs (CPU)', '', sweep(R.nSweep, 'winner', ['kernel', 'native', 'cfix3']), '');
  out.push('## … policy all (spike storms above N ≈ 100: the policy\'s known ping-pong, DESIGN.md §2), µs', '', sweep(R.nSweep, 'all', ['kernel', 'native']), '');
  const fits: (string | number)[][] = [];
  for (const mode of ['dense', 'lowrank'] as const)
    for (const learn of [false, true]) {
      const rows = R.nSweep.filter((r) => r.impl === 'kernel' && r.mode === mode && r.learn === learn && r.policy === 'winner');
      const [a, b, c] = [exponent(rows, 0), exponent(rows, 100), exponent(rows, 500)];
      fits.push([mode, learn ? 'on' : 'off', ...[a, b, c].map((f) => `${f.b.toFixed(2)} (N ${f.from}…${f.to})`)]);
    }
  out.push('Fitted exponent b of time per step ~ N^b (Node kernel, K = 100, winner; least squares on log-log):', '', markdownTable(['mode', 'learning', 'b, all N', 'b, N ≥ 100', 'b, N ≥ 500'], fits), '');

  // K sweep
  const Ks = [...new Set(R.kSweep.map((r) => r.K))];
  out.push('## Time per step as K grows (N = 50), µs', '', markdownTable(['K', 'learning', 'Node dense', 'Node low-rank', 'native dense', 'native low-rank', 'dense / low-rank', 'RTF low-rank'],
    Ks.flatMap((K) => [false, true].map((learn) => {
      const g = (i: Impl, mo: ExecutionMode) => find(R.kSweep, i, mo, learn, 50, K);
      const d = g('kernel', 'dense'), l = g('kernel', 'lowrank');
      return [K, learn ? 'on' : 'off', us(d?.ns), us(l?.ns), us(g('native', 'dense')?.ns), us(g('native', 'lowrank')?.ns), ratioText(d, l), l ? rtf(l.rtf) : '-'];
    }))), '');

  // N = 1024, K = 256
  const bigRows: (string | number)[][] = [];
  for (const policy of [...new Set(R.big.map((r) => r.policy))])
    for (const learn of [false, true])
      for (const impl of Object.keys(IMPL_NAMES) as Impl[]) {
        const g = (mo: ExecutionMode) => find(R.big, impl, mo, learn, 1024, 256, policy);
        const kd = find(R.big, 'kernel', 'dense', learn, 1024, 256, policy), kl = find(R.big, 'kernel', 'lowrank', learn, 1024, 256, policy);
        if (!g('dense') && !g('lowrank')) continue;
        bigRows.push([policy, learn ? 'on' : 'off', IMPL_NAMES[impl], us(g('dense')?.ns), us(g('lowrank')?.ns), ratioText(g('dense'), g('lowrank')),
          impl === 'kernel' ? '' : ratioText(g('dense'), kd), impl === 'kernel' ? '' : ratioText(g('lowrank'), kl), g('lowrank')?.bitExact === undefined ? '' : g('lowrank')!.bitExact && g('dense')!.bitExact ? 'yes' : 'NO']);
      }
  out.push('## N = 1024, K = 256: every implementation, dense and low-rank, µs (CPU)', '', markdownTable(['policy', 'learning', 'implementation', 'dense', 'low-rank', 'dense / low-rank', 'dense / kernel dense', 'low-rank / kernel low-rank', 'bit-exact'], bigRows), '');
  out.push('The same network in both modes, free-running after settling (amplitude of x1, period, rate; true cycle: amplitude 2.01, period 1.00 s):', '',
    markdownTable(['policy', 'mode', 'amplitude', 'period s', 'rate Hz'], R.equality.map((e) => [e.policy, e.mode, e.amplitude.toFixed(3), e.period.toFixed(3), e.rate.toFixed(2)])), '');

  // memory, sizes
  out.push('## Memory: default networks of the built-in systems, then large ones (image + state; "kernel RAM" adds I/O for 50-step blocks)', '',
    markdownTable(['system', 'N', 'J', 'K', 'mode', 'image B', 'kernel RAM B', 'B / neuron', 'B / synapse (N² + N·B)'],
      R.memory.map((b) => [b.system, b.N, b.J, b.K, b.mode, b.image.toLocaleString('en'), b.total.toLocaleString('en'), b.perNeuron.toFixed(0), b.perSynapse.toFixed(3)])), '');
  out.push('## Module size', '', markdownTable(['build', 'bytes', 'code section', 'gzip -9', 'imports'],
    R.sizes.map((s) => [s.file, s.bytes, s.code, s.gzip, s.imports])), '');
  return out.join('\n');
}
