// "Break it": the killed-fraction slider, kill-half and revive-all, one
// neuron by number, and the voltage-noise slider.
import type { NetInfo, ToWorker } from '../protocol.js';
import { $, setText } from './dom.js';

const NOISE_LEVELS = [0, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05];

export class Perturb {
  private killed = $<HTMLInputElement>('killed');
  private noise = $<HTMLInputElement>('noise');

  constructor(post: (m: ToWorker) => void, net: () => { info: NetInfo | null; alive: Uint8Array }, say: (s: string) => void) {
    const kill = (pct: number) => {
      this.setKilled(pct);
      post({ type: 'killFraction', fraction: pct / 100 });
    };
    this.killed.addEventListener('input', () => kill(Number(this.killed.value)));
    $('kill-half').addEventListener('click', () => kill(50));
    $('revive').addEventListener('click', () => kill(0));
    $('toggle-neuron').addEventListener('click', () => {
      const { info, alive } = net();
      const i = Number($<HTMLInputElement>('neuron').value);
      if (!info || !Number.isInteger(i) || i < 0 || i >= info.N) return say(`Neuron numbers run from 0 to ${(info?.N ?? 1) - 1}.`);
      post({ type: 'alive', neurons: [i], alive: !alive[i] });
      say(`Neuron ${i} ${alive[i] ? 'killed' : 'revived'}.`);
    });
    this.noise.addEventListener('input', () => post({ type: 'noise', sigma: this.setNoise(Number(this.noise.value)) }));
    this.setKilled(0);
    this.setNoise(0);
  }

  /** Show a killed percentage (the worker is told separately). */
  setKilled(pct: number): void {
    this.killed.value = String(pct);
    setText($('killed-out'), `${pct}%`);
    this.killed.setAttribute('aria-valuetext', `${pct}% of the neurons killed`);
  }

  private setNoise(i: number): number {
    const v = NOISE_LEVELS[i] ?? 0;
    this.noise.value = String(i);
    setText($('noise-out'), String(v));
    this.noise.setAttribute('aria-valuetext', `sigma ${v}`);
    return v;
  }

  /** Killing needs a network: with none, the controls are off (not live with "neurons run from 0 to 0"). */
  enable(on: boolean): void {
    for (const id of ['killed', 'kill-half', 'revive', 'neuron', 'toggle-neuron', 'noise']) $<HTMLInputElement>(id).disabled = !on;
  }

  /** A new network: nobody dead, the neuron field's range. */
  reset(info: NetInfo): void {
    this.setKilled(0);
    $<HTMLInputElement>('neuron').max = String(info.N - 1);
  }
}
