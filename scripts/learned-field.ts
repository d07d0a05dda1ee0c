// What the weights learned versus what spiking adds: from one start state,
// run the true system, the spiking network (free run after its lead-in, as
// the assessment does) and the network's learned field integrated without
// spikes (RK4 on W Phi(x) - lam x: src/metrics/field.ts `learnedField`), and
// print the statistics of the system's kind for all three. When the learned
// field is as wrong as the network, the error is in the weights (Lorenz's
// excess lobe switching, Lotka-Volterra's invariant drift: docs/automatic.md,
// "Known limits"); when only the network is, it is in the spiking.
//   scripts/run-ts.sh scripts/learned-field.ts <model.ebn> [--system <name|module>] [--seconds S] [--seed s]
import { parseArgs } from 'node:util';
import { openModel } from '../src/commands/common.js';
import { cycleStats, freeRun, normalisedError } from '../src/evaluate.js';
import { simulate } from '../src/integrate.js';
import { attractorStats, type AttractorStats } from '../src/metrics/attractor.js';
import { invariantMean } from '../src/metrics/conservative.js';
import { learnedField } from '../src/metrics/field.js';
import { Random } from '../src/random.js';

const { values: v, positionals } = parseArgs({ allowPositionals: true, options: { system: { type: 'string' }, seconds: { type: 'string' }, seed: { type: 'string' } } });
if (positionals.length !== 1) {
  console.error('usage: scripts/run-ts.sh scripts/learned-field.ts <model.ebn> [--system <name|module>] [--seconds S] [--seed s]');
  process.exit(2);
}
const { model, sys, ex } = await openModel(positionals[0]!, v.system ? { system: v.system } : {});
const J = sys.dims;
const dt = ex.dt;
const T = sys.timeScale;
const seconds = Number(v.seconds ?? (sys.kind === 'chaotic' ? 200 : Math.max(10, 10 * T)));
if (!(seconds > 0)) throw new RangeError(`--seconds: ${v.seconds} is not a positive number`);
const rnd = new Random(Number(v.seed ?? 1));
const x0 = (sys.evalStarts ?? sys.starts).map(([lo, hi]) => rnd.range(lo, hi));

const run = freeRun(ex, sys, { x0, duration: seconds });
const steps = run.xhat.length / J;
// the learned field from the state the free run starts at (the truth's start after the lead-in)
const start = run.x.slice(0, J);
const field = learnedField(model.spec);
const learned = simulate({ ...sys, field }, start, steps, dt).x;
const rows: [string, ArrayLike<number>][] = [['truth', run.x], ['spiking network', run.xhat], ['learned field, no spikes', learned]];

console.log(`${sys.name} (${sys.kind}), N ${model.spec.N}, dt ${(dt * 1000).toPrecision(3)} ms, leak ${model.spec.lam.toPrecision(3)}/s; ${seconds.toPrecision(4)} s from (${Array.from(start, (c) => c.toFixed(2)).join(', ')}) in normalised units`);
const f = (a: number[]) => a.map((c) => c.toFixed(3)).join(', ');
if (sys.kind === 'chaotic') {
  const truth: AttractorStats = attractorStats(run.x, J, dt, 5);
  for (const [name, tr] of rows) {
    const s = attractorStats(tr, J, dt, 5, truth);
    console.log(`${name.padEnd(26)} lobe switches ${s.switchRate.toFixed(3)}/s   mean (${f(s.mean)})   std (${f(s.std)})`);
  }
} else if (sys.kind === 'conservative' && sys.invariant) {
  const H = sys.invariant;
  const p = Math.max(1, Math.round(T / dt));
  for (const [name, tr] of rows) {
    const per: string[] = [];
    for (let q = 0; q + p <= steps; q += p) per.push(invariantMean(tr, J, H, q, p).toFixed(3));
    console.log(`${name.padEnd(26)} invariant, mean per time scale: ${per.join(' ')}`);
  }
} else {
  for (const [name, tr] of rows) {
    const c = cycleStats(tr, J, dt, 0, seconds / 2);
    const cyc = c.cycles ? `   period ${c.period.toFixed(3)} s, amplitude ${c.amplitude.toFixed(3)}` : '';
    console.log(`${name.padEnd(26)} error vs truth ${(100 * normalisedError(tr, run.x, J, dt, seconds)).toFixed(1)}% (normalised RMS over the run)${cyc}`);
  }
}
