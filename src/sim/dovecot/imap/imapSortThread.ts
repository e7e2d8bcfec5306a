/**
 * SORT and THREAD (RFC 5256): the messages a search finds, ordered by arrival, date, size,
 * subject or address (ties by sequence number), or grouped into conversations by References /
 * In-Reply-To (REFERENCES) or by base subject (ORDEREDSUBJECT).
 */
import type { StoredMessage } from '../../mail/mailStore';
import { parseAddressList } from './addressList';
import { decodeEncodedWords } from './encodedWords';
import { argText } from './imapArgs';
import { commandError, ok, type CommandContext, type CommandResult } from './imapProcess';
import { matches } from './imapSearch';
import { parseSearch } from './imapSearchParse';
import { headerValue } from './mimeMessage';
import type { SelectedMailbox } from './selectedMailbox';
import { wireSize } from '../wireText';

const SORT_KEYS = ['ARRIVAL', 'CC', 'DATE', 'FROM', 'SIZE', 'SUBJECT', 'TO', 'DISPLAYFROM', 'DISPLAYTO'];

interface Found {
  seq: number;
  msg: StoredMessage;
}

/** The messages the search keys after the charset find, in sequence order. */
function found(ctx: CommandContext, from: number): Found[] | string {
  const view = ctx.s.selected!;
  if (argText(ctx.args[from]) === undefined) return 'Missing charset';
  const parsed = parseSearch(ctx.args.slice(from + 1));
  if (!parsed.ok) return parsed.error;
  const out: Found[] = [];
  for (let seq = 1; seq <= view.count; seq++) {
    const msg = view.message(seq);
    if (msg && matches(parsed.key, { view, msg, seq, zone: ctx.svc.zone })) out.push({ seq, msg });
  }
  return out;
}

export function sortCommand(ctx: CommandContext): CommandResult {
  const view = ctx.s.selected!;
  const criteria = ctx.args[0];
  if (!criteria || criteria.type !== 'list' || criteria.items.length === 0) return commandError(ctx, 'Invalid sort argument');
  const keys: { key: string; reverse: boolean }[] = [];
  let reverse = false;
  for (const item of criteria.items) {
    const word = argText(item)?.toUpperCase() ?? '';
    if (word === 'REVERSE') {
      reverse = true;
      continue;
    }
    if (!SORT_KEYS.includes(word)) return commandError(ctx, `Unknown sort argument: ${word}`);
    keys.push({ key: word, reverse });
    reverse = false;
  }
  const hits = found(ctx, 1);
  if (typeof hits === 'string') return commandError(ctx, hits);
  const value = (f: Found, key: string) => sortValue(view, f.msg, key);
  hits.sort((a, b) => {
    for (const k of keys) {
      const x = value(a, k.key);
      const y = value(b, k.key);
      const c = x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return k.reverse ? -c : c;
    }
    return a.seq - b.seq;
  });
  const ids = hits.map((f) => (ctx.uid ? f.msg.uid : f.seq));
  return ok('Sort completed', [ids.length > 0 ? `* SORT ${ids.join(' ')}` : '* SORT']);
}

function sortValue(view: SelectedMailbox, msg: StoredMessage, key: string): string | number {
  const mime = () => view.parsedMessage(msg).mime;
  switch (key) {
    case 'ARRIVAL':
      return msg.arrived;
    case 'SIZE':
      return wireSize(msg.text);
    case 'DATE':
      return sentTime(headerValue(mime(), 'date')) ?? msg.arrived;
    case 'SUBJECT':
      return baseSubject(headerValue(mime(), 'subject') ?? '');
    default: {
      const field = key.replace('DISPLAY', '').toLowerCase();
      const first = parseAddressList(headerValue(mime(), field) ?? '')[0];
      if (!first) return '';
      const text = key.startsWith('DISPLAY') ? (first.name ?? `${first.mailbox ?? ''}@${first.host ?? ''}`) : (first.mailbox ?? '');
      return decodeEncodedWords(text).toLowerCase();
    }
  }
}

function sentTime(date: string | undefined): number | undefined {
  if (!date) return undefined;
  const t = Date.parse(date.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(t) ? undefined : t;
}

/** RFC 5256 base subject: decoded, lower-cased, without "Re:", "Fwd:", "[list]" and "(fwd)". */
export function baseSubject(subject: string): string {
  let s = decodeEncodedWords(subject).replace(/\s+/g, ' ').trim().toLowerCase();
  for (;;) {
    const before = s;
    s = s.replace(/\s*\(fwd\)$/, '').replace(/^(\[[^\]]*\]\s*)*(re|fwd?)\s*(\[[^\]]*\])?\s*:\s*/, '').replace(/^\[[^\]]*\]\s*(?=.)/, '');
    if (s === before) return s.trim();
  }
}

export function threadCommand(ctx: CommandContext): CommandResult {
  const view = ctx.s.selected!;
  const algorithm = argText(ctx.args[0])?.toUpperCase();
  if (!algorithm) return commandError(ctx, 'Invalid arguments');
  if (!['REFERENCES', 'REFS', 'ORDEREDSUBJECT'].includes(algorithm)) return commandError(ctx, `Unknown thread algorithm: ${algorithm}`);
  const hits = found(ctx, 1);
  if (typeof hits === 'string') return commandError(ctx, hits);
  const id = (f: Found) => String(ctx.uid ? f.msg.uid : f.seq);
  const date = (f: Found) => sentTime(headerValue(view.parsedMessage(f.msg).mime, 'date')) ?? f.msg.arrived;
  const trees = algorithm === 'ORDEREDSUBJECT' ? bySubject(view, hits, date) : byReferences(view, hits, date);
  return ok('Thread completed', [`* THREAD ${trees.map((t) => `(${threadText(t, id)})`).join('')}`]);
}

interface ThreadNode {
  item: Found;
  children: ThreadNode[];
}

/** "1 2" for a chain, "1 (2)(3)" where a message has several answers. */
function threadText(node: ThreadNode, id: (f: Found) => string): string {
  if (node.children.length === 0) return id(node.item);
  if (node.children.length === 1) return `${id(node.item)} ${threadText(node.children[0], id)}`;
  return `${id(node.item)} ${node.children.map((c) => `(${threadText(c, id)})`).join('')}`;
}

function byReferences(view: SelectedMailbox, hits: Found[], date: (f: Found) => number): ThreadNode[] {
  const nodes = new Map<Found, ThreadNode>(hits.map((f) => [f, { item: f, children: [] }]));
  const byId = new Map<string, Found>();
  for (const f of hits) {
    const mid = headerValue(view.parsedMessage(f.msg).mime, 'message-id');
    if (mid) byId.set(mid.trim(), f);
  }
  const roots: ThreadNode[] = [];
  for (const f of hits) {
    const mime = view.parsedMessage(f.msg).mime;
    const refs = `${headerValue(mime, 'references') ?? ''} ${headerValue(mime, 'in-reply-to') ?? ''}`.match(/<[^>]+>/g) ?? [];
    const parent = [...refs].reverse().map((r) => byId.get(r)).find((p) => p !== undefined && p !== f);
    if (parent) nodes.get(parent)!.children.push(nodes.get(f)!);
    else roots.push(nodes.get(f)!);
  }
  const order = (list: ThreadNode[]) => {
    list.sort((a, b) => date(a.item) - date(b.item) || a.item.seq - b.item.seq);
    for (const n of list) order(n.children);
  };
  order(roots);
  return roots;
}

function bySubject(view: SelectedMailbox, hits: Found[], date: (f: Found) => number): ThreadNode[] {
  const groups = new Map<string, Found[]>();
  for (const f of [...hits].sort((a, b) => date(a) - date(b) || a.seq - b.seq)) {
    const key = baseSubject(headerValue(view.parsedMessage(f.msg).mime, 'subject') ?? '');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()].map(([first, ...rest]) => ({ item: first, children: rest.map((item) => ({ item, children: [] })) }));
}
