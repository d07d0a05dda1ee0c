// `ebnkit run model.ebn`: run a saved network free from a start state (with
// an optional command input and neuron kills) and write its readout and
// spikes as CSV or JSON.
//
// Streamed in constant memory (issue 14, F6): the network and the true system
// advance together in chunks of CHUNK_STEPS; each chunk's rows go to a
// temporary file and the file is renamed into place at the end. Between
// chunks the loop yields to the event loop, so Ctrl-C / SIGTERM stop it at
// once and remove the temporary files (the previous output stays). Only
// `--command` holds a whole-run signal (the generator draws it in one piece:
// 8 J bytes per step).
import { randomNeurons } from '../evaluate.js';
import { simulate } from '../integrate.js';
import { StreamFile } from '../node/stream-file.js';
import { Random } from '../random.js';
import { leadIn } from '../time-stretch.js';
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

/** Steps per chunk: 64 Ki steps x J values x a few arrays stay a few MB whatever the run's length. */
export const CHUNK_STEPS = 1 << 16;

const fix6 = (v: number) => v.toFixed(6);
const json = (v: number) => (Number.isFinite(v) ? String(v) : 'null');

export async function runRun(o: RunCommand) {
  const { model, sys, ex } = await openModel(o.model, o);
  const J = sys.dims;
  const seed = o.seed ?? 1;
  const rnd = new Random(seed);
  const x0 = o.x0 ?? sys.starts.map(([lo, hi]) => rnd.range(lo, hi));
  if (x0.length !== J) throw new UsageError(`--x0: has ${x0.length} values; the system has ${J} dimensions`);
  const seconds = o.seconds ?? Math.max(5, 4 * sys.timeScale);
  const steps = Math.round(seconds / ex.dt);
  const c = o.command ? sys.command?.(rnd, steps, ex.dt) : undefined;
  if (o.command && !c) throw new UsageError(`--command: system ${sys.name} has no command generator`);
  const killed = o.kill ? randomNeurons(model.spec.N, o.kill, seed + 100) : [];
  if (killed.length >= model.spec.N)
    throw new UsageError(`--kill ${o.kill}: would kill all ${model.spec.N} neurons; give a fraction that leaves at least one alive`);
  const out = o.out ?? 'out/run.csv';

  // the seed also seeds the network's own noise (issue 14, F7: it used to be ignored once --x0 was given)
  ex.reset(seed);
  for (const i of killed) ex.setAlive(i, false);
  // the lead-in with feedback before the free run, as freeRun() (evaluate.ts) does
  const lead0 = leadIn(sys.timeScale);
  ex.setTunables({ k: lead0.k, eta: 0, ...(o.noise !== undefined ? { noise: o.noise } : {}) });
  const lead = Math.round(lead0.seconds / ex.dt);
  const led = simulate(sys, x0, lead, ex.dt);
  ex.run({ steps: lead, x: led.x, feedback: true });

  const asJson = out.endsWith('.json');
  const main = new StreamFile(out);
  const parts = asJson ? [new StreamFile(out, 'x'), new StreamFile(out, 'spikes'), new StreamFile(out, 'neurons')] : [];
  const files = [main, ...parts];
  const stop = (signal: NodeJS.Signals) => {
    for (const f of files) f.abort();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let spikes = 0;
  try {
    if (asJson) main.write(`{"dt":${json(ex.dt)},"J":${J},"x0":[${x0.map(json).join(',')}],"xhat":[`);
    else main.write(['t', ...Array.from({ length: J }, (_, j) => `xhat${j + 1}`), ...Array.from({ length: J }, (_, j) => `x${j + 1}`)].join(',') + '\n');
    let state: ArrayLike<number> = led.final;
    for (let done = 0; done < steps; ) {
      const n = Math.min(CHUNK_STEPS, steps - done);
      const cc = c?.subarray(done * J, (done + n) * J);
      const r = ex.run({ steps: n, record: true, ...(cc ? { c: cc } : {}) });
      const truth = simulate(sys, state, n, ex.dt, cc);
      state = truth.final;
      const xhat = r.xhat!;
      if (asJson) {
        const sep = done > 0 ? ',' : '';
        main.write(sep + Array.from(xhat, json).join(','));
        parts[0]!.write(sep + Array.from(truth.x, json).join(','));
        const first = spikes === 0;
        if (r.spikeSteps.length > 0) {
          parts[1]!.write((first ? '' : ',') + Array.from(r.spikeSteps, (s) => s - lead).join(','));
          parts[2]!.write((first ? '' : ',') + Array.from(r.spikeNeurons).join(','));
        }
      } else {
        const rows: string[] = [];
        for (let s = 0; s < n; s++) {
          const row = [((done + s) * ex.dt).toFixed(6)];
          for (let j = 0; j < J; j++) row.push(fix6(xhat[s * J + j]!));
          for (let j = 0; j < J; j++) row.push(fix6(truth.x[s * J + j]!));
          rows.push(row.join(','));
        }
        main.write(rows.join('\n') + '\n');
      }
      spikes += r.spikeSteps.length;
      done += n;
      await new Promise((go) => setImmediate(go)); // let a signal stop the run between chunks
    }
    if (asJson) {
      main.write('],"x":[');
      main.append(parts[0]!);
      main.write('],"spikes":{"step":[');
      main.append(parts[1]!);
      main.write('],"neuron":[');
      main.append(parts[2]!);
      main.write(']}}');
      for (const p of parts) p.abort();
    }
    main.commit();
  } catch (e) {
    for (const f of files) f.abort();
    throw e;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  const alive = ex.state().alive.reduce((a, b) => a + b, 0);
  return { model: o.model, system: sys.name, executor: ex.kind, seconds, steps, spikes, alive, out, bytes: main.bytes };
}
