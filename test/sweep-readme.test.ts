// The README's "Sweeps" numbers come from scripts: its table is the demo
// store's (scripts/sweep-demo.ts), its benchmark lines bench/results/sweep.json's.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sweepBenchSummary, type SweepBench, BENCH_BEGIN, BENCH_END } from '../bench/lib/sweep-report.js';
import { DEMO_BEGIN, DEMO_END, markdownTable } from '../src/sweep/markdown.js';
import { Store } from '../src/sweep/store.js';

const readme = readFileSync('README.md', 'utf8');
const between = (a: string, b: string) => readme.slice(readme.indexOf(a) + a.length, readme.indexOf(b)).trim();

describe('README "Sweeps" agrees with its sources', () => {
  it('the demo table is the table of docs/sweep/demo.results.jsonl', () => {
    const records = Store.read('docs/sweep/demo.results.jsonl').results();
    expect(records.length).toBe(4);
    expect(between(DEMO_BEGIN, DEMO_END)).toBe(markdownTable(records));
  });
  it('the concurrent-recompilation figures are bench/results/sweep-cr.json', () => {
    const cr = JSON.parse(readFileSync('bench/results/sweep-cr.json', 'utf8')) as { perJob: { concurrent: Record<string, number>; workerThreadOnly: { worker: number } } };
    const c = cr.perJob.concurrent;
    const text = readme.replace(/\s+/g, ' ');
    expect(text).toContain(`With concurrent recompilation a job took ${c.total!.toFixed(2)} s of CPU (${c.worker!.toFixed(2)} s worker + ${c.helpers!.toFixed(2)} s helpers); compiled on the worker thread alone it took ${cr.perJob.workerThreadOnly.worker.toFixed(2)} s`);
  });
  it('the benchmark lines are bench/results/sweep.json', () => {
    expect(existsSync('bench/results/sweep.json')).toBe(true);
    const r = JSON.parse(readFileSync('bench/results/sweep.json', 'utf8')) as SweepBench;
    expect(between(BENCH_BEGIN, BENCH_END)).toBe(sweepBenchSummary(r));
  });
});
