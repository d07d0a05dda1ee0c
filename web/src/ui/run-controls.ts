// Pause/resume, stop, run free, speed, and which of them make sense now.
import type { Speed, ToWorker } from '../protocol.js';
import { $, setText } from './dom.js';
import type { PlaygroundState } from './hooks.js';

const btn = (id: string) => $<HTMLButtonElement>(id);

export class RunControls {
  constructor(post: (m: ToWorker) => void, private readonly state: PlaygroundState) {
    btn('pause').addEventListener('click', () => post({ type: state.paused ? 'resume' : 'pause' }));
    btn('stop').addEventListener('click', () => post({ type: 'stop' }));
    btn('free').addEventListener('click', () => post({ type: 'freeRun' }));
    btn('kick').addEventListener('click', () => post({ type: 'kick' }));
    $<HTMLSelectElement>('speed').addEventListener('change', (e) => {
      const v = (e.target as HTMLSelectElement).value;
      post({ type: 'speed', speed: (v === 'auto' ? 'auto' : Number(v)) as Speed });
    });
  }

  update(haveNetwork: boolean): void {
    const { phase, paused } = this.state;
    btn('pause').disabled = phase === 'idle';
    btn('pause').setAttribute('aria-pressed', String(paused));
    setText(btn('pause'), paused ? 'Resume' : 'Pause');
    btn('stop').disabled = phase === 'idle';
    btn('free').disabled = !haveNetwork || phase === 'training';
    btn('kick').disabled = phase !== 'free' || paused;
    setText(btn('free'), phase === 'free' ? 'Run free from a new start' : 'Run free');
  }
}
