// The energy documents (README.md and docs/emulator.md blocks, and
// docs/energy-pareto.svg) from the stored results of the sweep
// sweeps/energy.yaml: a pure function of those records, so
// scripts/energy-table.ts writes them and test/emulator/docs.test.ts renders
// them again from the committed store and compares.
import { rangeText, type EnergyRow, type EnergySummary } from '../../src/commands/energy.js';
import { getProfile } from '../../src/emulator/builtin-profiles.js';
import { CATEGORIES } from '../../src/emulator/ledger.js';
import { perOperationCycles } from '../../src/emulator/processor.js';
import { si } from '../../src/emulator/units.js';
import { figure, lineChart } from '../../src/plot/index.js';
import type { ResultRecord, VerifyRecord } from '../../src/sweep/store.js';

/** The blocks the script rewrites in each document. */
export const PARTS = ['energy-table', 'validation-table', 'pareto'] as const;
export type Parts = Record<(typeof PARTS)[number], string>;

/** The size whose networks fill the main table (the other sizes are the Pareto figure's). */
export const TABLE_N = 50;

export interface Priced {
  N: number;
  policy: string;
  slowPath: string;
  label: string;
  /** The energy summary (null: the job failed, with its reason). */
  s: EnergySummary | null;
  error?: string;
  cpuSeconds?: number;
}

/** One stored job of the sweep as a table input. */
export function pricedOf(rec: ResultRecord): Priced {
  const N = Number(rec.job.train.neurons);
  const policy = String(rec.job.train.policy);
  const slowPath = String(rec.job.energy!.slowPath);
  const label = `vanderpol (N=${N}, trained ${policy})`;
  const cpu = rec.timing.cpuSeconds !== undefined ? { cpuSeconds: rec.timing.cpuSeconds } : {};
  return rec.status === 'ok' && rec.result
    ? { N, policy, slowPath, label, s: rec.result.energy as unknown as EnergySummary, ...cpu }
    : { N, policy, slowPath, label, s: null, error: rec.error ?? 'failed', ...cpu };
}

export interface McuResults {
  dt: number;
  rows: { mode: string; config: string; cpu: string; free: number; rate: number }[];
}

export interface EnergyDocsInput {
  sweep: string;
  records: ResultRecord[];
  verifies: VerifyRecord[];
  /** ebnkit version and kernel sha256 the records were computed with. */
  version: string;
  kernel: string;
  /** bench/results/mcu.json, for the validation table's Cortex-M4 rows. */
  mcu: McuResults;
}

const cell = (s: string) => s.replace(/\|/g, '/');

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

export function energyParts(i: EnergyDocsInput): { parts: Parts; svg: string } {
  const priced = i.records.map(pricedOf);
  const { verifies, mcu } = i;
  // the seeds the jobs ran with (the sweep file's; report seeds, never a development one)
  const seeds = (section: 'train' | 'energy') => [...new Set(i.records.map((r) => String(r.job[section]?.seed ?? 1)))].join(', ');
  const tables: string[] = [];
  for (const slowPath of ['dense', 'factored'] as const) {
    tables.push('', `**Slow path requested: ${slowPath}**${slowPath === 'dense' ? ' (as the kernel computes it: every basis value to every neuron each step)' : ' (Os = D W through J slow sums)'}; chips without graded units run their runnable form instead, as the "runs" column says.`, '', HEAD, SEP);
    for (const p of priced.filter((x) => x.N === TABLE_N && x.slowPath === slowPath)) tables.push(...(p.s ? rowsOf(p.s, p.label) : [`| ${p.label} | **job failed** | | | ${cell(p.error!)} | | | | | | | | | | | | | |`]));
  }
  // ---- validation: published measurements next to ebnkit's estimate of the same workload
  const v: string[] = ['| what | published measurement (source) | ebnkit estimate of the same workload | error |', '|---|---|---|---|'];
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
  const vdp = priced.find((x) => x.N === TABLE_N && x.policy === 'winner' && x.slowPath === 'dense' && x.s)!.s!;
  const vdpLabel = `vanderpol (N=${TABLE_N}, trained winner)`;
  const loihi = vdp.results.find((r) => r.profile === 'loihi' && r.fits);
  if (loihi?.sanafe)
    v.push(`| Loihi per-event costs on this run's events (${vdpLabel}) | ${si(loihi.sanafe.perSecond, 'W')} at SANA-FE's silicon-fitted costs (Boyle et al. 2025, arch/loihi.yaml) | ${si(loihi.sanafe.ebnkit, 'W')} at Davies et al. 2018 Table 2 (pre-silicon, typical) | ${(100 * (1 / loihi.sanafe.ratio - 1)).toFixed(1)}% (SANA-FE / ebnkit = ${loihi.sanafe.ratio.toFixed(2)}) |`);
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

  // ---- Pareto: accuracy vs energy vs N, per profile and training rule (dense slow path; the chip's own rule where it differs)
  const pts: { N: number; profile: string; energy: number; err: number }[] = [];
  for (const p of priced.filter((x) => x.slowPath === 'dense' && x.s)) {
    for (const r of p.s!.results) {
      if (!r.fits || !['cortex-m4', 'loihi'].includes(r.profile)) continue;
      const use = r.chipPolicy ?? { accuracy: r.accuracy!, energyPerSecond: r.energy!.perSecond, policy: r.policy };
      pts.push({ N: p.N, profile: `${r.profile}, trained ${p.policy}, fired ${use.policy ?? p.policy}`, energy: use.energyPerSecond, err: use.accuracy.amplitudeError ?? use.accuracy.trajectoryError });
    }
  }
  const ns = [...new Set(priced.map((p) => p.N))];
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
  const paretoTable = ['| N | profile | energy per simulated s | amplitude error |', '|---|---|---|---|', ...pts.map((p) => `| ${p.N} | ${p.profile} | ${si(p.energy, 'W')} | ${pct(p.err)} |`)];

  const cpu = priced.reduce((a, p) => a + (p.cpuSeconds ?? 0), 0);
  const source = `the sweep \`${i.sweep}\` (${priced.length} jobs, ${cpu.toFixed(0)} s of job CPU in all; ebnkit ${i.version}, kernel ${i.kernel.slice(0, 12)}; ${verifies.length} job${verifies.length === 1 ? '' : 's'} re-run by the sweep's check: ${verifies.filter((x) => x.match).length} bit-identical)`;
  const energyTable = [
    `Measured by \`scripts/run-ts.sh scripts/energy-table.ts\` from ${source}. Rows: Van der Pol at N = ${TABLE_N}, training seed ${seeds('train')}, trained under winner (the MCU rule) and under parallel (the chip rule), both at the automatic configuration otherwise: dt ${vdp.dt * 1000} ms, free run (seed ${seeds('energy')}, ${vdp.seconds} s) after a feedback lead-in; accuracy is measured on the same quantized kernel run whose spikes are priced. Each chip has two rows: first the network fired by the chip's own rule (the headline), then as trained (its own rule), labelled when it needs a one-spike arbiter the chip lacks.`,
    'Energies are min / typical / max over the sources (">=" = some events have no published cost, e.g. Loihi static power: a lower bound). Shares are of the typical priced energy; * = events of that kind with no published cost. "runs" says when a chip without graded units runs the spiking-dendrite form instead of the requested one (its accuracy column is then the kernel\'s graded run: the spiking form needs retraining and is not measured). io = input synaptic events and host words; static = static power (chip and cores in use) x wall time, or sleep current on microcontrollers.',
    ...tables,
  ].join('\n');
  const validation = [
    `Generated by \`scripts/run-ts.sh scripts/energy-table.ts\`. No published measurement of an EBN workload on any of these chips exists; each row compares a published measurement with ebnkit's estimate of the same workload where one can be made, and says so where it cannot.`,
    '',
    ...v,
  ].join('\n');
  const pareto = [`Generated by \`scripts/run-ts.sh scripts/energy-table.ts\` from ${source}: Van der Pol at N = ${ns.join(', ')}, trained under each rule, dense slow path, fired by the chip's rule: \`docs/energy-pareto.svg\`.`, '', '![accuracy vs energy vs N](energy-pareto.svg)', '', ...paretoTable].join('\n');
  return { parts: { 'energy-table': energyTable, 'validation-table': validation, pareto }, svg };
}
