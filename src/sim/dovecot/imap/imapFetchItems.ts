/**
 * FETCH's attribute list, as Dovecot reads it (imap-fetch.c): the macros ALL, FAST and FULL,
 * simple items, and BODY[...] / BODY.PEEK[...] / BINARY[...] sections with a partial. Items
 * Dovecot answers from its buffer (FLAGS, UID, INTERNALDATE, RFC822.SIZE) come first in the
 * reply, the others (envelope, structures, literals) after them, each group in request order.
 */
import type { ImapArg } from './imapArgs';
import { parsePartial, parseSection, type Partial, type Section } from './imapSection';

export type SimpleItem = 'FLAGS' | 'UID' | 'INTERNALDATE' | 'RFC822.SIZE' | 'MODSEQ' | 'ENVELOPE' | 'BODY' | 'BODYSTRUCTURE' | 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT';

export type FetchItem =
  | { kind: 'simple'; name: SimpleItem }
  | { kind: 'section'; binary: boolean; peek: boolean; section: Section; partial?: Partial }
  | { kind: 'binary-size'; section: Section };

const SIMPLE: readonly string[] = ['FLAGS', 'UID', 'INTERNALDATE', 'RFC822.SIZE', 'MODSEQ', 'ENVELOPE', 'BODY', 'BODYSTRUCTURE', 'RFC822', 'RFC822.HEADER', 'RFC822.TEXT'];
const BUFFERED: readonly string[] = ['FLAGS', 'UID', 'INTERNALDATE', 'RFC822.SIZE', 'MODSEQ'];
const MACROS: Record<string, SimpleItem[]> = {
  ALL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'],
  FAST: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'],
  FULL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'],
};

export type FetchItemsResult = { ok: true; items: FetchItem[] } | { ok: false; error: string };

/** The attributes after the message set: one atom or a list of atoms. */
export function parseFetchItems(args: ImapArg[]): FetchItemsResult {
  const spec = args[0];
  if (!spec) return { ok: false, error: 'Invalid arguments' };
  if (args.length > 1) return { ok: false, error: args[1].type === 'list' ? 'Unknown FETCH modifier' : 'Invalid arguments' };
  if (spec.type === 'atom' && MACROS[spec.value.toUpperCase()]) {
    return { ok: true, items: MACROS[spec.value.toUpperCase()].map((name) => ({ kind: 'simple', name })) };
  }
  const atoms = spec.type === 'list' ? spec.items : [spec];
  if (atoms.length === 0) return { ok: false, error: 'Invalid arguments' };
  const items: FetchItem[] = [];
  for (const a of atoms) {
    if (a.type !== 'atom') return { ok: false, error: 'Invalid arguments' };
    const item = parseFetchItem(a.value);
    if ('error' in item) return { ok: false, error: item.error };
    items.push(item);
  }
  return { ok: true, items };
}

function parseFetchItem(text: string): FetchItem | { error: string } {
  const upper = text.toUpperCase();
  if (SIMPLE.includes(upper)) return { kind: 'simple', name: upper as SimpleItem };
  const m = /^(BODY|BODY\.PEEK|BINARY|BINARY\.PEEK|BINARY\.SIZE)\[(.*)\](.*)$/is.exec(text);
  if (!m) return { error: `Unknown parameter: ${upper}` };
  const kind = m[1].toUpperCase();
  const binary = kind.startsWith('BINARY');
  const section = binary ? parseBinarySection(m[2]) : parseSection(m[2]);
  if (!section) return { error: `Invalid ${binary ? 'BINARY' : 'BODY'}[..] section` };
  if (kind === 'BINARY.SIZE') return m[3] ? { error: 'Invalid BINARY.SIZE' } : { kind: 'binary-size', section };
  let partial: Partial | undefined;
  if (m[3] !== '') {
    partial = parsePartial(m[3]);
    if (!partial) return { error: `Invalid partial ${m[3]}` };
  }
  return { kind: 'section', binary, peek: kind.endsWith('.PEEK'), section, ...(partial ? { partial } : {}) };
}

/** BINARY takes part numbers only. */
function parseBinarySection(text: string): Section | undefined {
  if (text !== '' && !/^\d+(\.\d+)*$/.test(text)) return undefined;
  return { path: text === '' ? [] : text.split('.').map(Number), spec: 'ALL', fields: [] };
}

export function isBuffered(item: FetchItem): boolean {
  return item.kind === 'simple' && BUFFERED.includes(item.name);
}

/** Does fetching this item mark the message \Seen? */
export function setsSeen(item: FetchItem): boolean {
  if (item.kind === 'section') return !item.peek;
  return item.kind === 'simple' && (item.name === 'RFC822' || item.name === 'RFC822.TEXT');
}
