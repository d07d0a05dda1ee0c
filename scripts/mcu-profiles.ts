// Rewrites the figures profiles/*.json take from bench/results/mcu.json
// (scripts/lib/mcu-profiles.ts): `scripts/run-ts.sh scripts/mcu-profiles.ts`
// after `npm run bench:mcu`, then `scripts/run-ts.sh scripts/energy-table.ts`
// for the docs. Edits the JSON text in place (only those fields change).
import { readFileSync, writeFileSync } from 'node:fs';
import { MCU_CONFIG, MCU_PROFILES, mcuProfileFields, type McuJson } from './lib/mcu-profiles.js';

const mcu = JSON.parse(readFileSync('bench/results/mcu.json', 'utf8')) as McuJson;
const int = (v: number) => Math.round(v).toLocaleString('en-US');

/** Replace the text of the object `"key": { ... }` (no nested braces) with `body` (already indented). */
function setBlock(text: string, key: string, edit: (block: string) => string): string {
  const a = text.indexOf(`"${key}": {`);
  if (a < 0) throw new Error(`no "${key}" block`);
  const b = text.indexOf('}', a);
  return text.slice(0, a) + edit(text.slice(a, b + 1)) + text.slice(b + 1);
}
const setField = (block: string, field: string, json: unknown) => {
  const re = new RegExp(`("${field}": )(?:"(?:[^"\\\\]|\\\\.)*"|-?[\\d.eE+-]+|null)`);
  if (!re.test(block)) throw new Error(`no ${field} in ${block.slice(0, 40)}`);
  return block.replace(re, (_m, pre: string) => pre + JSON.stringify(json));
};

for (const name of Object.keys(MCU_PROFILES)) {
  const path = `profiles/${name}.json`;
  let t = readFileSync(path, 'utf8');
  const f = mcuProfileFields(mcu, name);
  t = setBlock(t, 'instructionsDense', (b) => setField(b, 'value', f.instructionsDense));
  t = setBlock(t, 'instructionsFactored', (b) => setField(b, 'value', f.instructionsFactored));
  if (f.cpi) {
    const cpi = f.cpi;
    t = setBlock(t, 'cpi', (b) => {
      for (const [k, v] of [['value', cpi.value], ['min', cpi.min], ['max', cpi.max], ['note', cpi.note], ['source', 'mcu'], ['status', 'estimate'],
        ['where', `rows: modes dense and lowrank, config "${MCU_CONFIG}", cpu ${f.cpu}, cpi.free (the executed mix weighted by the Arm Cortex-M4 TRM cycle timings, bench/lib/cortexm-cycles.ts)`]] as const)
        b = setField(b, k, v);
      return b;
    });
  }
  t = t.replace(/\(([\d,]+) instead of ([\d,]+) instructions per step\)/, `(${int(f.instructionsFactored)} instead of ${int(f.instructionsDense)} instructions per step)`);
  writeFileSync(path, t);
  console.log(`${path}: instructions ${f.instructionsDense} dense, ${f.instructionsFactored} factored${f.cpi ? `; CPI ${f.cpi.value} (${f.cpi.min}-${f.cpi.max})` : ''}`);
}
