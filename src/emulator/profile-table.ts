// The profiles table of docs/emulator.md, from the profile files themselves,
// so that no figure is typed twice (scripts/energy-table.ts writes it; a test
// checks the docs agree).
import { builtinProfiles } from './builtin-profiles.js';
import type { Quantity } from './profile.js';

const cell = (s: string) => s.replace(/\|/g, '/');

/** The profiles table, from the profile files themselves (so no figure is typed twice). */
export function profilesTable(): string {
  const rows = ['| profile | what it is | fires (delay) | graded units | learns | weights / state | key figures (typical, [min-max] where sources disagree) | static power | cost model |', '|---|---|---|---|---|---|---|---|---|'];
  const f = (q: Quantity | undefined) =>
    !q || q.value === null ? 'n/a' : `${q.value} ${q.unit}${q.min !== undefined || q.max !== undefined ? ` [${q.min ?? q.value}-${q.max ?? q.value}]` : ''} (${q.source})`;
  for (const p of builtinProfiles()) {
    const c = p.capabilities;
    const key = p.energy
      ? `synaptic op ${f(p.energy.synapticOp)}; neuron update ${f(p.energy.neuronInactive)} / active ${f(p.energy.neuronActive)}; hop ${f(p.energy.hopEW)} / ${f(p.energy.hopNS)}`
      : `instructions/step ${f(p.cycles!.instructionsDense)} dense, ${f(p.cycles!.instructionsFactored)} factored; CPI ${f(p.cycles!.cpi)}; ${f(p.cycles!.clock)}, ${f(p.cycles!.activeCurrent)} at ${f(p.cycles!.supplyVoltage)}`;
    const stat = p.energy ? `${f(p.energy.staticPower)}; per core ${f(p.energy.staticPerCore)}` : `sleep ${f(p.cycles!.sleepCurrent)}`;
    rows.push(`| \`${p.name}\` | ${p.title} | ${c.spikeRule.value} (${c.spikeDelay.value}) | ${c.gradedUnits.value ? 'yes' : 'no'} | ${c.learning.value ? 'yes' : 'no'} | ${p.limits.weightBits.value} / ${p.limits.stateBits.value} bit | ${cell(key)} | ${cell(stat)} | ${p.costModel?.kind ?? 'per-event'} |`);
  }
  return [`Generated from profiles/*.json by \`scripts/run-ts.sh scripts/energy-table.ts\`; every figure's table, page and status is in its file.`, '', ...rows].join('\n');
}

