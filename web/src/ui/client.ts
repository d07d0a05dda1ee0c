// The page's side of the worker: typed post, typed handlers.
import type { FromWorker, ToWorker } from '../protocol.js';

export class WorkerClient {
  private readonly w: Worker;

  constructor(url: URL, onMessage: (m: FromWorker) => void, onCrash: (message: string) => void) {
    this.w = new Worker(url, { name: 'ebnkit-kernel' });
    this.w.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    this.w.onerror = (e) => {
      e.preventDefault();
      onCrash(e.message || 'the kernel worker failed to start');
    };
    this.w.onmessageerror = () => onCrash('a message from the kernel worker could not be read');
  }

  terminate(): void {
    this.w.terminate();
  }

  post(m: ToWorker, transfer: Transferable[] = []): void {
    this.w.postMessage(m, transfer);
  }
}
