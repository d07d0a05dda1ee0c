// Sweep files: grid and random expansion, option spelling, errors; job keys.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSweep, SweepError } from '../src/sweep/config.js';
import { trainOptions } from '../src/sweep/options.js';
import { canonical, jobKey, PACKAGE_VERSION } from '../src/sweep/key.js';

const dir = mkdtempSync(join(tmpdir(), 'ebnkit-sweep-config-'));
const file = join(dir, 's.yaml');

describe('sweep file', () => {
  it('a grid is the product of its axes, over fixed options passed through with CLI spellings mapped', () => {
    const s = parseSweep(
      'train: { system: vanderpol, seconds: 2 }\nenergy: { profile: "loihi,xylo", slow-path: factored }\ngrid: { train.neurons: [20, 30], train.seed: [1, 2, 3] }\n',
      file,
    );
    expect(s.jobs).toHaveLength(6);
    expect(s.jobs[0]).toEqual({ train: { system: 'vanderpol', seconds: 2, neurons: 20, seed: 1 }, energy: { profiles: ['loihi', 'xylo'], slowPath: 'factored' } });
    expect(new Set(s.jobs.map((j) => `${j.train.neurons}/${j.train.seed}`)).size).toBe(6);
    expect(s.store).toBe(join(dir, 's.results.jsonl'));
    expect(s.timeout).toBe(600);
  });
  it('JSON works too', () => {
    const s = parseSweep(JSON.stringify({ train: { system: 'linear', 'no-search': true }, timeout: 5 }), join(dir, 's.json'));
    expect(s.jobs).toEqual([{ train: { system: 'linear', noSearch: true } }]);
    expect(s.timeout).toBe(5);
  });
  it('an unknown option name is refused wherever it is, naming the key, its place, the accepted names and the nearest one', () => {
    const bad = (t: string) => () => parseSweep(t, file);
    expect(bad('train: { system: vanderpol, nuerons: 20 }')).toThrow(
      `${file}: train: unknown train option "nuerons" (did you mean "neurons"?); train accepts system, seconds, neurons, seed, executor, format, mode, policy, search, noSearch, soft, refractory, arbitration (or as CLI flags: no-search)`,
    );
    expect(bad('eval: { seed: 2 }')).toThrow(`${file}: eval: unknown eval option "seed" (did you mean "seeds"?); eval accepts seeds, executor, format`);
    expect(bad('energy: { slow-paths: dense }')).toThrow(/energy: unknown energy option "slow-paths" \(did you mean "slowPath"\?\); energy accepts profiles, slowPath, .*\(or as CLI flags: slow-path, per-core, cycles-per-step\)/);
    // in an axis name, of a grid or of a random sample; a name with no near match gets no guess
    expect(bad('grid: { train.neuron: [10, 20] }')).toThrow(`${file}: grid: axis "train.neuron": unknown train option "neuron" (did you mean "neurons"?)`);
    expect(bad('random: { count: 2, axes: { energy.zzz: [1] } }')).toThrow(new RegExp(`random.axes: axis "energy.zzz": unknown energy option "zzz"; energy accepts`));
    // options set by the job itself are not the sweep's to set
    expect(bad('train: { out: x.ebn }')).toThrow(/train option "out" is set by the sweep for each job \(its model file in a private folder/);
    expect(bad('energy: { model: m.ebn }')).toThrow(/energy option "model" is set by the sweep for each job \(the model just trained/);
    expect(bad('train: { chip: 1 }')).toThrow(/chip options are given as soft, refractory, arbitration/);
    // the keys of random and of a range
    expect(bad('random: { cout: 5 }')).toThrow(`${file}: random: unknown key "cout" (did you mean "count"?) (accepted: count, seed, axes)`);
    expect(bad('random: { count: 5, axes: { train.neurons: { min: 10, max: 20, integer: true } } }')).toThrow(
      `${file}: random.axes.train.neurons: unknown key "integer" (did you mean "int"?) (accepted: min, max, int, log)`,
    );
  });
  it('the CLI flags become the function options as the CLI makes them: chip flags into chip (parallel only), no-search into search', () => {
    const s = parseSweep('train: { policy: parallel, no-search: true }\ngrid: { train.soft: [8, 16] }\n', file);
    expect(s.jobs.map((j) => trainOptions(j.train))).toEqual([
      { system: 'vanderpol', policy: 'parallel', chip: { soft: 8 }, search: false },
      { system: 'vanderpol', policy: 'parallel', chip: { soft: 16 }, search: false },
    ]);
    expect(trainOptions({ search: false, seed: 3 })).toEqual({ search: false, seed: 3 });
    expect(() => parseSweep('grid: { train.policy: [winner, parallel], train.soft: [8] }\n', file)).toThrow(
      `${file}: train: soft is an option of policy parallel; this job's policy is winner (at {"train.policy":"winner","train.soft":8})`,
    );
    expect(() => parseSweep('train: { search: true, noSearch: true }\n', file)).toThrow(/give search or noSearch \(no-search\), not both/);
  });
  it('a random sample is seeded (same file, same jobs), inside its ranges, integers where asked', () => {
    const text = 'train: { system: vanderpol }\nrandom: { count: 40, seed: 3, axes: { train.neurons: { min: 10, max: 12, int: true }, train.format: [q24, w16] } }\n';
    const a = parseSweep(text, file);
    const b = parseSweep(text, file);
    expect(a.jobs).toEqual(b.jobs);
    // 3 x 2 distinct points at most: duplicates drawn twice become one job
    expect(a.jobs.length).toBe(6);
    for (const j of a.jobs) {
      expect([10, 11, 12]).toContain(j.train.neurons);
      expect(['q24', 'w16']).toContain(j.train.format);
    }
  });
  it('a system module is keyed by its content: changing the file changes the key', () => {
    const mod = join(dir, 'sys.mjs');
    writeFileSync(mod, 'export default { name: "a" };\n');
    const text = 'train: { system: ./sys.mjs }\n';
    const k1 = jobKey(parseSweep(text, file).jobs[0]!);
    expect(parseSweep(text, file).jobs[0]!.train.system).toBe(mod);
    writeFileSync(mod, 'export default { name: "b" };\n');
    expect(jobKey(parseSweep(text, file).jobs[0]!)).not.toBe(k1);
  });
  it('a system module is keyed by its name and content, not by where the checkout sits (a committed store answers in a fresh clone)', () => {
    const other = mkdtempSync(join(tmpdir(), 'ebnkit-sweep-elsewhere-'));
    try {
      const body = 'export default { name: "same" };\n';
      writeFileSync(join(dir, 'same.mjs'), body);
      writeFileSync(join(other, 'same.mjs'), body);
      writeFileSync(join(other, 'renamed.mjs'), body);
      const text = (m: string) => `train: { system: ./${m} }\n`;
      const here = parseSweep(text('same.mjs'), file).jobs[0]!;
      const there = parseSweep(text('same.mjs'), join(other, 's.yaml')).jobs[0]!;
      expect(here.train.system).not.toBe(there.train.system);
      expect(jobKey(there)).toBe(jobKey(here));
      expect(jobKey(parseSweep(text('renamed.mjs'), join(other, 's.yaml')).jobs[0]!)).not.toBe(jobKey(here));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
  it('a profile file is resolved beside the sweep and keyed by its content; built-in names stay names', () => {
    const prof = join(dir, 'chip.json');
    writeFileSync(prof, '{"a":1}');
    const text = 'energy: { profiles: [loihi, ./chip.json] }\n';
    const j = parseSweep(text, file).jobs[0]!;
    expect(j.energy!.profiles).toEqual(['loihi', prof]);
    writeFileSync(prof, '{"a":2}');
    expect(jobKey(parseSweep(text, file).jobs[0]!)).not.toBe(jobKey(j));
    expect(() => parseSweep('energy: { profiles: [./nochip.json] }\n', file)).toThrow(/energy profile file .*nochip.json does not exist/);
  });
  it('bad files say what was wrong and what is accepted', () => {
    const bad = (t: string) => () => parseSweep(t, file);
    expect(bad('grid: { neurons: [1] }')).toThrow(/axis "neurons" must be <section>.<option> with section train, eval, energy/);
    expect(bad('trian: {}')).toThrow(/unknown key "trian" \(did you mean "train"\?\) \(accepted: train, eval, energy/);
    expect(bad('grid: { train.seed: [] }')).toThrow(/at least one value/);
    expect(bad('grid: { train.seed: { min: 1, max: 2 } }')).toThrow(/must list its values/);
    expect(bad('random: { count: 0 }')).toThrow(/random.count must be a positive integer/);
    expect(bad('train: { system: nosuch }')).toThrow(/neither a built-in system \(vanderpol.*nor a module file/);
    expect(bad('train: { seconds: { a: 1 } }')).toThrow(SweepError);
    expect(bad('timeout: -1')).toThrow(/timeout must be a positive number/);
    expect(bad('train: [1')).toThrow(/not valid YAML or JSON/);
  });
});

describe('job key', () => {
  it('does not depend on key order, does depend on every value', () => {
    expect(canonical({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    const j = { train: { system: 'vanderpol', seed: 1, neurons: 20 } };
    expect(jobKey(j)).toBe(jobKey({ train: { neurons: 20, seed: 1, system: 'vanderpol' } }));
    expect(jobKey(j)).not.toBe(jobKey({ train: { system: 'vanderpol', seed: 2, neurons: 20 } }));
    expect(jobKey(j)).toMatch(/^[0-9a-f]{64}$/);
  });
  it('stamps the package version of package.json', () => {
    expect(PACKAGE_VERSION).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});
