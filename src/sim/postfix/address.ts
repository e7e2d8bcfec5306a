import { parseIp } from '../core/ip';

/**
 * Envelope addresses as Postfix reads them from MAIL FROM / RCPT TO: with or without <>, a source
 * route dropped, exactly one address allowed ("two words@example.com" is two, so it is refused).
 */

export interface ExtractOptions {
  /** MAIL FROM:<> is allowed, RCPT TO:<> is not. */
  allowEmpty: boolean;
  /** strict_rfc821_envelopes = yes: only <address> forms. */
  strict: boolean;
}

type Token = { kind: 'atom' | 'quoted' | 'literal' | 'special'; text: string; spaceBefore: boolean };

function tokenize822(text: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  let space = false;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t') {
      space = true;
      i++;
      continue;
    }
    if (ch === '(') {
      let depth = 0;
      for (; i < text.length; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) break;
      }
      if (depth !== 0) return undefined;
      i++;
      space = true;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return undefined;
      out.push({ kind: 'quoted', text: text.slice(i, j + 1), spaceBefore: space });
      i = j + 1;
    } else if (ch === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) return undefined;
      out.push({ kind: 'literal', text: text.slice(i, close + 1), spaceBefore: space });
      i = close + 1;
    } else if ('@.,:;<>)'.includes(ch)) {
      // A ")" without its "(" is an operator too (tok822_parse); as an atom it would never end.
      out.push({ kind: 'special', text: ch, spaceBefore: space });
      i++;
    } else {
      let j = i;
      while (j < text.length && !' \t()"[@.,:;<>'.includes(text[j])) j++;
      out.push({ kind: 'atom', text: text.slice(i, j), spaceBefore: space });
      i = j;
    }
    space = false;
  }
  return out;
}

/**
 * True when the tokens form one address: words joined by dots and "@"s (Postfix keeps "a@b@c"
 * whole), with no second address beside it ("two words", "a@b,c@d" are two).
 */
function isSingleAddress(tokens: Token[]): boolean {
  let lastWasWord = false;
  for (const t of tokens) {
    const word = t.kind === 'atom' || t.kind === 'quoted' || t.kind === 'literal';
    if (word) {
      if (lastWasWord) return false;
      lastWasWord = true;
      continue;
    }
    if (t.text !== '.' && t.text !== '@') return false;
    lastWasWord = false;
  }
  return true;
}

/** The domain of an envelope address must be a host name or an address literal Postfix accepts. */
function validDomain(domain: string): boolean {
  if (domain.startsWith('[')) {
    const inner = domain.slice(1, -1);
    return parseIp(inner.replace(/^ipv6:/i, '')) !== undefined && (!inner.includes(':') || /^ipv6:/i.test(inner));
  }
  return /^[A-Za-z0-9_\x80-\uffff]([A-Za-z0-9_\x80-\uffff-]*[A-Za-z0-9_\x80-\uffff])?(\.[A-Za-z0-9_\x80-\uffff]([A-Za-z0-9_\x80-\uffff-]*[A-Za-z0-9_\x80-\uffff])?)*\.?$/.test(domain);
}

export interface ExtractResult {
  ok: boolean;
  /** The address without brackets or route, as the client wrote it otherwise. */
  address: string;
  /** smtpd logs "Illegal address syntax" for this refusal (not for unbalanced brackets or quotes). */
  warn: boolean;
}

export function extractEnvelopeAddress(arg: string, opts: ExtractOptions): ExtractResult {
  const text = arg.trim();
  const opens = (text.match(/</g) ?? []).length;
  const closes = (text.match(/>/g) ?? []).length;
  // An unclosed "<" (or quote, comment, literal) is refused quietly; surplus ">" are ignored.
  if (opens > closes) return { ok: false, address: text, warn: false };
  if (opts.strict && !text.startsWith('<')) return { ok: false, address: text, warn: true };
  // Brackets around the address go; one inside it ("<a>b>") makes two addresses.
  const inner = text.replace(/^<+/, '').replace(/>+$/, '').trim();
  // A source route (@relay1,@relay2:user@domain) is dropped, as RFC 5321 allows.
  const route = /^@[^:]*:(.*)$/.exec(inner);
  const bare = route ? route[1] : inner;
  if (bare === '') return { ok: opts.allowEmpty, address: '', warn: !opts.allowEmpty };
  const tokens = tokenize822(bare);
  if (!tokens) return { ok: false, address: bare, warn: false };
  if (!isSingleAddress(tokens)) return { ok: false, address: bare, warn: true };
  const { domain } = splitAddress(bare);
  if (domain !== undefined && (domain === '' || !validDomain(domain))) return { ok: false, address: bare, warn: true };
  return { ok: true, address: requote(bare), warn: false };
}

/** A local part that may go without quotes: a dot-atom of RFC 5322 atext. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\x80-\uffff-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\x80-\uffff-]+)*$/;

/**
 * Postfix keeps addresses in an internal, unquoted form and quotes a local part again only when
 * it has to: "alice"@example.com becomes alice@example.com, "john doe"@example.org stays quoted.
 */
export function requote(address: string): string {
  const { local, domain } = splitAddress(address);
  if (!local.startsWith('"')) return address;
  const bare = unquoteLocal(local);
  const quoted = DOT_ATOM.test(bare) ? bare : `"${bare.replace(/(["\\])/g, '\\$1')}"`;
  return domain === undefined ? quoted : `${quoted}@${domain}`;
}

/** Splits at the last "@" outside quotes; no "@" gives a bare local part. */
export function splitAddress(address: string): { local: string; domain: string | undefined } {
  let inQuote = false;
  let at = -1;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === '\\') i++;
    else if (ch === '"') inQuote = !inQuote;
    else if (ch === '@' && !inQuote) at = i;
  }
  if (at < 0) return { local: address, domain: undefined };
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

/** The local part with quotes removed, as lookups see it ("two words"@x -> two words). */
export function unquoteLocal(local: string): string {
  if (local.startsWith('"') && local.endsWith('"') && local.length >= 2) return local.slice(1, -1).replace(/\\(.)/g, '$1');
  return local;
}

export function hasNonAscii(text: string): boolean {
  return /[^\x00-\x7f]/.test(text);
}
