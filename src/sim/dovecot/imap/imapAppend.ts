/**
 * APPEND mailbox [(flags)] ["date-time"] {n}: a message the client uploads, stored with its
 * flags and \Recent, answered with [APPENDUID uidvalidity uid]. Dovecot looks the mailbox up
 * before it invites the literal, so a missing one is refused before the data is sent.
 */
import { argText, parseImapArgs, type ImapArg } from './imapArgs';
import { parseFlag } from './imapFlags';
import { folders, NOT_SELECTABLE } from './imapMailboxCommands';
import { commandError, no, ok, type CommandContext, type CommandResult } from './imapProcess';
import type { ImapServices } from './imapServices';
import type { ImapSessionState } from './imapState';
import { addMailboxKeywords } from './mailboxKeywords';
import { bumpModseq } from './modseq';
import type { Mailbox } from '../../mail/mailStore';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function append(ctx: CommandContext): CommandResult {
  const name = argText(ctx.args[0]);
  // cmd-append.c: no mailbox at all, then no literal where the message size belongs
  if (ctx.args.length === 0) return commandError(ctx, 'Missing arguments');
  let end = 1;
  if (ctx.args[end]?.type === 'list') end++;
  if (ctx.args[end] !== undefined && ctx.args[end].type !== 'literal' && ctx.args[end].type !== 'list') end++;
  if (name !== undefined && ctx.args.length === end && end <= 3) return commandError(ctx, 'Missing message size');
  const message = ctx.args[ctx.args.length - 1];
  if (name === undefined || ctx.args.length < 2 || message.type !== 'literal') return commandError(ctx, 'Invalid arguments');
  let flags: string[] = [];
  let arrived = ctx.svc.epochNow();
  for (const extra of ctx.args.slice(1, -1)) {
    if (extra.type === 'list') {
      const parsed = flagList(extra);
      if (!parsed.ok) return commandError(ctx, parsed.error);
      flags = parsed.flags;
    } else {
      const date = parseDateTime(argText(extra) ?? '');
      if (date === undefined) return commandError(ctx, 'Invalid arguments');
      arrived = date;
    }
  }
  const box = folders(ctx).box(name);
  if (!box) return no(`[TRYCREATE] ${folders(ctx).isDirectory(name) ? NOT_SELECTABLE : `Mailbox doesn't exist: ${name}`}`);
  addMailboxKeywords(box, flags.filter((f) => !f.startsWith('\\')));
  if (ctx.s.selected?.box !== box) settleMaildirNew(box);
  // Dovecot's mbox "From " line names the user at the machine as the sender of an upload.
  const stored = box.append(`${ctx.s.user}@${ctx.svc.hostname}`, arrived, message.value.replace(/\r\n/g, '\n'), flags);
  folders(ctx).mark(name);
  bumpModseq(box, [stored.uid]);
  return ok(`[APPENDUID ${box.uidValidity} ${stored.uid}] Append completed`);
}

function flagList(list: Extract<ImapArg, { type: 'list' }>): { ok: true; flags: string[] } | { ok: false; error: string } {
  const flags: string[] = [];
  for (const item of list.items) {
    if (item.type !== 'atom') return { ok: false, error: 'Invalid arguments' };
    const f = parseFlag(item.value);
    if (!f.ok) return f;
    flags.push(f.flag);
  }
  return { ok: true, flags };
}

/** "05-Jan-2024 10:00:00 +0100" -> epoch ms. */
export function parseDateTime(text: string): number | undefined {
  const m = /^\s?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2].toLowerCase());
  if (month < 0) return undefined;
  const utc = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  const offset = (Number(m[8]) * 60 + Number(m[9])) * (m[7] === '-' ? -1 : 1);
  return utc - offset * 60_000;
}

/**
 * Before "+ OK" for an APPEND literal: the reply refusing it when the mailbox does not exist
 * (the client then never sends the data), or undefined to invite it.
 */
export function appendPrecheck(svc: ImapServices, s: ImapSessionState, partial: string): string | undefined {
  if (s.phase !== 'authenticated' && s.phase !== 'selected') return undefined;
  const m = /^(\S+) APPEND (.*)\{\d+\}$/i.exec(partial.split('\r\n')[0]);
  if (!m) return undefined;
  const args = parseImapArgs(m[2]);
  const name = args.ok ? argText(args.args[0]) : undefined;
  const f = svc.folders(s.user ?? '');
  if (name === undefined || f.box(name)) return undefined;
  return `${m[1]} NO [TRYCREATE] ${f.isDirectory(name) ? NOT_SELECTABLE : `Mailbox doesn't exist: ${name}`} (0.001 + 0.000 secs).`;
}

/**
 * Saving into a Maildir that no session has selected syncs it first: the files waiting in new/
 * move to cur/ and are no longer \Recent for anybody (recorded: imap-maildir-append, SELECT after
 * APPEND shows only the appended message as RECENT). An mbox keeps its recent mail as it is.
 */
export function settleMaildirNew(box: Mailbox): void {
  if (box.format !== 'maildir') return;
  for (const m of box.messages) m.recent = false;
}
