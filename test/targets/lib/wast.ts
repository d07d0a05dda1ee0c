// Moved into the package: src/tape/wast.ts.
export { tapesToWast, parseInterpOutput } from '../../../src/tape/wast.js';
export type { Wast } from '../../../src/tape/wast.js';
