// Deliberately broken engines. Each C mutant changes one site of the wasm2c
// translation the way a faulty engine or compiler would: an i64 arithmetic
// shift right done as a logical one (sign lost), or an i32 multiply whose
// product comes back with its low bit flipped. Each module mutant changes one
// i64.shr_s of the kernel module itself to i64.shr_u (the rounding shifts of
// rshr() among them) through WABT's wasm2wat/wat2wasm. A mutant is caught
// when at least one conformance tape no longer replays bit for bit.
export interface Site {
  kind: string;
  index: number;
  apply(text: string): string;
}

/** Every occurrence of `re` in text, each as its own mutation site. */
function sites(kind: string, text: string, re: RegExp, swap: (m: RegExpExecArray) => string): Site[] {
  const found: Site[] = [];
  let i = 0;
  for (const m of text.matchAll(new RegExp(re.source, 'g'))) {
    const at = m.index!, len = m[0].length, idx = i++;
    const rep = swap(m as unknown as RegExpExecArray);
    found.push({ kind, index: idx, apply: (t) => t.slice(0, at) + rep + t.slice(at + len) });
  }
  return found;
}

export function cSites(kernelC: string): Site[] {
  return [
    ...sites('c: i64 shr_s done as shr_u', kernelC, /\(u64\)\(\(s64\)(w2c_j\d+) >> \((w2c_j\d+) & 63\)\)/, (m) => `((u64)${m[1]} >> (${m[2]} & 63))`),
    ...sites('c: i32 mul low bit flipped', kernelC, /(w2c_i\d+) \*= (w2c_i\d+);/, (m) => `${m[1]} *= ${m[2]}; ${m[1]} ^= 1u;`),
  ];
}

export function watSites(wat: string): Site[] {
  return sites('wasm: i64.shr_s as i64.shr_u', wat, /\bi64\.shr_s\b/, () => 'i64.shr_u');
}
