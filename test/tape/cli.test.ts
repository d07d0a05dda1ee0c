// `ebnkit tape` through the built CLI (dist/cli.js), as a user runs it:
// exit 0 on a pass, 1 on a mismatch, 2 on bad usage or a damaged tape.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KernelExecutor } from '../../src/kernel/executor.js';
import { encodeModel } from '../../src/model.js';
import { networkFor, vanDerPol } from '../../src/systems/index.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'ebnkit-tape-cli-'));
const model = join(dir, 'm.ebn'), tape = join(dir, 'run.tape');
const spec = networkFor(vanDerPol(), { seed: 4, neurons: 20 });
writeFileSync(model, encodeModel({ spec, image: new KernelExecutor(spec).image(), meta: { system: 'vanderpol' } }));

describe('ebnkit tape', () => {
  it('record then verify on node: PASS, exit 0; --json has the verdict', () => {
    const r = cli('tape', 'record', model, '--out', tape, '--seconds', '0.2', '--learning', '--kill', '0.2', '--revive', '--input', 'noise', '--block', '64', '--checkpoints', '4');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/recorded .*run\.tape: 800 steps, 4 checkpoints/);
    const v = cli('tape', 'verify', tape, '--runtime', 'node');
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/^PASS .* on node: bit exact at 4 checkpoint/);
    const j = JSON.parse(cli('tape', 'verify', tape, '--runtime', 'node', '--json').stdout) as { pass: boolean; problems: string[] };
    expect(j).toMatchObject({ pass: true, problems: [] });
  });

  it('a runner whose output differs: FAIL, exit 1, naming what differs', () => {
    const v = cli('tape', 'verify', tape, '--command', 'echo "tape run"; echo "done run"');
    expect(v.status).toBe(1);
    expect(v.stderr).toMatch(/FAIL [\s\S]*first differing step \d+, neuron \d+/);
  });

  it('bad usage and damaged tapes exit 2 with what is wrong', () => {
    const bad = join(dir, 'bad.tape');
    const b = readFileSync(tape);
    b[200]! ^= 4;
    writeFileSync(bad, b);
    const cases: [string[], RegExp][] = [
      [['tape', 'verify', bad, '--runtime', 'node'], /checksum mismatch: the file is damaged or truncated; the tape is refused whole/],
      [['tape', 'verify', tape, '--runtime', 'v8-lite'], /--runtime: "v8-lite" is not one of node, chromium/],
      [['tape', 'verify', tape], /--runtime is required/],
      [['tape', 'verify', tape, '--runtime', 'node', '--command', 'x'], /not both/],
      [['tape', 'record', model], /--out <file.tape> is required/],
      [['tape', 'record', model, '--out', tape, '--input', 'wind'], /--input: "wind" is not one of none, command, noise/],
      [['tape', 'record', model, '--out', tape, '--revive'], /--revive needs --kill/],
      [['tape', 'export', tape, '--format', 'pdf', '--out', dir], /--format must be one of wast, c, js/],
      [['tape', 'play', tape], /give a subcommand, record, verify or export; got "play"/],
      [['tape', 'verify', tape, '--runtime', 'node', '--seconds', '3'], /--seconds does not apply/],
      [['tape', 'verify', join(dir, 'none.tape'), '--runtime', 'node'], /cannot read \(ENOENT\)/],
    ];
    for (const [args, re] of cases) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(re);
    }
    expect(readFileSync(tape).equals(readFileSync(tape))).toBe(true);
  });
});
