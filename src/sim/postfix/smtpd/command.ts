/**
 * One SMTP command line into a command event, as Postfix's smtpd tokenizes it: words split on
 * white space, <...> and "..." kept whole, and "FROM:<addr>" / "TO:<addr>" split after the colon.
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
  /** The verb as the client typed it. */
  word: string;
  /** The whole line as received. */
  line: string;
}

/** Splits a command line the way smtpd_token() does. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= n) break;
    let tok = '';
    while (i < n && line[i] !== ' ' && line[i] !== '\t') {
      const ch = line[i];
      if (ch === '<') {
        const close = line.indexOf('>', i);
        if (close < 0) {
          tok += line.slice(i);
          i = n;
          break;
        }
        tok += line.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      if (ch === '"') {
        let j = i + 1;
        while (j < n && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
        tok += line.slice(i, Math.min(j + 1, n));
        i = j + 1;
        continue;
      }
      tok += ch;
      i++;
    }
    out.push(tok);
  }
  return out;
}

export function parseSmtpdCommand(line: string): SmtpdCommand {
  const argv = tokenize(line);
  const word = argv[0] ?? '';
  const upper = word.toUpperCase();
  const verb = (SMTPD_VERBS as readonly string[]).includes(upper) ? (upper as SmtpdVerb) : 'UNKNOWN';
  let args = argv.slice(1);
  // "MAIL FROM:<a@b>" and "RCPT TO:a@b" carry the address glued to the keyword.
  if ((verb === 'MAIL' || verb === 'RCPT') && args.length > 0) {
    const m = /^(FROM|TO):(.+)$/i.exec(args[0]);
    if (m) args = [`${m[1]}:`, m[2], ...args.slice(1)];
  }
  return { verb, args, word, line };
}

/** Header-like lines ("Subject: hi") that a confused client sends as a command. */
export function looksLikeHeader(word: string): boolean {
  return /^[!-9;-~]+:$/.test(word) || /^[!-9;-~]+:/.test(word);
}
