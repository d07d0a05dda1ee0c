// F1 (hardening issue): a model file must never cause code to be loaded.
// eval, run, report and energy used to import meta.systemModule (or a
// path-like meta.system) when no --system was given; a crafted model plus a
// script beside it then ran arbitrary JavaScript. field, added later, opens
// models the same way and is checked the same way.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveModel } from '../src/node/files.js';
import { quantize } from '../src/quantize.js';
import { createNetwork } from '../src/spec.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'ebnkit-nocode-'));
const marker = join(dir, 'pwned');
// the payload writes a marker file when imported, then exports a valid system
const payload = join(dir, 'evil.mjs');
writeFileSync(payload, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default { name: 'evil', dims: 2, f: (x) => [x[1], -x[0]], domain: [[-1, 1], [-1, 1]] };\n`);

function crafted(meta: Record<string, unknown>): string {
  const spec = createNetwork({ neurons: 10, dendrites: 5, seed: 1 });
  const path = join(dir, `m${Math.random().toString(36).slice(2)}.ebn`);
  saveModel(path, { spec, image: quantize(spec).image, meta });
  return path;
}

describe('a model file never loads code (F1)', () => {
  for (const cmd of ['eval', 'run', 'field', 'report', 'energy']) {
    it(`${cmd}: meta.systemModule pointing at a script is refused with exit 2 and the script does not run`, () => {
      const m = crafted({ system: 'evil', systemModule: payload });
      const r = cli(cmd, m);
      expect(existsSync(marker)).toBe(false);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/never loads code by itself: pass --system <module>/);
      expect(r.stderr).toContain(payload);
    });
  }
  it('a path-like meta.system is looked up as a built-in name only, never imported', () => {
    const m = crafted({ system: payload });
    const r = cli('eval', m);
    expect(existsSync(marker)).toBe(false);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not a built-in system/);
  });
  it('naming the module with --system is the one way to use it (the user chose to run it)', () => {
    const m = crafted({ system: 'evil', systemModule: payload });
    const r = cli('run', m, '--system', payload, '--seconds', '0.05', '--out', join(dir, 'run.csv'));
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });
});
