/**
 * The TRANSACTION state of a pop3 process (pop3-commands.c): STAT, LIST, UIDL, RETR, TOP, DELE,
 * RSET, NOOP, CAPA and QUIT, with Dovecot's exact replies and errors.
 */
import { toCrlf, wireLines, byteLength } from '../wireText';
import { parseSize, type Pop3Command } from './pop3Command';
import type { Pop3Maildrop } from './pop3Maildrop';

export interface Pop3Reply {
  lines: string[];
  /** The command was refused: it counts towards "Too many bad commands". */
  bad?: boolean;
  /** QUIT: enter UPDATE, commit and log out. */
  quit?: boolean;
}

/** CAPA after login: no USER and no SASL any more (pop3-capability.h). */
export const POP3_CAPABILITY_AFTER_LOGIN = ['CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE'];

const ok = (...lines: string[]): Pop3Reply => ({ lines });
const err = (line: string): Pop3Reply => ({ lines: [line], bad: true });

export function handleTransactionCommand(drop: Pop3Maildrop, cmd: Pop3Command): Pop3Reply {
  switch (cmd.name) {
    case 'CAPA':
      return ok('+OK', ...POP3_CAPABILITY_AFTER_LOGIN, '.');
    case 'STAT':
      return ok(`+OK ${drop.count - drop.deleted.size} ${drop.totalSize - drop.deletedSize}`);
    case 'LIST':
      return list(drop, cmd.args);
    case 'UIDL':
      return uidl(drop, cmd.args);
    case 'RETR':
      return retr(drop, cmd.args);
    case 'TOP':
      return top(drop, cmd.args);
    case 'DELE':
      return dele(drop, cmd.args);
    case 'RSET':
      drop.deleted.clear();
      drop.retrieved.clear();
      return ok('+OK');
    case 'NOOP':
      return ok('+OK');
    case 'QUIT':
      return { lines: [], quit: true };
    case '':
      return err('-ERR Unknown command.');
    default:
      return err(`-ERR Unknown command: ${cmd.name}`);
  }
}

function list(drop: Pop3Maildrop, args: string): Pop3Reply {
  if (args === '') {
    const live = drop.live();
    return ok(`+OK ${live.length} messages:`, ...live.map((i) => `${i + 1} ${drop.sizes[i]}`), '.');
  }
  const m = drop.message(args);
  return m.ok ? ok(`+OK ${m.index + 1} ${drop.sizes[m.index]}`) : err(m.reply);
}

function uidl(drop: Pop3Maildrop, args: string): Pop3Reply {
  if (args === '') return ok('+OK', ...drop.live().map((i) => `${i + 1} ${drop.uidls[i]}`), '.');
  const m = drop.message(args);
  return m.ok ? ok(`+OK ${m.index + 1} ${drop.uidls[m.index]}`) : err(m.reply);
}

function dele(drop: Pop3Maildrop, args: string): Pop3Reply {
  const m = drop.message(args);
  if (!m.ok) return err(m.reply);
  drop.deleted.add(m.index);
  return ok('+OK Marked to be deleted.');
}

function retr(drop: Pop3Maildrop, args: string): Pop3Reply {
  const m = drop.message(args);
  if (!m.ok) return err(m.reply);
  const first = `+OK ${drop.sizes[m.index]} octets`;
  const body = messageLines(drop.messages[m.index].text, Infinity);
  drop.counters.retrCount++;
  drop.counters.retrBytes += sentBytes([first, ...body]);
  if (!drop.messages[m.index].flags.has('\\Seen')) drop.retrieved.add(m.index);
  return ok(first, ...body, '.');
}

function top(drop: Pop3Maildrop, args: string): Pop3Reply {
  const m = drop.message(args, true);
  if (!m.ok) return err(m.reply);
  const size = parseSize(m.rest);
  if (!size.ok) return err(size.reply);
  const body = messageLines(drop.messages[m.index].text, size.size);
  drop.counters.topCount++;
  drop.counters.topBytes += sentBytes(['+OK', ...body]);
  return ok('+OK', ...body, '.');
}

/** The header, the empty line and at most `bodyLines` body lines, dot-stuffed. */
function messageLines(text: string, bodyLines: number): string[] {
  const lines = wireLines(toCrlf(text));
  const blank = lines.indexOf('');
  const keep = blank < 0 ? lines : lines.slice(0, Math.min(lines.length, blank + 1 + bodyLines));
  return keep.map((l) => (l.startsWith('.') ? `.${l}` : l));
}

function sentBytes(lines: string[]): number {
  return lines.reduce((n, l) => n + byteLength(l) + 2, 0);
}
