// Profiles are data: every number names its source; bad files are refused
// with the field and the reason; user files load like built-in ones.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MCU_PROFILES, mcuProfileFields, type McuJson } from '../../scripts/lib/mcu-profiles.js';
import { formatProfiles, runProfiles } from '../../src/commands/profiles.js';
import { BUILTIN_PROFILE_NAMES, getProfile } from '../../src/emulator/builtin-profiles.js';
import { formatForProfile } from '../../src/emulator/format.js';
import { loadProfile } from '../../src/emulator/load-node.js';
import { parseProfile, ProfileError, validateProfile } from '../../src/emulator/profile.js';
import { meshProfile } from './helpers.js';

const dir = join(import.meta.dirname, '../../profiles');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const raw = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;

/** Every numeric leaf with its path and the object that holds it. */
function numbers(v: unknown, path: string[] = [], parent: Record<string, unknown> | null = null, out: { path: string; parent: Record<string, unknown> | null }[] = []) {
  if (typeof v === 'number') out.push({ path: path.join('.'), parent });
  else if (Array.isArray(v)) v.forEach((x, i) => numbers(x, [...path, String(i)], null, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) numbers(x, [...path, k], v as Record<string, unknown>, out);
  return out;
}

describe('built-in profile files', () => {

  it('a name that is only an Object prototype key (constructor, toString, __proto__) is refused as unknown, like any other', () => {
    for (const n of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(() => getProfile(n), n).toThrow(new RangeError(`profile "${n}" is unknown; built-in profiles: ${BUILTIN_PROFILE_NAMES.join(', ')} (or give a profile file)`));
      expect(() => loadProfile(n), n).toThrow(/is unknown; built-in profiles/);
    }
  });
  it('are all built in (the JSON files are the source of truth)', () => {
    expect([...BUILTIN_PROFILE_NAMES].sort()).toEqual(files.map((f) => f.replace(/\.json$/, '')).sort());
    for (const name of BUILTIN_PROFILE_NAMES) expect(getProfile(name)).toEqual(raw(`${name}.json`));
  });

  it.each(files)('%s validates', (f) => {
    expect(() => validateProfile(raw(f), f)).not.toThrow();
  });

  it.each(files)('%s: every number carries its source', (f) => {
    const p = raw(f);
    const sources = p.sources as Record<string, { citation: string }>;
    const nums = numbers(p).filter((n) => n.path !== 'version');
    expect(nums.length).toBeGreaterThan(5);
    for (const { path, parent } of nums) {
      if (path.startsWith('cycles.reference.')) {
        // the network shape the instruction counts were measured at: cites its source
        expect(sources[String(parent!.source)]?.citation, `${f}: ${path} cites no source`).toBeTruthy();
        continue;
      }
      expect(/\.(value|min|max)$/.test(path), `${f}: ${path} is a bare number, not a quantity's value or range`).toBe(true);
      expect(typeof parent?.source, `${f}: ${path} has no source`).toBe('string');
      expect(sources[parent!.source as string]?.citation, `${f}: ${path} cites unknown source ${String(parent!.source)}`).toBeTruthy();
      expect(String(parent!.where ?? '').trim(), `${f}: ${path} does not say where in the source`).not.toBe('');
      expect(['published', 'derived', 'assumption', 'estimate']).toContain(parent!.status);
      if (parent!.status !== 'published') expect(String(parent!.note ?? parent!.where).length).toBeGreaterThan(3);
    }
    // null values (not published) carry a note saying why
    const nulls = JSON.stringify(p).match(/"value":null/g)?.length ?? 0;
    if (nulls) for (const q of Object.values(p).flatMap((g) => (g && typeof g === 'object' ? Object.values(g) : []))) if (q && typeof q === 'object' && (q as { value?: unknown }).value === null) expect((q as { note?: string }).note).toBeTruthy();
  });

  it('carries the Loihi figures of DESIGN.md section 5', () => {
    const e = getProfile('loihi').energy!;
    expect([e.synapticOp.value, e.synapticUpdate.value, e.neuronActive.value, e.neuronInactive.value, e.delivery.value, e.hopEW.value, e.hopNS.value]).toEqual([23.6, 120, 81, 52, 1.7, 3.0, 4.0]);
    expect(e.synapticOp.source).toBe('davies2018');
    const t = getProfile('truenorth');
    expect([t.energy!.synapticOp.value, t.limits.unitsPerCore.value, t.limits.fanIn.value]).toEqual([26, 256, 256]);
    // 26 pJ is a whole-chip average: hops, deliveries and static power are inside it, never added
    expect(t.costModel).toMatchObject({ kind: 'whole-chip-average', alternatives: [['synapticOp']] });
    expect([t.energy!.hopEW.value, t.energy!.hopNS.value, t.energy!.delivery.value, t.energy!.staticPower.value]).toEqual([null, null, null, null]);
    // Sharp et al.'s two figures are alternatives, never added
    expect(getProfile('spinnaker').costModel!.alternatives).toEqual([['neuronActive', 'neuronInactive', 'dendriteUpdate'], ['synapticOp']]);
  });

  it('cite only sources inside the project or public papers, never the design notes outside the repository', () => {
    for (const f of files) expect(JSON.stringify(raw(f)), f).not.toMatch(/DESIGN\.md/);
  });

  it('declare what each chip can compute: graded units, learning, spike rule and delay', () => {
    const c = (n: string) => getProfile(n).capabilities;
    expect([c('loihi').gradedUnits.value, c('loihi').spikeRule.value, c('loihi').spikeDelay.value, c('loihi').arbiter.value]).toEqual([false, 'parallel', 1, 'none']);
    expect([c('loihi2').gradedUnits.value, c('loihi2').gradedMessages.value]).toEqual([true, true]);
    expect([c('truenorth').learning.value, c('xylo').learning.value, c('loihi').learning.value]).toEqual([false, false, true]);
    expect([c('cortex-m4').spikeRule.value, c('cortex-m4').arbiter.value]).toEqual(['any', 'global']);
  });

  it('takes the Cortex-M4 cycles from the measured instruction counts, and labels the per-operation split as estimates', () => {
    const c = getProfile('cortex-m4').cycles!;
    for (const k of ['stepOverhead', 'neuronUpdate', 'fastEvent', 'slowEvent', 'dendriteEval', 'weightUpdate'] as const) expect(c[k].status).toBe('estimate');
    const mcu = JSON.parse(readFileSync(join(import.meta.dirname, '../../bench/results/mcu.json'), 'utf8')) as McuJson;
    const row = (mode: string) => mcu.rows.find((r) => r.mode === mode && r.config === '-O2 unchecked' && r.cpu === 'm4')!.free;
    expect(c.instructionsDense.value).toBe(row('dense'));
    expect(c.instructionsFactored.value).toBe(row('lowrank'));
  });

  it('every profile that runs the kernel cites bench/results/mcu.json as scripts/mcu-profiles.ts writes it (instructions; M4 cores: CPI from the executed mix)', () => {
    const mcu = JSON.parse(readFileSync(join(import.meta.dirname, '../../bench/results/mcu.json'), 'utf8')) as McuJson;
    for (const name of Object.keys(MCU_PROFILES)) {
      const c = getProfile(name).cycles!, f = mcuProfileFields(mcu, name);
      expect([c.instructionsDense.value, c.instructionsFactored.value], name).toEqual([f.instructionsDense, f.instructionsFactored]);
      if (f.cpi) expect([c.cpi.value, c.cpi.min, c.cpi.max], name).toEqual([f.cpi.value, f.cpi.min, f.cpi.max]);
    }
    const m4 = getProfile('cortex-m4').cycles!.cpi;
    expect(m4.min! >= 1 && m4.value! > m4.min! && m4.max! > m4.value!).toBe(true);
  });

  it('map to the kernel number formats by their bit widths', () => {
    expect(formatForProfile(getProfile('loihi'))).toMatchObject({ name: 'loihi', weightBits: 8, stateBits: 24 });
    expect(formatForProfile(getProfile('spinnaker'))).toMatchObject({ name: 'w16', weightBits: 16, stateBits: 32 });
    expect(formatForProfile(getProfile('cortex-m4'))).toMatchObject({ name: 'q24', weightBits: null, stateBits: 32 });
    expect(formatForProfile(getProfile('truenorth'))).toMatchObject({ name: 'truenorth', id: 255, weightBits: 2, stateBits: 20 });
  });
});

describe('a bad profile is refused with the field and the reason', () => {
  const good = () => structuredClone(raw('loihi.json')) as Record<string, Record<string, Record<string, unknown>>>;
  const refuse = (p: unknown, field: string, reason: RegExp) => {
    try {
      validateProfile(p, 'my.json');
    } catch (e) {
      expect(e).toBeInstanceOf(ProfileError);
      expect((e as ProfileError).field).toBe(field);
      expect((e as ProfileError).message).toMatch(reason);
      expect((e as ProfileError).message.startsWith('my.json: ')).toBe(true);
      return;
    }
    throw new Error(`accepted a profile with a bad ${field}`);
  };

  it('a number without a source', () => {
    const p = good();
    delete p.energy!.synapticOp!.source;
    refuse(p, 'energy.synapticOp.source', /every number must name its source/);
  });
  it('a source that is not listed', () => {
    const p = good();
    p.energy!.hopEW!.source = 'nobody2020';
    refuse(p, 'energy.hopEW.source', /"nobody2020" is not a key of "sources"/);
  });
  it('a unit of the wrong kind', () => {
    const p = good();
    p.energy!.hopNS!.unit = 'ns';
    refuse(p, 'energy.hopNS.unit', /"ns" is not a energy unit/);
  });
  it('a missing value without a note', () => {
    const p = good();
    p.energy!.neuronActive = { value: null, unit: 'pJ', source: 'davies2018', where: 'Table 2', status: 'published' };
    refuse(p, 'energy.neuronActive.note', /null value needs a note/);
  });
  it('a required number left out', () => {
    const p = good();
    p.mesh!.cores!.value = null;
    refuse(p, 'mesh.cores.value', /null but this number is required/);
  });
  it('a negative energy, a fractional count, an unknown field, a missing group', () => {
    let p = good();
    p.energy!.synapticOp!.value = -1;
    refuse(p, 'energy.synapticOp.value', /below the minimum 0/);
    p = good();
    p.limits!.unitsPerCore!.value = 10.5;
    refuse(p, 'limits.unitsPerCore.value', /not a whole number/);
    p = good();
    (p.energy as Record<string, unknown>).joulesPerHug = p.energy!.hopEW;
    refuse(p, 'energy.joulesPerHug', /not a known field/);
    p = good();
    delete p.time;
    refuse(p, 'time', /is missing/);
  });
  it('more cores than the mesh holds', () => {
    const p = good();
    p.mesh!.cores!.value = 200;
    refuse(p, 'mesh.cores.value', /200 cores do not fit a 8x4 mesh of 4 cores per node \(128\)/);
  });
  it('not JSON at all', () => {
    expect(() => parseProfile('{ nope', 'x.json')).toThrow(/x\.json: profile: not valid JSON/);
  });
});

describe('user profile files', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ebnkit-profile-'));
  it('load from a file and work like built-in ones', () => {
    const f = join(tmp, 'mine.json');
    writeFileSync(f, JSON.stringify(meshProfile()));
    expect(loadProfile(f).name).toBe('test-mesh');
    expect(loadProfile('loihi').name).toBe('loihi');
    expect(runProfiles({ check: f }).checked).toEqual({ file: f, name: 'test-mesh', ok: true });
  });
  it('are refused with the file, the field and the reason', () => {
    const f = join(tmp, 'bad.json');
    const p = JSON.parse(JSON.stringify(meshProfile()));
    p.energy.synapticOp.where = '';
    writeFileSync(f, JSON.stringify(p));
    expect(() => loadProfile(f)).toThrow(`${f}: energy.synapticOp.where: is missing: say where in the source the number stands`);
    expect(() => loadProfile(join(tmp, 'absent.json'))).toThrow(/cannot read the file/);
    expect(() => loadProfile('nosuchchip')).toThrow(/profile "nosuchchip" is unknown; built-in profiles: loihi, loihi2, truenorth, spinnaker, spinnaker2, xylo, cortex-m4, cortex-m0plus, esp32-c3/);
  });
  it('`ebnkit profiles` lists the built-in ones', () => {
    const s = runProfiles();
    expect(s.profiles.map((p) => p.name)).toEqual(['loihi', 'loihi2', 'truenorth', 'spinnaker', 'spinnaker2', 'xylo', 'cortex-m4', 'cortex-m0plus', 'esp32-c3']);
    const text = formatProfiles(s);
    expect(text).toMatch(/loihi\s+128\s+1024\s+4096\s+8 b\s+24 b\s+parallel\/1\s+no\s+yes\s+23\.6 pJ\s+52\.0 pJ\s+3\.00 pJ/);
    expect(text).toMatch(/cortex-m4 .*\(7 estimated figures\)/);
  });
});
