// The vector-field language of the playground: what it accepts, what it
// refuses (with a column), and that the module it prints for the CLI computes
// the same field.
import { userField } from '../../src/auto/normalise.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileExpression, ExprError, parse, toJS } from '../../web/src/engine/expr.js';
import { EXAMPLE_CUSTOM } from '../../web/src/engine/settings.js';
import { trialLengthFor } from '../../src/auto/configure.js';
import { trainingPlan } from '../../web/src/engine/settings.js';
import { buildUserSystem, checkUserSystem, FieldError, userSystemModule } from '../../web/src/engine/user-system.js';

const ev = (s: string, x: number[] = [0.5, -2, 3], dims = 3) => compileExpression(s, dims)(x);

describe('vector-field expressions', () => {
  it('follows the usual precedence', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('-x1^2')).toBe(-0.25);
    expect(ev('2^3^2')).toBe(512);
    expect(ev('2**-1')).toBe(0.5);
    expect(ev('(1 - x1^2)*x2 - x1')).toBeCloseTo(-2, 12);
    expect(ev('x*y + z')).toBe(2);
    expect(ev('max(x1, x3) - min(2, abs(x2))')).toBe(1);
    expect(ev('atan2(1, 1)*4')).toBeCloseTo(Math.PI, 12);
    expect(ev('pi + e')).toBeCloseTo(Math.PI + Math.E, 12);
    expect(ev('1.5e1 + .5')).toBe(15.5);
  });

  it.each([
    ['', /empty/],
    ['x1 +', /expected a number.*the end/],
    ['(x1', /expected "\)" but found the end/],
    ['x1)', /unexpected "\)" at column 3/],
    ['x4', /not a variable of a 3-D system/],
    ['foo(x1)', /unknown function "foo"/],
    ['sin x1', /needs parentheses/],
    ['min(x1)', /takes 2 arguments, got 1/],
    ['constructor', /unknown name "constructor"/],
    ['__proto__', /unknown name "__proto__"/],
    ['toString(x1)', /unknown function "toString"/],
    ['hasOwnProperty', /unknown name/],
    ['valueOf()', /unknown function "valueOf"/],
    ['x1.constructor', /unexpected "\." at column 3|unknown name/],
    ['alert(1)', /unknown function "alert"/],
    ['x1; x2', /unexpected ";" at column 3/],
    ['`x`', /unexpected "`" at column 1/],
    ['"x1"', /unexpected/],
    ['x1[0]', /unexpected "\[" at column 3/],
    ['1e999', /too large/],
    ['('.repeat(60) + 'x1' + ')'.repeat(60), /nested more than/],
    ['x1+'.repeat(200) + 'x1', /longer than 400/],
  ])('refuses %j', (src, msg) => {
    expect(() => parse(src, 3)).toThrow(ExprError);
    expect(() => parse(src, 3)).toThrow(msg);
  });

  it('prints only whitelisted JavaScript', () => {
    const js = toJS(parse('-(1 - x^2)*y/2 + sin(z)^2 - max(x, 1e-3)', 3));
    expect(js).toMatch(/^[\w\s.()[\],+\-*/]*$/);
    expect(js).not.toMatch(/[;'"`={}]/);
  });

  it('builds systems through defineSystem, naming the form field of each problem', () => {
    const ok = buildUserSystem({ ...EXAMPLE_CUSTOM, dims: 1, f: ['x1*(1 - x1^2)*5'], domain: [[-1.5, 1.5]], kind: 'fixed-points' });
    // the system is normalised (src/auto/normalise.ts); in user units it is the expression
    expect(userField(ok, [0.5])[0]).toBeCloseTo(1.875, 12);
    const field = (patch: object) => {
      try {
        buildUserSystem({ ...EXAMPLE_CUSTOM, ...patch });
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(FieldError);
        return (e as FieldError).field;
      }
    };
    expect(field({ name: '1abc' })).toBe('name');
    expect(field({ f: ['x2', 'x1 +'] })).toBe('f2');
    expect(field({ f: ['1/x1', 'x1'] })).toBe('f1'); // infinite at the domain's centre
    expect(field({ f: ['x3', 'x1'] })).toBe('f1'); // a 2-D system has no x3
    expect(field({ domain: [[-1, 1], [2, 1]] })).toBe('domain2');
    expect(field({ domain: [[-1, 1], [-500, 500]] })).toBe('domain2');
    expect(field({ timeScale: 0 })).toBe('timeScale');
  });

  it('the form\'s cheap check (every keystroke) refuses what the full build refuses before configuring, in the same field', () => {
    const both = (patch: object) => {
      const src = { ...EXAMPLE_CUSTOM, ...patch };
      const fieldOf = (f: () => unknown) => {
        try {
          f();
          return null;
        } catch (e) {
          return (e as FieldError).field;
        }
      };
      return [fieldOf(() => checkUserSystem(src)), fieldOf(() => buildUserSystem(src))];
    };
    for (const patch of [{ name: '1abc' }, { f: ['x2', 'x1 +'] }, { f: ['1/x1', 'x1'] }, { f: ['0', '0'] }, { domain: [[-1, 1], [2, 1]] }, { timeScale: 0 }]) {
      const [cheap, full] = both(patch);
      expect(cheap, JSON.stringify(patch)).not.toBeNull();
      expect(cheap, JSON.stringify(patch)).toBe(full);
    }
  });

  it.each([0.05, 0.3, 1.05, 2.2, 7])('the hint\'s trial length for a typed field (time scale %s s) is what its configuration sets, without configuring it', (timeScale) => {
    const src = { ...EXAMPLE_CUSTOM, timeScale, f: EXAMPLE_CUSTOM.f.slice(0, 2), domain: EXAMPLE_CUSTOM.domain.slice(0, 2) };
    expect(trialLengthFor(timeScale)).toBe(trainingPlan(buildUserSystem(src)).trialLength);
  });

  it('the printed module computes the same field and loads as a CLI system module', async () => {
    const src = { ...EXAMPLE_CUSTOM, dims: 3, f: ['x2 - x1^3', '-x1 + tanh(x3)', 'sin(x1*x2) - 0.5*x3'], kind: 'chaotic' as const };
    const dir = mkdtempSync(join(tmpdir(), 'ebnkit-expr-'));
    try {
      const file = join(dir, 'sys.mjs');
      writeFileSync(file, userSystemModule(src));
      const mod = (await import(pathToFileURL(file).href)) as { default: { name: string; dims: number; f: (x: number[]) => number[] } };
      expect(mod.default).toMatchObject({ name: 'hopf', dims: 3, kind: 'chaotic' });
      const sys = buildUserSystem(src);
      for (const x of [[0.1, -0.7, 1.2], [-1.4, 1.1, -0.3]]) {
        const want = mod.default.f(x);
        userField(sys, x).forEach((v, j) => expect(v).toBeCloseTo(want[j]!, 12));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
