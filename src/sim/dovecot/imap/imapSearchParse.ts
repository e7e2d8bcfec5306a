/**
 * SEARCH criteria (RFC 3501 section 6.4.4) parsed into a tree, with Dovecot's error texts for
 * what it cannot read: "Unknown argument FOO", "Missing argument", "Invalid search date
 * parameter"...
 */
import { argText, type ImapArg } from './imapArgs';
import { parseSearchDate, type DayKey } from './imapDates';
import { parseSequenceSet, type SeqRange } from './imapSequence';
import { ICONV_CHARSETS } from './iconvCharsets.data';

export type SearchKey =
  | { op: 'all' }
  | { op: 'and'; keys: SearchKey[] }
  | { op: 'or'; a: SearchKey; b: SearchKey }
  | { op: 'not'; key: SearchKey }
  | { op: 'flag'; flag: string; set: boolean }
  | { op: 'recent'; set: boolean }
  | { op: 'new' }
  | { op: 'keyword'; keyword: string; set: boolean }
  | { op: 'header'; field: string; value: string }
  | { op: 'body'; value: string }
  | { op: 'text'; value: string }
  | { op: 'size'; larger: boolean; size: number }
  | { op: 'date'; sent: boolean; cmp: 'before' | 'on' | 'since'; day: DayKey }
  | { op: 'seq'; ranges: SeqRange[]; saved: boolean }
  | { op: 'uid'; ranges: SeqRange[]; saved: boolean };

export type SearchParse = { ok: true; key: SearchKey; keywords: string[] } | { ok: false; error: string; badCharset?: true };

/** A charset Dovecot can convert search strings from (iconv_open() would succeed). */
export function knownCharset(name: string): boolean {
  return ICONV_CHARSETS.has(name.toUpperCase());
}

const FLAG_KEYS: Record<string, [string, boolean]> = {
  ANSWERED: ['\\Answered', true],
  DELETED: ['\\Deleted', true],
  DRAFT: ['\\Draft', true],
  FLAGGED: ['\\Flagged', true],
  SEEN: ['\\Seen', true],
  UNANSWERED: ['\\Answered', false],
  UNDELETED: ['\\Deleted', false],
  UNDRAFT: ['\\Draft', false],
  UNFLAGGED: ['\\Flagged', false],
  UNSEEN: ['\\Seen', false],
};
const HEADER_KEYS = ['FROM', 'TO', 'CC', 'BCC', 'SUBJECT'];
const DATE_KEYS: Record<string, [boolean, 'before' | 'on' | 'since']> = {
  BEFORE: [false, 'before'],
  ON: [false, 'on'],
  SINCE: [false, 'since'],
  SENTBEFORE: [true, 'before'],
  SENTON: [true, 'on'],
  SENTSINCE: [true, 'since'],
};

class ParseError extends Error {}

export function parseSearch(args: ImapArg[]): SearchParse {
  let list = args;
  if (list[0]?.type === 'atom' && list[0].value.toUpperCase() === 'CHARSET') {
    if (list.length < 2) return { ok: false, error: 'Missing argument' };
    const charset = argText(list[1]);
    if (charset !== undefined && !knownCharset(charset)) return { ok: false, error: 'Unknown charset', badCharset: true };
    list = list.slice(2);
  }
  if (list.length === 0) return { ok: false, error: 'Missing search parameters' };
  const keywords: string[] = [];
  try {
    const reader = { args: list, pos: 0, keywords };
    const keys: SearchKey[] = [];
    while (reader.pos < reader.args.length) keys.push(readKey(reader));
    return { ok: true, key: keys.length === 1 ? keys[0] : { op: 'and', keys }, keywords };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

interface Reader {
  args: ImapArg[];
  pos: number;
  keywords: string[];
}

function readKey(r: Reader): SearchKey {
  const arg = r.args[r.pos++];
  if (!arg) throw new ParseError('Missing argument');
  if (arg.type === 'list') {
    const inner: Reader = { args: arg.items, pos: 0, keywords: r.keywords };
    const keys: SearchKey[] = [];
    while (inner.pos < inner.args.length) keys.push(readKey(inner));
    if (keys.length === 0) throw new ParseError('Missing argument');
    return keys.length === 1 ? keys[0] : { op: 'and', keys };
  }
  if (arg.type !== 'atom') throw new ParseError(`Unknown argument ${arg.value.toUpperCase()}`);
  const word = arg.value.toUpperCase();
  if (/^[\d*$:,]+$/.test(word)) {
    const set = parseSequenceSet(word);
    if (!set) throw new ParseError(`Unknown argument ${word}`);
    return { op: 'seq', ...set };
  }
  if (word === 'ALL') return { op: 'all' };
  if (FLAG_KEYS[word]) return { op: 'flag', flag: FLAG_KEYS[word][0], set: FLAG_KEYS[word][1] };
  if (word === 'RECENT' || word === 'OLD') return { op: 'recent', set: word === 'RECENT' };
  if (word === 'NEW') return { op: 'new' };
  if (word === 'NOT') return { op: 'not', key: readKey(r) };
  if (word === 'OR') return { op: 'or', a: readKey(r), b: readKey(r) };
  if (word === 'KEYWORD' || word === 'UNKEYWORD') {
    const keyword = stringParam(r, word);
    r.keywords.push(keyword);
    return { op: 'keyword', keyword, set: word === 'KEYWORD' };
  }
  if (HEADER_KEYS.includes(word)) return { op: 'header', field: word, value: stringParam(r, word) };
  if (word === 'HEADER') {
    const field = stringParam(r, word);
    return { op: 'header', field: field.toUpperCase(), value: stringParam(r, word) };
  }
  if (word === 'BODY') return { op: 'body', value: stringParam(r, word) };
  if (word === 'TEXT') return { op: 'text', value: stringParam(r, word) };
  if (word === 'LARGER' || word === 'SMALLER') {
    const n = stringParam(r, word);
    if (!/^\d+$/.test(n)) throw new ParseError('Invalid search size parameter');
    return { op: 'size', larger: word === 'LARGER', size: Number(n) };
  }
  if (DATE_KEYS[word]) {
    const day = parseSearchDate(stringParam(r, word));
    if (day === undefined) throw new ParseError('Invalid search date parameter');
    return { op: 'date', sent: DATE_KEYS[word][0], cmp: DATE_KEYS[word][1], day };
  }
  if (word === 'UID') {
    const text = stringParam(r, word);
    const set = parseSequenceSet(text);
    if (!set) throw new ParseError('Invalid UID messageset');
    return { op: 'uid', ...set };
  }
  throw new ParseError(`Unknown argument ${word}`);
}

function stringParam(r: Reader, key: string): string {
  const text = argText(r.args[r.pos]);
  if (text === undefined) throw new ParseError(`Missing parameter for search key (for search key: ${key})`);
  r.pos++;
  return text;
}
