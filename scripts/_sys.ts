import { getSystem, networkFor } from '../src/systems/index.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { train } from '../src/train.js';
import { assess } from '../src/assess.js';
import { randomNeurons } from '../src/evaluate.js';
const [name, json] = process.argv.slice(2);
const o = JSON.parse(json ?? '{}');
const seeds: number[] = o.seeds ?? [1];
for (const seed of seeds) {
  const sys = { ...getSystem(name!), ...(o.sys ?? {}) };
  sys.network = { ...(sys.network ?? {}), ...(o.net ?? {}) };
  const spec = networkFor(sys, { seed });
  const ex = new KernelExecutor(spec);
  const t0 = performance.now();
  const tr = train(ex, sys, { ...sys.training, ...(o.train ?? {}), seed });
  const w = (performance.now() - t0) / 1000;
  const a = assess(ex, ex.toSpec(), sys, { seed, skipBalance: true });
  const h = assess(ex, ex.toSpec(), sys, { seed, skipBalance: true, kill: randomNeurons(spec.N, 0.5, seed + 100) });
  const pick = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([k]) => !['truePeriod', 'trueAmplitude', 'spikesPerSecond', 'spikesPerSecondPerDim', 'alive', 'trueSwitchRate'].includes(k)).map(([k, v]) => [k, +v.toFixed(3)]));
  console.log(seed, 'wall', w.toFixed(1), 'lastErr', tr.history.at(-1)!.rmsError.toFixed(3), JSON.stringify(pick(a.metrics)), 'HALF', JSON.stringify(pick(h.metrics)));
}
