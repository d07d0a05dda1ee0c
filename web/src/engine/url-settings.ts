// Settings in a link: the page's whole setup as URL parameters (in the
// fragment, so nothing reaches a server and the page does not reload), in
// the units of the form (dt in ms), so a setup can be shared by link as in
// TensorFlow Playground. Parsing never trusts the link: the result goes
// through validateSettings like anything typed.
import { PARALLEL_DEFAULTS } from '../../../src/spike-rule.js';
import { getProfile } from '../../../src/emulator/index.js';
import { CHIP_FIELDS, DEFAULT_SETTINGS, type Settings, type UserSystemSource } from './settings.js';

const NUM = ['N', 'K', 'seed', 'seconds', 'k', 'eta'] as const;

export function settingsToParams(s: Settings, extra: Record<string, string> = {}): URLSearchParams {
  const p = new URLSearchParams();
  if ('builtin' in s.system) p.set('system', s.system.builtin);
  else {
    const c = s.system.custom;
    p.set('system', 'custom');
    p.set('name', c.name);
    p.set('kind', c.kind);
    p.set('timeScale', String(c.timeScale));
    c.f.slice(0, c.dims).forEach((f, j) => p.set(`f${j + 1}`, f));
    c.domain.slice(0, c.dims).forEach(([lo, hi], j) => p.set(`x${j + 1}`, `${lo},${hi}`));
  }
  for (const k of NUM) p.set(k, String(s[k]));
  p.set('dtMs', String(+(s.dt * 1000).toPrecision(6)));
  p.set('policy', s.policy);
  // the parallel rule's options, as the CLI's --soft, --refractory, --arbitration
  // (the soft width's default depends on N and J, softDefault: left out unless set, as on the CLI)
  if (s.policy === 'parallel')
    for (const f of CHIP_FIELDS) {
      const v = s.chip?.[f] ?? (f === 'soft' ? undefined : PARALLEL_DEFAULTS[f]);
      if (v !== undefined) p.set(f, String(v));
    }
  p.set('format', s.format);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p;
}

/** Settings from a link's parameters (missing ones from `base`); null when the link holds no settings. */
export function settingsFromParams(p: URLSearchParams, base: Settings = DEFAULT_SETTINGS): Settings | null {
  if (!p.has('system')) return null;
  const s: Settings = { ...base };
  const sys = p.get('system')!;
  if (sys === 'custom') {
    const f: string[] = [];
    const domain: [number, number][] = [];
    for (let j = 1; j <= 3 && p.has(`f${j}`); j++) {
      f.push(p.get(`f${j}`)!);
      const [lo, hi] = (p.get(`x${j}`) ?? '-1,1').split(',').map(Number);
      domain.push([lo ?? NaN, hi ?? NaN]);
    }
    const custom: UserSystemSource = {
      name: p.get('name') ?? 'custom',
      dims: f.length,
      f,
      domain,
      kind: (p.get('kind') ?? 'limit-cycle') as UserSystemSource['kind'],
      timeScale: Number(p.get('timeScale') ?? 1),
    };
    s.system = { custom };
  } else s.system = { builtin: sys };
  for (const k of NUM) if (p.has(k)) s[k] = Number(p.get(k));
  if (p.has('dtMs')) s.dt = Number(`${p.get('dtMs')}e-3`);
  if (p.has('policy')) s.policy = p.get('policy') as Settings['policy'];
  if (p.has('format')) s.format = p.get('format')!;
  const chip = Object.fromEntries(CHIP_FIELDS.filter((f) => p.has(f)).map((f) => [f, Number(p.get(f))]));
  if (Object.keys(chip).length) s.chip = chip;
  return s;
}

/**
 * The hardware profile energy is priced on, in a link: a built-in one by name
 * (`profile=truenorth`). A profile from a file is not carried (a profile file
 * is 9-14 kB of JSON, which would make the link several times longer than
 * everything else in it); the link names its file instead (`profileFile=`),
 * so whoever opens it is told which file to load.
 */
export function profileToParams(p: URLSearchParams, profile: { name: string; file?: string }): URLSearchParams {
  if (profile.file !== undefined) p.set('profileFile', profile.file);
  else p.set('profile', profile.name);
  return p;
}

/**
 * The profile a link asks for: a built-in's name, a file it cannot hold, or
 * a name that is no built-in profile (refused in the command line's words);
 * null when the link names none.
 */
export function profileFromParams(p: URLSearchParams): { builtin: string } | { file: string } | { error: string } | null {
  const name = p.get('profile');
  // the library's own check and words (getProfile, which the CLI's --profile runs)
  if (name !== null) {
    try {
      getProfile(name);
      return { builtin: name };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  const file = p.get('profileFile');
  return file !== null ? { file } : null;
}
