// The tape API of the package (browser-safe parts; the .tape file, its
// runtimes and exports are Node-only and live in src/tape/file.ts,
// runtimes.ts, export-c.ts).
export { ABI, COUNTER_ORDER, KernelView, hex8, fnvFrom } from './abi.js';
export type { Op, Tape, TapeResult, MarkResult } from './abi.js';
export { recordTape } from './record.js';
export type { Recording, RecordOptions } from './record.js';
export { encodeTape, decodeTape, bundleTapes, TapeError, TAPE_MAGIC, OPCODES } from './encode.js';
export { parseDriverOutput } from './driver-output.js';
export { compareResults, compareGolden, compareMark, firstRasterDiff, firstStateDiff, describeRasterDiff } from './compare.js';
export type { Expected, ExpectedDetail, RasterDiff } from './compare.js';
export { tapesToWast, parseInterpOutput } from './wast.js';
export type { Wast } from './wast.js';
export { playTape, playerScript, PLAYER_ABI } from './player.js';
export { recordScenario, INPUTS } from './scenario.js';
export type { ScenarioOptions, InputKind } from './scenario.js';
