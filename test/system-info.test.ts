// SYSTEM_INFO labels the playground's menu without configuring every
// built-in (a 1.7-1.9 s task at page load); it must say what getSystem says.
import { describe, expect, it } from 'vitest';
import { getSystem, SYSTEM_INFO, SYSTEMS } from '../src/systems/index.js';

describe('SYSTEM_INFO', () => {
  it('has exactly the built-in systems', () => expect(Object.keys(SYSTEM_INFO)).toEqual(Object.keys(SYSTEMS)));
  for (const name of Object.keys(SYSTEMS))
    it(`${name}: kind and description equal the configured system's`, () => {
      const s = getSystem(name);
      expect(SYSTEM_INFO[name]!()).toEqual({ kind: s.kind, description: s.description });
    });
});
