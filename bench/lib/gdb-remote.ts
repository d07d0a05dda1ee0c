// A minimal GDB remote serial protocol client (enough to drive QEMU's
// gdbstub): breakpoints, continue, registers, monitor commands. Used by
// bench/lib/qemu-trace.ts to open and close an instruction-trace window
// around one kernel call.
import { connect, type Socket } from 'node:net';

const checksum = (s: string) => {
  let c = 0;
  for (let i = 0; i < s.length; i++) c = (c + s.charCodeAt(i)) & 0xff;
  return c.toString(16).padStart(2, '0');
};
const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

export class GdbRemote {
  private buf = '';
  private waiting: ((packet: string) => void)[] = [];
  private packets: string[] = [];
  private closed: Error | null = null;

  private constructor(private readonly sock: Socket) {
    sock.setEncoding('latin1');
    sock.on('data', (d: string) => this.onData(d));
    const fail = (e?: Error) => {
      this.closed = e ?? new Error('gdb remote: connection closed');
      for (const w of this.waiting.splice(0)) w('');
    };
    sock.on('close', () => fail());
    sock.on('error', (e) => fail(e));
  }

  /** Connect, retrying while the stub is not listening yet (QEMU starting). */
  static async connect(port: number, host = '127.0.0.1', timeoutMs = 10_000): Promise<GdbRemote> {
    const t0 = Date.now();
    for (;;) {
      try {
        const s = await new Promise<Socket>((res, rej) => {
          const c = connect(port, host, () => res(c));
          c.once('error', rej);
        });
        const g = new GdbRemote(s);
        await g.request('QStartNoAckMode'); // acked once, then no acks
        g.noAck = true;
        return g;
      } catch (e) {
        if (Date.now() - t0 > timeoutMs) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  private noAck = false;

  private onData(d: string) {
    this.buf += d;
    for (;;) {
      this.buf = this.buf.replace(/^[+-]+/, '');
      const start = this.buf.indexOf('$');
      if (start < 0) { this.buf = ''; return; }
      const end = this.buf.indexOf('#', start);
      if (end < 0 || this.buf.length < end + 3) return;
      const body = this.buf.slice(start + 1, end);
      this.buf = this.buf.slice(end + 3);
      if (!this.noAck) this.sock.write('+');
      const w = this.waiting.shift();
      if (w) w(body);
      else this.packets.push(body);
    }
  }

  private next(): Promise<string> {
    if (this.packets.length) return Promise.resolve(this.packets.shift()!);
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((res, rej) => this.waiting.push((p) => (this.closed && p === '' ? rej(this.closed) : res(p))));
  }

  /** Send one packet and return the reply (for 'c': the stop reply, when the target stops). */
  async request(cmd: string): Promise<string> {
    this.sock.write(`$${cmd}#${checksum(cmd)}`);
    return this.next();
  }

  /** A monitor command (QEMU's HMP through qRcmd); returns its output. */
  async monitor(cmd: string): Promise<string> {
    this.sock.write(`$qRcmd,${hex(cmd)}#${checksum(`qRcmd,${hex(cmd)}`)}`);
    let out = '';
    for (;;) {
      const p = await this.next();
      if (p.startsWith('O') && p !== 'OK') out += Buffer.from(p.slice(1), 'hex').toString('utf8');
      else if (p === 'OK' || p === '') return out;
      else throw new Error(`gdb remote: monitor ${cmd}: ${p}`);
    }
  }

  private async ok(cmd: string) {
    const r = await this.request(cmd);
    if (r !== 'OK') throw new Error(`gdb remote: ${cmd}: ${r || 'not supported'}`);
  }

  /** Software breakpoint at addr (kind 2: Thumb). */
  setBreak(addr: number) { return this.ok(`Z0,${addr.toString(16)},2`); }
  clearBreak(addr: number) { return this.ok(`z0,${addr.toString(16)},2`); }

  /** Continue until the target stops; returns the stop reply (e.g. "T05thread:01;", or "W00" on exit). */
  cont() { return this.request('c'); }

  /** Register n (ARM: 0-12 r0-r12, 13 sp, 14 lr, 15 pc), little-endian hex to a number. */
  async reg(n: number): Promise<number> {
    // 'g' (all registers): QEMU answers 'p' only after the client read the target description
    const r = await this.request('g');
    if (!/^[0-9a-fx]+$/i.test(r) || r.length < 8 * (n + 1)) throw new Error(`gdb remote: g: ${r}`);
    return Buffer.from(r.slice(8 * n, 8 * n + 8), 'hex').readUInt32LE(0);
  }

  /** Kill the target and close the connection. */
  close() {
    try { this.sock.write(`$k#${checksum('k')}`); } catch { /* already closed */ }
    this.sock.end();
    this.sock.destroy();
  }
}
