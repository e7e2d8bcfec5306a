/**
 * A POP3 command line as Dovecot splits it: the name up to the first space (upper-cased), the
 * rest as arguments. After login the pop3 process also skips spaces before the arguments; the
 * login process does not.
 */

export interface Pop3Command {
  /** Upper-cased command name ('' for an empty line). */
  name: string;
  args: string;
}

export function parsePop3Command(line: string, afterLogin: boolean): Pop3Command {
  const space = line.indexOf(' ');
  const name = (space < 0 ? line : line.slice(0, space)).toUpperCase();
  let args = space < 0 ? '' : line.slice(space + 1);
  if (afterLogin) args = args.replace(/^ +/, '');
  return { name, args };
}

/** The result of Dovecot's get_msgnum(): a message index (0-based) or the error reply. */
export type MsgnumResult = { ok: true; index: number; rest: string } | { ok: false; reply: string };

/**
 * Parses a message number the way pop3-commands.c does: digits first ("Invalid message
 * number"), then nothing (or a space when more follows: "Noise after message number"), then
 * within range ("There's no message N.").
 */
export function parseMsgnum(args: string, count: number, thenSpace: boolean): MsgnumResult {
  const m = /^\d+/.exec(args);
  if (!m) return { ok: false, reply: `-ERR Invalid message number: ${args}` };
  const digits = m[0];
  const rest = args.slice(digits.length);
  // str_parse_uint() moves the argument pointer past the digits unless they overflow 64 bits.
  if (exceedsUint64(digits)) return { ok: false, reply: `-ERR Message number too large: ${args}` };
  if (Number(digits) > 0xffffffff) return { ok: false, reply: `-ERR Message number too large: ${rest}` };
  if (thenSpace ? !rest.startsWith(' ') : rest !== '') return { ok: false, reply: `-ERR Noise after message number: ${rest}` };
  const num = Number(digits);
  if (num === 0 || num > count) return { ok: false, reply: `-ERR There's no message ${num}.` };
  return { ok: true, index: num - 1, rest: rest.replace(/^ +/, '') };
}

/** TOP's line count (get_size): digits and nothing after them. */
export function parseSize(args: string): { ok: true; size: number } | { ok: false; reply: string } {
  const m = /^\d+/.exec(args);
  if (!m) return { ok: false, reply: `-ERR Invalid size: ${args}` };
  const rest = args.slice(m[0].length);
  if (exceedsUint64(m[0])) return { ok: false, reply: `-ERR Size too large: ${args}` };
  if (rest !== '') return { ok: false, reply: `-ERR Noise after size: ${rest}` };
  return { ok: true, size: Number(m[0]) };
}

const UINT64_MAX = '18446744073709551615';

/** Do these decimal digits overflow str_parse_uintmax()'s 64 bits? */
function exceedsUint64(digits: string): boolean {
  const significant = digits.replace(/^0+(?=\d)/, '');
  if (significant.length !== UINT64_MAX.length) return significant.length > UINT64_MAX.length;
  return significant > UINT64_MAX;
}
