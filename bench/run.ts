// ebnkit benchmarks on the built artifacts: `npm run bench` (full) or
// `npm run bench:quick`. Needs `npm run build` first (the npm scripts do it);
// the native yardsticks need gcc and wabt's wasm2c (rows are left out, and
// say so, without them).
//
// Times the kernel in Node (the SIMD build the host picks, and the scalar
// release build), dense and low-rank, against its own wasm2c + gcc builds, a
// bit-exact C port of its fixed-point step, hand-written C float32 versions
// (libm or LUT; -O2 or -O3 -march=native -ffast-math), a plain-JS float32
// version and the float64 reference, as N and K grow, learning off and on;
// CPU time per step, implementations interleaved block by block, ratios with
// their range (bench/lib/measure.ts); real-time factors, synaptic events per
// second, memory per neuron and synapse, module sizes, the issues' targets.
// Writes bench/results/bench.json (quick: quick.json) and a markdown report
// next to it, prints the report, and (full run) rewrites the README's speed
// block (bench/lib/readme.ts). Not a test: nothing here fails on timing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { ExecutionMode } from '../src/kernel/lowrank.js';
import { measureCase, type Entry, type Impl, type Row } from './lib/cases.js';
import { lib } from './lib/dist.js';
import { modelBytes, moduleSize } from './lib/footprint.js';
import { buildNative } from './lib/native.js';
import { report, type Results } from './lib/report.js';
import { README_BEGIN, README_END, speedReadme } from './lib/readme.js';
import { replaceBetween } from './lib/sweep-report.js';
import { cycleStats } from './lib/cycle.js';
import { vdpNetwork, type BenchNetwork } from './lib/workload.js';

const quick = process.argv.includes('--quick');
if (process.argv.includes('--readme')) {
  // only rewrite the README block and bench/results/bench.md from the saved results (e.g. after `npm run bench:mcu` refreshed mcu.json)
  const saved = JSON.parse(readFileSync('bench/results/bench.json', 'utf8')) as Results;
  replaceBetween('README.md', README_BEGIN, README_END, speedReadme(saved));
  if (!saved.meta.quick) writeFileSync('bench/results/bench.md', report(saved) + '\n');
  process.exit(0);
}
/** CPU seconds of this process since `from`, plus those of its finished children (the native drivers; /proc/self/stat cutime + cstime). */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const own = process.cpuUsage(from);
  let children = 0;
  try { const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' '); children = (Number(f[13]) + Number(f[14])) / 100; } catch { /* not Linux */ }
  return Math.round((own.user + own.system) / 1e6 + children);
}
const C = quick
  ? { targetMs: 5, samples: 7, headSamples: 9, settleSteps: 1000, warmMs: 60, Ns: [10, 50, 200, 1024], NsAll: [50, 200], Ks: [25, 100, 400] }
  : { targetMs: 8, samples: 9, headSamples: 15, settleSteps: 1000, warmMs: 100, Ns: [10, 20, 50, 100, 200, 500, 1024, 2048, 4096], NsAll: [50, 200], Ks: [25, 100, 400, 800] };
const MODES: ExecutionMode[] = ['dense', 'lowrank'];
const both = (impls: Impl[]): Entry[] => impls.flatMap((i) => MODES.map((m) => [i, m] as Entry));
const YARDSTICKS: Impl[] = ['kernel', 'kscalar', 'native', 'native3', 'cfix', 'cfix3', 'cf32', 'cf32lut', 'cf32fast', 'cf32lutfast', 'jsf32'];
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const load0 = loadavg()[0]!;
const log = (s: string) => console.error(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${s}`);

const wasm = readFileSync('build/release.wasm');
const simd = readFileSync('build/simd.wasm');
// the kernel as the host picks it (src/kernel/module.ts): SIMD where the runtime validates it
const modules = { kernel: new WebAssembly.Module(lib.kernelVariant() === 'simd' ? simd : wasm), kscalar: new WebAssembly.Module(wasm) };
const module = modules.kernel;
const tools = await buildNative();
if (tools.missing.length) log(`native rows skipped: ${tools.missing.join(', ')} not found`);
const nets = new Map<string, BenchNetwork>();
const net = (N: number, K: number, policy: 'winner' | 'all') => {
  const key = `${N}/${K}/${policy}`;
  if (!nets.has(key)) { nets.clear(); nets.set(key, vdpNetwork(N, K, policy)); }
  return nets.get(key)!;
};
const opts = { targetMs: C.targetMs, samples: C.samples, settleSteps: C.settleSteps, warmMs: C.warmMs };
const headOpts = { ...opts, samples: C.headSamples };

// 1. N = 50, K = 100: every implementation in both modes, interleaved in one case per learning setting
log('headline: N = 50, K = 100');
const headline: Row[] = [];
for (const learn of [false, true])
  headline.push(...await measureCase(net(50, 100, 'winner'), learn, [...both([...YARDSTICKS, 'executor']), ['ref', 'dense']], modules, tools, headOpts));

// 2. N grows (K = 100)
const nSweep: Row[] = [];
for (const policy of ['winner', 'all'] as const)
  for (const N of policy === 'winner' ? C.Ns : C.NsAll) {
    log(`N sweep: N = ${N}, policy ${policy}`);
    for (const learn of [false, true])
      nSweep.push(...await measureCase(net(N, 100, policy), learn, both(policy === 'winner' ? ['kernel', 'native', 'cfix3'] : ['kernel', 'native']), modules, tools, opts));
  }

// 3. K grows (N = 50)
const kSweep: Row[] = [];
for (const K of C.Ks) {
  log(`K sweep: K = ${K}`);
  for (const learn of [false, true]) kSweep.push(...await measureCase(net(50, K, 'winner'), learn, both(['kernel', 'native']), modules, tools, opts));
}

// 4. N = 1024, K = 256: the fast path's target, and the same network in both modes free-running
const big: Row[] = [];
const equality: Results['equality'] = [];
// (policy "all" storms at this size, DESIGN.md section 2: its cost is in the N sweep, not here)
{
  log('N = 1024, K = 256, policy winner');
  const b = net(1024, 256, 'winner');
  for (const learn of [false, true]) big.push(...await measureCase(b, learn, both(YARDSTICKS), modules, tools, opts));
  for (const mode of MODES) equality.push({ policy: 'winner', mode, ...cycleStats(b.spec, mode, module) });
}

// 5. memory and sizes
// the default network of every built-in system (networkFor), then large ones
const defaults = Object.entries(lib.SYSTEMS).flatMap(([name, make]) => {
  const s = lib.networkFor(make(), {});
  return MODES.map((mode) => ({ system: name, ...modelBytes(s.N, s.J, s.dendrites.K, s.dendrites.linear, mode) }));
});
const memory = [...defaults, ...[1024, 4096].flatMap((N) => MODES.map((mode) => ({ system: 'vanderpol', ...modelBytes(N, 2, 256, true, mode) })))];
const sizes = ['build/release.wasm', 'build/inference.wasm', 'build/simd.wasm'].map(moduleSize);

const results: Results = {
  meta: {
    date: new Date().toISOString(), quick, node: process.version, cpu: cpus()[0]?.model ?? '?', cores: cpus().length, cc: tools.cc, flags: tools.flags,
    kernelSha256: lib.KERNEL_SHA256, releaseBytes: wasm.length, kernelVariant: lib.kernelVariant(), seconds: Math.round((performance.now() - t0) / 1000),
    cpuSeconds: cpuSeconds(cpu0),
    // other work on the machine skews timings: the 1-minute load average before and after
    load: [load0, loadavg()[0]!],
  },
  headline, nSweep, kSweep, big, equality, memory, sizes,
};
const md = report(results);
mkdirSync('bench/results', { recursive: true });
const base = `bench/results/${quick ? 'quick' : 'bench'}`;
writeFileSync(`${base}.json`, JSON.stringify(results, null, 1) + '\n');
writeFileSync(`${base}.md`, md + '\n');
console.log(md);
if (!quick) replaceBetween('README.md', README_BEGIN, README_END, speedReadme(results)); // test/bench-readme.test.ts checks it
log(`wrote ${base}.json and ${base}.md`);
