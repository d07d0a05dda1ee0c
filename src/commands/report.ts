// `ebnkit report model.ebn`: assess the model in the kernel and the float64
// reference, sweep robustness, and write one HTML page plus its figures' JSON.
import { assess } from '../assess.js';
import { writeAtomic } from '../node/files.js';
import { createProgress } from '../progress.js';
import { ReferenceExecutor } from '../reference/executor.js';
import { buildReport } from '../report/html.js';
import { robustness } from '../robustness.js';
import { openModel } from './common.js';

export async function runReport(o: { model: string; out?: string; system?: string; quiet?: boolean; seed?: number }) {
  const { model, sys, ex } = await openModel(o.model, { ...(o.system ? { system: o.system } : {}) });
  const seed = o.seed ?? 1;
  const kernel = assess(ex, model.spec, sys, { seed });
  const reference = assess(new ReferenceExecutor(model.spec), model.spec, sys, { seed });
  const bar = o.quiet ? null : createProgress({ total: 1, label: 'robustness sweeps' });
  const rob = robustness(ex, model.spec, sys, { seed, onStep: (d, n) => bar?.update(d / n) });
  bar?.done();
  const { html, figures } = buildReport({ title: `ebnkit report · ${sys.description}`, spec: model.spec, meta: model.meta, kernel, reference, robustness: rob });
  const out = o.out ?? o.model.replace(/(\.ebn)?$/, '.html');
  const json = out.replace(/(\.html?)?$/, '.json');
  writeAtomic(out, html);
  writeAtomic(json, JSON.stringify({ model: o.model, system: sys.name, figures }, null, 1));
  return { html: out, json, figures: figures.length, metrics: kernel.metrics, reference: reference.metrics };
}
