/**
 * Commands on mailboxes by name: SELECT and EXAMINE (open INBOX read-write or read-only),
 * LIST, LSUB and STATUS. The lab's users have one mailbox, INBOX, where local delivery writes.
 */
import { argText } from './imapArgs';
import { flagsAnnouncement } from './imapFlags';
import { commandError, no, ok, type CommandContext, type CommandResult } from './imapProcess';
import { imapAString } from './imapQuote';
import { SelectedMailbox } from './selectedMailbox';
import { wireSize } from '../wireText';

const STATUS_ORDER = ['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'HIGHESTMODSEQ', 'SIZE'];

function isInbox(name: string): boolean {
  return name.toUpperCase() === 'INBOX';
}

export function select(ctx: CommandContext, readOnly: boolean): CommandResult {
  const name = argText(ctx.args[0]);
  if (name === undefined || ctx.args.length > 2) return commandError(ctx, 'Invalid arguments');
  const untagged: string[] = [];
  if (ctx.s.selected) {
    untagged.push('* OK [CLOSED] Previous mailbox closed.');
    ctx.s.selected = undefined;
    ctx.s.phase = 'authenticated';
  }
  if (!isInbox(name)) return no(`Mailbox doesn't exist: ${name}`, untagged);
  const view = new SelectedMailbox(ctx.svc.openInbox(ctx.s.user ?? ''), 'INBOX', readOnly);
  ctx.s.selected = view;
  ctx.s.phase = 'selected';
  untagged.push(...flagsAnnouncement(view.keywords, readOnly), `* ${view.count} EXISTS`, `* ${view.recent.size} RECENT`);
  const unseen = view.firstUnseen();
  if (unseen !== undefined) untagged.push(`* OK [UNSEEN ${unseen}] First unseen.`);
  untagged.push(`* OK [UIDVALIDITY ${view.box.uidValidity}] UIDs valid`, `* OK [UIDNEXT ${view.box.uidNext}] Predicted next UID`);
  if (ctx.s.enabled.has('CONDSTORE') || ctx.s.enabled.has('QRESYNC')) untagged.push(`* OK [HIGHESTMODSEQ ${view.box.messages.length + 1}] Highest`);
  return ok(readOnly ? '[READ-ONLY] Examine completed' : '[READ-WRITE] Select completed', untagged);
}

export function list(ctx: CommandContext, subscribed: boolean): CommandResult {
  const reference = argText(ctx.args[0]);
  const pattern = argText(ctx.args[1]);
  if (reference === undefined) return commandError(ctx, 'Invalid reference');
  if (pattern === undefined) return commandError(ctx, 'Invalid arguments');
  const verb = subscribed ? 'LSUB' : 'LIST';
  const done = subscribed ? 'Lsub completed' : 'List completed';
  if (pattern === '' && !subscribed) return ok(done, ['* LIST (\\Noselect) "/" ""']);
  if (subscribed) return ok(done);
  const lines = matchesPattern('INBOX', reference + pattern) ? [`* ${verb} (\\HasNoChildren) "/" INBOX`] : [];
  return ok(done, lines);
}

/** LIST wildcards: "*" matches anything, "%" anything but the hierarchy separator. */
function matchesPattern(name: string, pattern: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/%/g, '[^/]*')}$`, 'i');
  return re.test(name);
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
  if (!isInbox(name)) return no(`Mailbox doesn't exist: ${name}`);
  const box = ctx.svc.openInbox(ctx.s.user ?? '');
  const selected = ctx.s.selected?.box === box ? ctx.s.selected : undefined;
  const values: Record<string, number> = {
    MESSAGES: box.messages.length,
    RECENT: selected ? selected.recent.size : box.messages.filter((m) => m.recent).length,
    UIDNEXT: box.uidNext,
    UIDVALIDITY: box.uidValidity,
    UNSEEN: box.messages.filter((m) => !m.flags.has('\\Seen')).length,
    HIGHESTMODSEQ: box.messages.length + 1,
    SIZE: box.messages.reduce((n, m) => n + wireSize(m.text), 0),
  };
  const parts = STATUS_ORDER.filter((k) => wanted.includes(k)).map((k) => `${k} ${values[k]}`);
  const line = `* STATUS ${imapAString('INBOX')} (${parts.join(' ')})`;
  return ok(selected ? '[CLIENTBUG] Status on selected mailbox completed' : 'Status completed', [line]);
}
