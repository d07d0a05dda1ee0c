// `ebnkit profiles`: the hardware profiles the emulator knows, and a check of
// a user's profile file (refused with the field and the reason).
import { builtinProfiles } from '../emulator/builtin-profiles.js';
import { loadProfile } from '../emulator/load-node.js';
import { qv, type Profile } from '../emulator/profile.js';
import { si } from '../emulator/units.js';

export const HELP = `usage: ebnkit profiles [--check <file.json>] [--json]

Lists the built-in hardware profiles (cores, limits, bit widths, key costs).
With --check, validates a profile file and says which field is wrong and why.
Use a profile file anywhere a profile name is accepted (ebnkit energy --profile my.json).`;

export interface ProfileInfo {
  name: string;
  title: string;
  kind: 'event costs' | 'runs the kernel (cycles)';
  cores: number;
  mesh: string;
  unitsPerCore: number | null;
  fanIn: number | null;
  weightBits: number;
  stateBits: number;
  /** Spike rule and delay, e.g. "parallel/1". */
  spikeRule: string;
  /** What the chip can compute: graded nonlinear units, on-chip learning. */
  gradedUnits: boolean;
  learning: boolean;
  /** Key costs in base units (J per event), null where not published. */
  synapticOp: number | null;
  neuronUpdate: number | null;
  hop: number | null;
  energyPerCycle: number | null;
  estimates: number;
  sources: string[];
}

export interface ProfilesSummary {
  profiles: ProfileInfo[];
  checked?: { file: string; name: string; ok: true };
}

export function profileInfo(p: Profile): ProfileInfo {
  const cy = p.cycles;
  const [I, V, f] = cy ? [qv(cy.activeCurrent, 'current'), qv(cy.supplyVoltage, 'voltage'), qv(cy.clock, 'frequency')] : [null, null, null];
  const eCycle = I !== null && V !== null && f !== null ? (I * V) / f : null;
  let estimates = 0;
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      if ((v as { status?: string }).status === 'estimate') estimates++;
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(p);
  return {
    name: p.name,
    title: p.title,
    kind: cy ? 'runs the kernel (cycles)' : 'event costs',
    cores: qv(p.mesh.cores, 'count')!,
    mesh: `${qv(p.mesh.width, 'count')}x${qv(p.mesh.height, 'count')} nodes, ${qv(p.mesh.coresPerNode, 'count')} cores each`,
    unitsPerCore: qv(p.limits.unitsPerCore, 'count'),
    fanIn: qv(p.limits.fanIn, 'count'),
    weightBits: qv(p.limits.weightBits, 'memory')!,
    stateBits: qv(p.limits.stateBits, 'memory')!,
    spikeRule: `${p.capabilities.spikeRule.value}/${p.capabilities.spikeDelay.value}`,
    gradedUnits: p.capabilities.gradedUnits.value,
    learning: p.capabilities.learning.value,
    synapticOp: p.energy ? qv(p.energy.synapticOp, 'energy') : null,
    neuronUpdate: p.energy ? qv(p.energy.neuronInactive, 'energy') : null,
    hop: p.energy ? qv(p.energy.hopEW, 'energy') : null,
    energyPerCycle: eCycle,
    estimates,
    sources: Object.values(p.sources).map((s) => s.citation),
  };
}

export function runProfiles(o: { check?: string } = {}): ProfilesSummary {
  const out: ProfilesSummary = { profiles: builtinProfiles().map(profileInfo) };
  if (o.check) {
    const p = loadProfile(o.check.includes('/') || o.check.endsWith('.json') ? o.check : `./${o.check}`);
    out.checked = { file: o.check, name: p.name, ok: true };
  }
  return out;
}

const n = (v: number | null) => (v === null ? '-' : String(v));
const e = (v: number | null) => (v === null ? 'n/a' : si(v, 'J'));

export function formatProfiles(s: ProfilesSummary): string {
  const rows = [['name', 'cores', 'units/core', 'fan-in', 'weights', 'state', 'fires/delay', 'graded', 'learns', 'synaptic op', 'neuron upd', 'hop', 'per cycle', 'title']];
  for (const p of s.profiles)
    rows.push([p.name, String(p.cores), n(p.unitsPerCore), n(p.fanIn), `${p.weightBits} b`, `${p.stateBits} b`, p.spikeRule, p.gradedUnits ? 'yes' : 'no', p.learning ? 'yes' : 'no', e(p.synapticOp), e(p.neuronUpdate), e(p.hop), e(p.energyPerCycle), `${p.title}${p.estimates ? ` (${p.estimates} estimated figures)` : ''}`]);
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!))).join('  '));
  if (s.checked) lines.push('', `${s.checked.file}: valid profile "${s.checked.name}"`);
  lines.push('', 'Every number in a profile names its source; see profiles/*.json and docs/emulator.md.');
  return lines.join('\n');
}
