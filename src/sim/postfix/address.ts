/**
 * Envelope addresses as Postfix reads them from MAIL FROM / RCPT TO: with or without <>, a source
 * route dropped, exactly one address allowed ("two words@example.com" is two, so it is refused).
 */

export interface ExtractResult {
  ok: boolean;
  /** The address without brackets or route, as the client wrote it otherwise. */
  address: string;
}

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
    } else if ('@.,:;<>'.includes(ch)) {
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
 * True when the tokens form exactly one address: words joined by dots, then optionally "@" and a
 * domain. Two words side by side ("two words") or a second "@" make two addresses, as tok822
 * groups them, and smtpd refuses that.
 */
function isSingleAddress(tokens: Token[]): boolean {
  let i = 0;
  const isWord = (t: Token | undefined) => !!t && (t.kind === 'atom' || t.kind === 'quoted');
  const isDot = (t: Token | undefined) => !!t && t.kind === 'special' && t.text === '.';
  let lastWasWord = false;
  while (i < tokens.length && (isWord(tokens[i]) || isDot(tokens[i]))) {
    if (isWord(tokens[i]) && lastWasWord) return false;
    lastWasWord = isWord(tokens[i]);
    i++;
  }
  if (i === tokens.length) return i > 0;
  if (!(tokens[i].kind === 'special' && tokens[i].text === '@')) return false;
  i++;
  if (tokens[i]?.kind === 'literal') return i + 1 === tokens.length;
  lastWasWord = false;
  while (i < tokens.length && (tokens[i].kind === 'atom' || isDot(tokens[i]))) {
    if (tokens[i].kind === 'atom' && lastWasWord) return false;
    lastWasWord = tokens[i].kind === 'atom';
    i++;
  }
  return i === tokens.length;
}

export function extractEnvelopeAddress(arg: string, opts: ExtractOptions): ExtractResult {
  let text = arg.trim();
  const bracketed = text.startsWith('<');
  if (opts.strict && !bracketed) return { ok: false, address: text };
  if (bracketed) {
    if (!text.endsWith('>')) return { ok: false, address: text };
    text = text.slice(1, -1).trim();
  }
  // A source route (@relay1,@relay2:user@domain) is dropped, as RFC 5321 allows.
  const route = /^@[^:]*:(.*)$/.exec(text);
  if (route) text = route[1];
  if (text === '') return { ok: opts.allowEmpty, address: '' };
  const tokens = tokenize822(text);
  if (!tokens || !isSingleAddress(tokens)) return { ok: false, address: text };
  return { ok: true, address: text };
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
