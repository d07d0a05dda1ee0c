// Node-only helpers (file I/O, loading user systems). Import from "ebnkit/node".
export { writeAtomic, saveModel, loadModel } from './files.js';
export { loadSystemModule } from './system-module.js';
