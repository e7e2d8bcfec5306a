/**
 * FETCH and UID FETCH: one "* n FETCH (...)" per message, items in Dovecot's order, body
 * sections as literals. Fetching a body without .PEEK sets \Seen, and then FLAGS is added to
 * the reply (only for messages whose flags changed) unless the client asked for it anyway.
 */
import { internalDate } from './imapDates';
import { bodyStructure } from './imapBodystructure';
import { byteLength } from './imapBytes';
import { envelope } from './imapEnvelope';
import { isBuffered, parseFetchItems, setsSeen, type FetchItem } from './imapFetchItems';
import { formatFlags } from './imapFlags';
import { resolveMessageSet } from './imapMessageSet';
import { commandError, ok, type CommandContext, type CommandResult } from './imapProcess';
import { applyPartial, isHeaderSection, resolvePart, sectionName, sectionText } from './imapSection';
import { transferDecode } from './transferDecode';
import type { SelectedMailbox } from './selectedMailbox';
import type { StoredMessage } from '../../mail/mailStore';
import { wireSize } from '../wireText';
import { bumpModseq, messageModseq } from './modseq';

export function fetchCommand(ctx: CommandContext): CommandResult {
  const view = ctx.s.selected!;
  const items = parseFetchItems(ctx.args.slice(1));
  if (!items.ok) return commandError(ctx, items.error);
  const set = resolveMessageSet(view, setText(ctx), ctx.uid);
  if (!set.ok) return commandError(ctx, set.error);
  const plan = fetchPlan(items.items, ctx.uid);
  // FETCH MODSEQ turns CONDSTORE on, as ENABLE would.
  if (items.items.some((i) => i.kind === 'simple' && i.name === 'MODSEQ')) ctx.s.enabled.add('CONDSTORE');
  const lines: string[] = [];
  const seen: { seq: number; uid: number }[] = [];
  for (const seq of set.seqs) {
    const msg = view.message(seq);
    if (!msg) continue;
    const wasSeen = msg.flags.has('\\Seen');
    lines.push(...fetchLines(ctx, view, seq, msg, plan));
    if (!wasSeen && msg.flags.has('\\Seen')) seen.push({ seq, uid: msg.uid });
  }
  if (seen.length > 0) {
    const modseq = bumpModseq(view.box, seen.map((m) => m.uid));
    if (ctx.s.enabled.has('CONDSTORE')) lines.push(...seen.map((m) => `* ${m.seq} FETCH (${ctx.uid ? `UID ${m.uid} ` : ''}MODSEQ (${modseq}))`));
  }
  return ok('Fetch completed', lines);
}

function setText(ctx: CommandContext): string | undefined {
  const a = ctx.args[0];
  return a && a.type === 'atom' ? a.value : undefined;
}

interface FetchPlan {
  buffered: FetchItem[];
  streamed: FetchItem[];
  updatesSeen: boolean;
  /** FLAGS was not asked for: show it only when \Seen changes. */
  implicitFlags: boolean;
}

/** Orders the items as Dovecot's handlers run: UID first for UID FETCH, buffered, then the rest. */
function fetchPlan(items: FetchItem[], uid: boolean): FetchPlan {
  const unique: FetchItem[] = [];
  const seen = new Set<string>();
  const all: FetchItem[] = uid ? [{ kind: 'simple', name: 'UID' }, ...items] : items;
  for (const item of all) {
    const key = item.kind === 'simple' ? item.name : JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(item);
  }
  const updatesSeen = unique.some(setsSeen);
  const hasFlags = unique.some((i) => i.kind === 'simple' && i.name === 'FLAGS');
  const buffered = unique.filter(isBuffered);
  if (updatesSeen && !hasFlags) buffered.push({ kind: 'simple', name: 'FLAGS' });
  return { buffered, streamed: unique.filter((i) => !isBuffered(i)), updatesSeen, implicitFlags: updatesSeen && !hasFlags };
}

function fetchLines(ctx: CommandContext, view: SelectedMailbox, seq: number, msg: StoredMessage, plan: FetchPlan): string[] {
  let seenChanged = false;
  if (plan.updatesSeen && !view.readOnly && !msg.flags.has('\\Seen')) {
    msg.flags.add('\\Seen');
    seenChanged = true;
    ctx.svc.mailboxChanged(ctx.s.user ?? '', view.box.path, 'flags', 1);
  }
  const parts: string[] = [];
  for (const item of [...plan.buffered, ...plan.streamed]) {
    if (item.kind === 'simple' && item.name === 'FLAGS' && plan.implicitFlags && !seenChanged) continue;
    parts.push(fetchItem(ctx, view, msg, item));
  }
  if (parts.length === 0) parts.push(`UID ${msg.uid}`);
  return `* ${seq} FETCH (${parts.join(' ')})`.split('\r\n');
}

function fetchItem(ctx: CommandContext, view: SelectedMailbox, msg: StoredMessage, item: FetchItem): string {
  const parsed = () => view.parsedMessage(msg);
  if (item.kind === 'binary-size') return `BINARY.SIZE[${item.section.path.join('.')}] ${byteLength(binaryText(parsed().mime, item.section.path))}`;
  if (item.kind === 'section') {
    const p = parsed();
    const whole = item.binary ? binaryText(p.mime, item.section.path) : sectionText(p.mime, p.text, item.section);
    const data = applyPartial(whole, item.partial);
    count(ctx, !item.binary && isHeaderSection(item.section), data);
    const origin = item.partial ? `<${item.partial.offset}>` : '';
    const name = item.binary ? `BINARY[${item.section.path.join('.')}]` : `BODY[${sectionName(item.section)}]`;
    return `${name}${origin} ${item.binary && /[^\x00-\x7f]|\0/.test(data) ? '~' : ''}{${byteLength(data)}}\r\n${data}`;
  }
  switch (item.name) {
    case 'FLAGS':
      return `FLAGS ${formatFlags(msg.flags, view.isRecent(msg), view.keywords)}`;
    case 'UID':
      return `UID ${msg.uid}`;
    case 'MODSEQ':
      return `MODSEQ (${messageModseq(view.box, msg.uid)})`;
    case 'INTERNALDATE':
      return `INTERNALDATE "${internalDate(msg.arrived, ctx.svc.zone)}"`;
    case 'RFC822.SIZE':
      return `RFC822.SIZE ${wireSize(msg.text)}`;
    case 'ENVELOPE':
      return `ENVELOPE ${envelope(parsed().mime)}`;
    case 'BODY':
      return `BODY ${bodyStructure(parsed().mime, false)}`;
    case 'BODYSTRUCTURE':
      return `BODYSTRUCTURE ${bodyStructure(parsed().mime, true)}`;
    default:
      return rfc822Item(ctx, parsed(), item.name);
  }
}

function rfc822Item(ctx: CommandContext, p: ReturnType<SelectedMailbox['parsedMessage']>, name: string): string {
  const data = name === 'RFC822.HEADER' ? p.mime.headerText : name === 'RFC822.TEXT' ? p.mime.body : p.text;
  count(ctx, name === 'RFC822.HEADER', data);
  return `${name} {${byteLength(data)}}\r\n${data}`;
}

/** The session's hdr_count/hdr_bytes or body_count/body_bytes. */
function count(ctx: CommandContext, header: boolean, data: string): void {
  const stats = ctx.s.stats;
  if (header) {
    stats.hdrCount++;
    stats.hdrBytes += byteLength(data);
  } else {
    stats.bodyCount++;
    stats.bodyBytes += byteLength(data);
  }
}

/** BINARY[part]: the part's body with its Content-Transfer-Encoding undone. */
function binaryText(root: ReturnType<SelectedMailbox['parsedMessage']>['mime'], path: number[]): string {
  const part = path.length === 0 ? root : resolvePart(root, path);
  return part ? transferDecode(part) : '';
}
