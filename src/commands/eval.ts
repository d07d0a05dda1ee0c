// `ebnkit eval model.ebn`: the free-running assessment of a saved model,
// several seeds, whole and with half the neurons killed.
import { assess } from '../assess.js';
import { median, randomNeurons } from '../evaluate.js';
import { headline } from './train.js';
import { openModel } from './common.js';

export interface EvalSummary {
  model: string;
  system: string;
  executor: string;
  seeds: number[];
  /** Median over seeds of each metric. */
  metrics: Record<string, number>;
  killedHalf: Record<string, number>;
  perSeed: Record<string, number>[];
}

export async function runEval(path: string, o: { executor?: string; format?: string; system?: string; seeds?: number } = {}): Promise<EvalSummary> {
  const { model, sys, ex } = await openModel(path, o);
  const seeds = Array.from({ length: o.seeds ?? 3 }, (_, i) => i + 1);
  const per = seeds.map((seed) => assess(ex, model.spec, sys, { seed }).metrics);
  const half = seeds.map((seed) => assess(ex, model.spec, sys, { seed, kill: randomNeurons(model.spec.N, 0.5, seed + 100), skipBalance: true }).metrics);
  return { model: path, system: sys.name, executor: ex.kind, seeds, metrics: medians(per), killedHalf: medians(half), perSeed: per };
}

export function medians(rows: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(rows[0] ?? {})) out[k] = median(rows.map((r) => r[k]!));
  return out;
}

export function formatEval(s: EvalSummary): string {
  return [`model               ${s.model}   (${s.system}, ${s.executor}, median of ${s.seeds.length} seeds)`, ...headline(s.metrics), '', 'with half the neurons killed:', ...headline(s.killedHalf)].join('\n');
}
