/**
 * smtp_reply_footer(): the text smtpd_reject_footer adds under a 4xx or 5xx reply. Every line of
 * the reply becomes a continuation line ("550-"), and each footer line repeats the reply code and
 * the enhanced status code of the reply's first line ("550 5.1.1 For help ..."). In the template,
 * the two characters "\n" start a new footer line, and "\c" at its very start glues the first
 * footer line to the end of the reply's last line instead.
 */

/** dsn_valid(): the length of an enhanced status code ("5.1.1") at the start of `text`, or 0. */
function dsnLength(text: string): number {
  const m = /^[245]\.\d{1,3}\.\d{1,3}(?= |$)/.exec(text);
  return m ? m[0].length : 0;
}

/**
 * The reply with the footer under it. `expand` turns one footer line of the template into text
 * ($name expansion); a reply that is not "ddd text" lines is left as it is.
 */
export function addReplyFooter(lines: readonly string[], template: string, expand: (part: string) => string): string[] {
  if (lines.length === 0 || !lines.every((l) => /^\d{3}[ -]/.test(l))) return [...lines];
  const out = lines.map((l) => `${l.slice(0, 3)}-${l.slice(4)}`);
  const code = lines[0].slice(0, 3);
  const dsnLen = dsnLength(lines[0].slice(4));
  const dsn = dsnLen > 0 ? `${lines[0].slice(4, 4 + dsnLen)} ` : '';
  const parts = template.split('\\n');
  let added = false;
  parts.forEach((part, i) => {
    if (i === 0 && part.startsWith('\\c')) {
      out[out.length - 1] += expand(part.slice(2));
      return;
    }
    out.push(`${code}${i < parts.length - 1 ? '-' : ' '}${dsn}${expand(part)}`);
    added = true;
  });
  // Only "\c" text: the reply's last line is still its last line.
  if (!added) out[out.length - 1] = `${code} ${out[out.length - 1].slice(4)}`;
  return out;
}
