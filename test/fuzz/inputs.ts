// Inputs for the fuzz targets: the checked-in corpus (test/fuzz/corpus/<target>/)
// and fast-check arbitraries that mutate it. Binary inputs get 0-6 mutations (0: the seed itself, so the accept path and its oracle run too)
// (bit flips, random bytes, "interesting" 32-bit words, inserted, deleted or
// duplicated ranges, truncation) and then, half the time, their checksums
// resealed, so that mutations reach the checks behind the checksum (dims,
// lengths, flags, JSON, spec/image agreement) instead of all stopping there.
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sealWords } from '../../src/image.js';
import { MODEL_HEAD, modelChecksum } from '../../src/model.js';
import type { TargetName } from './targets.js';

/** The corpus folder, from the repository root (tests and scripts run there; the scripts are bundled, so no import.meta.url). */
export const CORPUS = resolve('test/fuzz/corpus');

export function corpusFiles(t: TargetName): { name: string; bytes: Uint8Array }[] {
  return readdirSync(join(CORPUS, t)).sort().map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(CORPUS, t, name))) }));
}

const INTERESTING = [0, 1, 2, 3, 4, 24, 64, 65535, 65536, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 96, 0x4b4e4245, 0x4d4e4245];

type Mutation = (b: Uint8Array) => Uint8Array;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().chain((p) => fc.integer({ min: 0, max: 7 }).map((bit): Mutation => (b) => { if (!b.length) return b; const c = b.slice(); c[p % c.length]! ^= 1 << bit; return c; })),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([p, v]): Mutation => (b) => { if (!b.length) return b; const c = b.slice(); c[p % c.length] = v; return c; }),
  fc.tuple(fc.nat(), fc.constantFrom(...INTERESTING)).map(([p, v]): Mutation => (b) => {
    if (b.length < 4) return b;
    const c = b.slice();
    new DataView(c.buffer).setUint32(4 * (p % (c.length >> 2)), v >>> 0, true);
    return c;
  }),
  // header words are where the structure is: aim a third of the word writes at the first 24 words
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(...INTERESTING)).map(([w, v]): Mutation => (b) => {
    if (b.length < 4 * (w + 1)) return b;
    const c = b.slice();
    new DataView(c.buffer).setUint32(4 * w, v >>> 0, true);
    return c;
  }),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([p, ins]): Mutation => (b) => { const q = b.length ? p % (b.length + 1) : 0; const c = new Uint8Array(b.length + ins.length); c.set(b.subarray(0, q)); c.set(ins, q); c.set(b.subarray(q), q + ins.length); return c; }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 64 })).map(([p, n]): Mutation => (b) => { if (!b.length) return b; const q = p % b.length; const c = new Uint8Array(b.length - Math.min(n, b.length - q)); c.set(b.subarray(0, q)); c.set(b.subarray(q + n), q); return c; }),
  fc.nat().map((p): Mutation => (b) => b.subarray(0, b.length ? p % b.length : 0).slice()),
  fc.tuple(fc.nat(), fc.integer({ min: 4, max: 64 })).map(([p, n]): Mutation => (b) => { if (!b.length) return b; const q = p % b.length; const piece = b.subarray(q, q + n); const c = new Uint8Array(b.length + piece.length); c.set(b.subarray(0, q + piece.length)); c.set(piece, q + piece.length); c.set(b.subarray(q + piece.length), q + 2 * piece.length); return c; }),
);

function resealImage(b: Uint8Array): Uint8Array {
  if (b.length < 96 || b.length % 4) return b;
  const c = b.slice();
  sealWords(new Int32Array(c.buffer));
  return c;
}

function resealModel(b: Uint8Array): Uint8Array {
  if (b.length < MODEL_HEAD || b.length % 4) return b;
  const c = b.slice();
  const dv = new DataView(c.buffer);
  const pad4 = (n: number) => Math.ceil(n / 4) * 4;
  const imgAt = MODEL_HEAD + pad4(dv.getUint32(16, true)) + pad4(dv.getUint32(20, true));
  if (imgAt + 96 <= c.length) sealWords(new Int32Array(c.buffer, imgAt, (c.length - imgAt) >> 2));
  dv.setUint32(8, c.length, true);
  dv.setUint32(12, modelChecksum(new Uint32Array(c.buffer)), true);
  return c;
}

function mutated(seeds: Uint8Array[], reseal: (b: Uint8Array) => Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 0, maxLength: 6 }), fc.boolean())
    .map(([s, ms, seal]) => {
      const b = ms.reduce((acc, m) => m(acc), s);
      return seal ? reseal(b) : b;
    });
}

export const imageInputs = (): fc.Arbitrary<Uint8Array> =>
  fc.oneof({ weight: 9, arbitrary: mutated(corpusFiles('image').map((f) => f.bytes), resealImage) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }) });

export const modelInputs = (): fc.Arbitrary<Uint8Array> =>
  fc.oneof({ weight: 9, arbitrary: mutated(corpusFiles('model').map((f) => f.bytes), resealModel) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }) });

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** JSON profiles: structural mutations of the corpus (replace, delete or add a value anywhere), and raw text edits. */
export function profileInputs(): fc.Arbitrary<string> {
  const seeds = corpusFiles('profile').map((f) => JSON.parse(text(f.bytes)) as unknown);
  const structural = fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 4 })).map(([s, edits]) => {
    const doc = structuredClone(s);
    for (const [pick, value, how] of edits) {
      const slots: [Record<string, unknown> | unknown[], string | number][] = [];
      const walk = (v: unknown) => {
        if (v && typeof v === 'object') for (const k of Object.keys(v)) { slots.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]); walk((v as Record<string, unknown>)[k]); }
      };
      walk(doc);
      if (!slots.length) continue;
      const [obj, key] = slots[pick % slots.length]!;
      if (how === 0) (obj as Record<string | number, unknown>)[key] = value;
      else if (how === 1 && !Array.isArray(obj)) delete (obj as Record<string, unknown>)[key as string];
      else if (!Array.isArray(obj)) (obj as Record<string, unknown>)[`extra${pick % 7}`] = value;
    }
    return JSON.stringify(doc);
  });
  const raw = mutated(corpusFiles('profile').map((f) => f.bytes), (b) => b).map(text);
  return fc.oneof(structural, raw, fc.string());
}

const TOKENS = [
  'train', 'eval', 'run', 'report', 'export', 'energy', 'profiles', 'systems', 'upgrade', 'help', '--help', '-h', '--json',
  '--seconds', '--neurons', '--seed', '--executor', '--format', '--mode', '--out', '--quiet', '--seeds', '--system', '--x0',
  '--command', '--kill', '--noise', '--profile', '--slow-path', '--policy', '--per-core', '--cycles-per-step', '--check',
  '--', '-', '--seconds=1', '--bogus', '-x', 'vanderpol', 'm.ebn', '0x10', '1e3', '-1', 'NaN', 'Infinity', ' 5', '', '1_000', '.5', '5.', '+3', '1e400', '__proto__', 'constructor',
];

/** Command lines from a dictionary of real tokens and arbitrary strings; the corpus holds one JSON array per line. */
export function cliInputs(): fc.Arbitrary<string[]> {
  const lines = corpusFiles('cli').flatMap((f) => text(f.bytes).split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]));
  const token = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  return fc.oneof(fc.array(token, { maxLength: 8 }), fc.tuple(fc.constantFrom(...lines), fc.array(token, { maxLength: 3 })).map(([l, extra]) => [...l, ...extra]));
}

/** Expressions: a grammar-shaped generator (so most parse) and raw edits of the corpus lines. */
export function exprInputs(): fc.Arbitrary<{ src: string; dims: number }> {
  const lines = corpusFiles('expr').flatMap((f) => text(f.bytes).split('\n').filter(Boolean));
  const { expr } = fc.letrec((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('x', 'y', 'z', 'x1', 'x2', 'x4', 'pi', 'e', '0', '1.5', '1e3', '.5', '2e-3', 'foo', 'constructor', '__proto__'),
      fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '^', '**'), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
      tie('expr').map((a) => `(${a})`),
      tie('expr').map((a) => `-${a}`),
      fc.tuple(fc.constantFrom('sin', 'cos', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'min', 'max', 'atan2', 'pow', 'toString', 'hasOwnProperty'), fc.array(tie('expr'), { minLength: 0, maxLength: 3 })).map(([f, a]) => `${f}(${a.join(', ')})`),
    ),
  }));
  const edited = fc.tuple(fc.constantFrom(...lines), fc.nat(), fc.string({ maxLength: 3 })).map(([l, p, s]) => l.slice(0, p % (l.length + 1)) + s + l.slice(p % (l.length + 1)));
  return fc.record({ src: fc.oneof(expr, edited, fc.string({ maxLength: 40 })), dims: fc.integer({ min: 1, max: 4 }) });
}
