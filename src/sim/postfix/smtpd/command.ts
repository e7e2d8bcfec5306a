/**
 * One SMTP command line into a command event, as Postfix's smtpd tokenizes it: words split on
 * white space (CR, VT and FF included), <...> and "..." kept whole, and "FROM:<addr>" /
 * "TO:<addr>" split after the colon.
 */

export const SMTPD_VERBS = [
  'HELO', 'EHLO', 'XCLIENT', 'XFORWARD', 'STARTTLS', 'AUTH', 'MAIL', 'RCPT', 'DATA', 'BDAT', 'RSET', 'NOOP', 'VRFY', 'ETRN', 'QUIT',
] as const;

export type SmtpdVerb = (typeof SMTPD_VERBS)[number];

export interface SmtpdCommand {
  /** The verb in upper case, or UNKNOWN. */
  verb: SmtpdVerb | 'UNKNOWN';
  /** The tokens after the verb (argv[1..]). */
  args: string[];
  /** For each of args: the input ended inside its <...> or "..." (SMTPD_TOK_ERROR). */
  malformed: boolean[];
  /** The verb as the client typed it. */
  word: string;
  /** The whole line as received. */
  line: string;
}

/** isspace() in the C locale: what smtpd_token() treats as white space between words. */
function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r';
}

/**
 * Reads a <...> or "..." group that starts at `i` (just after the opening character), as
 * smtp_quoted() does: backslash escapes are kept, a "..." inside <...> is read whole (a ">" in
 * it does not close), and <...> nest. Returns the text read and where reading stopped; `open`
 * is true when the input ended before the group was closed.
 */
function quoted(line: string, i: number, first: string, last: string): { text: string; next: number; open: boolean } {
  const stack = [last];
  let text = first;
  while (i < line.length) {
    const c = line[i++];
    text += c;
    const wanted = stack[stack.length - 1];
    if (c === '\\') {
      if (i >= line.length) break;
      text += line[i++];
    } else if (c === wanted) {
      if (stack.length === 1) return { text, next: i, open: false };
      stack.pop();
    } else if (c === '"') {
      stack.push('"');
    } else if (c === '<' && wanted === '>') {
      stack.push('>');
    }
  }
  return { text, next: i, open: true };
}

/** One word of a command line: its text, and whether a <...> or "..." in it was left open. */
export interface SmtpdToken {
  text: string;
  /** SMTPD_TOK_ERROR: the input ended inside <...> or "..." ("MAIL FROM:<a@b"). */
  malformed: boolean;
}

/**
 * Splits a command line the way smtpd_token() does: words end at white space (space, tab, CR,
 * LF, VT, FF), <...> and "..." are read whole, a backslash keeps the next character in the word,
 * and a word that reads "from:" or "to:" ends at its colon ("FROM:<a@b>" is two words).
 */
export function tokenizeDetailed(line: string): SmtpdToken[] {
  const out: SmtpdToken[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    let tok = '';
    let malformed = false;
    while (i < n) {
      const c = line[i++];
      if (isSpace(c)) {
        while (i < n && isSpace(line[i])) i++;
        if (tok.length > 0) break;
      } else if (c === '<' || c === '"') {
        const q = quoted(line, i, c, c === '<' ? '>' : '"');
        tok += q.text;
        i = q.next;
        if (q.open) malformed = true;
      } else if (c === ':') {
        tok += c;
        const lower = tok.toLowerCase();
        if (lower === 'to:' || lower === 'from:') break;
      } else {
        if (c === '\\') {
          tok += c;
          if (i >= n) break;
          tok += line[i++];
          continue;
        }
        tok += c;
      }
    }
    if (tok.length === 0) return out;
    out.push({ text: tok, malformed });
  }
}

/** The words of a command line (see tokenizeDetailed). */
export function tokenize(line: string): string[] {
  return tokenizeDetailed(line).map((t) => t.text);
}

export function parseSmtpdCommand(line: string): SmtpdCommand {
  const tokens = tokenizeDetailed(line);
  const word = tokens[0]?.text ?? '';
  const upper = word.toUpperCase();
  const verb = (SMTPD_VERBS as readonly string[]).includes(upper) ? (upper as SmtpdVerb) : 'UNKNOWN';
  const rest = tokens.slice(1);
  return { verb, args: rest.map((t) => t.text), malformed: rest.map((t) => t.malformed), word, line };
}

/** Header-like lines ("Subject: hi") that a confused client sends as a command. */
export function looksLikeHeader(word: string): boolean {
  return /^[!-9;-~]+:$/.test(word) || /^[!-9;-~]+:/.test(word);
}
