// The README's speed and size figures, generated from bench/results/bench.json
// (and bench/results/mcu.json for the Cortex-M rows) by `npm run bench`;
// test/bench-readme.test.ts checks that the README block equals what this
// makes of the committed results. Every comparison names both rows and is
// like for like: the same mode (dense or low-rank), the same case, blocks
// interleaved, CPU time.
import { IMPL_NAMES, pairRatio, type Impl, type Row } from './rows.js';
import { estText, exponent, find, mcuResults, us, x, type Results } from './report.js';
import { markdownTable } from './table.js';

export const README_BEGIN = '<!-- bench:begin (npm run bench writes this block from bench/results) -->';
export const README_END = '<!-- bench:end -->';

const int = (v: number) => Math.round(v).toLocaleString('en');
const ratio = (a: Row | undefined, b: Row | undefined) => {
  if (!a || !b) return '-';
  const r = pairRatio(a, b);
  return `${x(r.median)} (${r.lo.toFixed(2)}–${r.hi.toFixed(2)})`;
};

const ROWS: Impl[] = ['kernel', 'kscalar', 'native', 'native3', 'cfix', 'cfix3', 'cf32', 'cf32lut', 'cf32fast', 'cf32lutfast', 'jsf32', 'ref'];

export function speedReadme(R: Results): string {
  const m = R.meta;
  const out: string[] = [];
  const rel = R.sizes.find((s) => s.file.endsWith('release.wasm'));
  const inf = R.sizes.find((s) => s.file.endsWith('inference.wasm'));
  const simd = R.sizes.find((s) => s.file.endsWith('simd.wasm'));
  if (rel && inf && simd)
    out.push(`The release kernel (scalar: the MCU and interpreter build) is ${int(rel.bytes)} B with ${rel.imports} imports; the inference-only build ` +
      `(\`npm run asbuild:inference\`) is ${int(inf.bytes)} B; the SIMD128 build the host runs where the runtime supports it (same bits) is ${int(simd.bytes)} B. ` +
      '`scripts/check-size.mjs` fails `npm test` if the first two pass 8 KiB, the SIMD build 10 KiB, or any gains an import.', '');
  out.push(`Measured with \`npm run bench\` (${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.cc.replace(/^gcc \(.*\) /, 'gcc ')}; ${m.date.slice(0, 10)}). ` +
    'Times are CPU time per step (not wall time), medians of timed blocks after 0.25 s of simulated settling; the implementations ' +
    'of a case run their blocks in turn, and "a / b" is the median of the per-block ratios with their range in brackets. ' +
    'Each row is compared with the kernel **in the same mode**. Full tables: `bench/results/bench.md`.', '');
  for (const learn of [false]) {
    const body: string[][] = [];
    for (const impl of ROWS) {
      const l = find(R.headline, impl, 'lowrank', learn), d = find(R.headline, impl, 'dense', learn);
      if (!l && !d) continue;
      body.push([IMPL_NAMES[impl], us(l?.ns), impl === 'kernel' ? '1.00x' : ratio(l, find(R.headline, 'kernel', 'lowrank', learn)),
        us(d?.ns), impl === 'kernel' ? '1.00x' : ratio(d, find(R.headline, 'kernel', 'dense', learn))]);
    }
    out.push(markdownTable([`N = 50, K = 100, learning ${learn ? 'on' : 'off'}`, 'low-rank µs/step', '/ kernel low-rank', 'dense µs/step', '/ kernel dense'], body), '');
  }
  const big = (impl: Impl, mode: 'dense' | 'lowrank', learn = false) => find(R.big, impl, mode, learn, 1024, 256, 'winner');
  const kl = big('kernel', 'lowrank');
  if (kl) {
    out.push(`At N = 1024, K = 256 (low-rank, learning off) the kernel in Node takes ${us(kl.ns)} µs per step: ` +
      `kernel / bit-exact C port at -O3 -march=native ${ratio(kl, big('cfix3', 'lowrank'))}, ` +
      `kernel / C float32 with the LUT at -O3 -march=native -ffast-math ${ratio(kl, big('cf32lutfast', 'lowrank'))}, ` +
      `kernel / the same with libm ${ratio(kl, big('cf32fast', 'lowrank'))}. ` +
      `There kernel dense / kernel low-rank is ${ratio(big('kernel', 'dense'), kl)} with learning off and ${ratio(big('kernel', 'dense', true), big('kernel', 'lowrank', true))} with learning on.`);
  }
  const lowFree = R.nSweep.filter((r) => r.impl === 'kernel' && r.mode === 'lowrank' && !r.learn && r.policy === 'winner');
  const e = exponent(lowFree, 500);
  const n50 = find(R.headline, 'kernel', 'lowrank', false);
  const nMax = lowFree.reduce<Row | undefined>((a, r) => (!a || r.N > a.N ? r : a), undefined);
  if (n50 && nMax)
    out.push(`Low-rank time per step grows as N^${e.b.toFixed(2)} for N ≥ ${e.from}; real-time factor (simulated per CPU second) ` +
      `${int(n50.rtf)} at N = 50 (dt 0.25 ms), ${nMax.rtf.toFixed(1)} at N = ${nMax.N}.`);
  out.push('');
  const mcu = mcuResults(m.kernelSha256);
  if (typeof mcu === 'string') out.push(`Cortex-M: ${mcu}.`);
  else {
    const rows = mcu.rows.filter((r) => r.cpu === 'm3' && ['-O2 checked', '-O2 unchecked', '-O3 unchecked'].includes(r.config));
    const cell = (config: string, mode: string) => {
      const r = rows.find((q) => q.config === config && q.mode === mode);
      return r ? `${int(r.free)} / ${int(r.learn)}${r.matchesNode ? '' : ' (NOT bit-exact)'}` : '-';
    };
    out.push('Cortex-M3 (QEMU `-icount`, `npm run bench:mcu`; every build reproduces the Node fingerprints bit for bit unless marked), ' +
      'N = 50, K = 100, **instructions** per step, free / learning (-O2 unchecked is the Makefile\'s default build):', '',
      markdownTable(['wasm2c build', 'dense', 'low-rank'], ['-O2 checked', '-O2 unchecked', '-O3 unchecked'].map((c) => [c, cell(c, 'dense'), cell(c, 'lowrank')])), '');
    const est = (cpu: string, mode: string, config: string) => mcu.rows.find((r) => r.cpu === cpu && r.mode === mode && r.config === config);
    const cyc = ['m3', 'm4'].flatMap((cpu) => ['lowrank', 'dense'].map((mode) => [cpu, mode, est(cpu, mode, '-O2 unchecked')] as const)).filter(([, , r]) => r?.cycles);
    if (cyc.length) {
      out.push('Estimated **cycles** per step of the same default build: the executed instruction mix of a traced block weighted by the Cortex-M3/M4 ' +
        'Technical Reference Manuals\' cycle timings (zero wait states; typical (min–max); method: `bench/README.md`):', '',
        markdownTable(['core, mode', 'free', 'learning', 'cycles / instruction (learning)', `learning at 48 MHz, dt = 0.5 ms (${int(mcu.budget)} cycles)`],
          cyc.map(([cpu, mode, r]) => [`M${cpu.slice(1)}, ${mode === 'lowrank' ? 'low-rank' : mode}`, estText(r!.cycles!.free), estText(r!.cycles!.learn),
            `${r!.cpi!.learn.typical.toFixed(2)} (${r!.cpi!.learn.min.toFixed(2)}–${r!.cpi!.learn.max.toFixed(2)})`,
            `${((100 * r!.cycles!.learn.typical) / mcu.budget).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} % of the step: ${r!.cycles!.learn.max <= mcu.budget ? 'real time' : r!.cycles!.learn.typical <= mcu.budget ? 'real time at the typical estimate, not at the worst case' : r!.cycles!.learn.min > mcu.budget ? '**not real time**' : 'real time only in the best case'}`])), '');
      const ck = (cpu: string) => {
        const c = est(cpu, 'lowrank', '-O2 checked'), u = est(cpu, 'lowrank', '-O2 unchecked');
        return c?.cycles && u?.cycles ? `${(c.cycles.learn.typical / u.cycles.learn.typical).toFixed(2)}x` : '-';
      };
      out.push(`The bounds-checked build (\`make CHECKS=1\`) costs ${ck('m3')} (M3) and ${ck('m4')} (M4) the estimated cycles of the default build on a low-rank learning step.`, '');
    }
    const fw = rows.find((r) => r.config === '-O2 unchecked' && r.mode === 'dense');
    if (fw) out.push(`The firmware of this benchmark (\`targets/firmware/vdp.c\`, the N = 50, K = 100 dense image in flash, default -O2 unchecked build) is ${int(fw.flash)} B of flash (image ${int(fw.image)} B) and ${int(fw.ram)} B of RAM.`);
  }
  return out.join('\n').replace(/\n+$/, '');
}
