/**
 * What a well-formed server reply looks like, per protocol. Each function gets one server write
 * (the lines a server sent in one go) and returns what is wrong with it, or undefined.
 */

/** SMTP (RFC 5321 4.2): "250-first", ..., "250 last", one code throughout. */
export function smtpReplyProblem(lines: readonly string[]): string | undefined {
  if (lines.length === 0) return 'an empty reply';
  const code = lines[0].slice(0, 3);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const last = i === lines.length - 1;
    if (!/^[2-5][0-5]\d/.test(line)) return `line ${i + 1} has no reply code: ${JSON.stringify(line.slice(0, 80))}`;
    if (line.slice(0, 3) !== code) return `line ${i + 1} changes the code within one reply: ${JSON.stringify(lines.slice(0, 4))}`;
    const sep = line.charAt(3);
    if (last ? sep !== ' ' && sep !== '' : sep !== '-') return `line ${i + 1} of ${lines.length} has separator ${JSON.stringify(sep)}: ${JSON.stringify(line.slice(0, 80))}`;
    if (/[\r\n]/.test(line)) return `line ${i + 1} carries a line break`;
  }
  return undefined;
}

/**
 * POP3 (RFC 1939): a status line "+OK ..." or "-ERR ...", or a SASL continuation "+ ...";
 * a multi-line answer ends with "." and its dot-starting lines are stuffed.
 */
export function pop3ReplyProblem(lines: readonly string[], multiLine: boolean): string | undefined {
  if (lines.length === 0) return 'an empty reply';
  const first = lines[0];
  if (!/^(\+OK|-ERR)( |$)/.test(first) && !/^\+( |$)/.test(first)) return `no status indicator: ${JSON.stringify(first.slice(0, 80))}`;
  if (lines.length === 1) return undefined;
  // Several single-line replies in one write: an error, then "-ERR Too many bad commands." as it hangs up.
  if (lines.every((l) => /^(\+OK|-ERR)( |$)/.test(l))) return undefined;
  if (!first.startsWith('+OK')) return `a ${first.slice(0, 4)} reply goes on for ${lines.length} lines`;
  if (!multiLine) return `a single-line answer has ${lines.length} lines: ${JSON.stringify(lines.slice(0, 3))}`;
  if (lines[lines.length - 1] !== '.') return `a multi-line answer does not end with "."`;
  for (let i = 1; i < lines.length - 1; i++) if (lines[i] === '.') return `an unstuffed "." at line ${i + 1}`;
  return undefined;
}

/**
 * IMAP (RFC 3501 7): untagged "* ...", continuation "+ ...", or "TAG OK|NO|BAD ..."; literals
 * {n} (and ~{n}) are counted in bytes and skipped. Returns what is wrong, and the tags completed.
 */
export function imapReplyProblem(lines: readonly string[]): { problem?: string; tags: string[] } {
  const bytes = new TextEncoder().encode(lines.map((l) => `${l}\r\n`).join(''));
  const tags: string[] = [];
  let i = 0;
  const lineEnd = (from: number) => {
    for (let j = from; j < bytes.length - 1; j++) if (bytes[j] === 13 && bytes[j + 1] === 10) return j;
    return -1;
  };
  const text = (a: number, b: number) => new TextDecoder().decode(bytes.subarray(a, b));
  while (i < bytes.length) {
    const start = i;
    let end = lineEnd(i);
    if (end < 0) return { problem: 'a response without its CRLF', tags };
    const head = text(start, end);
    if (!/^(\* |\+( |$)|[^\s*+]+ (OK|NO|BAD)( |$))/.test(head) && !/^\+$/.test(head)) return { problem: `not a response: ${JSON.stringify(head.slice(0, 80))}`, tags };
    const tagged = /^([^\s*+]+) (OK|NO|BAD)( |$)/.exec(head);
    if (tagged) tags.push(tagged[1]);
    // A line ending in a literal's size continues after that many bytes.
    for (;;) {
      const tail = text(Math.max(start, end - 16), end);
      const literal = /~?\{(\d+)\+?\}$/.exec(tail);
      if (!literal) break;
      const after = end + 2 + Number(literal[1]);
      if (after > bytes.length) return { problem: `a literal of ${literal[1]} bytes runs past the reply`, tags };
      end = lineEnd(after);
      if (end < 0) return { problem: 'a response ends inside a literal', tags };
    }
    i = end + 2;
  }
  return { tags };
}
