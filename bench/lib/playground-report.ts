// What bench/playground.ts measured, as markdown (bench/results/playground.md)
// and as the README's playground block: one function each, so the README's
// figures are what the results file says (test/playground-readme.test.ts).
import { median } from './rows.js';

export interface PlaygroundPair {
  /** Page: wall ms from pressing Train to "training finished" (the page's own timer), CPU ms of all Chromium processes over that span. */
  page: { wallMs: number; cpuMs: number; cpuByType: Record<string, number>; longTaskTimes?: [number, number][]; worker: { stepMs: number; frameMs: number; slices: number; wallMs: number }; weightsHash: number; mode: string; kernel: string; longTasks: number; longestTaskMs: number; drawP50: number; drawP95: number; frames: number };
  /** The CLI's training step in a fresh Node process (bench/lib/cli-training.ts). */
  cli: { wallMs: number; cpuMs: number; weightsHash: number; mode: string };
  /** The whole `ebnkit train --no-search` command (training, two assessments, files), wall ms. */
  cliCommandMs: number;
  /** Cores other processes took during the pair (from /proc/stat, minus this benchmark's own processes), on a machine of `cores`. */
  othersCores: number;
}

export interface PlaygroundBench {
  meta: { at: string; system: string; N: number; seconds: number; seed: number; cores: number; chromium: string; node: string; command: string; loadavg: number[] };
  pairs: PlaygroundPair[];
}

export interface PlaygroundSummary {
  pageWall: number; cliWall: number; wallRatio: number;
  pageCpu: number; cliCpu: number; cpuRatio: number;
  /** CPU of the kernel's worker thread alone (Chromium's DedicatedWorker thread), and its ratio to the CLI's. */
  workerCpu: number; workerRatio: number;
  /** CPU of the page's main thread over the training. */
  mainCpu: number;
  cliCommand: number;
  drawP50: number; drawP95: number;
  longTasks: number; longestTaskMs: number;
  sameBits: boolean; mode: string; othersCores: number;
}

export function summarize(r: PlaygroundBench): PlaygroundSummary {
  const m = (f: (p: PlaygroundPair) => number) => median(r.pairs.map(f));
  return {
    pageWall: m((p) => p.page.wallMs), cliWall: m((p) => p.cli.wallMs), wallRatio: m((p) => p.page.wallMs / p.cli.wallMs),
    pageCpu: m((p) => p.page.cpuMs), cliCpu: m((p) => p.cli.cpuMs), cpuRatio: m((p) => p.page.cpuMs / p.cli.cpuMs),
    workerCpu: m((p) => p.page.cpuByType['renderer/DedicatedWorker'] ?? NaN), workerRatio: m((p) => (p.page.cpuByType['renderer/DedicatedWorker'] ?? NaN) / p.cli.cpuMs),
    mainCpu: m((p) => p.page.cpuByType['renderer/chromium'] ?? NaN),
    cliCommand: m((p) => p.cliCommandMs),
    drawP50: m((p) => p.page.drawP50), drawP95: m((p) => p.page.drawP95),
    longTasks: Math.max(...r.pairs.map((p) => p.page.longTasks)), longestTaskMs: Math.max(...r.pairs.map((p) => p.page.longestTaskMs)),
    sameBits: r.pairs.every((p) => p.page.weightsHash === p.cli.weightsHash), mode: r.pairs[0]?.page.mode ?? '?',
    othersCores: m((p) => p.othersCores),
  };
}

const s1 = (ms: number) => (ms / 1000).toFixed(2);
const x = (v: number) => `${v.toFixed(2)}×`;

export function playgroundMarkdown(r: PlaygroundBench): string {
  const s = summarize(r);
  const rows = r.pairs.map((p, i) => `| ${i + 1} | ${s1(p.page.wallMs)} | ${s1(p.cli.wallMs)} | ${x(p.page.wallMs / p.cli.wallMs)} | ${s1(p.page.cpuMs)} | ${s1(p.cli.cpuMs)} | ${x(p.page.cpuMs / p.cli.cpuMs)} | ${s1(p.cliCommandMs)} | ${p.page.drawP50.toFixed(2)} / ${p.page.drawP95.toFixed(2)} | ${p.page.longTasks} (${p.page.longestTaskMs.toFixed(0)} ms) | ${p.othersCores.toFixed(2)} |`);
  return `# Playground training speed against the CLI

\`${r.meta.command}\` at ${r.meta.at}: ${r.meta.system} (N = ${r.meta.N}, ${s.mode} execution, ${r.meta.seconds} s of simulated training, seed ${r.meta.seed}), trained ${r.pairs.length} times in the page (headless ${r.meta.chromium}) and ${r.pairs.length} times by the CLI's training step in a fresh Node process (${r.meta.node}), interleaved. Both learned the same bits: ${s.sameBits ? 'yes (weights hash equal in every pair)' : 'NO'}.

The machine (${r.meta.cores} cores) was shared with other sessions: other processes took a median ${s.othersCores.toFixed(2)} cores during the pairs (load average at the start ${r.meta.loadavg.map((v) => v.toFixed(2)).join(', ')}). Wall time moves with that load; **CPU time is the like-for-like figure**.

| | page | CLI | page / CLI |
|---|---|---|---|
| training wall time (median) | ${s1(s.pageWall)} s | ${s1(s.cliWall)} s | ${x(s.wallRatio)} |
| training CPU time (median) | ${s1(s.pageCpu)} s | ${s1(s.cliCpu)} s | ${x(s.cpuRatio)} |
| of which the kernel's worker thread | ${s1(s.workerCpu)} s | ${s1(s.cliCpu)} s | ${x(s.workerRatio)} |

- Page wall: from pressing Train (network built in the worker) to the worker's "training finished", by the page's own clock. Page CPU: every Chromium process (renderer with its worker, browser, GPU) over that span, from /proc.
- CLI: the training step of \`ebnkit train\` (resolve the system, build the network with the shared builder, train) in a fresh Node process; wall and process CPU. The whole \`ebnkit train ${r.meta.system} --no-search\` command, which also assesses the network twice and writes files, took a median ${s1(s.cliCommand)} s of wall time.
- Where the page's CPU goes beyond the worker thread: its main thread (messages, drawing, layout; median ${s1(s.mainCpu)} s), the renderer's helper threads (compilation, GC, raster), the compositor and the GPU and browser processes (by process and thread in playground.json).
- Drawing per frame (the page's own timer, all four views): median p50 ${s.drawP50.toFixed(2)} ms, p95 ${s.drawP95.toFixed(2)} ms.
- Main-thread tasks over 50 ms during training: ${s.longTasks ? `at most ${s.longTasks} in a run (longest ${s.longestTaskMs.toFixed(0)} ms)` : 'none in any run'}.
- Ratios in the summary table are medians of the per-pair ratios.

| pair | page wall (s) | CLI wall (s) | wall ratio | page CPU (s) | CLI CPU (s) | CPU ratio | CLI command wall (s) | draw p50 / p95 (ms) | long tasks (longest) | other processes (cores) |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}

export const PLAYGROUND_BEGIN = '<!-- playground-bench:begin (scripts/run-ts.sh bench/playground.ts writes this from bench/results/playground.json) -->';
export const PLAYGROUND_END = '<!-- playground-bench:end -->';

/** The README's lines, from the results alone. */
export function playgroundReadme(r: PlaygroundBench): string {
  const s = summarize(r);
  return `Training ${r.meta.system} at the CLI's settings (N = ${r.meta.N}, ${s.mode}, ${r.meta.seconds} s simulated), median of ${r.pairs.length} interleaved pairs on a shared ${r.meta.cores}-core machine ([bench/results/playground.md](bench/results/playground.md)): the page takes **${x(s.cpuRatio)} the CPU time** of the CLI's training (${s1(s.pageCpu)} s against ${s1(s.cliCpu)} s; the like-for-like figure; the kernel's worker thread alone ${x(s.workerRatio)}) and ${x(s.wallRatio)} its wall time (${s1(s.pageWall)} s against ${s1(s.cliWall)} s, with other processes using ${s.othersCores.toFixed(2)} cores), learning the same bits${s.sameBits ? '' : ' (NOT: see the results)'}. Drawing all four views costs ${s.drawP50.toFixed(2)} ms per frame (p50; p95 ${s.drawP95.toFixed(2)} ms) by the page's own timer; ${s.longTasks ? `at most ${s.longTasks} main-thread task${s.longTasks === 1 ? '' : 's'} over 50 ms per training run (longest ${s.longestTaskMs.toFixed(0)} ms)` : 'no main-thread task over 50 ms during any training run'}.`;
}

/** Replace the text between two markers of a file's content. */
export function between(text: string, begin: string, end: string, body: string): string {
  const a = text.indexOf(begin), b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`markers ${begin} … ${end} not found in order`);
  return `${text.slice(0, a + begin.length)}\n${body}\n${text.slice(b)}`;
}
