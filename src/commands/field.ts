// `ebnkit field <model.ebn>`: is an error in the learned weights or in the
// spiking? From one start state, run the true system, the spiking network
// (free run after its lead-in, as the assessment does) and the network's
// learned field integrated without spikes (RK4 on W Phi(x) - lam x:
// src/metrics/field.ts `learnedField`), and measure the statistics of the
// system's kind on all three. When the learned field is about as wrong as the
// network, the error is in the weights (Lorenz's excess lobe switching,
// Lotka-Volterra's invariant drift: docs/automatic.md, "Known limits"); when
// only the network is, it is in the spiking (jitter, the spike rule, dt).
import { evalStart } from '../assess.js';
import { unseenCommands } from '../auto/commands.js';
import { cycleStats, freeRun, normalisedError, smoothCycle } from '../evaluate.js';
import { simulate } from '../integrate.js';
import { attractorStats } from '../metrics/attractor.js';
import { invariantDrift, invariantMean, invariantSpread } from '../metrics/conservative.js';
import { learnedField } from '../metrics/field.js';
import { Random } from '../random.js';
import { openModel } from './common.js';

export interface FieldOptions {
  /** The system's name or module, when the model's is not built in. */
  system?: string;
  /** Length of the three runs, s (default: 200 s for chaotic systems, else 10 time scales, at least 10 s). */
  seconds?: number;
  /** Seed of the start state (drawn in the system's evaluation box). */
  seed?: number;
}

export type FieldRowName = 'truth' | 'spiking network' | 'learned field, no spikes';

/** One run's statistics; which are present depends on the kind. */
export interface FieldRow {
  name: FieldRowName;
  /** Normalised RMS error against the truth over the whole run (0 for the truth). */
  error: number;
  /** Limit cycles (and any other run that cycles): period, s, and amplitude of coordinate 0 over the run's second half. */
  period?: number;
  amplitude?: number;
  /** Chaotic: lobe switches per s, per-coordinate means and stds (the truth's centre and hysteresis). */
  switchRate?: number;
  mean?: number[];
  std?: number[];
  /** Conservative with an invariant: the mean of H over each time scale of the run, and its drift per period (the assessment's metric, src/metrics/conservative.ts). */
  invariant?: number[];
  drift?: number;
}

export interface FieldReport {
  system: string;
  kind: string;
  N: number;
  dt: number;
  lam: number;
  seconds: number;
  /** Where all three runs start (the truth's state after the network's lead-in), normalised units. */
  start: number[];
  rows: FieldRow[];
  /** Linear and driven systems: the runs are driven by a command never seen in training (src/auto/commands.ts). */
  command: boolean;
  /** The kind's headline error of the spiking network and of the learned field, against the truth, and what it says. */
  headline: { metric: string; network: number; learned: number; verdict: string };
}

/** The kind's headline: a relative error of a row against the truth row. */
function headline(kind: string, truth: FieldRow, r: FieldRow): { metric: string; value: number } {
  const rel = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b !== 0 ? Math.abs(a - b) / Math.abs(b) : Infinity);
  if (kind === 'chaotic') return { metric: 'lobe switch rate error', value: rel(r.switchRate, truth.switchRate) };
  if (kind === 'conservative' && r.drift !== undefined) return { metric: 'invariant drift per period', value: r.drift };
  if (kind === 'limit-cycle') return { metric: 'amplitude error', value: rel(r.amplitude, truth.amplitude) };
  return { metric: 'normalised RMS error', value: r.error };
}

export async function runField(path: string, o: FieldOptions = {}): Promise<FieldReport> {
  const { model, sys, ex } = await openModel(path, o.system ? { system: o.system } : {});
  const J = sys.dims;
  const dt = ex.dt;
  const T = sys.timeScale;
  const seconds = o.seconds ?? (sys.kind === 'chaotic' ? 200 : Math.max(10, 10 * T));
  const rnd = new Random(o.seed ?? 1);
  const x0 = evalStart(sys, rnd);
  // linear and driven systems run under a command never seen in training, as the assessment does (src/assess.ts)
  const driven = sys.kind === 'linear' || sys.kind === 'driven';
  const c = driven ? unseenCommands(sys, rnd, x0, Math.round(seconds / dt), dt) : undefined;
  const run = freeRun(ex, sys, { x0, duration: seconds, ...(c ? { c } : {}) });
  const steps = run.xhat.length / J;
  // the learned field from the state the free run starts at (the truth's start after the lead-in), under the same command
  const start = Array.from(run.x.subarray(0, J));
  const learned = simulate({ ...sys, field: learnedField(model.spec) }, start, steps, dt, c).x;
  const runs: [FieldRowName, Float64Array][] = [['truth', run.x], ['spiking network', run.xhat], ['learned field, no spikes', learned]];
  const truthAttractor = sys.kind === 'chaotic' ? attractorStats(run.x, J, dt, Math.min(5, seconds / 4)) : null;
  const spread = sys.kind === 'conservative' && sys.invariant ? invariantSpread(sys) : NaN;
  const rows = runs.map(([name, tr]): FieldRow => {
    const row: FieldRow = { name, error: normalisedError(tr, run.x, J, dt, seconds) };
    if (truthAttractor) {
      const s = attractorStats(tr, J, dt, Math.min(5, seconds / 4), truthAttractor);
      Object.assign(row, { switchRate: s.switchRate, mean: s.mean, std: s.std });
    } else if (sys.kind === 'conservative' && sys.invariant) {
      const p = Math.max(1, Math.round(T / dt));
      row.invariant = [];
      for (let q = 0; q + p <= steps; q += p) row.invariant.push(invariantMean(tr, J, sys.invariant, q, p));
      const P = cycleStats(run.x, J, dt).period;
      row.drift = invariantDrift(tr, J, dt, Number.isFinite(P) ? P : T, sys.invariant, spread);
    } else {
      // amplitude through the assessment's moving average (src/evaluate.ts smoothCycle), the truth's too
      const c = smoothCycle(tr, J, dt, T, 0, seconds / 2);
      if (c.cycles) Object.assign(row, { period: c.period, amplitude: c.amplitude });
    }
    return row;
  });
  const net = headline(sys.kind, rows[0]!, rows[1]!);
  const lf = headline(sys.kind, rows[0]!, rows[2]!);
  // the weights carry the error when the field they encode, run without spikes, is at least half as wrong
  const verdict = !(net.value > 0) ? 'no error to place' : lf.value >= 0.5 * net.value ? 'the error is in the learned weights' : 'the error comes from spiking (the learned field alone is closer)';
  return {
    system: sys.name,
    kind: sys.kind,
    N: model.spec.N,
    dt,
    lam: model.spec.lam,
    seconds,
    start,
    command: driven,
    rows,
    headline: { metric: net.metric, network: net.value, learned: lf.value, verdict },
  };
}

export function formatField(r: FieldReport): string {
  const f = (a: number[]) => a.map((c) => c.toFixed(3)).join(', ');
  const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : 'n/a');
  const lines = [`${r.system} (${r.kind}), N ${r.N}, dt ${(r.dt * 1000).toPrecision(3)} ms, leak ${r.lam.toPrecision(3)}/s; ${r.seconds.toPrecision(4)} s from (${f(r.start)}) in normalised units${r.command ? ', under a command never seen in training' : ''}`];
  for (const row of r.rows) {
    let s = `${row.name.padEnd(26)} error vs truth ${pct(row.error)}`;
    if (row.switchRate !== undefined) s += `   lobe switches ${row.switchRate.toFixed(3)}/s   mean (${f(row.mean!)})   std (${f(row.std!)})`;
    if (row.invariant) s += `   drift ${pct(row.drift!)} per period; invariant per time scale: ${row.invariant.map((h) => h.toFixed(3)).join(' ')}`;
    if (row.period !== undefined) s += `   period ${row.period.toFixed(3)} s, amplitude ${row.amplitude!.toFixed(3)}`;
    lines.push(s);
  }
  lines.push(`${r.headline.metric}: network ${pct(r.headline.network)}, learned field ${pct(r.headline.learned)}: ${r.headline.verdict}`);
  return lines.join('\n');
}
