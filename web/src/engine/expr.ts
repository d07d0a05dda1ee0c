// A small, safe expression language for user-typed vector fields. The text is
// tokenized and parsed (recursive descent) into a tree of whitelisted nodes;
// evaluation walks compiled closures, so no user text ever reaches eval or
// new Function. The same tree prints as JavaScript for the system module the
// CLI loads (printing only whitelisted nodes, so that output is safe too).
//
//   expr  := term (('+' | '-') term)*
//   term  := unary (('*' | '/') unary)*
//   unary := ('-' | '+') unary | power
//   power := atom (('^' | '**') unary)?          right-associative
//   atom  := number | name | name '(' expr (',' expr)* ')' | '(' expr ')'
//
// Names: x1..xJ (also x, y, z for x1, x2, x3), pi, e; functions below.

export class ExprError extends Error {
  override name = 'ExprError';
  constructor(message: string, readonly column: number) {
    super(message);
  }
}

type Node =
  | { k: 'num'; v: number }
  | { k: 'var'; i: number }
  | { k: 'neg'; a: Node }
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '^'; a: Node; b: Node }
  | { k: 'call'; f: string; args: Node[] };

// Lookups go through own(): a plain object's prototype must never answer
// for a name such as "constructor" or "__proto__".
const own = <T>(table: Record<string, T>, name: string): T | undefined => (Object.hasOwn(table, name) ? table[name] : undefined);

const FUNCTIONS: Record<string, { arity: number; fn: (...a: number[]) => number }> = {
  sin: { arity: 1, fn: Math.sin }, cos: { arity: 1, fn: Math.cos }, tan: { arity: 1, fn: Math.tan },
  asin: { arity: 1, fn: Math.asin }, acos: { arity: 1, fn: Math.acos }, atan: { arity: 1, fn: Math.atan },
  sinh: { arity: 1, fn: Math.sinh }, cosh: { arity: 1, fn: Math.cosh }, tanh: { arity: 1, fn: Math.tanh },
  exp: { arity: 1, fn: Math.exp }, log: { arity: 1, fn: Math.log }, sqrt: { arity: 1, fn: Math.sqrt },
  abs: { arity: 1, fn: Math.abs }, sign: { arity: 1, fn: Math.sign },
  min: { arity: 2, fn: Math.min }, max: { arity: 2, fn: Math.max },
  atan2: { arity: 2, fn: Math.atan2 }, pow: { arity: 2, fn: Math.pow },
};
const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };
const ALIASES: Record<string, number> = { x: 0, y: 1, z: 2 };
export const EXPR_FUNCTIONS = Object.keys(FUNCTIONS);
const MAX_LENGTH = 400;
const MAX_DEPTH = 40;

interface Token { t: 'num' | 'name' | 'op' | 'end'; s: string; col: number }

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|[-+*/^(),]))/y;
  let at = 0;
  while (at < src.length) {
    if (/^\s*$/.test(src.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(src);
    if (!m) {
      const col = at + (src.slice(at).length - src.slice(at).trimStart().length) + 1;
      throw new ExprError(`unexpected "${src.slice(col - 1, col)}" at column ${col}`, col);
    }
    const col = re.lastIndex - m[0].trimStart().length + 1;
    out.push(m[1] !== undefined ? { t: 'num', s: m[1], col } : m[2] !== undefined ? { t: 'name', s: m[2], col } : { t: 'op', s: m[3]!, col });
    at = re.lastIndex;
  }
  out.push({ t: 'end', s: '', col: src.length + 1 });
  return out;
}

/** Parse an expression over `dims` variables; throws ExprError naming the column. */
export function parse(src: string, dims: number): Node {
  if (typeof src !== 'string' || !src.trim()) throw new ExprError('is empty: type an expression such as x2 or -x1', 1);
  if (src.length > MAX_LENGTH) throw new ExprError(`is longer than ${MAX_LENGTH} characters`, MAX_LENGTH);
  const toks = tokenize(src);
  let p = 0;
  let depth = 0;
  const peek = () => toks[p]!;
  const take = () => toks[p++]!;
  const what = (t: Token) => (t.t === 'end' ? 'the end' : `"${t.s}"`);
  const expect = (s: string) => {
    const t = take();
    if (t.s !== s || t.t !== 'op') throw new ExprError(`expected "${s}" but found ${what(t)} at column ${t.col}`, t.col);
  };
  const nest = <T>(col: number, f: () => T): T => {
    if (++depth > MAX_DEPTH) throw new ExprError(`is nested more than ${MAX_DEPTH} levels deep`, col);
    const r = f();
    depth--;
    return r;
  };
  const expr = (): Node => nest(peek().col, () => {
    let a = term();
    while (peek().t === 'op' && (peek().s === '+' || peek().s === '-')) {
      const op = take().s as '+' | '-';
      a = { k: 'bin', op, a, b: term() };
    }
    return a;
  });
  const term = (): Node => {
    let a = unary();
    while (peek().t === 'op' && (peek().s === '*' || peek().s === '/')) {
      const op = take().s as '*' | '/';
      a = { k: 'bin', op, a, b: unary() };
    }
    return a;
  };
  const unary = (): Node => nest(peek().col, () => {
    const t = peek();
    if (t.t === 'op' && (t.s === '-' || t.s === '+')) {
      take();
      const a = unary();
      return t.s === '-' ? { k: 'neg', a } : a;
    }
    return power();
  });
  const power = (): Node => {
    const a = atom();
    if (peek().t === 'op' && (peek().s === '^' || peek().s === '**')) {
      take();
      return { k: 'bin', op: '^', a, b: unary() };
    }
    return a;
  };
  const atom = (): Node => {
    const t = take();
    if (t.t === 'num') {
      const v = Number(t.s);
      if (!Number.isFinite(v)) throw new ExprError(`number ${t.s} at column ${t.col} is too large`, t.col);
      return { k: 'num', v };
    }
    if (t.t === 'op' && t.s === '(') {
      const e = expr();
      expect(')');
      return e;
    }
    if (t.t === 'name') {
      const name = t.s;
      if (peek().t === 'op' && peek().s === '(') {
        const f = own(FUNCTIONS, name);
        if (!f) throw new ExprError(`unknown function "${name}" at column ${t.col} (known: ${EXPR_FUNCTIONS.join(', ')})`, t.col);
        take();
        const args = [expr()];
        while (peek().t === 'op' && peek().s === ',') {
          take();
          args.push(expr());
        }
        expect(')');
        if (args.length !== f.arity) throw new ExprError(`${name}() takes ${f.arity} argument${f.arity > 1 ? 's' : ''}, got ${args.length} (column ${t.col})`, t.col);
        return { k: 'call', f: name, args };
      }
      const m = /^x([1-9]\d*)$/.exec(name);
      const i = m ? Number(m[1]) - 1 : own(ALIASES, name);
      if (i !== undefined) {
        if (i >= dims) throw new ExprError(`"${name}" at column ${t.col} is not a variable of a ${dims}-D system (use ${vars(dims)})`, t.col);
        return { k: 'var', i };
      }
      const c = own(CONSTANTS, name);
      if (c !== undefined) return { k: 'num', v: c };
      if (own(FUNCTIONS, name)) throw new ExprError(`function "${name}" at column ${t.col} needs parentheses: ${name}(...)`, t.col);
      throw new ExprError(`unknown name "${name}" at column ${t.col} (variables: ${vars(dims)}; constants: pi, e)`, t.col);
    }
    throw new ExprError(`expected a number, a variable or "(" but found ${what(t)} at column ${t.col}`, t.col);
  };
  const tree = expr();
  if (peek().t !== 'end') throw new ExprError(`unexpected ${what(peek())} at column ${peek().col}`, peek().col);
  return tree;
}

const vars = (dims: number) => Array.from({ length: dims }, (_, j) => `x${j + 1}`).join(', ');

export type Compiled = (x: ArrayLike<number>) => number;

const BINARY: Record<'+' | '-' | '*' | '/' | '^', (a: Compiled, b: Compiled) => Compiled> = {
  '+': (a, b) => (x) => a(x) + b(x),
  '-': (a, b) => (x) => a(x) - b(x),
  '*': (a, b) => (x) => a(x) * b(x),
  '/': (a, b) => (x) => a(x) / b(x),
  '^': (a, b) => (x) => Math.pow(a(x), b(x)),
};

/** The tree as a closure: no eval, no Function. */
export function compile(n: Node): Compiled {
  switch (n.k) {
    case 'num': {
      const v = n.v;
      return () => v;
    }
    case 'var': {
      const i = n.i;
      return (x) => x[i]!;
    }
    case 'neg': {
      const a = compile(n.a);
      return (x) => -a(x);
    }
    case 'bin':
      return BINARY[n.op](compile(n.a), compile(n.b));
    case 'call': {
      const f = FUNCTIONS[n.f]!.fn;
      const [a, b] = n.args.map(compile) as [Compiled, Compiled?];
      return b ? (x) => f(a(x), b(x)) : (x) => f(a(x));
    }
  }
}

/** The tree as a JavaScript expression over an array `x` (for the CLI's system module). */
export function toJS(n: Node): string {
  switch (n.k) {
    case 'num': return Object.is(n.v, -0) ? '-0' : String(n.v);
    case 'var': return `x[${n.i}]`;
    case 'neg': return `(-${toJS(n.a)})`;
    case 'bin': return n.op === '^' ? `Math.pow(${toJS(n.a)}, ${toJS(n.b)})` : `(${toJS(n.a)} ${n.op} ${toJS(n.b)})`;
    case 'call': return `Math.${n.f}(${n.args.map(toJS).join(', ')})`;
  }
}

/** Parse and compile in one go. */
export function compileExpression(src: string, dims: number): Compiled {
  return compile(parse(src, dims));
}
