// The README's page-load sentence, from bench/results/playground-load.json
// (written by scripts/run-ts.sh bench/playground-load.ts; test/playground-readme.test.ts
// checks the README block is this function's output).

export interface PlaygroundLoad {
  date: string;
  chromium: string;
  loadAverage: { before: number; after: number };
  /** Per load: ms from navigation until the page said it was ready, and its main-thread tasks over 50 ms as [start, duration] ms. */
  loads: { readyMs: number; tasks: [number, number][] }[];
}

export const LOAD_BEGIN = '<!-- playground-load:begin (scripts/run-ts.sh bench/playground-load.ts writes this from bench/results/playground-load.json) -->';
export const LOAD_END = '<!-- playground-load:end -->';

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
};

export function playgroundLoadReadme(r: PlaygroundLoad): string {
  const n = r.loads.length;
  const longest = r.loads.map((l) => Math.max(0, ...l.tasks.map(([, d]) => d)));
  const clean = longest.filter((d) => d === 0).length;
  const worst = Math.max(...longest);
  return `Page load (${n} fresh loads of the production build in headless Chromium, load average ${r.loadAverage.before.toFixed(1)}–${r.loadAverage.after.toFixed(1)}): ` +
    `${clean === n ? 'no main-thread task over 50 ms in any load' : `no main-thread task over 50 ms in ${clean} of ${n} loads (the longest ${worst} ms)`}; ` +
    `ready after a median ${median(r.loads.map((l) => l.readyMs))} ms.`;
}
