// The model file: kept ready as a download link (so saving is a plain link
// the user clicks) whenever the learned bits change, and a chosen file sent
// to the worker to open.
import type { FromWorker, NetInfo, Phase, ToWorker } from '../protocol.js';
import { $, setText } from './dom.js';
import type { PlaygroundState } from './hooks.js';

type ModelMessage = Extract<FromWorker, { type: 'model' }>;

export class ModelFile {
  private offered: { weightsHash: number; urls: string[] } | null = null;
  private readonly link = $<HTMLAnchorElement>('download');
  private readonly moduleLink = $<HTMLAnchorElement>('download-module');

  constructor(private readonly post: (m: ToWorker, t?: Transferable[]) => void, private readonly state: PlaygroundState, say: (s: string) => void) {
    $<HTMLInputElement>('load').addEventListener('change', async (e) => {
      const el = e.target as HTMLInputElement;
      const f = el.files?.[0];
      if (!f) return;
      say(`Opening ${f.name}…`);
      const bytes = await f.arrayBuffer();
      el.value = ''; // else choosing the same file again fires no change event
      setText($('load-error'), '');
      post({ type: 'load', bytes, fileName: f.name }, [bytes]);
    });
  }

  /** Ask for the file whenever the learned bits changed and nothing is training; hide it while training and when nothing trained is there (a failed training is not offered). */
  refresh(info: NetInfo | null, phase: Phase): void {
    if (phase === 'training' || !info?.trained) return this.withdraw();
    if (this.offered?.weightsHash === info.weightsHash) return;
    this.offered = { weightsHash: info.weightsHash, urls: this.offered?.urls ?? [] };
    this.post({ type: 'save' });
  }

  offer(m: ModelMessage): void {
    for (const u of this.offered?.urls ?? []) URL.revokeObjectURL(u);
    const urls = [URL.createObjectURL(new Blob([m.bytes], { type: 'application/octet-stream' }))];
    this.link.href = urls[0]!;
    this.link.download = m.fileName;
    this.link.removeAttribute('aria-disabled');
    this.link.title = `${m.fileName}, ${m.bytes.byteLength.toLocaleString('en-US')} bytes`;
    this.moduleLink.hidden = !m.module;
    if (m.module) {
      urls.push(URL.createObjectURL(new Blob([m.module.text], { type: 'text/javascript' })));
      this.moduleLink.href = urls[1]!;
      this.moduleLink.download = m.module.fileName;
    }
    this.offered = { weightsHash: m.weightsHash, urls };
    this.state.lastModel = { fileName: m.fileName, bytes: m.bytes.byteLength, weightsHash: m.weightsHash, ...(m.module ? { module: m.module.fileName } : {}) };
  }

  private withdraw(): void {
    this.link.removeAttribute('href');
    this.link.setAttribute('aria-disabled', 'true');
    this.moduleLink.hidden = true;
    if (this.offered) this.offered.weightsHash = NaN;
  }
}
