// A viewer for sweep results: open the store `ebnkit sweep` writes
// (<sweep>.results.jsonl) and see what the command's report shows, made by
// the same code: the store's parser (src/sweep/records.ts) and the report
// (src/sweep/report.ts: what varied, the Pareto fronts per profile with
// their figures, every job, the failures), in a sandboxed frame.
import { parseStoreText } from '../../../src/sweep/records.js';
import { sweepReport } from '../../../src/sweep/report.js';
import { $, setText } from './dom.js';
import type { PlaygroundState } from './hooks.js';

export interface SweepView {
  file: string;
  jobs: number;
  ok: number;
  failed: number;
  /** Bytes of a torn last line left out (a sweep still writing, or killed). */
  repaired: number;
  profiles: string[];
  /** Per profile (or "train" without an energy section): keys on the Pareto front. */
  fronts: Record<string, string[]>;
}

export class SweepViewer {
  private readonly dialog = $<HTMLDialogElement>('sweep-dialog');

  constructor(private readonly state: PlaygroundState) {
    $<HTMLInputElement>('sweep-file').addEventListener('change', async (e) => {
      const input = e.target as HTMLInputElement;
      const f = input.files?.[0];
      if (!f) return;
      const text = await f.text();
      input.value = ''; // the same file again (a sweep that has moved on) opens again
      this.open(text, f.name);
    });
    $('sweep-show').addEventListener('click', () => this.dialog.showModal());
  }

  open(text: string, file: string): void {
    setText($('sweep-error'), '');
    let view: SweepView, html: string;
    try {
      const { records, repaired } = parseStoreText(text, file);
      const results = records.results();
      if (!results.length) throw new Error(`${file} holds no job results (is it the .results.jsonl that ebnkit sweep writes?)`);
      const r = sweepReport({ title: `ebnkit sweep · ${file.replace(/\.results\.jsonl$/i, '')}`, records: results, verifies: records.verifies });
      view = { file, jobs: results.length, ok: r.ok, failed: r.failed, repaired, profiles: r.profiles, fronts: r.fronts };
      html = r.html;
    } catch (e) {
      this.state.sweep = null;
      $('sweep-show').hidden = true;
      setText($('sweep-summary'), '');
      setText($('sweep-error'), `Could not read the sweep: ${(e as Error).message}`);
      return;
    }
    this.state.sweep = view;
    $<HTMLIFrameElement>('sweep-frame').srcdoc = html;
    const fronts = Object.entries(view.fronts).map(([p, keys]) => `${p}: ${keys.length}`).join(', ');
    setText($('sweep-summary'), `${file}: ${view.jobs} jobs, ${view.ok} ok, ${view.failed} failed${view.repaired ? ` (a torn last line left out)` : ''}. On the Pareto front: ${fronts || 'none'}.`);
    $('sweep-show').hidden = false;
  }
}
