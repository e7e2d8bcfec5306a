/**
 * Message flags in IMAP: the five system flags in Dovecot's order, \Recent, then keywords in
 * the mailbox's order; and the FLAGS / PERMANENTFLAGS lines a SELECT (or a new keyword) sends.
 */

export const SYSTEM_FLAGS = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];

export function formatFlags(flags: ReadonlySet<string>, recent: boolean, keywordOrder: readonly string[]): string {
  const out: string[] = SYSTEM_FLAGS.filter((f) => flags.has(f));
  if (recent) out.push('\\Recent');
  for (const k of keywordOrder) if (flags.has(k)) out.push(k);
  return `(${out.join(' ')})`;
}

/** "* FLAGS (...)" and "* OK [PERMANENTFLAGS (...)] ...". */
export function flagsAnnouncement(keywords: readonly string[], readOnly: boolean): string[] {
  const all = [...SYSTEM_FLAGS, ...keywords].join(' ');
  return [
    `* FLAGS (${all})`,
    readOnly ? '* OK [PERMANENTFLAGS ()] Read-only mailbox.' : `* OK [PERMANENTFLAGS (${all} \\*)] Flags permitted.`,
  ];
}

/** A flag as a client wrote it: a known system flag (canonical case), a keyword, or an error. */
export function parseFlag(text: string): { ok: true; flag: string } | { ok: false; error: string } {
  if (text.startsWith('\\')) {
    const known = SYSTEM_FLAGS.find((f) => f.toLowerCase() === text.toLowerCase());
    return known ? { ok: true, flag: known } : { ok: false, error: `Invalid system flag ${text.toUpperCase()}` };
  }
  return { ok: true, flag: text };
}
