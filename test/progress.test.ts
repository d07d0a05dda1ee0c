import { describe, it, expect } from 'vitest';
import { createProgress } from '../src/progress.js';

function fakeStream(isTTY: boolean): { isTTY: boolean; out: string[]; write(s: string): boolean } {
  const out: string[] = [];
  return { isTTY, out, write: (s: string) => (out.push(s), true) };
}

describe('createProgress', () => {
  it('non-TTY: at most one line per 10% step, done() ends with a newline', () => {
    const stream = fakeStream(false);
    const p = createProgress({ total: 1000, label: 'train', stream });
    for (let i = 1; i <= 1000; i++) p.update(i, `loss ${i}`);
    p.done('ok');
    const text = stream.out.join('');
    const lines = text.split('\n').filter((l) => l.length > 0);
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('\r');
    expect(text.endsWith('\n')).toBe(true);
    expect(lines[0]).toContain('10%');
    expect(lines[lines.length - 1]).toContain('done');
    expect(lines[lines.length - 1]).toContain('ok');
  });

  it('non-TTY: repeated or backwards updates do not add lines; done() is idempotent', () => {
    const stream = fakeStream(false);
    const p = createProgress({ total: 3, label: 'x', stream });
    for (let k = 0; k < 50; k++) p.update(1);
    p.update(0);
    p.done();
    p.done();
    p.update(3);
    expect(stream.out).toHaveLength(2);
  });

  it('TTY: redraws in place, throttled to ~10/s, with ETA', () => {
    const stream = fakeStream(true);
    let t = 0;
    const p = createProgress({ total: 1000, label: 'sim', stream, width: 10, now: () => t });
    for (let i = 1; i <= 1000; i++) {
      t += 1; // 1 ms per step: 1 s total
      p.update(i);
    }
    expect(stream.out.length).toBeLessThanOrEqual(11);
    for (const s of stream.out) expect(s.startsWith('\r')).toBe(true);
    expect(stream.out.join('')).not.toContain('\n');
    p.done('fin');
    const last = stream.out[stream.out.length - 1] ?? '';
    expect(last.endsWith('\n')).toBe(true);
    expect(last).toContain('██████████ 100%');
    expect(last).toContain('fin');
  });

  it('TTY: bar, percent and ETA are consistent', () => {
    const stream = fakeStream(true);
    let t = 0;
    const p = createProgress({ total: 100, label: 'run', stream, width: 10, now: () => t });
    t = 5000;
    p.update(50, 'x=1');
    const line = stream.out[0] ?? '';
    expect(line).toContain('█████░░░░░');
    expect(line).toContain(' 50%');
    expect(line).toContain('5.0s eta 5.0s');
    expect(line).toContain('x=1');
  });
});
