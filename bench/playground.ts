// The playground's training speed against the CLI's, and its drawing cost
// (issue 15: page training wall time <= 1.3x the CLI's, no main-thread task
// over 50 ms while training, drawing <= 4 ms per frame).
//
// Interleaved pairs: the page trains the system at the CLI's settings in
// headless Debian Chromium (the production build served on 127.0.0.1, as
// test/web does; a fresh page each time, "Train" pressed as a user would),
// then the CLI's training step runs in a fresh Node process
// (bench/lib/cli-training.ts), then the whole `ebnkit train --no-search`
// command; the order of page and CLI alternates from pair to pair. The
// machine is shared: CPU time (every Chromium process for the page, the
// process for the CLI) is the like-for-like figure, wall time is reported
// beside it with the cores other processes took. Not a test: it reports.
//   scripts/run-ts.sh bench/playground.ts [--pairs 3] [--system vanderpol]
//   scripts/run-ts.sh bench/playground.ts --render   (markdown and README from the stored JSON)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { systemDefaults } from '../web/src/engine/settings.js';
import { settingsToParams } from '../web/src/engine/url-settings.js';
import { between, playgroundMarkdown, playgroundReadme, PLAYGROUND_BEGIN, PLAYGROUND_END, type PlaygroundBench, type PlaygroundPair } from './lib/playground-report.js';

const OUT = 'bench/results/playground';
// playwright-core and esbuild load from the project's node_modules at run time (scripts/run-ts.sh bundles this file; they must not be bundled)
const fromProject = createRequire(resolve('package.json'));
const load = async <T>(name: string): Promise<T> => (await import(pathToFileURL(fromProject.resolve(name)).href)) as T;
const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : def;
};

function render(r: PlaygroundBench): void {
  writeFileSync(`${OUT}.json`, `${JSON.stringify(r, null, 1)}\n`);
  writeFileSync(`${OUT}.md`, playgroundMarkdown(r));
  writeFileSync('README.md', between(readFileSync('README.md', 'utf8'), PLAYGROUND_BEGIN, PLAYGROUND_END, playgroundReadme(r)));
  console.log(playgroundMarkdown(r));
}

if (process.argv.includes('--render')) {
  render(JSON.parse(readFileSync(`${OUT}.json`, 'utf8')) as PlaygroundBench);
  process.exit(0);
}

const PAIRS = Number(arg('--pairs', '3'));
const SYSTEM = arg('--system', 'vanderpol');
const SEED = 1;
const CHROMIUM = process.env.EBNKIT_CHROMIUM ?? '/usr/bin/chromium';
const TICK = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;

// ---- CPU from /proc: this process's descendants (Chromium, the CLI children), and the whole machine ----
function procs(): { pid: number; ppid: number; comm: string; ticks: number }[] {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = s.lastIndexOf(')');
      const f = s.slice(close + 2).split(' ');
      out.push({ pid: Number(d), ppid: Number(f[1]), comm: s.slice(s.indexOf('(') + 1, close), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
/** Chromium's process type (renderer, gpu-process, utility, ...; "browser" for the main one). */
function processType(pid: number): string {
  try {
    const m = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
    return m ? m[1]! : 'browser';
  } catch {
    return 'gone';
  }
}
/** Every process, and the pids below this one. */
function descendants() {
  const all = procs();
  const kids = new Map<number, number[]>();
  for (const p of all) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), p.pid]);
  const mine = new Set<number>();
  const walk = (pid: number) => {
    for (const k of kids.get(pid) ?? []) if (!mine.has(k)) (mine.add(k), walk(k));
  };
  walk(process.pid);
  return { all, mine };
}
/** CPU ms of this process's descendants whose name matches, by Chromium process type. */
function descendantsByType(match: RegExp): Record<string, number> {
  const { all, mine } = descendants();
  const out: Record<string, number> = {};
  for (const p of all) {
    if (!mine.has(p.pid) || !match.test(p.comm)) continue;
    const type = processType(p.pid);
    out[type] = (out[type] ?? 0) + (p.ticks * 1000) / TICK;
    if (type !== 'renderer') continue;
    // the renderer by thread: main (CrRendererMain), the kernel's worker (DedicatedWorker), compositor, V8 helpers, ...
    for (const t of readdirSync(`/proc/${p.pid}/task`)) {
      try {
        const st = readFileSync(`/proc/${p.pid}/task/${t}/stat`, 'utf8');
        const close = st.lastIndexOf(')');
        const f = st.slice(close + 2).split(' ');
        const name = `renderer/${st.slice(st.indexOf('(') + 1, close).replace(/\d+$/, '')}`;
        out[name] = (out[name] ?? 0) + ((Number(f[11]) + Number(f[12])) * 1000) / TICK;
      } catch {
        // thread gone
      }
    }
  }
  return out;
}
/** CPU ms of this process's descendants whose name matches (Chromium's processes). */
function descendantsCpuMs(match: RegExp): number {
  const { all, mine } = descendants();
  return (all.filter((p) => mine.has(p.pid) && match.test(p.comm)).reduce((a, p) => a + p.ticks, 0) * 1000) / TICK;
}
/** Busy CPU ms of the whole machine (/proc/stat), and this benchmark's own tree (itself and its descendants). */
function machineMs(): { busy: number; mine: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const busy = f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!;
  const u = process.cpuUsage();
  return { busy: (busy * 1000) / TICK, mine: descendantsCpuMs(/./) + (u.user + u.system) / 1000 };
}

// ---- the CLI's side: bundled once ----
const { build } = fromProject('esbuild') as typeof import('esbuild');
const { chromium } = fromProject('playwright-core') as typeof import('playwright-core');
const { buildPlayground } = await load<typeof import('../scripts/playground-build.mjs')>('./scripts/playground-build.mjs');
const { servePlayground } = await load<typeof import('../scripts/playground-server.mjs')>('./scripts/playground-server.mjs');
const work = mkdtempSync(join(tmpdir(), 'ebnkit-bench-playground-'));
const banner = { js: "import { createRequire as __ebnCreateRequire } from 'node:module'; const require = __ebnCreateRequire(import.meta.url);" };
await build({ entryPoints: { 'cli-training': 'bench/lib/cli-training.ts', cli: 'src/cli.ts' }, bundle: true, platform: 'node', format: 'esm', outdir: work, outExtension: { '.js': '.mjs' }, banner, logLevel: 'warning' });

function cliTraining(): PlaygroundPair['cli'] {
  const r = spawnSync('node', [join(work, 'cli-training.mjs'), SYSTEM, String(SEED)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cli-training failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  return { wallMs: j.wallMs, cpuMs: j.cpuMs, weightsHash: j.weightsHash, mode: j.mode };
}
function cliCommand(): number {
  const t0 = performance.now();
  const r = spawnSync('node', [join(work, 'cli.mjs'), 'train', SYSTEM, '--no-search', '--quiet', '--seed', String(SEED), '--out', join(work, 'model.ebn')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ebnkit train failed: ${r.stderr}`);
  return performance.now() - t0;
}

// ---- the page's side ----
const site = join(work, 'site');
await buildPlayground({ outDir: site });
const { server, url } = await servePlayground({ dir: site });
const ctx = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    // experiments only (e.g. V8 flags): not used for the committed results
    ...(process.env.BENCH_CHROMIUM_ARGS ? process.env.BENCH_CHROMIUM_ARGS.split(' ') : [])],
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
const problems: string[] = [];
page.on('pageerror', (e) => problems.push(e.message));
const CHROME = /chrom/i;
const pct = (a: number[], q: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};

async function pageTraining(): Promise<PlaygroundPair['page']> {
  await page.goto(`${url}#${settingsToParams({ system: { builtin: SYSTEM }, ...systemDefaults(SYSTEM), policy: 'winner', format: 'q24', seed: SEED })}`);
  await page.waitForFunction('window.ebnkitPlayground && window.ebnkitPlayground.ready', null, { timeout: 60_000 });
  await page.evaluate(() => {
    const s = (window as unknown as { ebnkitPlayground: { longTasks: { count: number; maxMs: number }; drawSamples: number[] } }).ebnkitPlayground;
    s.longTasks.count = 0;
    s.longTasks.maxMs = 0;
    s.drawSamples = [];
  });
  const c0 = descendantsCpuMs(CHROME), t0 = descendantsByType(CHROME);
  const clickedAt = await page.evaluate(() => performance.now());
  await page.click('#train');
  await page.waitForFunction('(() => { const s = window.ebnkitPlayground; return s.trainWallMs !== null && s.info && s.info.trained; })()', null, { timeout: 600_000, polling: 100 });
  const cpuMs = descendantsCpuMs(CHROME) - c0;
  const t1 = descendantsByType(CHROME);
  const cpuByType = Object.fromEntries(Object.entries(t1).map(([k, v]) => [k, Math.round(v - (t0[k] ?? 0))]));
  const s = await page.evaluate(() => {
    const s = (window as unknown as { ebnkitPlayground: { trainWallMs: number; longTasks: { count: number; maxMs: number }; drawSamples: number[]; info: { weightsHash: number; mode: string; kernel: string } } }).ebnkitPlayground;
    return { log: (s as unknown as { longTaskLog: [number, number][] }).longTaskLog, wallMs: s.trainWallMs, worker: (s as unknown as { workerTiming: unknown }).workerTiming, longTasks: s.longTasks.count, longestTaskMs: s.longTasks.maxMs, draws: s.drawSamples.slice(), weightsHash: s.info.weightsHash, mode: s.info.mode, kernel: s.info.kernel };
  });
  // when each long task began, ms after pressing Train, and how long it took
  const longTaskTimes = s.log.filter(([at]) => at >= clickedAt).map(([at, d]) => [Math.round(at - clickedAt), Math.round(d)] as [number, number]);
  return { wallMs: s.wallMs, cpuMs, cpuByType, longTaskTimes, worker: s.worker as PlaygroundPair['page']['worker'], weightsHash: s.weightsHash >>> 0, mode: s.mode, kernel: s.kernel, longTasks: s.longTasks, longestTaskMs: s.longestTaskMs, drawP50: pct(s.draws, 0.5), drawP95: pct(s.draws, 0.95), frames: s.draws.length };
}

const d = systemDefaults(SYSTEM);
const meta: PlaygroundBench['meta'] = {
  at: new Date().toISOString(), system: SYSTEM, N: d.N, seconds: d.seconds, seed: SEED, cores: availableParallelism(),
  chromium: (ctx.browser()?.version() ?? execFileSync(CHROMIUM, ['--version']).toString().trim()), node: process.version,
  command: `scripts/run-ts.sh bench/playground.ts --pairs ${PAIRS} --system ${SYSTEM}`, loadavg: loadavg(),
};
const pairs: PlaygroundPair[] = [];
try {
  for (let i = 0; i < PAIRS; i++) {
    const m0 = machineMs(), t0 = performance.now();
    let pg: PlaygroundPair['page'], cl: PlaygroundPair['cli'];
    if (i % 2 === 0) {
      pg = await pageTraining();
      cl = cliTraining();
    } else {
      cl = cliTraining();
      pg = await pageTraining();
    }
    const cmd = cliCommand();
    const m1 = machineMs(), span = performance.now() - t0;
    const othersCores = Math.max(0, (m1.busy - m0.busy - (m1.mine - m0.mine)) / span);
    pairs.push({ page: pg, cli: cl, cliCommandMs: cmd, othersCores });
    console.log(`pair ${i + 1}: page ${(pg.wallMs / 1000).toFixed(2)} s wall, ${(pg.cpuMs / 1000).toFixed(2)} s CPU (${pg.mode}, ${pg.kernel}); CLI ${(cl.wallMs / 1000).toFixed(2)} s wall, ${(cl.cpuMs / 1000).toFixed(2)} s CPU (${cl.mode}); command ${(cmd / 1000).toFixed(2)} s; same bits ${pg.weightsHash === cl.weightsHash}; draw p50 ${pg.drawP50.toFixed(2)} ms p95 ${pg.drawP95.toFixed(2)} ms; long tasks ${pg.longTasks} (${pg.longestTaskMs.toFixed(0)} ms) at [after Train, duration] ${JSON.stringify(pg.longTaskTimes)} of ${pg.wallMs.toFixed(0)} ms; page CPU by process ${JSON.stringify(pg.cpuByType)}; worker ${JSON.stringify(pg.worker)}; others ${othersCores.toFixed(2)} cores`);
  }
} finally {
  await ctx.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
if (problems.length) console.log(`page errors: ${problems.join(' | ')}`);
render({ meta, pairs });
