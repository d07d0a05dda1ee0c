// The tape format moved into the package (src/tape/); the test runners keep
// importing it from here. (The Chromium runner's bundler maps these imports
// to the package's browser bundle, dist/index.js, which exports them.)
import { fnvFrom } from '../../../src/tape/abi.js';

export { ABI, COUNTER_ORDER, KernelView } from '../../../src/tape/abi.js';
export type { Op, MarkResult, TapeResult, Tape } from '../../../src/tape/abi.js';
export { recordTape } from '../../../src/tape/record.js';
export type { Recording, RecordOptions } from '../../../src/tape/record.js';
export { encodeTape, bundleTapes, decodeTape, TAPE_MAGIC, OPCODES } from '../../../src/tape/encode.js';
export { parseDriverOutput } from '../../../src/tape/driver-output.js';

/** FNV-1a over little-endian words, continuing from h. */
export const fnvWords = (words: ArrayLike<number>, h = 0x811c9dc5): number => fnvFrom(words, h);
