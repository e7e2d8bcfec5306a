/**
 * After login: the pop3 process opens the user's INBOX (which takes the messages' \Recent
 * flags), serves the TRANSACTION state and, at QUIT, the UPDATE state: marked messages are
 * expunged and retrieved ones become \Seen. A client that just disconnects changes nothing.
 */
import { parsePop3Command } from './pop3Command';
import { Pop3Maildrop } from './pop3Maildrop';
import type { Pop3Services } from './pop3Services';
import type { Pop3SessionState } from './pop3State';
import { handleTransactionCommand } from './pop3Transaction';

/** pop3's CLIENT_MAX_BAD_COMMANDS: more refused commands in a row than this end the session. */
const MAX_BAD_COMMANDS = 20;

export function startTransaction(svc: Pop3Services, s: Pop3SessionState, user: string): void {
  const mpid = svc.newPid();
  s.user = user;
  s.mpid = mpid;
  svc.log(`pop3-login: ${s.login.loginLine(user, mpid)}`);
  const inbox = svc.openInbox(user);
  if ('error' in inbox) {
    svc.reply([`-ERR [SYS/PERM] ${inbox.error}`]);
    logOut(svc, s, `Couldn't open INBOX: ${inbox.error}`, false);
    svc.hangUp();
    return;
  }
  for (const m of inbox.messages) m.recent = false;
  s.drop = new Pop3Maildrop(inbox, svc.uidlFormat);
  s.phase = 'transaction';
  svc.reply(['+OK Logged in.']);
}

/** The pop3 process reads command lines into a buffer of MAX_INBUF_SIZE bytes (pop3-client.c). */
const MAX_INBUF_SIZE = 2048;

export function transactionCommand(svc: Pop3Services, s: Pop3SessionState, line: string): void {
  const drop = s.drop;
  if (!drop) return;
  if (new TextEncoder().encode(line).length + 2 > MAX_INBUF_SIZE) {
    // "line too long, kill it"
    svc.reply(['-ERR Input line too long.']);
    logOut(svc, s, 'Input line too long', true);
    svc.hangUp();
    return;
  }
  const reply = handleTransactionCommand(drop, parsePop3Command(line, true));
  if (reply.quit) {
    s.phase = 'update';
    return;
  }
  if (!reply.bad) {
    s.badCommands = 0;
    svc.reply(reply.lines);
    return;
  }
  if (++s.badCommands > MAX_BAD_COMMANDS) {
    svc.reply([...reply.lines, '-ERR Too many bad commands.']);
    logOut(svc, s, 'Too many bad commands.', true);
    svc.hangUp();
    return;
  }
  svc.reply(reply.lines);
}

/** QUIT starts the UPDATE state: commit, say goodbye, log out. */
export function update(svc: Pop3Services, s: Pop3SessionState): void {
  const drop = s.drop;
  if (!drop) return;
  svc.visited?.('update');
  const hadDeletions = drop.deleted.size > 0;
  commit(svc, s, drop);
  svc.reply([hadDeletions ? '+OK Logging out, messages deleted.' : '+OK Logging out.']);
  logOut(svc, s, 'Logged out', true);
  svc.hangUp();
}

/** Expunge what DELE marked, flag what RETR read. */
function commit(svc: Pop3Services, s: Pop3SessionState, drop: Pop3Maildrop): void {
  const user = s.user ?? '';
  const seen = [...drop.retrieved].filter((i) => !drop.deleted.has(i)).map((i) => drop.messages[i]);
  for (const m of seen) m.flags.add('\\Seen');
  if (seen.length > 0) svc.mailboxChanged(user, drop.box.path, 'flags', seen.length);
  if (drop.deleted.size === 0) return;
  const doomed = new Set([...drop.deleted].map((i) => drop.messages[i]));
  const removed = drop.box.expunge((m) => doomed.has(m));
  svc.mailboxChanged(user, drop.box.path, 'expunge', removed.length);
}

/** The client went away: nothing is committed. */
export function transactionLost(svc: Pop3Services, s: Pop3SessionState): void {
  logOut(svc, s, 'Connection closed', true);
}

function logOut(svc: Pop3Services, s: Pop3SessionState, reason: string, withStats: boolean): void {
  const prefix = `pop3(${s.user})<${s.mpid}><${s.login.client.session}>`;
  const stats = withStats && s.drop ? ` ${logoutStats(svc.logoutFormat, s.drop)}` : '';
  svc.log(`${prefix}: Disconnected: ${reason}${stats}`);
  s.phase = 'closed';
}

/** pop3_logout_format: "top=%t/%p, retr=%r/%b, del=%d/%m, size=%s". */
export function logoutStats(format: string, drop: Pop3Maildrop): string {
  const c = drop.counters;
  const values: Record<string, number> = {
    t: c.topCount,
    p: c.topBytes,
    r: c.retrCount,
    b: c.retrBytes,
    d: drop.deleted.size,
    m: drop.count,
    s: drop.totalSize,
  };
  const named: Record<string, number> = { deleted_bytes: drop.deletedSize, top_count: c.topCount, retr_count: c.retrCount };
  return format
    .replace(/%\{(\w+)\}/g, (all, k: string) => (k in named ? String(named[k]) : all))
    .replace(/%([tprbdms])/g, (_, k: string) => String(values[k]));
}
