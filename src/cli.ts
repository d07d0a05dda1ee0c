#!/usr/bin/env node
// The ebnkit command line. Exit codes: 0 success, 1 failure while running,
// 2 bad usage or bad input.
import { parseArgs } from 'node:util';
import { formatSummary, runTrain } from './commands/train.js';
import { SpecError } from './spec.js';
import { SYSTEMS } from './systems/index.js';

const HELP: Record<string, string> = {
  main: `ebnkit — learn dynamical systems in efficient balanced spiking networks

usage: ebnkit <command> [options]

commands:
  train [system]   train a network on a built-in system and evaluate it free-running
  systems          list the built-in systems

Run "ebnkit <command> --help" for a command's options.`,
  train: `usage: ebnkit train [system] [options]

Trains a network on <system> (default vanderpol) with the local plasticity rule,
then runs it free (feedback and learning off), kills half its neurons and runs
it again. Prints the metrics, writes <out>/<system>.svg and <out>/<system>.model.json.

options:
  --seconds <s>       simulated training time (default 200)
  --neurons <n>       network size N (default 50)
  --seed <n>          seed for the network, inputs and start states (default 1)
  --executor <name>   kernel (fixed-point WASM, default) or reference (float64)
  --format <name>     kernel number format: q24 (default), w16, loihi, xylo
  --out <dir>         output folder (default out)
  --json              print the summary as JSON on stdout
  --quiet             no progress bar`,
  systems: `usage: ebnkit systems [--json]

Lists the built-in systems with their dimensions and description.`,
};

class UsageError extends Error {}

function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    console.log(HELP.main);
    return 0;
  }
  if (cmd === 'train') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        seconds: { type: 'string' },
        neurons: { type: 'string' },
        seed: { type: 'string' },
        executor: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(HELP.train);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError(`train takes one system; got ${positionals.join(' ')}`);
    const executor = values.executor ?? 'kernel';
    if (executor !== 'kernel' && executor !== 'reference') throw new UsageError(`--executor: "${executor}" is not kernel or reference`);
    const summary = runTrain({
      system: positionals[0] ?? 'vanderpol',
      ...(values.seconds !== undefined ? { seconds: num('--seconds', values.seconds, 0.1, 1e5) } : {}),
      ...(values.neurons !== undefined ? { neurons: num('--neurons', values.neurons, 1, 65535, true) } : {}),
      ...(values.seed !== undefined ? { seed: num('--seed', values.seed, 0, 0xffffffff, true) } : {}),
      executor,
      ...(values.format !== undefined ? { format: values.format } : {}),
      ...(values.out !== undefined ? { outDir: values.out } : {}),
      quiet: !!values.quiet || !!values.json,
    });
    console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    return 0;
  }
  if (cmd === 'systems') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log(HELP.systems);
      return 0;
    }
    const list = Object.entries(SYSTEMS).map(([name, make]) => {
      const s = make();
      return { name, dims: s.dims, kind: s.kind, description: s.description };
    });
    if (values.json) console.log(JSON.stringify(list, null, 2));
    else for (const s of list) console.log(`${s.name.padEnd(12)} ${s.dims}-D  ${s.kind.padEnd(12)} ${s.description}`);
    return 0;
  }
  throw new UsageError(`unknown command "${cmd}"; commands: train, systems (see ebnkit --help)`);
}

function num(flag: string, v: string, lo: number, hi: number, integer = false): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < lo || n > hi || (integer && !Number.isInteger(n)))
    throw new UsageError(`${flag}: "${v}" is not ${integer ? 'an integer' : 'a number'} in [${lo}, ${hi}]`);
  return n;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  const err = e as Error & { code?: string };
  const usage = e instanceof UsageError || e instanceof SpecError || e instanceof RangeError || err.code?.startsWith('ERR_PARSE_ARGS');
  console.error(`ebnkit: ${err.message}`);
  process.exitCode = usage ? 2 : 1;
}
