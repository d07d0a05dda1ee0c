// `ebnkit sweep report <sweep.yaml|results.jsonl>`: the store as an HTML page.
import { basename } from 'node:path';
import { writeAtomic } from '../node/files.js';
import { loadSweep } from '../sweep/config.js';
import { sweepReport } from '../sweep/report.js';
import { Store } from '../sweep/store.js';

export interface SweepReportSummary {
  html: string;
  ok: number;
  failed: number;
  profiles: string[];
  fronts: Record<string, string[]>;
}

export function runSweepReport(o: { source: string; out?: string; store?: string }): SweepReportSummary {
  const storePath = o.store ?? (/\.jsonl$/i.test(o.source) ? o.source : loadSweep(o.source).store);
  // read-only: no lock, so a report can be written while the sweep still runs
  const store = Store.read(storePath);
  const r = sweepReport({ title: `ebnkit sweep · ${basename(storePath).replace(/\.results\.jsonl$/, '')}`, records: store.results(), verifies: store.verifies });
  const html = o.out ?? storePath.replace(/\.jsonl$/i, '') + '.html';
  writeAtomic(html, r.html);
  return { html, ok: r.ok, failed: r.failed, profiles: r.profiles, fronts: r.fronts };
}
