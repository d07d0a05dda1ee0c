// Node-only helpers (file I/O). Import from "ebnkit/node".
export { writeAtomic, saveModel, loadModel } from './files.js';
export type { SavedModel } from './files.js';
