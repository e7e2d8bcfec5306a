/**
 * Commands on mailboxes by name: SELECT and EXAMINE (open one read-write or read-only), LIST,
 * LSUB and STATUS. INBOX is the spool local delivery writes; other folders live under the
 * mail root (mailFolders.ts).
 */
import { argText } from './imapArgs';
import { flagsAnnouncement } from './imapFlags';
import { modseqOf } from './modseq';
import { commandError, no, ok, type CommandContext, type CommandResult } from './imapProcess';
import { imapAString } from './imapQuote';
import { SelectedMailbox } from './selectedMailbox';
import { wireSize } from '../wireText';

const STATUS_ORDER = ['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'HIGHESTMODSEQ', 'SIZE'];

/** Opening a directory of mbox storage as a mailbox (SELECT, STATUS, APPEND, COPY). */
export const NOT_SELECTABLE = "Mailbox isn't selectable";

export function folders(ctx: CommandContext) {
  return ctx.svc.folders(ctx.s.user ?? '');
}

/** INBOX is written INBOX whatever case the client used; folders as they were created. */
export function canonicalName(name: string): string {
  return name.toUpperCase() === 'INBOX' ? 'INBOX' : name;
}

export function select(ctx: CommandContext, readOnly: boolean): CommandResult {
  const name = argText(ctx.args[0]);
  if (name === undefined || ctx.args.length > 2) return commandError(ctx, 'Invalid arguments');
  // SELECT mailbox (CONDSTORE) switches CONDSTORE on as ENABLE would (RFC 7162)
  const params = ctx.args[1];
  if (params?.type === 'list' && params.items.some((p) => p.type === 'atom' && p.value.toUpperCase() === 'CONDSTORE')) ctx.s.enabled.add('CONDSTORE');
  const untagged: string[] = [];
  if (ctx.s.selected) {
    untagged.push('* OK [CLOSED] Previous mailbox closed.');
    ctx.s.selected = undefined;
    ctx.s.phase = 'authenticated';
  }
  const box = folders(ctx).box(name);
  if (!box) return no(folders(ctx).isDirectory(name) ? NOT_SELECTABLE : `Mailbox doesn't exist: ${name}`, untagged);
  const view = new SelectedMailbox(box, canonicalName(name), readOnly);
  if (!readOnly) folders(ctx).unmark(name);
  ctx.s.selected = view;
  ctx.s.phase = 'selected';
  untagged.push(...flagsAnnouncement(view.keywords, readOnly), `* ${view.count} EXISTS`, `* ${view.recent.size} RECENT`);
  const unseen = view.firstUnseen();
  if (unseen !== undefined) untagged.push(`* OK [UNSEEN ${unseen}] First unseen.`);
  untagged.push(`* OK [UIDVALIDITY ${box.uidValidity}] UIDs valid`, `* OK [UIDNEXT ${box.uidNext}] Predicted next UID`);
  if (ctx.s.enabled.has('CONDSTORE') || ctx.s.enabled.has('QRESYNC')) untagged.push(`* OK [HIGHESTMODSEQ ${modseqOf(box).highest}] Highest`);
  return ok(readOnly ? '[READ-ONLY] Examine completed' : '[READ-WRITE] Select completed', untagged);
}

export function list(ctx: CommandContext, subscribed: boolean): CommandResult {
  // LIST-EXTENDED (RFC 5258): LIST (selection options) reference pattern RETURN (return options)
  let args = ctx.args;
  const selection: string[] = [];
  const returning: string[] = [];
  let extended = false;
  if (!subscribed && args[0]?.type === 'list') {
    for (const o of args[0].items) selection.push(argText(o)?.toUpperCase() ?? '');
    args = args.slice(1);
    extended = true;
  }
  const reference = argText(args[0]);
  const pattern = argText(args[1]);
  if (reference === undefined) return commandError(ctx, 'Invalid reference');
  if (pattern === undefined) return commandError(ctx, 'Invalid arguments');
  if (!subscribed && args[2]?.type === 'atom' && args[2].value.toUpperCase() === 'RETURN' && args[3]?.type === 'list') {
    for (const o of args[3].items) returning.push(argText(o)?.toUpperCase() ?? '');
    extended = true;
  }
  const verb = subscribed ? 'LSUB' : 'LIST';
  const done = subscribed ? 'Lsub completed' : 'List completed';
  const f = folders(ctx);
  const sep = f.separator;
  if (pattern === '' && !subscribed) return ok(done, [`* LIST (\\Noselect) "${sep}" ""`]);
  const onlySubscribed = selection.includes('SUBSCRIBED');
  // cmd-list.c: children flags only when asked for (a plain LIST always asks), \Subscribed only then too
  const children = !extended || returning.includes('CHILDREN');
  const showSubscribed = onlySubscribed || returning.includes('SUBSCRIBED');
  const lines: string[] = [];
  const flagText = (flags: string[]) => `(${flags.join(' ')})`;
  for (const entry of f.entries()) {
    const name = entry.name;
    if (!matchesPattern(name, reference + pattern, sep)) continue;
    if (subscribed) {
      if (f.subscribed.has(name)) lines.push(`* LSUB () "${sep}" ${imapAString(name)}`);
      continue;
    }
    if (onlySubscribed && !f.subscribed.has(name)) continue;
    const flags: string[] = [];
    if (showSubscribed && f.subscribed.has(name)) flags.push('\\Subscribed');
    if (entry.directory) {
      flags.push('\\Noselect');
      if (children) flags.push(entry.hasChildren ? '\\HasChildren' : '\\HasNoChildren');
    } else if (sep === '.') {
      // a Maildir++ folder can have children; an mbox file cannot
      if (children) flags.push(entry.hasChildren ? '\\HasChildren' : '\\HasNoChildren');
      if (onlySubscribed ? f.isMarkedByStat(name) : f.isMarked(name)) flags.push('\\Marked');
    } else {
      flags.push('\\NoInferiors');
      // a walk of the mail root knows what this session wrote; a lookup by name stat()s the file
      if (onlySubscribed ? f.isMarkedByStat(name) : f.isMarked(name)) flags.push('\\Marked');
    }
    lines.push(`* ${verb} ${flagText(flags)} "${sep}" ${imapAString(name)}`);
  }
  if (matchesPattern('INBOX', reference + pattern, sep)) {
    if (subscribed) {
      if (f.subscribed.has('INBOX')) lines.push(`* LSUB () "${sep}" INBOX`);
    } else if (!onlySubscribed || f.subscribed.has('INBOX')) {
      const flags: string[] = [];
      if (showSubscribed && f.subscribed.has('INBOX')) flags.push('\\Subscribed');
      if (children) flags.push('\\HasNoChildren');
      lines.push(`* LIST ${flagText(flags)} "${sep}" INBOX`);
    }
  }
  return ok(done, lines);
}

/** LIST wildcards: "*" matches anything, "%" anything but the hierarchy separator; INBOX in any case. */
function matchesPattern(name: string, pattern: string, sep = '/'): boolean {
  const re = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/%/g, sep === '.' ? '[^.]*' : '[^/]*');
  return new RegExp(`^${re}$`, name === 'INBOX' ? 'i' : '').test(name);
}

export function status(ctx: CommandContext): CommandResult {
  const name = argText(ctx.args[0]);
  const items = ctx.args[1];
  if (name === undefined || !items || items.type !== 'list') return commandError(ctx, 'Invalid arguments');
  const wanted: string[] = [];
  for (const i of items.items) {
    const item = argText(i)?.toUpperCase();
    if (!item || !STATUS_ORDER.includes(item)) return commandError(ctx, `Invalid status item ${item ?? ''}`.trim());
    wanted.push(item);
  }
  const box = folders(ctx).box(name);
  if (!box) return no(folders(ctx).isDirectory(name) ? NOT_SELECTABLE : `Mailbox doesn't exist: ${name}`);
  const selected = ctx.s.selected?.box === box ? ctx.s.selected : undefined;
  folders(ctx).unmark(name);
  const values: Record<string, number> = {
    MESSAGES: box.messages.length,
    RECENT: selected ? selected.recent.size : box.messages.filter((m) => m.recent).length,
    UIDNEXT: box.uidNext,
    UIDVALIDITY: box.uidValidity,
    UNSEEN: box.messages.filter((m) => !m.flags.has('\\Seen')).length,
    HIGHESTMODSEQ: modseqOf(box).highest,
    SIZE: box.messages.reduce((n, m) => n + wireSize(m.text), 0),
  };
  const parts = STATUS_ORDER.filter((k) => wanted.includes(k)).map((k) => `${k} ${values[k]}`);
  const line = `* STATUS ${imapAString(canonicalName(name))} (${parts.join(' ')})`;
  return ok(selected ? '[CLIENTBUG] Status on selected mailbox completed' : 'Status completed', [line]);
}
