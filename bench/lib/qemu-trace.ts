// The executed instruction mix of chosen kernel calls of a firmware, from
// QEMU's own translation and execution log (Debian's qemu-system-arm has no
// TCG plugins):
//
//   1. qemu-system-arm runs the ELF (no -icount, so no translation block is
//      cut short by the instruction budget) with its gdbstub (-S -gdb);
//      bench/lib/gdb-remote.ts breaks at the kernel's run() export and counts
//      the calls;
//   2. at a chosen call it turns on `log in_asm,exec,nochain` (a monitor
//      command through the gdbstub), breaks at the return address, and turns
//      the log off there: the window is exactly that run() call;
//   3. in_asm gives the guest addresses of every translation block (TB),
//      exec,nochain one line per TB executed (no chaining, so none is
//      missed); a TB that QEMU stopped before it ran ("Stopped execution of
//      TB chain") is not counted;
//   4. a TB ends at its only control-flow instruction: the next TB's start
//      says whether that branch was taken;
//   5. the addresses are looked up in `arm-none-eabi-objdump -d` of the ELF.
//
// The result is a list of executed straight-line runs with counts, the input
// of bench/lib/cortexm-cycles.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { GdbRemote } from './gdb-remote.js';
import { parseObjdump, type Insn, type Run } from './cortexm-cycles.js';
import { runOk } from '../../test/targets/lib/tools.js';

export const MACHINES = { m3: 'mps2-an385', m4: 'mps2-an386' } as const;

/** What a window executed: the runs (TB, whether its last instruction branched) with counts. */
export interface Mix {
  runs: Run[];
  /** TBs executed whose addresses in_asm did not give (walked in the disassembly instead). */
  walked: number;
  /** Executed addresses objdump does not know (should be 0). */
  unknown: number;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
    s.on('error', rej);
  });
}

export async function disassemble(elf: string): Promise<{ insns: Map<number, Insn>; symbols: Map<string, number> }> {
  const d = await runOk('arm-none-eabi-objdump', ['-d', elf], { timeoutMs: 60_000 });
  const s = await runOk('arm-none-eabi-nm', [elf], { timeoutMs: 60_000 });
  const symbols = new Map<string, number>();
  for (const m of s.stdout.matchAll(/^([0-9a-f]+) [TtWw] (\S+)$/gm)) symbols.set(m[2]!, parseInt(m[1]!, 16));
  return { insns: parseObjdump(d.stdout), symbols };
}

/** Instructions that end a QEMU TB (control flow) for the fallback walk. */
const endsTb = (i: Insn) => i.cls === 'branch' || i.cls === 'tablebranch' || i.writesPc;

/**
 * Trace run() calls number `calls` (1-based, in the order the firmware makes
 * them) of `elf` on `cpu`; returns one Mix per call.
 */
export async function traceRunCalls(elf: string, cpu: keyof typeof MACHINES, calls: number[], opts: { entry?: string; log?: string; timeoutMs?: number } = {}): Promise<Mix[]> {
  const { insns, symbols } = await disassemble(elf);
  const entryName = opts.entry ?? 'Z_kernelZ_run';
  const entry = symbols.get(entryName);
  if (entry === undefined) throw new Error(`qemu-trace: ${entryName} not in ${elf}`);
  const log = opts.log ?? `${elf}.trace.log`;
  rmSync(log, { force: true });
  const port = await freePort();
  const qemu: ChildProcess = spawn('qemu-system-arm', [
    '-M', MACHINES[cpu], '-nographic', '-monitor', 'none', '-serial', 'none',
    '-chardev', 'stdio,id=sh0', '-semihosting-config', 'enable=on,target=native,chardev=sh0',
    '-kernel', elf, '-gdb', `tcp:127.0.0.1:${port}`, '-S', '-D', log,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  qemu.stderr!.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => qemu.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
  const out: Mix[] = [];
  let g: GdbRemote | undefined;
  try {
    g = await GdbRemote.connect(port);
    const want = [...calls].sort((a, b) => a - b);
    const last = want.at(-1)!;
    let offset = 0;
    await g.setBreak(entry);
    for (let n = 1; n <= last; n++) {
      const stop = await g.cont();
      if (!/^[TS]05/.test(stop)) throw new Error(`qemu-trace: call ${n}: target stopped with ${stop} (${stderr.trim()})`);
      if ((await g.reg(15)) !== entry) throw new Error(`qemu-trace: call ${n}: stopped away from ${entryName}`);
      const traced = want.includes(n);
      const ret = (await g.reg(14)) & ~1;
      if (traced) await g.monitor('log in_asm,exec,nochain');
      // step over the entry breakpoint (as gdb does), then re-arm it
      await g.clearBreak(entry);
      await g.request('s');
      if (!traced) { await g.setBreak(entry); continue; }
      await g.setBreak(ret); // (QEMU 7.2 flushes its translations here, so every TB of the window is logged by in_asm)
      const s2 = await g.cont();
      if (!/^[TS]05/.test(s2) || (await g.reg(15)) !== ret) throw new Error(`qemu-trace: call ${n} did not return to 0x${ret.toString(16)}: ${s2}`);
      await g.monitor('log none');
      await g.clearBreak(ret);
      await g.setBreak(entry);
      const size = statSync(log).size;
      if (size < offset) offset = 0; // the log was reopened for writing
      out.push(await parseLog(log, offset, insns, ret));
      offset = size;
    }
  } finally {
    clearTimeout(timer);
    g?.close();
    qemu.kill('SIGKILL');
    if (!opts.log && existsSync(log)) rmSync(log, { force: true });
  }
  return out;
}

/** Parse one window of the QEMU log (from byte `from`): in_asm blocks and exec lines. */
export async function parseLog(file: string, from: number, insns: Map<number, Insn>, stopAt: number): Promise<Mix> {
  const tbs = new Map<number, number[]>(); // TB start -> guest addresses (latest translation)
  const counts = new Map<string, { pcs: number[]; taken: boolean; count: number }>();
  let walked = 0, unknown = 0;
  let prev: number[] | null = null; // the TB whose successor decides its branch
  let inAsm: number[] | null = null;
  const finish = (next: number | null) => {
    if (!prev) return;
    const lastPc = prev.at(-1)!;
    const li = insns.get(lastPc);
    const fall = lastPc + (li?.size ?? 2);
    const taken = next !== null && next !== fall;
    const key = `${prev[0]}:${prev.length}:${taken ? 1 : 0}`;
    const c = counts.get(key);
    if (c) c.count++;
    else counts.set(key, { pcs: prev, taken, count: 1 });
    prev = null;
  };
  const walk = (pc: number): number[] => {
    const pcs: number[] = [];
    for (let a = pc; pcs.length < 512;) {
      const i = insns.get(a);
      if (!i) { unknown++; break; }
      pcs.push(a);
      if (endsTb(i)) break;
      a += i.size;
    }
    return pcs;
  };
  const rl = createInterface({ input: createReadStream(file, { start: from, encoding: 'latin1' }), crlfDelay: Infinity });
  for await (const line of rl) {
    if (inAsm) {
      const m = /^0x([0-9a-f]+):/.exec(line);
      if (m) { inAsm.push(parseInt(m[1]!, 16)); continue; }
      if (inAsm.length) tbs.set(inAsm[0]!, inAsm);
      inAsm = null;
    }
    if (line.startsWith('IN:')) { inAsm = []; continue; }
    if (line.startsWith('Trace ')) {
      const m = /\[[0-9a-f]+\/([0-9a-f]+)\//.exec(line);
      if (!m) continue;
      const pc = parseInt(m[1]!, 16);
      finish(pc);
      let tb = tbs.get(pc);
      if (!tb) { tb = walk(pc); walked++; tbs.set(pc, tb); }
      prev = tb;
      continue;
    }
    if (line.startsWith('Stopped execution of TB chain')) { prev = null; continue; } // that TB did not run
  }
  if (inAsm?.length) tbs.set(inAsm[0]!, inAsm);
  if (prev && (prev as number[])[0] === stopAt) prev = null; // the breakpoint's TB did not run
  finish(null);
  const runs: Run[] = [];
  for (const c of counts.values()) {
    const list = c.pcs.map((a) => insns.get(a));
    if (list.some((i) => !i)) { unknown += c.count * list.filter((i) => !i).length; }
    runs.push({ insns: list.filter((i): i is Insn => !!i), count: c.count, lastTaken: c.taken });
  }
  return { runs, walked, unknown };
}
