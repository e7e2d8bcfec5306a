/**
 * Postfix's parameter expansion (mac_expand): $name, ${name}, $(name), ${name?value},
 * ${name:value}, ${name?{then}:{else}} and the 3.x relational form
 * ${{$compatibility_level} <level {2} ? {subnet} : {host}}.
 */

export type Lookup = (name: string) => string | undefined;

export interface ExpandResult {
  value: string;
  /** Names that were referenced but have no value at all (not even an empty default). */
  undefinedNames: string[];
}

const NAME = /^[A-Za-z0-9_]+/;
const MAX_DEPTH = 100;

/** Expands `text` recursively, as postconf -x and the daemons see a value. */
export function expand(text: string, lookup: Lookup): string {
  return expandDetailed(text, lookup).value;
}

export function expandDetailed(text: string, lookup: Lookup): ExpandResult {
  const undefinedNames: string[] = [];
  const value = expandAt(text, lookup, 0, undefinedNames, new Set());
  return { value, undefinedNames };
}

function expandAt(text: string, lookup: Lookup, depth: number, undef: string[], active: Set<string>): string {
  if (depth > MAX_DEPTH || !text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{' || next === '(') {
      const close = matching(text, i + 1);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      out += expandBraced(text.slice(i + 2, close), lookup, depth, undef, active);
      i = close + 1;
      continue;
    }
    const m = NAME.exec(text.slice(i + 1));
    if (!m) {
      out += '$';
      i++;
      continue;
    }
    out += valueOf(m[0], lookup, depth, undef, active);
    i += 1 + m[0].length;
  }
  return out;
}

function valueOf(name: string, lookup: Lookup, depth: number, undef: string[], active: Set<string>): string {
  const raw = lookup(name);
  if (raw === undefined) {
    undef.push(name);
    return '';
  }
  if (active.has(name)) return '';
  active.add(name);
  const v = expandAt(raw, lookup, depth + 1, undef, active);
  active.delete(name);
  return v;
}

/** Index of the bracket that closes the one at `open`, honouring nesting. */
function matching(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === '{' ? '}' : ')';
  let level = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === opener) level++;
    else if (text[j] === closer) {
      level--;
      if (level === 0) return j;
    }
  }
  return -1;
}

function expandBraced(inner: string, lookup: Lookup, depth: number, undef: string[], active: Set<string>): string {
  const trimmed = inner.trim();
  if (trimmed.startsWith('{')) return expandRelational(trimmed, lookup, depth, undef, active);
  const m = NAME.exec(inner);
  if (!m) return '';
  const name = m[0];
  const rest = inner.slice(name.length);
  if (rest === '') return valueOf(name, lookup, depth, undef, active);
  const op = rest[0];
  const value = valueOf(name, lookup, depth, undef, active);
  if (op !== '?' && op !== ':') return value;
  const [thenText, elseText] = splitAlternatives(rest.slice(1));
  const nonEmpty = value !== '';
  if (op === '?') {
    if (nonEmpty) return expandAt(thenText, lookup, depth + 1, undef, active);
    return elseText === undefined ? '' : expandAt(elseText, lookup, depth + 1, undef, active);
  }
  return nonEmpty ? '' : expandAt(thenText, lookup, depth + 1, undef, active);
}

/** "{a}:{b}" gives [a, b]; a plain "text" gives [text, undefined]. */
function splitAlternatives(text: string): [string, string | undefined] {
  const t = text.trim();
  if (!t.startsWith('{')) return [text, undefined];
  const close = matching(t, 0);
  if (close < 0) return [text, undefined];
  const first = t.slice(1, close);
  const after = t.slice(close + 1).trim();
  if (!after.startsWith(':')) return [first, undefined];
  const second = after.slice(1).trim();
  if (second.startsWith('{')) {
    const c2 = matching(second, 0);
    return [first, c2 < 0 ? second : second.slice(1, c2)];
  }
  return [first, second];
}

/** ${{left} op {right} ? {then} : {else}} */
function expandRelational(text: string, lookup: Lookup, depth: number, undef: string[], active: Set<string>): string {
  const parts: string[] = [];
  let rest = text;
  const take = () => {
    rest = rest.trim();
    if (!rest.startsWith('{')) return false;
    const close = matching(rest, 0);
    if (close < 0) return false;
    parts.push(rest.slice(1, close));
    rest = rest.slice(close + 1);
    return true;
  };
  if (!take()) return '';
  rest = rest.trim();
  const opMatch = /^(==|!=|<=level|>=level|<level|>level|<=|>=|<|>)/.exec(rest);
  if (!opMatch) return '';
  const op = opMatch[1];
  rest = rest.slice(op.length);
  if (!take()) return '';
  rest = rest.trim();
  let result: boolean;
  const left = expandAt(parts[0], lookup, depth + 1, undef, active).trim();
  const right = expandAt(parts[1], lookup, depth + 1, undef, active).trim();
  if (op.endsWith('level')) result = compareLevel(left, right, op.replace('level', ''));
  else result = compareValues(left, right, op);
  if (!rest.startsWith('?')) return result ? 'yes' : '';
  rest = rest.slice(1);
  if (!take()) return '';
  rest = rest.trim();
  let elseText = '';
  if (rest.startsWith(':')) {
    rest = rest.slice(1);
    if (take()) elseText = parts[3];
  }
  return expandAt(result ? parts[2] : elseText, lookup, depth + 1, undef, active);
}

function compareValues(a: string, b: string, op: string): boolean {
  const numeric = /^-?\d+$/.test(a) && /^-?\d+$/.test(b);
  const x: number | string = numeric ? Number(a) : a;
  const y: number | string = numeric ? Number(b) : b;
  switch (op) {
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

/** Compares compatibility levels "major[.minor[.patch]]" numerically, part by part. */
export function compareLevels(a: string, b: string): number {
  const pa = a.split('.').map((p) => Number(p) || 0);
  const pb = b.split('.').map((p) => Number(p) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function compareLevel(a: string, b: string, op: string): boolean {
  const c = compareLevels(a, b);
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}
