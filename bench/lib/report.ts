// The benchmark report: markdown tables of bench/run.ts's results, the fitted
// exponent of time per step against N, and the targets checked
// against the numbers of this one run.
import { existsSync, readFileSync } from 'node:fs';
import type { ExecutionMode } from '../../src/kernel/lowrank.js';
import { IMPL_NAMES, type Impl, type Row } from './cases.js';
import type { CycleStats } from './cycle.js';
import type { ModelBytes, ModuleSize } from './footprint.js';
import { markdownTable } from './table.js';

export interface Results {
  meta: { date: string; quick: boolean; node: string; cpu: string; cores: number; cc: string; kernelSha256: string; releaseBytes: number; seconds: number; load: number[] };
  headline: Row[];
  nSweep: Row[];
  kSweep: Row[];
  big: Row[];
  equality: ({ policy: string; mode: ExecutionMode } & CycleStats)[];
  memory: (ModelBytes & { system: string })[];
  sizes: ModuleSize[];
}

const us = (ns: number | undefined) => (ns === undefined ? '-' : ns >= 1e5 ? (ns / 1e3).toFixed(0) : ns >= 1e4 ? (ns / 1e3).toFixed(1) : (ns / 1e3).toFixed(2));
const x = (r: number) => (Number.isFinite(r) ? `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}x` : '-');
const sci = (v: number) => (v >= 1e9 ? `${(v / 1e9).toFixed(2)} G` : v >= 1e6 ? `${(v / 1e6).toFixed(1)} M` : `${(v / 1e3).toFixed(0)} k`);
const rtf = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2));

function find(rows: Row[], impl: Impl, mode: ExecutionMode, learn: boolean, N?: number, K?: number, policy?: string): Row | undefined {
  return rows.find((r) => r.impl === impl && r.mode === mode && r.learn === learn && (N === undefined || r.N === N) && (K === undefined || r.K === K) && (policy === undefined || r.policy === policy));
}

/** Least-squares slope of log(ns) on log(N): time per step ~ N^b. */
export function exponent(rows: Row[], minN: number): { b: number; from: number; to: number; points: number } {
  const pts = rows.filter((r) => r.N >= minN).map((r) => [Math.log(r.N), Math.log(r.ns)] as const);
  const n = pts.length;
  const mx = pts.reduce((s, p) => s + p[0], 0) / n, my = pts.reduce((s, p) => s + p[1], 0) / n;
  const b = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return { b, from: Math.min(...rows.filter((r) => r.N >= minN).map((r) => r.N)), to: Math.max(...rows.map((r) => r.N)), points: n };
}

/** The Cortex-M target, from `npm run bench:mcu`'s results when they were measured on this very kernel. */
function mcuRow(sha: string): string[] {
  const what = 'Cortex-M3 instructions per step ≤ 24,000 (N = 50, K = 100, learning, best build)';
  if (!existsSync('bench/results/mcu.json')) return [what, 'run `npm run bench:mcu`', ''];
  const m = JSON.parse(readFileSync('bench/results/mcu.json', 'utf8')) as { kernel: { sha256?: string }; budget: number; best: { mode: string; config: string; learn: number; free: number } };
  if (m.kernel.sha256 !== sha) return [what, 'bench/results/mcu.json is from another kernel build: run `npm run bench:mcu`', ''];
  const b = m.best;
  return [what, `${Math.round(b.learn).toLocaleString('en')} (${b.mode}, wasm2c ${b.config}; free ${Math.round(b.free).toLocaleString('en')}), from bench/results/mcu.json`, b.learn <= m.budget ? 'yes' : '**no**'];
}

export function report(R: Results): string {
  const out: string[] = [];
  const m = R.meta;
  out.push(`# ebnkit benchmarks${m.quick ? ' (quick)' : ''}`, '',
    `${m.date.slice(0, 10)}, ${m.cpu} (${m.cores} cores), Node ${m.node}, ${m.cc}; kernel build/release.wasm ${m.releaseBytes} B ` +
    `(sha256 ${m.kernelSha256.slice(0, 12)}); Van der Pol networks with ideal slow weights (bench/lib/workload.ts), J = 2, dt = 0.25 ms; ` +
    `medians of timed blocks after settling on the cycle; µs per step; ${m.seconds} s in all; ` +
    `load average ${m.load.map((l) => l.toFixed(1)).join(' → ')} (other work on the machine skews timings).`, '');

  // targets
  const H = R.headline;
  const best = (['dense', 'lowrank'] as const).map((mode) => find(H, 'kernel', mode, false)!).reduce((a, b) => (b.ns < a.ns ? b : a));
  const nat = find(H, 'native', best.mode, false);
  const cd = find(H, 'cf32', 'dense', false), jd = find(H, 'jsf32', 'dense', false);
  const cl = find(H, 'cf32', 'lowrank', false), jl = find(H, 'jsf32', 'lowrank', false);
  const speed = (learn: boolean, policy = 'winner') => {
    const d = find(R.big, 'kernel', 'dense', learn, 1024, 256, policy), l = find(R.big, 'kernel', 'lowrank', learn, 1024, 256, policy);
    return d && l ? d.ns / l.ns : NaN;
  };
  const lowFree = R.nSweep.filter((r) => r.impl === 'kernel' && r.mode === 'lowrank' && !r.learn && r.policy === 'winner');
  const ex = exponent(lowFree, 100), exBig = exponent(lowFree, 500);
  const release = R.sizes.find((s) => s.file.endsWith('release.wasm'))!;
  const ok = (b: boolean) => (b ? 'yes' : '**no**');
  out.push('## Targets (issue 6), from this run', '', markdownTable(['target', 'measured', 'met'], [
    [`Node kernel (best mode: ${best.mode}), N = 50, K = 100, learning off, ≤ 1.5x its wasm2c -O2 build`, nat ? `${us(best.ns)} vs ${us(nat.ns)} µs: ${x(best.ns / nat.ns)}` : 'no native build', ok(!!nat && best.ns <= 1.5 * nat.ns)],
    ['… faster than the hand-written C float32 version (dense, as written by hand)', cd ? `${us(best.ns)} vs ${us(cd.ns)} µs: ${x(cd.ns / best.ns)} faster` : '-', ok(!!cd && best.ns < cd.ns)],
    ['… faster than the plain-JS float32 version (dense)', jd ? `${us(best.ns)} vs ${us(jd.ns)} µs: ${x(jd.ns / best.ns)} faster` : '-', ok(!!jd && best.ns < jd.ns)],
    ['(like for like: C / JS float32 in the low-rank form)', `${cl ? us(cl.ns) : '-'} / ${jl ? us(jl.ns) : '-'} µs: kernel ${cl ? x(cl.ns / best.ns) : '-'} / ${jl ? x(jl.ns / best.ns) : '-'} faster`, ok(!!cl && !!jl && best.ns < cl.ns && best.ns < jl.ns)],
    ['low-rank ≥ 5x faster than dense, N = 1024, K = 256 (winner; learning off / on)', `${x(speed(false))} / ${x(speed(true))}`, ok(speed(false) >= 5 && speed(true) >= 5)],
    [`low-rank time per step ~ N^b, about linear (free, winner; N ${ex.from}…${ex.to} / N ${exBig.from}…${exBig.to}, where the fixed K cost no longer dominates)`, `b = ${ex.b.toFixed(2)} / ${exBig.b.toFixed(2)}`, ok(ex.b < 1.2 && !(exBig.b >= 1.2))],
    ['release kernel ≤ 8 KiB, zero imports', `${release.bytes} B, ${release.imports} imports`, ok(release.bytes <= 8192 && release.imports === 0)],
    mcuRow(m.kernelSha256),
  ]), '');

  // headline
  out.push('## N = 50, K = 100 (Van der Pol), every implementation', '');
  const hrows: (string | number)[][] = [];
  for (const learn of [false, true])
    for (const impl of Object.keys(IMPL_NAMES) as Impl[])
      for (const mode of ['dense', 'lowrank'] as const) {
        const r = find(H, impl, mode, learn);
        if (!r) continue;
        const kb = find(H, 'kernel', best.mode, learn)!;
        hrows.push([learn ? 'on' : 'off', IMPL_NAMES[impl], mode, us(r.ns), rtf(r.rtf), x(r.ns / kb.ns), r.rate.toFixed(1), r.bitExact === undefined ? '' : r.bitExact ? 'yes' : 'NO']);
      }
  out.push(markdownTable(['learning', 'implementation', 'mode', 'µs/step', 'real-time factor', `vs kernel ${best.mode}`, 'rate Hz', 'bit-exact'], hrows), '');

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
          d && l ? x(d.ns / l.ns) : '-', l ? rtf(l.rtf) : '-', d && l ? `${sci(d.synPerSec)} / ${sci(l.synPerSec)}` : '-', l ? l.rate.toFixed(1) : '-']);
      }
    return markdownTable(head, body);
  };
  out.push('## Time per step as N grows (K = 100), policy winner, µs', '', sweep(R.nSweep, 'winner', ['kernel', 'native', 'cf32', 'jsf32', 'ref']), '');
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
      return [K, learn ? 'on' : 'off', us(d?.ns), us(l?.ns), us(g('native', 'dense')?.ns), us(g('native', 'lowrank')?.ns), d && l ? x(d.ns / l.ns) : '-', l ? rtf(l.rtf) : '-'];
    }))), '');

  // N = 1024, K = 256
  out.push('## N = 1024, K = 256: dense against low-rank, µs', '', markdownTable(['policy', 'learning', 'Node dense', 'Node low-rank', 'speed-up', 'native dense', 'native low-rank', 'C f32 dense', 'C f32 low-rank', 'JS f32 dense', 'JS f32 low-rank'],
    ['winner', 'all'].flatMap((policy) => [false, true].map((learn) => {
      const g = (i: Impl, mo: ExecutionMode) => find(R.big, i, mo, learn, 1024, 256, policy)?.ns;
      return [policy, learn ? 'on' : 'off', us(g('kernel', 'dense')), us(g('kernel', 'lowrank')), x(g('kernel', 'dense')! / g('kernel', 'lowrank')!),
        us(g('native', 'dense')), us(g('native', 'lowrank')), us(g('cf32', 'dense')), us(g('cf32', 'lowrank')), us(g('jsf32', 'dense')), us(g('jsf32', 'lowrank'))];
    }))), '');
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
