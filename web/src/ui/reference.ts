// A reference run to compare against: "Keep as reference" freezes the
// numbers and a picture of the traces and the phase plane as they are now
// (say, q24 before a kill); the next run (after the kill, or trained in a
// chip's number format) shows its numbers next to the kept ones, and the
// kept picture stays beside them.
import { $, setText } from './dom.js';

export interface Kept {
  label: string;
  rows: [string, string][];
}

export class Reference {
  kept: Kept | null = null;

  constructor(private readonly current: () => { label: string; rows: [string, string][] } | null, private readonly changed: () => void) {
    $('keep').addEventListener('click', () => this.keep());
    $('unkeep').addEventListener('click', () => this.clear());
  }

  keep(): void {
    const c = this.current();
    if (!c) return;
    this.kept = { label: c.label, rows: c.rows.map(([k, v]) => [k, v]) };
    const img = $<HTMLImageElement>('ref-img');
    img.src = picture(['traces', 'phase']);
    img.alt = `Traces and phase plane of the reference run: ${c.label}`;
    setText($('ref-cap'), `Reference: ${c.label}`);
    $('ref').hidden = false;
    $<HTMLButtonElement>('unkeep').disabled = false;
    this.changed();
  }

  clear(): void {
    this.kept = null;
    $('ref').hidden = true;
    $<HTMLButtonElement>('unkeep').disabled = true;
    this.changed();
  }

  /** The rows with the kept value after the current one, where the kept run has that row. */
  merge(rows: [string, string][]): [string, string][] {
    if (!this.kept) return rows;
    const ref = new Map(this.kept.rows);
    return rows.map(([k, v]) => [k, ref.has(k) ? `${v} · reference: ${ref.get(k)}` : v]);
  }
}

/** The given canvases side by side in one image (a data URL). */
function picture(ids: string[]): string {
  const cs = ids.map((id) => document.getElementById(id) as HTMLCanvasElement);
  const out = document.createElement('canvas');
  out.width = cs.reduce((a, c) => a + c.width, 0);
  out.height = Math.max(...cs.map((c) => c.height));
  const g = out.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, out.width, out.height);
  let x = 0;
  for (const c of cs) {
    g.drawImage(c, x, 0);
    x += c.width;
  }
  return out.toDataURL('image/png');
}
