// One command for the energy tables in README.md and docs/emulator.md:
//   scripts/run-ts.sh scripts/energy-table.ts [--out out/energy] [--models a.ebn,b.ebn] [--retrain]
//        [--pareto 25,50,100] [--seconds s] [--docs docs/emulator.md,README.md]
// Takes whatever trained models it is given (default: out/energy/vanderpol.ebn,
// trained here if missing; pass models trained under a chip's rule and
// precision to price those), and for every built-in profile: maps the runnable
// form, quantizes to the chip's bits, runs free with the network's own rule and
// with the chip's, prices every event (ranges, static power, host I/O),
// measures latency, throughput and energy x delay, and labels rows that need an
// arbiter the chip lacks. Then the validation table (docs) and the Pareto
// figure (accuracy vs energy vs N). Rewrites the marked blocks of the docs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { rangeText, runEnergy, type EnergyRow, type EnergySummary } from '../src/commands/energy.js';
import { runTrain } from '../src/commands/train.js';
import { getProfile } from '../src/emulator/builtin-profiles.js';
import { profilesTable } from '../src/emulator/profile-table.js';
import { CATEGORIES } from '../src/emulator/ledger.js';
import { perOperationCycles } from '../src/emulator/processor.js';
import { si } from '../src/emulator/units.js';
import { loadModel } from '../src/node/files.js';
import { figure, lineChart } from '../src/plot/index.js';
import { vanDerPol } from '../src/systems/index.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'out/energy' },
    models: { type: 'string' },
    retrain: { type: 'boolean', default: false },
    pareto: { type: 'string', default: '25,50,100' },
    seconds: { type: 'string' },
    docs: { type: 'string', default: 'docs/emulator.md,README.md' },
    /** Only rewrite the docs from the parts the last full run saved in <out>. */
    splice: { type: 'boolean', default: false },
  },
});
const out = values.out!;
const t0 = performance.now();
const seconds = values.seconds ? Number(values.seconds) : undefined;

function vdpModel(N: number): string {
  const path = join(out, N === 50 ? 'vanderpol.ebn' : `vanderpol-n${N}.ebn`);
  if (values.retrain || !existsSync(path)) {
    process.stderr.write(`training vanderpol N=${N}...\n`);
    runTrain({ system: vanDerPol(), neurons: N, out: path, quiet: true });
  }
  return path;
}

const cell = (s: string) => s.replace(/\|/g, '/');

function splice(doc: string, name: string, body: string): string {
  const a = `<!-- ${name}:start -->`;
  const b = `<!-- ${name}:end -->`;
  const i = doc.indexOf(a);
  const j = doc.indexOf(b);
  return i >= 0 && j > i ? `${doc.slice(0, i + a.length)}\n${body}\n${doc.slice(j)}` : doc;
}
const PARTS = ['energy-table', 'validation-table', 'pareto'] as const;

function writeDocs(parts: Record<(typeof PARTS)[number], string>): void {
  for (const path of (values.docs ?? '').split(',').filter((p) => p && existsSync(p))) {
    let doc = readFileSync(path, 'utf8');
    for (const k of PARTS) doc = splice(doc, k, parts[k]);
    doc = splice(doc, 'profiles-table', profilesTable());
    writeFileSync(path, doc);
  }
}
if (values.splice) {
  writeDocs(Object.fromEntries(PARTS.map((k) => [k, readFileSync(join(out, `${k}.md`), 'utf8').trimEnd()])) as Record<(typeof PARTS)[number], string>);
  process.exit(0);
}

const models = values.models ? values.models.split(',') : [vdpModel(50)];
const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 'n/a' : `${(100 * v).toFixed(1)}%`);
type Acc = EnergySummary['baseline']['accuracy'];
const acc = (a: Acc | undefined) =>
  !a ? 'n/a'
    : a.amplitudeError !== undefined ? `amp ${pct(a.amplitudeError)}, period ${pct(a.periodError)}`
      : a.attractorMeanError !== undefined ? `attractor mean ${pct(a.attractorMeanError)}, std ${pct(a.attractorStdError)}`
        : `traj ${pct(a.trajectoryError)}`;

const HEAD = '| model (rule) | profile | runs | weights / state | accuracy on the chip | rate | energy per simulated s (min / typical / max) | neuron | fast | slow | learning | routing | io | static | slowest step | steps/s | energy x delay per step | spike rule |';
const SEP = `|${HEAD.split('|').slice(1, -1).map(() => '---').join('|')}|`;

function rowsOf(s: EnergySummary, label: string): string[] {
  const lines = [`| ${label} | as trained (kernel q24) | | 32 / 32 | ${acc(s.baseline.accuracy)} | ${s.baseline.accuracy.ratePerNeuron.toFixed(1)} Hz | | | | | | | | | | | | |`];
  for (const r of s.results) {
    if (!r.fits) {
      lines.push(`| ${label} | ${r.profile} | **refused** | | ${cell(r.refusal!.message)} | | | | | | | | | | | | | |`);
      continue;
    }
    type Run = { energy: NonNullable<EnergyRow['energy']>; perStep?: EnergyRow['perStep']; latency?: EnergyRow['latency'] };
    const runs = r.form!.changed ? `${r.form!.slowPath}, spiking dendrites (runnable form)` : `${r.form!.slowPath}${r.profile.startsWith('cortex') || r.profile.startsWith('esp32') || r.profile === 'spinnaker2' ? ' (kernel)' : ''}`;
    const rule = r.rule!.needsArbiter ? `**needs an arbiter ${r.profile} lacks** (${r.rule!.networkRule})` : r.rule!.label;
    const fmt = `${r.format!.weightBits ?? 32} / ${r.format!.stateBits}`;
    const tail = (run: Run, a: Acc, rr: string) => {
      const e = run.energy;
      const share = (c: (typeof CATEGORIES)[number]) => `${pct(e.categories[c].share)}${e.missingCategories.includes(c) ? '*' : ''}`;
      const ps = run.perStep;
      const step = ps?.latency == null ? 'n/a' : `${si(ps.latency, 's')}${run.latency?.realTime ? '' : ' (slower than real time)'}`;
      return `| ${label} | ${r.profile} | ${runs} | ${fmt} | ${acc(a)} | ${a.ratePerNeuron.toFixed(1)} Hz | ${rangeText(e)} | ${share('neuron')} | ${share('fast')} | ${share('slow')} | ${share('learning')} | ${share('routing')} | ${share('io')} | ${share('static')} | ${step} | ${ps?.throughput == null ? 'n/a' : ps.throughput.toFixed(0)} | ${ps?.edp == null ? 'n/a' : `${ps.edp.toExponential(2)} J s`} | ${rr} |`;
    };
    // headline: the network fired by the chip's own rule; then as trained, labelled
    if (r.chipPolicy) lines.push(tail(r.chipPolicy, r.chipPolicy.accuracy, `chip's rule: ${r.chipPolicy.policy}${r.chipPolicy.note ? ' (parallel not in this build: same step)' : ''}`));
    lines.push(tail(r as Run, r.accuracy!, rule));
  }
  return lines;
}

const summaries: { label: string; s: EnergySummary }[] = [];
const tables: string[] = [];
for (const slowPath of ['dense', 'factored'] as const) {
  tables.push('', `**Slow path requested: ${slowPath}**${slowPath === 'dense' ? ' (as the kernel computes it: every basis value to every neuron each step)' : ' (Os = D W through J slow sums)'}; chips without graded units run their runnable form instead, as the "runs" column says.`, '', HEAD, SEP);
  for (const m of models) {
    const model = loadModel(m);
    const label = `${basename(m).replace(/\.ebn$/, '')} (N=${model.spec.N}, ${model.spec.policy})`;
    const s = await runEnergy({ model: m, loaded: model, profiles: ['all'], slowPath, policy: 'both', outDir: join(out, slowPath), ...(seconds ? { seconds } : {}) });
    summaries.push({ label, s });
    tables.push(...rowsOf(s, label));
  }
}

// ---- validation: published measurements next to ebnkit's estimate of the same workload
const v: string[] = ['| what | published measurement (source) | ebnkit estimate of the same workload | error |', '|---|---|---|---|'];
const mcu = JSON.parse(readFileSync('bench/results/mcu.json', 'utf8')) as { dt: number; rows: { mode: string; config: string; cpu: string; free: number; rate: number }[] };
const m4 = getProfile('cortex-m4');
for (const mode of ['dense', 'lowrank'] as const) {
  const row = mcu.rows.find((r) => r.mode === mode && r.config === '-O2 unchecked' && r.cpu === 'm4')!;
  const meas = row.free;
  const ref = m4.cycles!.reference;
  // the measured run's own spike rate (Hz per neuron) and step
  const parts = perOperationCycles(m4, { N: ref.N, J: ref.J, K: ref.K, B: ref.K + ref.J, alive: ref.N, factored: mode === 'lowrank', spikesPerStep: row.rate * ref.N * mcu.dt, learnPerStep: 0 });
  const est = Object.values(parts).reduce((a, b) => a + b, 0);
  v.push(`| Cortex-M4 kernel, instructions per step, Van der Pol N=50 K=100, ${mode} | ${Math.round(meas).toLocaleString('en-US')} (QEMU, bench/results/mcu.json) | ${Math.round(est).toLocaleString('en-US')} (per-operation model, the old profile's cycle estimates) | ${(100 * (est - meas) / meas).toFixed(1)}% |`);
}
const vdp = summaries.find((x) => x.s.slowPath === 'dense')!.s;
const loihi = vdp.results.find((r) => r.profile === 'loihi' && r.fits);
if (loihi?.sanafe)
  v.push(`| Loihi per-event costs on this run's events (${vdp.model}) | ${si(loihi.sanafe.perSecond, 'W')} at SANA-FE's silicon-fitted costs (Boyle et al. 2025, arch/loihi.yaml) | ${si(loihi.sanafe.ebnkit, 'W')} at Davies et al. 2018 Table 2 (pre-silicon, typical) | ${(100 * (1 / loihi.sanafe.ratio - 1)).toFixed(1)}% (SANA-FE / ebnkit = ${loihi.sanafe.ratio.toFixed(2)}) |`);
const spin = vdp.results.find((r) => r.profile === 'spinnaker' && r.fits);
if (spin?.energy?.alternatives) {
  const [a, b] = spin.energy.alternatives;
  v.push(`| SpiNNaker, Sharp et al. 2012 cortical microcircuit (10,000 neurons, 4 M synapses, 4 chips, real time) | 100 nJ per neuron-ms and 43 nJ per PSP: one ≈1 W total divided two ways | on this EBN run the two figures give ${si(a!.perSecond, 'W')} (per neuron) and ${si(b!.perSecond, 'W')} (per PSP): the range the table prints | ${(100 * (b!.perSecond - a!.perSecond) / a!.perSecond).toFixed(0)}% between the two (the old ledger added them) |`);
}
v.push(
  '| Xylo Audio 2 idle power | 219 µW (Bos & Muir 2022, as summarised by Open Neuromorphic) | 219 µW static: the measured figure is the profile\'s input, not an independent estimate | n/a (same number) |',
  '| Xylo Audio 2 dynamic power, keyword spotting (Bos & Muir 2024: 291 µW, 6.6 µJ per inference) | measured on an audio network ebnkit cannot run (fan-in 63) | no estimate: Xylo publishes no per-event energy, and the EBN is refused (fan-in) | n/a |',
  '| TrueNorth, 26 pJ per synaptic event (Merolla et al. 2014) | a whole-chip average at the measured load | used as the price itself (never added to hops or static power) | n/a (same number) |',
  '| Loihi static power | not found in the sources searched (Davies 2018 gives none) | not priced: Loihi totals are lower bounds (>=) | n/a |',
);

// ---- Pareto: accuracy vs energy vs N (sequential: one model per N)
const ns = values.pareto!.split(',').map(Number).filter((n) => n > 0);
const pts: { N: number; profile: string; energy: number; err: number }[] = [];
for (const N of ns) {
  const m = N === 50 ? models.find((x) => basename(x) === 'vanderpol.ebn') ?? vdpModel(50) : vdpModel(N);
  const s = await runEnergy({ model: m, loaded: loadModel(m), profiles: ['cortex-m4', 'loihi'], slowPath: 'dense', policy: 'both', outDir: join(out, 'pareto'), ...(seconds ? { seconds } : {}) });
  for (const r of s.results) {
    if (!r.fits) continue;
    const use = r.chipPolicy ?? { accuracy: r.accuracy!, energyPerSecond: r.energy!.perSecond };
    pts.push({ N, profile: `${r.profile}${r.chipPolicy ? ` (${r.chipPolicy.policy})` : ''}`, energy: use.energyPerSecond, err: use.accuracy.amplitudeError ?? use.accuracy.trajectoryError });
  }
}
const byProfile = [...new Set(pts.map((p) => p.profile))].map((name) => {
  const q = pts.filter((p) => p.profile === name).sort((a, b) => a.N - b.N);
  return { name, q };
});
const svg = figure(
  [
    lineChart({ title: 'amplitude error vs energy (points: N)', xLabel: 'log10 energy per simulated s (W)', yLabel: 'amplitude error (%)', series: byProfile.map(({ name, q }) => ({ name: `${name}: N = ${q.map((p) => p.N).join(', ')}`, x: q.map((p) => Math.log10(p.energy)), y: q.map((p) => 100 * p.err) })) }),
    lineChart({ title: 'energy vs N', xLabel: 'neurons N', yLabel: 'log10 energy per simulated s (W)', series: byProfile.map(({ name, q }) => ({ name, x: q.map((p) => p.N), y: q.map((p) => Math.log10(p.energy)) })) }),
  ],
  { columns: 2, title: 'ebnkit Pareto: Van der Pol, accuracy against energy against N' },
);
writeFileSync('docs/energy-pareto.svg', svg);
const paretoTable = ['| N | profile | energy per simulated s | amplitude error |', '|---|---|---|---|', ...pts.map((p) => `| ${p.N} | ${p.profile} | ${si(p.energy, 'W')} | ${pct(p.err)} |`)];

const took = ((performance.now() - t0) / 1000).toFixed(0);
const s0 = summaries[0]!.s;
const energyTable = [
  `Measured by \`scripts/run-ts.sh scripts/energy-table.ts\` (${took} s on this machine; models: ${models.join(', ')}): dt ${s0.dt * 1000} ms, free run (seed 1, ${s0.seconds} s) after a feedback lead-in; accuracy is measured on the same quantized kernel run whose spikes are priced. Each chip has two rows: first the network fired by the chip's own rule (the headline), then as trained (its own rule), labelled when it needs a one-spike arbiter the chip lacks.`,
  'Energies are min / typical / max over the sources (">=" = some events have no published cost, e.g. Loihi static power: a lower bound). Shares are of the typical priced energy; * = events of that kind with no published cost. "runs" says when a chip without graded units runs the spiking-dendrite form instead of the requested one (its accuracy column is then the kernel\'s graded run: the spiking form needs retraining and is not measured). io = input synaptic events and host words; static = static power (chip and cores in use) x wall time, or sleep current on microcontrollers.',
  ...tables,
].join('\n');
const validation = [
  `Generated by \`scripts/run-ts.sh scripts/energy-table.ts\`. No published measurement of an EBN workload on any of these chips exists; each row compares a published measurement with ebnkit's estimate of the same workload where one can be made, and says so where it cannot.`,
  '',
  ...v,
].join('\n');
const pareto = [`Generated by \`scripts/run-ts.sh scripts/energy-table.ts --pareto ${ns.join(',')}\` (one Van der Pol model per N, trained sequentially): \`docs/energy-pareto.svg\`.`, '', '![accuracy vs energy vs N](energy-pareto.svg)', '', ...paretoTable].join('\n');
const parts = { 'energy-table': energyTable, 'validation-table': validation, pareto };
for (const k of PARTS) writeFileSync(join(out, `${k}.md`), `${parts[k]}\n`);
writeDocs(parts);
console.log(`${energyTable}\n\n${validation}\n\n${pareto}`);
