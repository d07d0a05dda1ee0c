// The library's chunked training loop (src/train.ts): a worker posts live
// traces between chunks and still hears "pause" or "kill neuron 7". The
// learned bits equal train()'s, which is the same loop run to the end.
export { Trainer, type Chunk } from '../../../src/train.js';
