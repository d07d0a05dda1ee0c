// The command-line entries of `ebnkit sweep` and `ebnkit worker`, kept out of
// cli.ts so its only change is one spread line. The Redis code (bullmq) is
// imported only when --redis is given, so other commands start as fast as before.
import type { ParseArgsConfig } from 'node:util';
import { num, UsageError } from './common.js';
import { HELP as SWEEP_HELP, formatSweep, runSweepCommand } from './sweep.js';

type Opts = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;
interface Command {
  help: string;
  options: Opts;
  run(values: Values, positionals: string[]): Promise<void>;
}

export const WORKER_HELP = `usage: ebnkit worker --redis <url> [options]

Processes sweep jobs from a Redis queue filled by "ebnkit sweep --redis".
Start as many as you like, on any machines that reach Redis (and see system
modules at the same paths). A worker killed mid-job loses nothing: the job's
lock expires and another worker takes it.

options:
  --redis <url>        e.g. redis://10.0.0.5:6379
  --queue <name>       queue name (default ebnkit-sweep)
  --concurrency <n>    jobs at once, one worker thread each (default: all cores)
  --lock <s>           job lock time; a dead worker's job is retried after it (default 30)
  --json               one JSON line per job on stdout`;

export function sweepCommands(common: Opts, print: (json: unknown, text: string, asJson: unknown) => void, str: (v: unknown) => string | undefined): Record<string, Command> {
  return {
    sweep: {
      help: SWEEP_HELP,
      options: {
        ...common, 'dry-run': { type: 'boolean' }, workers: { type: 'string' }, redis: { type: 'string' }, queue: { type: 'string' }, store: { type: 'string' },
        'retry-failed': { type: 'boolean' }, verify: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' },
      },
      async run(v, p) {
        if (p[0] === 'report') {
          if (p.length !== 2) throw new UsageError(`sweep report takes one sweep file or results store; got ${p.slice(1).join(' ') || 'none'}`);
          const { runSweepReport } = await import('./sweep-report.js');
          const r = runSweepReport({ source: p[1]!, ...(str(v.out) ? { out: str(v.out)! } : {}), ...(str(v.store) ? { store: str(v.store)! } : {}) });
          print(r, `report ${r.html} (${r.ok} ok, ${r.failed} failed, ${r.profiles.length} profiles)`, v.json);
          return;
        }
        if (p.length !== 1) throw new UsageError(`sweep takes one sweep file (.yaml or .json); got ${p.length ? p.join(' ') : 'none'} (see ebnkit sweep --help)`);
        const s = await runSweepCommand({
          file: p[0]!,
          dryRun: !!v['dry-run'],
          ...(v.workers !== undefined ? { workers: num('--workers', str(v.workers)!, 1, 1024, true) } : {}),
          ...(str(v.redis) ? { redis: str(v.redis)! } : {}),
          ...(str(v.queue) ? { queue: str(v.queue)! } : {}),
          ...(str(v.store) ? { store: str(v.store)! } : {}),
          ...(v['retry-failed'] ? { retryFailed: true } : {}),
          ...(v.verify !== undefined ? { verify: num('--verify', str(v.verify)!, 0, 1) } : {}),
          json: !!v.json,
          quiet: !!v.quiet,
        });
        if (v.json) console.log(JSON.stringify({ event: s.dryRun ? 'plan' : 'summary', ...s }));
        else console.log(formatSweep(s));
        if (!s.dryRun && s.mismatches.length) process.exitCode = 1;
      },
    },
    worker: {
      help: WORKER_HELP,
      options: { ...common, redis: { type: 'string' }, queue: { type: 'string' }, concurrency: { type: 'string' }, lock: { type: 'string' } },
      async run(v, p) {
        if (p.length) throw new UsageError(`worker takes no positional arguments; got ${p.join(' ')}`);
        if (!str(v.redis)) throw new UsageError('worker needs --redis <url> (e.g. redis://127.0.0.1:6379)');
        const { runWorker } = await import('./worker.js');
        await runWorker({
          redis: str(v.redis)!,
          ...(str(v.queue) ? { queue: str(v.queue)! } : {}),
          ...(v.concurrency !== undefined ? { concurrency: num('--concurrency', str(v.concurrency)!, 1, 1024, true) } : {}),
          ...(v.lock !== undefined ? { lockSeconds: num('--lock', str(v.lock)!, 0.5, 86400) } : {}),
          json: !!v.json,
        });
      },
    },
  };
}
