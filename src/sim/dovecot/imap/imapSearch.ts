/**
 * SEARCH and UID SEARCH: the criteria tested on each message of the selected mailbox. Text
 * matches are case-insensitive substrings of the decoded headers (encoded words undone) or of
 * the text parts' decoded bodies; dates compare days (the arrival day for BEFORE/ON/SINCE, the
 * Date: header's own day for SENT*). A keyword the mailbox never had becomes known to it.
 */
import type { StoredMessage } from '../../mail/mailStore';
import { dayOf, sentDay } from './imapDates';
import { flagsAnnouncement } from './imapFlags';
import { commandError, no, ok, type CommandContext, type CommandResult } from './imapProcess';
import { setContains, uidSetText } from './imapSequence';
import { parseSearch, type SearchKey } from './imapSearchParse';
import { decodeEncodedWords } from './encodedWords';
import { addMailboxKeywords } from './mailboxKeywords';
import { headerValue, type MimePart } from './mimeMessage';
import type { SelectedMailbox } from './selectedMailbox';
import { transferDecode } from './transferDecode';
import { wireSize } from '../wireText';
import type { Zone } from '../../core/time';

export function searchCommand(ctx: CommandContext): CommandResult {
  const view = ctx.s.selected!;
  const esearch = returnOptions(ctx);
  if (typeof esearch === 'string') return commandError(ctx, esearch);
  const parsed = parseSearch(esearch ? ctx.args.slice(2) : ctx.args);
  if (!parsed.ok) return parsed.badCharset ? no(`[BADCHARSET] ${parsed.error}`) : commandError(ctx, parsed.error);
  const hits: number[] = [];
  for (let seq = 1; seq <= view.count; seq++) {
    const msg = view.message(seq);
    if (msg && matches(parsed.key, { view, msg, seq, zone: ctx.svc.zone })) hits.push(ctx.uid ? msg.uid : seq);
  }
  const untagged = [esearch ? esearchLine(ctx, esearch, hits) : hits.length > 0 ? `* SEARCH ${hits.join(' ')}` : '* SEARCH'];
  if (addMailboxKeywords(view.box, parsed.keywords)) untagged.push(...flagsAnnouncement(view.keywords, view.readOnly));
  return ok('Search completed', untagged);
}

const RETURN_OPTIONS = ['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE'];

/** "SEARCH RETURN (MIN COUNT) ..." (ESEARCH): the options, undefined for a plain SEARCH. */
function returnOptions(ctx: CommandContext): string[] | undefined | string {
  const [first, second] = ctx.args;
  if (first?.type !== 'atom' || first.value.toUpperCase() !== 'RETURN') return undefined;
  if (second?.type !== 'list') return 'Invalid RETURN options';
  const options: string[] = [];
  for (const o of second.items) {
    const word = o.type === 'list' ? '' : o.value.toUpperCase();
    if (!RETURN_OPTIONS.includes(word)) return `Unknown RETURN option: ${word}`;
    options.push(word);
  }
  return options.length === 0 ? ['ALL'] : options;
}

/** "* ESEARCH (TAG "a4") UID MIN 1 MAX 3 ALL 1:3 COUNT 3" (empty results leave MIN, MAX, ALL out). */
function esearchLine(ctx: CommandContext, options: string[], hits: number[]): string {
  let line = `* ESEARCH (TAG "${ctx.tag}")${ctx.uid ? ' UID' : ''}`;
  if (hits.length > 0) {
    if (options.includes('MIN')) line += ` MIN ${Math.min(...hits)}`;
    if (options.includes('MAX')) line += ` MAX ${Math.max(...hits)}`;
    if (options.includes('ALL')) line += ` ALL ${uidSetText([...hits].sort((a, b) => a - b))}`;
  }
  if (options.includes('COUNT')) line += ` COUNT ${hits.length}`;
  return line;
}

interface Candidate {
  view: SelectedMailbox;
  msg: StoredMessage;
  seq: number;
  zone: Zone;
}

export function matches(key: SearchKey, c: Candidate): boolean {
  switch (key.op) {
    case 'all':
      return true;
    case 'and':
      return key.keys.every((k) => matches(k, c));
    case 'or':
      return matches(key.a, c) || matches(key.b, c);
    case 'not':
      return !matches(key.key, c);
    case 'flag':
      return c.msg.flags.has(key.flag) === key.set;
    case 'recent':
      return c.view.isRecent(c.msg) === key.set;
    case 'new':
      return c.view.isRecent(c.msg) && !c.msg.flags.has('\\Seen');
    case 'keyword':
      return [...c.msg.flags].some((f) => f.toLowerCase() === key.keyword.toLowerCase()) === key.set;
    case 'size':
      return key.larger ? wireSize(c.msg.text) > key.size : wireSize(c.msg.text) < key.size;
    case 'seq':
      return setContains(key.ranges, c.seq, c.view.count);
    case 'uid':
      return setContains(key.ranges, c.msg.uid, c.view.uids[c.view.uids.length - 1] ?? 0);
    case 'date':
      return compareDay(key.sent ? sentDay(headerValue(mime(c), 'date')) : dayOf(c.msg.arrived, c.zone), key.cmp, key.day);
    case 'header':
      return headerMatches(mime(c), key.field, key.value);
    case 'body':
      return contains(bodyText(mime(c)), key.value);
    case 'text':
      return contains(decodeEncodedWords(mime(c).headerText), key.value) || contains(bodyText(mime(c)), key.value);
  }
}

function mime(c: Candidate): MimePart {
  return c.view.parsedMessage(c.msg).mime;
}

function compareDay(day: number | undefined, cmp: 'before' | 'on' | 'since', wanted: number): boolean {
  if (day === undefined) return false;
  if (cmp === 'before') return day < wanted;
  if (cmp === 'on') return day === wanted;
  return day >= wanted;
}

function contains(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

/** HEADER name "" matches any message that has the field. */
function headerMatches(part: MimePart, field: string, value: string): boolean {
  const fields = part.headers.filter((h) => h.name.toUpperCase() === field);
  if (fields.length === 0) return false;
  return value === '' || fields.some((h) => contains(decodeEncodedWords(h.value), value));
}

/** The decoded text of every text part (no preamble, no epilogue, no attachments' bytes). */
function bodyText(part: MimePart): string {
  if (part.contentType.type === 'multipart') return part.children.map(bodyText).join('\n');
  if (part.message) return bodyText(part.message);
  if (part.contentType.type !== 'text') return '';
  return transferDecode(part);
}
