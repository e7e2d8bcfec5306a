/**
 * IMAP command arguments (RFC 3501 section 9) as Dovecot's imap-parser reads them: atoms,
 * quoted strings, literals ({n} CRLF and n bytes, already collected by the reader) and
 * parenthesized lists. An atom may carry a bracketed part with spaces and parentheses inside,
 * so that BODY[HEADER.FIELDS (FROM TO)]<0.100> stays one fetch attribute.
 */
import { takeBytes } from './imapBytes';

export type ImapArg =
  | { type: 'atom'; value: string }
  | { type: 'string'; value: string }
  | { type: 'literal'; value: string }
  | { type: 'list'; items: ImapArg[] };

export type ImapArgsResult = { ok: true; args: ImapArg[] } | { ok: false; error: string };

export function parseImapArgs(text: string): ImapArgsResult {
  const stack: ImapArg[][] = [[]];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === ' ') {
      i++;
    } else if (c === '(') {
      const list: ImapArg = { type: 'list', items: [] };
      top.push(list);
      stack.push(list.items);
      i++;
    } else if (c === ')') {
      if (stack.length === 1) return { ok: false, error: "Unexpected ')'" };
      stack.pop();
      i++;
    } else if (c === '"') {
      const q = readQuoted(text, i);
      if (!q.ok) return q;
      top.push({ type: 'string', value: q.value });
      i = q.end;
    } else if (c === '{') {
      const lit = readLiteral(text, i);
      if (!lit.ok) return lit;
      top.push({ type: 'literal', value: lit.value });
      i = lit.end;
    } else {
      const a = readAtom(text, i);
      if (!a.ok) return a;
      top.push({ type: 'atom', value: a.value });
      i = a.end;
    }
  }
  if (stack.length > 1) return { ok: false, error: "Missing ')'" };
  return { ok: true, args: stack[0] };
}

type Read = { ok: true; value: string; end: number } | { ok: false; error: string };

function readQuoted(text: string, start: number): Read {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      value += text[++i];
    } else if (c === '"') {
      return { ok: true, value, end: i + 1 };
    } else if (c === '\r' || c === '\n') {
      break;
    } else value += c;
  }
  return { ok: false, error: "Missing '\"'" };
}

function readLiteral(text: string, start: number): Read {
  const m = /^\{(\d+)\+?\}\r\n/.exec(text.slice(start));
  if (!m) return { ok: false, error: 'Invalid literal size' };
  const dataStart = start + m[0].length;
  const data = takeBytes(text.slice(dataStart), Number(m[1]));
  if (data === undefined) return { ok: false, error: 'Literal data missing' };
  return { ok: true, value: data, end: dataStart + data.length };
}

function readAtom(text: string, start: number): Read {
  let i = start;
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (depth === 0 && (c === ' ' || c === '(' || c === ')')) break;
    if (c.charCodeAt(0) > 0x7f) return { ok: false, error: '8bit data in atom' };
    if (c === '[') depth++;
    else if (c === ']' && depth > 0) depth--;
    else if (depth === 0 && c === '"') return { ok: false, error: 'Invalid characters in atom' };
  }
  return { ok: true, value: text.slice(start, i), end: i };
}

/** The text of an atom, string or literal ("astring"); undefined for a list. */
export function argText(arg: ImapArg | undefined): string | undefined {
  if (!arg || arg.type === 'list') return undefined;
  return arg.value;
}

export function isAtom(arg: ImapArg | undefined, value?: string): boolean {
  return arg?.type === 'atom' && (value === undefined || arg.value.toUpperCase() === value);
}
