// Fuzz targets (issue 14, deliverable 4). Each target takes one input and
// says "accepted" or "refused"; anything else it throws is a finding. Beyond
// "no unexpected exception", each checks an oracle on what it accepts:
//   image    readImage and the kernel's own open() agree on every input
//   model    a decoded model re-encodes and decodes to the same spec and image
//   profile  parseProfile refuses only with ProfileError
//   cli      the argument parser refuses only with UsageError / ERR_PARSE_ARGS_*,
//            and num() accepts exactly plain decimals in range
//   expr     an accepted expression evaluates to a number, and its printed
//            JavaScript (toJS, what the CLI's module runs) gives the same value
// fast-check drives them (fuzz.ts); @jazzer.js/core cannot run here (README).
import './no-main.js'; // before src/cli.js: parse only, never run a command
import { num } from '../../src/commands/common.js';
import { parseCommandLine } from '../../src/cli.js';
import { ProfileError, parseProfile } from '../../src/emulator/profile.js';
import { ImageError, readImage } from '../../src/image.js';
import { instantiate, kernelModuleSync, type KernelExports } from '../../src/kernel/module.js';
import { ModelError, decodeModel, encodeModel } from '../../src/model.js';
import { ExprError, compile, parse, toJS } from '../../web/src/engine/expr.js';

export type Verdict = 'accepted' | 'refused';
export type TargetName = 'image' | 'model' | 'profile' | 'cli' | 'expr';
export const TARGETS: readonly TargetName[] = ['image', 'model', 'profile', 'cli', 'expr'];

export class Finding extends Error {
  override name = 'Finding';
}

const unexpected = (target: string, e: unknown): never => {
  if (e instanceof Finding) throw e;
  throw new Finding(`${target}: unexpected ${(e as Error)?.name ?? typeof e}: ${(e as Error)?.message ?? String(e)}`);
};

let kernel: KernelExports | undefined;
/** The kernel's verdict on raw image bytes (0 = accepted). One instance, re-used: open() must not depend on history. */
function kernelOpen(bytes: Uint8Array): number {
  kernel ??= instantiate(kernelModuleSync());
  const at = kernel.reserve(Math.max(bytes.byteLength, 96));
  if (at === 0) return -100;
  const mem = new Uint8Array(kernel.memory.buffer);
  mem.fill(0, at, at + Math.max(bytes.byteLength, 96));
  mem.set(bytes, at);
  return kernel.open(8, 8 + 65535);
}

export function fuzzImage(bytes: Uint8Array): Verdict {
  let host: Verdict;
  let why = '';
  try {
    readImage(bytes);
    host = 'accepted';
  } catch (e) {
    if (!(e instanceof ImageError)) unexpected('image', e);
    host = 'refused';
    why = (e as Error).message;
  }
  // The kernel sees the bytes its host copied, never their count: a truncated
  // image is the host's to refuse (it is, above). Every other input must get
  // the same verdict from both (E_MEMORY aside: a large accepted image may not
  // fit this test's layout).
  if (bytes.byteLength <= 1 << 20 && !/truncated|at least a \d+-byte header/.test(why)) {
    const k = kernelOpen(bytes);
    if ((k === 0) !== (host === 'accepted') && !(host === 'accepted' && k === -6))
      throw new Finding(`image: host ${host}${why ? ` (${why})` : ''} but kernel open() = ${k}`);
  }
  return host;
}

export function fuzzModel(bytes: Uint8Array): Verdict {
  let m;
  try {
    m = decodeModel(bytes);
  } catch (e) {
    if (!(e instanceof ModelError)) unexpected('model', e);
    return 'refused';
  }
  try {
    const again = decodeModel(encodeModel(m));
    if (JSON.stringify(again.spec) !== JSON.stringify(m.spec) || Buffer.compare(Buffer.from(again.image), Buffer.from(m.image)) !== 0)
      throw new Finding('model: an accepted model does not round-trip through encodeModel/decodeModel');
  } catch (e) {
    unexpected('model (round trip)', e);
  }
  return 'accepted';
}

export function fuzzProfile(text: string): Verdict {
  try {
    parseProfile(text, 'fuzz');
    return 'accepted';
  } catch (e) {
    if (!(e instanceof ProfileError)) unexpected('profile', e);
    return 'refused';
  }
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function fuzzCli(argv: string[]): Verdict {
  // num(): accepts exactly plain decimals within range
  for (const a of argv) {
    let ok = true;
    try {
      num('--x', a, -1e6, 1e6);
    } catch (e) {
      if ((e as Error).constructor.name !== 'UsageError') unexpected('cli num()', e);
      ok = false;
    }
    const want = DECIMAL.test(a) && Math.abs(Number(a)) <= 1e6;
    if (ok !== want) throw new Finding(`cli: num(${JSON.stringify(a)}) ${ok ? 'accepted' : 'refused'}, expected the opposite`);
  }
  try {
    parseCommandLine(argv);
    return 'accepted';
  } catch (e) {
    const code = (e as { code?: string }).code;
    if ((e as Error).constructor.name === 'UsageError' || code?.startsWith('ERR_PARSE_ARGS')) return 'refused';
    return unexpected('cli', e);
  }
}

export function fuzzExpr(input: { src: string; dims: number }): Verdict {
  let tree;
  try {
    tree = parse(input.src, input.dims);
  } catch (e) {
    if (!(e instanceof ExprError)) unexpected('expr', e);
    return 'refused';
  }
  const x = Array.from({ length: input.dims }, (_, i) => 0.3 + 0.7 * i);
  let a: number, b: number;
  try {
    a = compile(tree)(x);
    b = (new Function('x', `return ${toJS(tree)};`) as (x: number[]) => number)(x);
  } catch (e) {
    return unexpected('expr (evaluate)', e);
  }
  if (typeof a !== 'number' || !(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))))
    throw new Finding(`expr: "${input.src}" evaluates to ${a} compiled but ${b} through toJS`);
  return 'accepted';
}
