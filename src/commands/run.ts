// `ebnkit run model.ebn`: run a saved network free from a start state (with
// an optional command input and neuron kills) and write its readout and
// spikes as CSV or JSON.
import { freeRun, randomNeurons } from '../evaluate.js';
import { writeAtomic } from '../node/files.js';
import { Random } from '../random.js';
import { openModel, UsageError } from './common.js';

export interface RunCommand {
  model: string;
  seconds?: number;
  x0?: number[];
  kill?: number;
  noise?: number;
  /** Drive with the system's unseen-command generator (driven systems). */
  command?: boolean;
  seed?: number;
  out?: string;
  executor?: string;
  format?: string;
  system?: string;
}

export async function runRun(o: RunCommand) {
  const { model, sys, ex } = await openModel(o.model, o);
  const J = sys.dims;
  const rnd = new Random(o.seed ?? 1);
  const x0 = o.x0 ?? sys.starts.map(([lo, hi]) => rnd.range(lo, hi));
  if (x0.length !== J) throw new UsageError(`--x0: has ${x0.length} values; the system has ${J} dimensions`);
  const seconds = o.seconds ?? Math.max(5, 4 * sys.timeScale);
  const steps = Math.round(seconds / ex.dt);
  const c = o.command ? sys.command?.(rnd, steps, ex.dt) : undefined;
  if (o.command && !c) throw new UsageError(`--command: system ${sys.name} has no command generator`);
  const r = freeRun(ex, sys, {
    x0,
    duration: seconds,
    ...(c ? { c } : {}),
    ...(o.kill ? { kill: randomNeurons(model.spec.N, o.kill, (o.seed ?? 1) + 100) } : {}),
    ...(o.noise !== undefined ? { noise: o.noise } : {}),
  });
  const out = o.out ?? 'out/run.csv';
  if (out.endsWith('.json')) {
    writeAtomic(out, JSON.stringify({ dt: ex.dt, J, x0, xhat: Array.from(r.xhat), x: Array.from(r.x), spikes: { step: Array.from(r.spikeSteps, (s) => s - r.start), neuron: Array.from(r.spikeNeurons) } }));
  } else {
    const head = ['t', ...Array.from({ length: J }, (_, j) => `xhat${j + 1}`), ...Array.from({ length: J }, (_, j) => `x${j + 1}`)].join(',');
    const rows = [head];
    for (let s = 0; s < steps; s++) rows.push([(s * ex.dt).toFixed(6), ...Array.from(r.xhat.subarray(s * J, s * J + J), (v) => v.toFixed(6)), ...Array.from(r.x.subarray(s * J, s * J + J), (v) => v.toFixed(6))].join(','));
    writeAtomic(out, rows.join('\n') + '\n');
  }
  return { model: o.model, system: sys.name, executor: ex.kind, seconds, steps, spikes: r.spikeSteps.length, alive: r.aliveCount, out };
}
