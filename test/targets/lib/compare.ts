// Moved into the package: src/tape/compare.ts.
export {
  compareGolden, compareMark, compareResults, describeRasterDiff, firstRasterDiff, firstStateDiff,
} from '../../../src/tape/compare.js';
export type { RasterDiff } from '../../../src/tape/compare.js';
