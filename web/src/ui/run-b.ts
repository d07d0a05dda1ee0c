// Run B: a second, real run beside the main one (run A), computed in its own
// worker: A's trained network (its model file, as saved) loaded in a second
// kernel, in a chip's number format and/or with half its neurons killed. A and
// B restart their free runs from the same start state at the same moment; B's
// readout is drawn dashed on A's traces and phase plane, its numbers next to A's.
import { FORMAT_NAMES } from '../engine/settings.js';
import type { Frame, FromWorker, NetInfo, ToWorker } from '../protocol.js';
import { WorkerClient } from './client.js';
import { $, el, setText } from './dom.js';
import type { PlaygroundState } from './hooks.js';
import { statsRows } from './numbers.js';
import { Store } from './store.js';

/** The free run A and B both start from (its start state is the same in both sessions). */
export const RUN_B_START = 0;

export interface RunBState {
  label: string;
  format: string;
  killHalf: boolean;
  info: NetInfo | null;
  phase: string;
  paused: boolean;
  simulated: number;
  alive: number;
  framesReceived: number;
  fingerprint: { spikeHash: number; stateHash: number; steps: number } | null;
  log: unknown;
  error: string;
}

export class RunB {
  store: Store | null = null;
  private worker: WorkerClient | null = null;
  private pending: { format: string; killHalf: boolean } | null = null;
  private last: Frame | null = null;
  private killed = false;
  private readonly button = $<HTMLButtonElement>('run-b');
  private readonly clearButton = $<HTMLButtonElement>('clear-b');

  constructor(
    private readonly postA: (m: ToWorker) => void,
    private readonly state: PlaygroundState,
    private readonly infoA: () => NetInfo | null,
    private readonly changed: () => void,
    /** Render the numbers again (after B is cleared, even while paused). */
    private readonly rerender: () => void = () => {},
  ) {
    const f = $<HTMLSelectElement>('b-format');
    for (const name of FORMAT_NAMES) f.append(el('option', { value: name }, name));
    f.value = 'loihi';
    this.button.addEventListener('click', () => this.start());
    this.clearButton.addEventListener('click', () => this.clear());
  }

  /** Which controls make sense now (a trained network in A, nothing else pending). */
  enable(trained: boolean): void {
    this.button.disabled = !trained || this.pending !== null;
    this.clearButton.disabled = !this.worker;
  }

  get running(): boolean {
    return this.worker !== null;
  }

  /** Pause, resume, stop and speed go to both runs, so that they stay side by side. */
  forward(m: ToWorker): void {
    if (this.worker && (m.type === 'pause' || m.type === 'resume' || m.type === 'stop' || m.type === 'speed')) this.worker.post(m);
  }

  private start(): void {
    const info = this.infoA();
    if (!info?.trained) return;
    this.pending = { format: $<HTMLSelectElement>('b-format').value, killHalf: $<HTMLInputElement>('b-kill').checked };
    setText($('b-error'), '');
    this.enable(true);
    this.postA({ type: 'save' }); // A's model file: B opens exactly what A runs
  }

  /** A's model arrived: open it in B's worker, and restart A from the shared start state. */
  onModel(m: Extract<FromWorker, { type: 'model' }>): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.stopWorker();
    const bytes = m.bytes.slice(0);
    this.worker = new WorkerClient(new URL('./worker.js', import.meta.url), (x) => this.onMessage(x), (msg) => this.fail(`the worker of run B stopped: ${msg}`));
    const label = `B: ${p.format}${p.killHalf ? ', half killed' : ''}`;
    this.state.runB = { label, format: p.format, killHalf: p.killHalf, info: null, phase: 'idle', paused: false, simulated: 0, alive: 0, framesReceived: 0, fingerprint: null, log: null, error: '' };
    this.worker.post({ type: 'load', bytes, fileName: m.fileName, format: p.format }, [bytes]);
    this.postA({ type: 'freeRun', run: RUN_B_START });
    $('b-key').hidden = false;
    setText($('b-note'), `Run B: the same trained network in its own worker, ${p.format} format${p.killHalf ? ', half its neurons killed' : ''}; A and B restarted from the same start state. B is dashed on the traces and the phase plane; its numbers follow A's ("B: …").`);
    this.enable(true);
  }

  private onMessage(m: FromWorker): void {
    const b = this.state.runB;
    if (!b || !this.worker) return;
    switch (m.type) {
      case 'loaded': {
        b.info = m.info;
        this.store = new Store();
        this.store.reset(m.info.N, m.info.J, m.info.dt, m.info.window);
        this.worker.post({ type: 'freeRun', run: RUN_B_START });
        this.killed = false;
        break;
      }
      case 'frame': {
        const f = m.frame;
        // half killed once the lead-in (feedback on) is over, as a kill in A would be: logged, so B replays
        if (b.killHalf && !this.killed && f.phase === 'free' && !f.leading) {
          this.killed = true;
          this.worker.post({ type: 'killFraction', fraction: 0.5 });
        }
        this.store?.add(f.data, f.alive);
        this.last = f;
        b.framesReceived++;
        b.simulated = f.simulated;
        b.alive = f.alive.reduce((x, y) => x + y, 0);
        b.fingerprint = f.fingerprint;
        this.changed();
        break;
      }
      case 'phase':
        if (m.note === 'started') this.store?.clear();
        b.phase = m.phase;
        b.paused = m.paused;
        b.info = m.info;
        b.fingerprint = m.fingerprint;
        if (m.log) b.log = m.log;
        break;
      case 'log':
        b.log = m.log;
        break;
      case 'error':
        this.fail(m.message);
        break;
    }
  }

  private fail(message: string): void {
    if (this.state.runB) this.state.runB.error = message;
    setText($('b-error'), `Run B: ${message}`);
  }

  /** B's value after A's, for the rows B has. */
  merge(rows: [string, string][]): [string, string][] {
    const info = this.state.runB?.info;
    if (!this.last || !info) return rows;
    const b = new Map(statsRows(this.last, info));
    return rows.map(([k, v]) => [k, b.has(k) && k !== 'phase' ? `${v} · B: ${b.get(k)}` : v]);
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.store = null;
    this.last = null;
  }

  /** Forget run B (A trains a new network, or the user clears it). */
  clear(): void {
    this.pending = null;
    this.stopWorker();
    this.state.runB = null;
    $('b-key').hidden = true;
    setText($('b-note'), '');
    setText($('b-error'), '');
    this.enable(!!this.infoA()?.trained);
    this.changed();
    this.rerender();
  }
}
