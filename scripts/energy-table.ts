// One command for the README's energy table:
//   scripts/run-ts.sh scripts/energy-table.ts [--out out/energy] [--retrain] [--lorenz-seconds s]
// Trains (or reuses) Van der Pol and Lorenz networks in the kernel, then for
// every built-in profile: maps, quantizes to the chip's bits, runs free,
// measures accuracy and prices every event (dense and factored slow paths).
// Writes <out>/energy-table.md and rewrites the table block in docs/emulator.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runEnergy, type EnergySummary } from '../src/commands/energy.js';
import { runTrain } from '../src/commands/train.js';
import { CATEGORIES } from '../src/emulator/ledger.js';
import { si } from '../src/emulator/units.js';
import { loadModel } from '../src/node/files.js';
import { lorenz, vanDerPol } from '../src/systems/index.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'out/energy' },
    retrain: { type: 'boolean', default: false },
    'vdp-seconds': { type: 'string' },
    'lorenz-seconds': { type: 'string' },
    docs: { type: 'string', default: 'docs/emulator.md,README.md' },
  },
});
const out = values.out!;
const t0 = performance.now();

function model(name: string, make: () => ReturnType<typeof vanDerPol>, seconds: number | undefined): string {
  const path = join(out, `${name}.ebn`);
  if (values.retrain || !existsSync(path)) {
    process.stderr.write(`training ${name}${seconds ? ` for ${seconds} s simulated` : ''}...\n`);
    runTrain({ system: make(), ...(seconds !== undefined ? { seconds } : {}), out: path, quiet: true });
  }
  return path;
}

const vdpSeconds = values['vdp-seconds'] ? Number(values['vdp-seconds']) : undefined;
const lorenzSeconds = values['lorenz-seconds'] ? Number(values['lorenz-seconds']) : undefined;
const models = [
  { path: model('vanderpol', () => vanDerPol(), vdpSeconds), label: 'Van der Pol' },
  { path: model('lorenz', () => lorenz(), lorenzSeconds), label: `Lorenz (N=100, ${lorenzSeconds ?? lorenz().training?.duration} s, learned in low-rank form)` },
];

const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 'n/a' : `${(100 * v).toFixed(1)}%`);
const acc = (a: EnergySummary['baseline']['accuracy'] | undefined) =>
  !a
    ? 'n/a'
    : a.amplitudeError !== undefined
      ? `amp ${pct(a.amplitudeError)}, period ${pct(a.periodError)}`
      : a.attractorMeanError !== undefined
        ? `attractor mean ${pct(a.attractorMeanError)}, std ${pct(a.attractorStdError)}, ${a.switchRate!.toFixed(2)} switches/s (true ${a.trueSwitchRate!.toFixed(2)})`
        : `${pct(a.trajectoryError)} (1 s horizon)`;

const lines: string[] = [];
const summaries: EnergySummary[] = [];
for (const slowPath of ['dense', 'factored'] as const) {
  lines.push(
    '',
    `**Slow path ${slowPath}**${slowPath === 'dense' ? ' (as the kernel computes it: every basis value to every neuron each step)' : ' (Os = D W: basis values through J slow-sum units)'}`,
    '',
    '| system | profile | weights / state | accuracy on the chip | rate | energy per simulated s | neuron | fast | slow | learning | routing | static | step time | chip fires "all" |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const m of models) {
    const s = await runEnergy({ model: m.path, loaded: loadModel(m.path), profiles: ['all'], slowPath, policy: 'both', outDir: join(out, slowPath) });
    summaries.push(s);
    lines.push(`| ${m.label} | as trained (kernel q24) | 32 / 32 | ${acc(s.baseline.accuracy)} | ${s.baseline.accuracy.ratePerNeuron.toFixed(1)} Hz | | | | | | | | | |`);
    for (const r of s.results) {
      if (!r.fits) {
        lines.push(`| ${m.label} | ${r.profile} | | **refused**: ${r.refusal!.message.replace(/\|/g, '/')} | | | | | | | | | | |`);
        continue;
      }
      const e = r.energy!;
      const share = (c: (typeof CATEGORIES)[number]) => `${pct(e.categories[c].share)}${e.missingCategories.includes(c) ? '*' : ''}`;
      const step = r.latency?.max == null ? 'n/a' : `${si(r.latency.max, 's')}${r.latency.realTime ? '' : ' (slower than real time)'}`;
      const chip = r.chipPolicy ? `${acc(r.chipPolicy.accuracy)}, ${r.chipPolicy.accuracy.ratePerNeuron.toFixed(0)} Hz` : '(runs the spec policy)';
      const energy = `${si(e.perSecond, 'W')}${e.cyclesPerStep !== undefined ? ` (${Math.round(e.cyclesPerStep).toLocaleString('en-US')} cycles/step)` : ''}`;
      lines.push(`| ${m.label} | ${r.profile} | ${r.format!.weightBits ?? 32} / ${r.format!.stateBits} | ${acc(r.accuracy)} | ${r.accuracy!.ratePerNeuron.toFixed(1)} Hz | ${energy} | ${share('neuron')} | ${share('fast')} | ${share('slow')} | ${share('learning')} | ${share('routing')} | ${share('static')} | ${step} | ${chip} |`);
    }
  }
}
const s0 = summaries[0]!;
const table = [
  `Measured by \`scripts/run-ts.sh scripts/energy-table.ts\` (${((performance.now() - t0) / 1000).toFixed(0)} s on this machine): N=${s0.neurons}, K=${s0.dendrites} dendrites, dt ${s0.dt * 1000} ms; free run (seed 1, ${summaries.map((s) => `${s.system} ${s.seconds} s`).filter((v, i, a) => a.indexOf(v) === i).join(', ')}) after a feedback lead-in; accuracy is measured on the same quantized kernel run whose spikes are priced. Van der Pol: amplitude and period error against the true limit cycle; Lorenz: attractor statistics (worst error of per-coordinate means and standard deviations relative to the true standard deviation, and the lobe-switching rate).`,
  'Shares are of the priced energy; * = some events of that kind have no published cost in the profile (counted, not priced). Cortex-M4 cycles are estimates until the kernel is measured.',
  ...lines,
].join('\n');
writeFileSync(join(out, 'energy-table.md'), `${table}\n`);
// rewrite the table block (between the markers) in each document that has one
for (const path of (values.docs ?? '').split(',').filter((p) => p && existsSync(p))) {
  const doc = readFileSync(path, 'utf8');
  const a = '<!-- energy-table:start -->';
  const b = '<!-- energy-table:end -->';
  const i = doc.indexOf(a);
  const j = doc.indexOf(b);
  if (i >= 0 && j > i) writeFileSync(path, `${doc.slice(0, i + a.length)}\n${table}\n${doc.slice(j)}`);
}
console.log(table);
