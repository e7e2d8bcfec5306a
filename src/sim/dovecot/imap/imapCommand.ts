/**
 * The head of an IMAP command line: tag, command name (and UID's sub-command), the rest. A
 * tag must be a non-empty atom without "+" (imap-parser's is_valid_tag); a line without one is
 * answered "* BAD".
 */

export type CommandHead =
  | { ok: true; tag: string; name: string; uid: boolean; rest: string }
  | { ok: false; tag?: string };

const TAG = /^[^\s(){%*"\\+\]\x00-\x1f\x7f]+$/;

export function parseCommandHead(text: string): CommandHead {
  const firstLine = text.split('\r\n')[0];
  const space = firstLine.indexOf(' ');
  const tag = space < 0 ? firstLine : firstLine.slice(0, space);
  if (!TAG.test(tag)) return { ok: false };
  if (space < 0) return { ok: false, tag };
  let rest = text.slice(space + 1);
  let name = takeWord(rest);
  if (name === '') return { ok: false, tag };
  rest = rest.slice(name.length).replace(/^ /, '');
  name = name.toUpperCase();
  if (name === 'UID') {
    const sub = takeWord(rest);
    if (sub === '') return { ok: false, tag };
    rest = rest.slice(sub.length).replace(/^ /, '');
    return { ok: true, tag, name: sub.toUpperCase(), uid: true, rest };
  }
  return { ok: true, tag, name, uid: false, rest };
}

function takeWord(text: string): string {
  const m = /^[^ \r\n]*/.exec(text);
  return m ? m[0] : '';
}
